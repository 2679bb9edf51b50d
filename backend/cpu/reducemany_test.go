package cpu_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/stretchr/testify/require"
)

// ReduceMany folds a map of several inputs: here the row sums of x - y
// of float64, with y read transposed (the CPU backend takes any
// strides), against sequential float64 sums; and refuses a wrong count
// or dtype of inputs.
func TestReduceMany(t *testing.T) {
	f := dtype.Float64
	b := cpu.New(0)
	const rows, cols = 3, 5000
	r := rand.New(rand.NewPCG(8, 8))
	x, y := make([]float64, rows*cols), make([]float64, rows*cols)
	for i := range x {
		x[i], y[i] = r.NormFloat64(), r.NormFloat64()
	}
	// y is stored column-major: y[i, j] at j*rows + i
	yt := make([]float64, rows*cols)
	for i := range rows {
		for j := range cols {
			yt[j*rows+i] = y[i*cols+j]
		}
	}
	in := []backend.Operand{
		{Buf: upload(t, b, hostOf(x...)), DType: f, Strides: []int{cols, 1}},
		{Buf: upload(t, b, hostOf(yt...)), DType: f, Strides: []int{1, rows}},
	}
	res, err := b.Alloc(rows * 8)
	require.NoError(t, err)
	out := backend.Operand{Buf: res, DType: f, Strides: []int{1}}
	red := &ir.Reduction{Input: f, More: []dtype.DType{f}, Combine: ir.SumOf, Acc: f, Out: f,
		Pre: ir.Apply(ir.Sub, f, ir.In(0, f), ir.In(1, f))}
	require.NoError(t, b.ReduceMany(red, []int{rows, cols}, 1, out, in, nil))
	got := elems[float64](download(t, b, res, f))
	for i := range rows {
		want, mag := 0.0, 0.0
		for j := range cols {
			d := x[i*cols+j] - y[i*cols+j]
			want += d
			mag += math.Abs(d)
		}
		require.InDelta(t, want, got[i], 1e-14*mag, "row %d", i)
	}

	require.ErrorContains(t, b.ReduceMany(red, []int{rows, cols}, 1, out, in[:1], nil), "reads 2 inputs, got 1")
	require.ErrorContains(t, b.Reduce(red, []int{rows, cols}, 1, out, in[0], nil), "reads 2 inputs, got 1")
	in[1].DType = dtype.Float32
	require.ErrorContains(t, b.ReduceMany(red, []int{rows, cols}, 1, out, in, nil), "input 1: is float32")
}
