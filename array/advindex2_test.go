package array

import "testing"

// TestAdvancedIndexMoreNumPy checks Index and SetIndex against NumPy on
// the cases of testdata/advindex2 (gen_advindex2.py): index arrays of
// every integer dtype, arrays beside integers, 0-d integer and boolean arrays, new axes and
// the ellipsis in odd positions, repeated arrays, several boolean
// arrays, reversed and stepped views, empty selections, and IndexError.
func TestAdvancedIndexMoreNumPy(t *testing.T) { checkAdvancedIndexCases(t, "advindex2") }
