package cpu_test

import (
	"fmt"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// BenchmarkAdd measures out = a + b on contiguous float32 arrays: the
// per-call overhead at 1024 elements, the throughput at 1M.
func BenchmarkAdd(b *testing.B) {
	k := kernelOf(ir.Add, dtype.Float32, dtype.Float32, dtype.Float32)
	for _, n := range []int{1024, 1 << 20} {
		b.Run(fmt.Sprint("float32/", n), func(b *testing.B) {
			be := cpu.New(0)
			op := func() backend.Operand {
				buf, _ := be.Alloc(4 * n)
				return backend.Operand{Buf: buf, DType: dtype.Float32, Strides: []int{1}}
			}
			in, out := []backend.Operand{op(), op()}, []backend.Operand{op()}
			shape := []int{n}
			b.SetBytes(int64(12 * n))
			b.ReportAllocs()
			for b.Loop() {
				if err := be.Elementwise(k, shape, out, in, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFused measures a*x + y with a scalar a and a transposed x.
func BenchmarkFused(b *testing.B) {
	f32 := dtype.Float32
	k := &ir.Kernel{Inputs: []dtype.DType{f32, f32}, Scalars: []dtype.DType{f32},
		Outputs: []*ir.Node{ir.Apply(ir.Add, f32, ir.Apply(ir.Mul, f32, ir.Param(0, f32), ir.In(0, f32)), ir.In(1, f32))}}
	n := 1024
	be := cpu.New(0)
	buf := func() backend.Buffer { x, _ := be.Alloc(4 * n * n); return x }
	in := []backend.Operand{{Buf: buf(), DType: f32, Strides: []int{1, n}}, {Buf: buf(), DType: f32, Strides: []int{n, 1}}}
	out := []backend.Operand{{Buf: buf(), DType: f32, Strides: []int{n, 1}}}
	b.SetBytes(int64(12 * n * n))
	b.ReportAllocs()
	for b.Loop() {
		if err := be.Elementwise(k, []int{n, n}, out, in, []ir.Value{{0x40000000}}); err != nil {
			b.Fatal(err)
		}
	}
}
