package kernel_test

import (
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/race"
	"github.com/cugo/cugo/kernel"
	"github.com/stretchr/testify/require"
)

// recorder is a backend that takes user kernels and records what it is
// handed (the CPU backend's memory, no C run).
type recorder struct {
	backend.Backend
	k            *ir.CKernel
	shape        []int
	out, in, raw []backend.Operand
	scalars      []ir.Value
}

func (r *recorder) ElementwiseC(k *ir.CKernel, shape []int, out, in, raw []backend.Operand, scalars []ir.Value) error {
	r.k, r.shape = k, append(r.shape[:0], shape...)
	r.out, r.in, r.raw = append(r.out[:0], out...), append(r.in[:0], in...), append(r.raw[:0], raw...)
	r.scalars = append(r.scalars[:0], scalars...)
	return nil
}

func (r *recorder) LoadRaw(backend.RawSource) (backend.RawModule, error) {
	return nil, backend.ErrNoCompiler
}

func (r *recorder) LaunchRaw(backend.RawFunction, [3]uint32, [3]uint32, uint32, []backend.RawArg) error {
	return backend.ErrNoCompiler
}

// The array layer hands the backend collapsed, broadcast operands: one
// flat axis for contiguous arrays, stride 0 for a broadcast row, raw
// arrays whole, scalars converted to the parameter's dtype; outputs are
// allocated with the broadcast shape.
func TestElementwiseLaunchOperands(t *testing.T) {
	rec := &recorder{Backend: cpu.New(0)}
	d := array.On(rec)
	k, err := kernel.NewElementwise("T x, T y, raw T r, float64 a", "T z", "z = x", "k")
	require.NoError(t, err)
	x, y := d.Zeros(array.Float32, 4, 6), d.Zeros(array.Float32, 6)
	z := k.Call(x, y, x, 2)
	require.NoError(t, z.Err())
	require.Equal(t, []int{4, 6}, z.Shape())
	require.Equal(t, array.Float32, z.DType())
	require.Equal(t, []int{4, 6}, rec.shape)
	require.Equal(t, []int{0, 1}, rec.in[1].Strides)
	require.Len(t, rec.raw, 1)
	require.Equal(t, []ir.Value{{0x4000000000000000}}, rec.scalars) // 2.0 as float64
	require.Equal(t, []string{"x", "y"}, []string{rec.k.Inputs[0].Name, rec.k.Inputs[1].Name})
	require.Equal(t, "T", rec.k.Types[0].Name)

	k.Call(x, x, x, 2)
	require.Equal(t, []int{24}, rec.shape, "contiguous operands collapse to one axis")
}

// A repeated call into a given output allocates nothing in the kernel
// and array layers (the small_kernel_1k path).
func TestElementwiseCallAllocatesNothing(t *testing.T) {
	if race.Enabled {
		t.Skip("the race detector allocates")
	}
	rec := &recorder{Backend: cpu.New(0)}
	d := array.On(rec)
	k, err := kernel.NewElementwise("float32 x, float32 y", "float32 z", "z = x * 2.0f + y * y - 1.0f", "axpy")
	require.NoError(t, err)
	x, y, out := d.Zeros(array.Float32, 1024), d.Zeros(array.Float32, 1024), d.Zeros(array.Float32, 1024)
	call := func() {
		if err := k.Call(x, y, out).Err(); err != nil {
			t.Fatal(err)
		}
	}
	call()
	require.Zero(t, testing.AllocsPerRun(1000, call))
}

// A kernel whose outputs are all raw walks its inputs' broadcast shape,
// or the size it is given when it has none, and returns the raw output
// it was handed; it still needs that output and, without inputs, a size.
func TestRawOutputsLaunch(t *testing.T) {
	rec := &recorder{Backend: cpu.New(0)}
	d := array.On(rec)
	scatter, err := kernel.NewElementwise("T x, int64 at", "raw T y", "y[at] = x", "scatter")
	require.NoError(t, err)
	x, at, y := d.Zeros(array.Float32, 3, 4), d.Zeros(array.Int64, 4), d.Zeros(array.Float32, 12)
	got := scatter.Call(x, at, y)
	require.NoError(t, got.Err())
	require.Same(t, y, got)
	require.Equal(t, []int{3, 4}, rec.shape, "the inputs' broadcast shape")
	require.Empty(t, rec.out)
	require.Len(t, rec.in, 2)
	require.Len(t, rec.raw, 1)
	require.True(t, rec.k.Raw[0].Out)

	add, err := kernel.NewElementwise("raw T x, raw T y", "raw T z", "z[i] = x[i] + y[i]", "add")
	require.NoError(t, err)
	z := d.Zeros(array.Float32, 12)
	require.Same(t, z, add.Call(y, y, z, kernel.Size(10)))
	require.Equal(t, []int{10}, rec.shape)
	require.Len(t, rec.raw, 3)

	require.ErrorContains(t, add.Call(y, y, z).Err(), "walks no array: give its size")
	require.ErrorContains(t, add.Call(y, y, kernel.Size(10)).Err(), "raw output z must be given")
	require.ErrorContains(t, scatter.Call(x, at).Err(), "raw output y must be given")
	require.ErrorContains(t, scatter.Call(x, at, y, kernel.Size(3)).Err(), "a size is given only to kernels that walk no array")
}
