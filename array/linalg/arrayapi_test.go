package linalg

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend/cpu"
)

// The array API forms work on the last two axes: for the (2, 2, 3) stack
// of [[0 1 2] [3 4 5]] and [[6 7 8] [9 10 11]], the traces are 0+4 = 4
// and 6+10 = 16, at offset 1 they are 1+5 = 6 and 7+11 = 18, the
// diagonals at offset -1 are [3] and [9].
func TestArrayAPIForms(t *testing.T) {
	d := array.On(cpu.New(0))
	x := d.Arange(0, 12, 1, array.Int64).Reshape(2, 2, 3)
	for _, c := range []struct {
		got  *array.Array
		want []int64
		dims []int
	}{
		{Trace(x, 0), []int64{4, 16}, []int{2}},
		{Trace(x, 1), []int64{6, 18}, []int{2}},
		{Trace(x, 3), []int64{0, 0}, []int{2}},
		{Diagonal(x, 0), []int64{0, 4, 6, 10}, []int{2, 2}},
		{Diagonal(x, -1), []int64{3, 9}, []int{2, 1}},
		{MatrixTranspose(x), []int64{0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11}, []int{2, 3, 2}},
		{Outer(d.Arange(1, 3, 1, array.Int64), d.Arange(1, 4, 1, array.Int64)), []int64{1, 2, 3, 2, 4, 6}, []int{2, 3}},
	} {
		require.NoError(t, c.got.Err())
		require.Equal(t, c.dims, c.got.Shape())
		v, err := array.ToSlice[int64](c.got)
		require.NoError(t, err)
		require.Equal(t, c.want, v)
	}
	vector := d.Ones(array.Float64, 3)
	require.ErrorContains(t, Trace(vector, 0).Err(), "at least two dimensions")
	require.ErrorContains(t, Diagonal(vector, 0).Err(), "at least two dimensions")
	require.ErrorContains(t, MatrixTranspose(vector).Err(), "at least two dimensions")
	require.ErrorContains(t, Outer(x, vector).Err(), "must be one-dimensional")
	require.Error(t, Trace(nil, 0).Err())
}
