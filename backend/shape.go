package backend

import (
	"fmt"
	"math"
)

// Elements returns the number of elements of shape, or an error for a
// negative dimension or a count an int cannot hold: the check every
// backend makes of the shapes it is given.
func Elements(shape []int) (int, error) {
	n := 1
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("shape %v has a negative dimension", shape)
		}
		if d != 0 && n > math.MaxInt/d {
			return 0, fmt.Errorf("shape %v has more elements than an int counts", shape)
		}
		n *= d
	}
	return n, nil
}
