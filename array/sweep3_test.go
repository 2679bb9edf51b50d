package array

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSweep3AdvancedIndexNilArray checks that a nil *Array as the one
// index array is an error, not a panic.
func TestSweep3AdvancedIndexNilArray(t *testing.T) {
	a := FromSliceOn(DefaultDevice(), []float64{1, 2, 3, 4, 5, 6}, 2, 3)
	var m *Array
	require.ErrorContains(t, a.Index(Idx(m)).Err(), "Index: array: nil array")
	require.ErrorContains(t, a.SetIndex(0, Idx(m)), "SetIndex: array: nil array")
}

// TestSweep3SetIndexBadValues checks that SetIndex with an Idx item
// reports the values' own error (sticky, nil or freed) rather than a
// shape mismatch, and writes nothing.
func TestSweep3SetIndexBadValues(t *testing.T) {
	d := DefaultDevice()
	a := FromSliceOn(d, []float64{1, 2, 3, 4, 5, 6}, 2, 3)
	bad := FromSliceOn(d, []float64{1, 2}).Reshape(3)
	freed := FromSliceOn(d, []float64{7, 8, 9})
	freed.Free()
	var nilValues *Array
	for _, c := range []struct {
		values *Array
		want   string
	}{
		{bad, bad.Err().Error()},
		{freed, "SetIndex: array: use of a freed array"},
		{nilValues, "SetIndex: array: nil array"},
	} {
		err := a.SetIndex(c.values, Idx([]int{0}))
		require.ErrorContains(t, err, c.want)
		require.NotContains(t, err.Error(), "shape mismatch")
	}
	got, err := ToSlice[float64](a)
	require.NoError(t, err)
	require.Equal(t, []float64{1, 2, 3, 4, 5, 6}, got)
}
