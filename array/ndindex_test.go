package array

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNdindex checks the indices against the C-order count they stand for
// (NumPy's ndindex: the last axis fastest), shapes with no axes and with
// an empty axis, and an early break.
func TestNdindex(t *testing.T) {
	for _, shape := range [][]int{{4}, {2, 3}, {3, 1, 2}, {1, 1}, {2, 2, 2, 2}} {
		n := 0
		for idx := range Ndindex(shape...) {
			want, r := make([]int, len(shape)), n
			for k := len(shape) - 1; k >= 0; k-- {
				want[k], r = r%shape[k], r/shape[k]
			}
			require.Equal(t, want, idx, "shape %v, index %d", shape, n)
			n++
		}
		size := 1
		for _, s := range shape {
			size *= s
		}
		require.Equal(t, size, n, "shape %v", shape)
	}
	var got [][]int
	for idx := range Ndindex() {
		got = append(got, slices.Clone(idx))
	}
	require.Equal(t, [][]int{{}}, got)
	for _, shape := range [][]int{{0}, {3, 0, 2}, {2, -1}} {
		for range Ndindex(shape...) {
			t.Fatalf("shape %v yielded an index", shape)
		}
	}
	n := 0
	for range Ndindex(5, 5) {
		if n++; n == 7 {
			break
		}
	}
	require.Equal(t, 7, n)
}

// TestNdenumerate checks indices and values of a transposed view (the
// logical order, not the memory order), a 0-d array, the wrong Go type
// and a failed array.
func TestNdenumerate(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := FromSliceOn(d, []int32{5, -7, 11, 13, 2, 0}, 2, 3).T() // [[5 13] [-7 2] [11 0]]
		seq, err := Ndenumerate[int32](a)
		require.NoError(t, err)
		var idxs [][]int
		var vals []int32
		for idx, v := range seq {
			idxs = append(idxs, slices.Clone(idx))
			vals = append(vals, v)
		}
		require.Equal(t, [][]int{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 1}}, idxs)
		require.Equal(t, []int32{5, 13, -7, 2, 11, 0}, vals)

		seq0, err := Ndenumerate[float64](d.Scalar(2.5))
		require.NoError(t, err)
		for idx, v := range seq0 {
			require.Empty(t, idx)
			require.Equal(t, 2.5, v)
		}
		_, err = Ndenumerate[float64](a)
		require.ErrorContains(t, err, "Ndenumerate: ToSlice: array of int32 read as []float64")
		earlier := errors.New("earlier failure")
		_, err = Ndenumerate[float64](Failed(earlier))
		require.ErrorIs(t, err, earlier)
	})
}
