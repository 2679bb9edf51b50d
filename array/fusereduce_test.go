package array

import (
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
	"github.com/stretchr/testify/require"
)

// launchCounter counts the elementwise and reduction launches of a
// backend.
type launchCounter struct {
	backend.Backend
	elementwise, reduce int
}

func (c *launchCounter) Elementwise(k *ir.Kernel, shape []int, out, in []backend.Operand, scalars []ir.Value) error {
	c.elementwise++
	return c.Backend.Elementwise(k, shape, out, in, scalars)
}

func (c *launchCounter) Reduce(r *ir.Reduction, shape []int, nred int, out, in backend.Operand, scalars []ir.Value) error {
	c.reduce++
	return c.Backend.Reduce(r, shape, nred, out, in, scalars)
}

// A fused expression ending in a reduction gives the bits of the
// unfused chain (each operation NumPy-tested on its own): over every
// axis and one, keeping dims, into an out, with Go scalar operands, for
// several dtypes; Mean divides as Mean does.
func TestFusedReduction(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		r := rand.New(rand.NewPCG(21, 1))
		x0, x1 := Arg(0), Arg(1)
		sq := Fuse(x0.Sub(1).Square())
		for _, dt := range []DType{Float32, Float64, Int32, Int8} {
			a := randomArray(t, d, r, dt, 5, 301)
			b := randomArray(t, d, r, dt, 301)
			want := Square(a.Sub(1))
			requireSame(t, want.Sum(), sq.Sum().Call(a), "sum all "+dt.String())
			requireSame(t, want.Sum(Axis(1)), sq.Sum(Axis(1)).Call(a), "sum axis 1")
			requireSame(t, want.Sum(Axis(0), KeepDims()), sq.Sum(Axis(0), KeepDims()).Call(a), "sum axis 0 keepdims")
			requireSame(t, want.Max(Axis(-1)), sq.Max(Axis(-1)).Call(a), "max")
			requireSame(t, want.Min(), sq.Min().Call(a), "min")
			requireSame(t, want.Mean(Axis(1)), sq.Mean(Axis(1)).Call(a), "mean")
			requireSame(t, a.Mul(b).Sum(Axis(1)), Fuse(x0.Mul(x1)).Sum(Axis(1)).Call(a, b), "two operands")
			requireSame(t, a.Mul(2).Prod(Axis(0)), Fuse(x0.Mul(x1)).Prod(Axis(0)).Call(a, 2), "a scalar operand")
			out := d.Empty(want.Sum(Axis(1)).DType(), 5)
			require.Same(t, out, sq.Sum(Axis(1), Out(out)).Call(a))
			requireSame(t, want.Sum(Axis(1)), out, "into out")
		}
	})
}

// With one array operand the expression and the fold are one launch.
func TestFusedReductionIsOneKernel(t *testing.T) {
	cpu, err := backend.Open("cpu", 0)
	require.NoError(t, err)
	c := &launchCounter{Backend: cpu}
	d := On(c)
	a := randomArray(t, d, rand.New(rand.NewPCG(2, 2)), Float32, 40, 30)
	c.elementwise, c.reduce = 0, 0
	require.NoError(t, Fuse(Arg(0).Mul(Arg(0)).Add(Arg(1))).Sum(Axis(1)).Call(a, 3.0).Err())
	require.Equal(t, [2]int{0, 1}, [2]int{c.elementwise, c.reduce})
	require.NoError(t, Fuse(Arg(0).Mul(Arg(1))).Max().Call(a, a).Err())
	require.Equal(t, [2]int{1, 2}, [2]int{c.elementwise, c.reduce}, "two operands: the map, then the fold")
}

func TestFusedReductionErrors(t *testing.T) {
	a := FromSlice([]float32{1, 2, 3})
	require.ErrorContains(t, Fuse(Arg(0).Mul(2)).Sum(Axis(3)).Call(a).Err(), "axis 3 is out of bounds")
	require.ErrorContains(t, Fuse(Arg(0).Mul(2)).Sum().Call(a, a).Err(), "2 operands given, the expression takes 1")
	require.ErrorContains(t, Fuse(Arg(0).Mul(2)).Max(WithDType(Float64)).Call(a).Err(), "takes no dtype")
	require.ErrorContains(t, Fuse(Arg(0).Mul(2)).Max().Call(FromSlice([]float32{})).Err(), "no identity")
}
