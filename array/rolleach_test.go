package array

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRollEach checks RollEach against np.roll with tuples of shifts and
// axes on np.arange(24).reshape(2, 3, 4) (values printed by NumPy 1.24;
// np.roll is unchanged in 2.x), on a transposed view too, and its errors.
func TestRollEach(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := d.Arange(0, 24, 1, Int64).Reshape(2, 3, 4)
		for _, c := range []struct {
			shifts, axes []int
			want         []int64
		}{
			{[]int{1, -2}, []int{0, 2}, []int64{14, 15, 12, 13, 18, 19, 16, 17, 22, 23, 20, 21, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9}},
			{[]int{1, 5}, []int{1}, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}},
			{[]int{-1}, []int{1, 2}, []int64{5, 6, 7, 4, 9, 10, 11, 8, 1, 2, 3, 0, 17, 18, 19, 16, 21, 22, 23, 20, 13, 14, 15, 12}},
			{[]int{7, -3, 2}, []int{-1, 0, -1}, []int64{15, 12, 13, 14, 19, 16, 17, 18, 23, 20, 21, 22, 3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10}},
		} {
			got, err := ToSlice[int64](RollEach(a, c.shifts, c.axes))
			require.NoError(t, err, "%v %v", c.shifts, c.axes)
			require.Equal(t, c.want, got, "%v %v", c.shifts, c.axes)
		}
		// np.roll(a.T, (1, 2), axis=(0, 2)).ravel()
		got, err := ToSlice[int64](RollEach(a.T(), []int{1, 2}, []int{0, 2}))
		require.NoError(t, err)
		require.Equal(t, []int64{3, 15, 7, 19, 11, 23, 0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22}, got)
		require.ErrorContains(t, RollEach(a, []int{1, 2}, []int{0, 1, 2}).Err(), "shape mismatch: 2 shifts and 3 axes")
		require.ErrorContains(t, RollEach(a, nil, []int{0}).Err(), "shape mismatch")
		require.ErrorContains(t, RollEach(a, []int{1}, []int{3}).Err(), "axis 3 is out of bounds")
	})
}
