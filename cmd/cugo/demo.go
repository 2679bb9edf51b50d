package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
)

// runDemo is the main job: an explicit 2-D heat-diffusion simulation, the
// kind of stencil loop users write with NumPy slicing, run end to end on
// the default backend (the GPU when there is one).
func runDemo(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("demo")
	side := fs.Int("n", 0, "grid side (default 4096 on a GPU, 512 on the CPU)")
	steps := fs.Int("steps", 0, "time steps (default 500 on a GPU, 100 on the CPU)")
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	b, err := backend.Default()
	if err != nil {
		return err
	}
	dev := b.Device()
	if dev.Kind == "cpu" {
		fmt.Fprintln(stdout, "no GPU found: running on the CPU")
		for _, why := range backend.Skipped() {
			fmt.Fprintf(stdout, "  (%s)\n", firstLine(why))
		}
		defaultTo(side, 512)
		defaultTo(steps, 100)
	} else {
		fmt.Fprintf(stdout, "running on %s:%d, %s (%s)\n", dev.Kind, dev.Ordinal, dev.Name, dev.Arch)
		defaultTo(side, 4096)
		defaultTo(steps, 500)
	}
	if *side < 3 || *steps < 1 {
		return errors.New("need -n >= 3 and -steps >= 1")
	}
	fmt.Fprintf(stdout, "2-D heat diffusion: %dx%d float32 grid, %d steps\n", *side, *side, *steps)

	t0 := time.Now()
	u, err := diffuse(array.On(b), *side, *steps)
	if err != nil {
		return err
	}
	elapsed := time.Since(t0)
	center, err := array.Item[float32](u.Index(array.I(*side/2), array.I(*side/2)))
	if err != nil {
		return err
	}
	edge, err := array.Item[float32](u.Index(array.I(*side/2), array.I(*side*3/8-1)))
	if err != nil {
		return err
	}
	// Each step makes 7 passes that read 2 grids and write 1.
	bytes := float64(*steps) * 7 * 3 * 4 * float64(*side) * float64(*side)
	fmt.Fprintf(stdout, "done in %v: %.2f ms a step, %.1f GB/s effective\n",
		elapsed.Round(time.Millisecond), elapsed.Seconds()*1e3/float64(*steps), bytes/elapsed.Seconds()/1e9)
	fmt.Fprintf(stdout, "temperature at the centre: %.6f, just outside the hot square: %.6f\n", center, edge)
	return nil
}

func defaultTo(v *int, def int) {
	if *v == 0 {
		*v = def
	}
}

// diffuse runs steps of u += alpha * laplacian(u) on a side x side grid
// whose edges are held at 0 and whose centre square starts hot. Every
// step writes into buffers made once, so the loop allocates nothing.
func diffuse(d *array.Device, side, steps int) (*array.Array, error) {
	const alpha = 0.2 // stable for alpha <= 0.25
	u := d.Zeros(array.Float32, side, side)
	hot := u.Index(array.S(side*3/8, side*5/8), array.S(side*3/8, side*5/8))
	if err := hot.Set(1); err != nil {
		return nil, err
	}
	next := d.Zeros(array.Float32, side, side)
	inner := array.S(1, side-1)
	up, down := array.S(0, side-2), array.S(2, side)
	lap := d.Empty(array.Float32, side-2, side-2)
	tmp := d.Empty(array.Float32, side-2, side-2)
	for range steps {
		c := u.Index(inner, inner)
		// lap = up + down + left + right - 4c; next = c + alpha*lap
		for _, r := range []*array.Array{
			array.Add(u.Index(up, inner), u.Index(down, inner), lap),
			array.Add(lap, u.Index(inner, up), lap),
			array.Add(lap, u.Index(inner, down), lap),
			array.Mul(c, 4, tmp),
			array.Sub(lap, tmp, lap),
			array.Mul(lap, alpha, lap),
			array.Add(c, lap, next.Index(inner, inner)),
		} {
			if err := r.Err(); err != nil {
				return nil, err
			}
		}
		u, next = next, u
	}
	next.Free()
	lap.Free()
	tmp.Free()
	return u, u.Sync()
}
