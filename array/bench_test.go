package array

import (
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// nopBackend does nothing, so that benchmarks measure the array
// package's own dispatch: type resolution, the kernel cache, broadcasting
// and collapsing, building the operands.
type nopBackend struct{}

type nopBuffer int

func (n nopBuffer) Size() int { return int(n) }

func (nopBackend) Device() backend.DeviceInfo                               { return backend.DeviceInfo{Kind: "nop"} }
func (nopBackend) Alloc(n int) (backend.Buffer, error)                      { return nopBuffer(n), nil }
func (nopBackend) Free(backend.Buffer)                                      {}
func (nopBackend) Write(backend.Buffer, int, []byte) error                  { return nil }
func (nopBackend) Read([]byte, backend.Buffer, int) error                   { return nil }
func (nopBackend) Copy(backend.Buffer, int, backend.Buffer, int, int) error { return nil }
func (nopBackend) Sync() error                                              { return nil }
func (nopBackend) Reduce(*ir.Reduction, []int, int, backend.Operand, backend.Operand, []ir.Value) error {
	return nil
}
func (nopBackend) Scan(*ir.Reduction, []int, backend.Operand, backend.Operand, []ir.Value) error {
	return nil
}
func (nopBackend) Matmul(dtype.DType, int, backend.Matrix, backend.Matrix, backend.Matrix) error {
	return nil
}
func (nopBackend) Gather([]int, backend.Operand, backend.Operand, backend.Operand, backend.IndexedAxis) error {
	return nil
}
func (nopBackend) Scatter([]int, backend.Operand, backend.Operand, backend.Operand, backend.IndexedAxis) error {
	return nil
}
func (nopBackend) Compact(backend.Buffer, backend.Buffer, int, int) (int, error) { return 0, nil }
func (nopBackend) Elementwise(*ir.Kernel, []int, []backend.Operand, []backend.Operand, []ir.Value) error {
	return nil
}

func BenchmarkDispatch(b *testing.B) {
	d := On(nopBackend{})
	x, y, out := d.Empty(Float32, 1024), d.Empty(Float32, 1024), d.Empty(Float32, 1024)
	b.Run("Add(a,b,out)", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Add(x, y, out)
		}
	})
	b.Run("Mul(a,2,out)", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Mul(x, 2.5, out)
		}
	})
	m, v, mout := d.Empty(Float32, 32, 32), d.Empty(Float32, 32), d.Empty(Float32, 32, 32)
	b.Run("Add(m,row,out)", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Add(m, v, mout)
		}
	})
	b.Run("Add(a,b)", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Add(x, y)
		}
	})
}
