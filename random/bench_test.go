package random_test

import (
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/random"
)

func BenchmarkRandomF32(b *testing.B) {
	g := random.New(1)
	b.SetBytes(4 << 20)
	for b.Loop() {
		g.Random(array.Float32, 1<<20).Free()
	}
}

func BenchmarkStandardNormalF32(b *testing.B) {
	g := random.New(1)
	b.SetBytes(4 << 20)
	for b.Loop() {
		g.StandardNormal(array.Float32, 1<<20).Free()
	}
}

func BenchmarkPermutation(b *testing.B) {
	g := random.New(1)
	b.SetBytes(8 << 20)
	for b.Loop() {
		g.Permutation(1 << 20).Free()
	}
}
