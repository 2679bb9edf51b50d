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
