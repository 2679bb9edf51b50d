package main

import (
	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/random"
)

// benchRandom times a draw of e.n float32 values into a new array each
// call (freed when done), as cupy.random.rand(n, dtype=float32) does:
// output bytes per second.
func benchRandom(draw func(g *random.Generator, n int) *array.Array) func(e *benchEnv) (float64, error) {
	return func(e *benchEnv) (float64, error) {
		g := random.NewOn(e.dev, 1)
		d, err := e.deviceTime(20, func() error {
			a := draw(g, e.n)
			defer a.Free()
			return a.Err()
		})
		return gbs(4*e.n, d), err
	}
}

func drawUniform(g *random.Generator, n int) *array.Array { return g.Random(array.Float32, n) }

func drawNormal(g *random.Generator, n int) *array.Array { return g.StandardNormal(array.Float32, n) }
