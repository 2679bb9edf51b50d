package kernel_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/backend/cuda"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/cugo/cugo/kernel"
	"github.com/stretchr/testify/require"
)

// reduceRecorder is a recorder that also records the reductions it is
// handed: their count, the last one and its inputs (no C run).
type reduceRecorder struct {
	recorder
	reductions int
	r          *ir.Reduction
	shape      []int
	ins        []backend.Operand
}

func (c *reduceRecorder) Reduce(r *ir.Reduction, shape []int, nred int, out, in backend.Operand, scalars []ir.Value) error {
	return c.ReduceMany(r, shape, nred, out, []backend.Operand{in}, scalars)
}

// ReduceMany records copies: the slices a backend is handed are the
// caller's scratch, valid during the call only.
func (c *reduceRecorder) ReduceMany(r *ir.Reduction, shape []int, nred int, out backend.Operand, ins []backend.Operand, scalars []ir.Value) error {
	c.reductions++
	c.r, c.shape, c.ins = r, slices.Clone(shape), slices.Clone(ins)
	for i := range c.ins {
		c.ins[i].Strides = slices.Clone(c.ins[i].Strides)
	}
	return nil
}

// A Reduction of arrays of one layout is one map-reduce kernel that
// reads them all (the scalar between them stays a scalar), whose CUDA
// code NVRTC compiles; arrays of two layouts map first into a temporary.
func TestReductionOfArraysOfOneLayoutIsOneKernel(t *testing.T) {
	rec := &reduceRecorder{recorder: recorder{Backend: cpu.New(0)}}
	d := array.On(rec)
	axpyDot, err := kernel.NewReduction("T x, float64 s, T y", "T z", "(x * s + y) * y", "a + b", "", "0", "axpy_dot")
	require.NoError(t, err)
	x, y := d.Zeros(array.Float32, 4, 600), d.Zeros(array.Float32, 4, 600)
	require.NoError(t, axpyDot.Call(x, 2, y, kernel.Axes{1}).Err())
	require.Nil(t, rec.k, "no elementwise map")
	require.Equal(t, 1, rec.reductions)
	require.Equal(t, []dtype.DType{dtype.Float32}, rec.r.More)
	require.Equal(t, []dtype.DType{dtype.Float64}, rec.r.Scalars)
	require.Equal(t, []ir.CParam{{Name: "y", DType: dtype.Float32}}, rec.r.C.More)
	require.Len(t, rec.ins, 2)
	require.Equal(t, rec.ins[0].Strides, rec.ins[1].Strides)

	t.Run("compiles", func(t *testing.T) {
		kerneltest.NeedNVRTC(t)
		var units []cgen.ReductionUnit
		for _, ls := range cuda.ReduceLayouts(rec.r, rec.shape, 1, backend.Operand{Strides: []int{1}}, rec.ins[0], 132) {
			for _, l := range ls {
				units = append(units, cgen.ReductionUnit{R: rec.r, Layout: l})
			}
		}
		srcs, err := cgen.RenderReductions(units, cgen.CUDA)
		require.NoError(t, err)
		_, err = kerneltest.CUDA(srcs[0].Code)
		require.NoError(t, err)
	})

	rec.reductions = 0
	require.NoError(t, axpyDot.Call(x, 2, y.Index(array.I(0)), kernel.Axes{1}).Err())
	require.NotNil(t, rec.k, "broadcast: the map first")
	require.Equal(t, 1, rec.reductions)
	require.Empty(t, rec.r.More)
}

// A dot of two arrays of one layout on the GPU, against the array
// package's sum of products (float64 within 1e-12, float32 1e-5).
func TestDotReductionOfOneLayout(t *testing.T) {
	dot, err := kernel.NewReduction("T x, T y", "T z", "x * y", "a + b", "", "0", "dot")
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		r := rand.New(rand.NewPCG(5, 6))
		for _, c := range []struct {
			dt   array.DType
			rtol float64
		}{{array.Float32, 1e-5}, {array.Float64, 1e-12}} {
			for _, shape := range [][]int{{7, 301}, {2, 100003}} {
				host := make([]float64, 2*shape[0]*shape[1])
				for i := range host {
					host[i] = r.NormFloat64()
				}
				xy := array.FromSliceOn(d, host, 2, shape[0], shape[1]).AsType(c.dt)
				x, y := xy.Index(array.I(0)), xy.Index(array.I(1))
				near(t, dot.Call(x, y, kernel.Axes{1}), x.Mul(y).Sum(array.Axis(1)), c.rtol)
				near(t, dot.Call(x.T(), y.T(), kernel.Axes{0}), x.Mul(y).Sum(array.Axis(1)), c.rtol)
			}
		}
	})
}
