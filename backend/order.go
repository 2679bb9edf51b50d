package backend

import (
	"errors"
	"fmt"

	"github.com/cugo/cugo/internal/layout"

	"github.com/cugo/cugo/dtype"
)

// ErrSortInstead is returned by a Selector for a selection that a sort
// does better (many short rows on a GPU); the caller sorts instead.
var ErrSortInstead = errors.New("selection declined: sort instead")

// Selector is implemented by backends that find order statistics
// without sorting (the CPU and GPU backends do); Median, Percentile,
// Quantile and Partition are built on it.
type Selector interface {
	// SelectRows writes to out, for each of the rows rows of n contiguous
	// elements of dtype dt that start at element offset off of in, the
	// elements that a sort in NumPy's order (see Sorter) puts at each of
	// ranks (0 <= rank < n): rows*len(ranks) elements of dt, row by row.
	// Equal keys are one value, so -0.0 and 0.0 may come out as 0.0 and
	// every NaN as the same quiet NaN. dt must be SortableDType, ranks
	// at most 16 and n at least 1. It may decline with ErrSortInstead.
	SelectRows(dt dtype.DType, rows, n int, in Buffer, off int, ranks []int, out Buffer) error
}

// CheckSelectRows validates the arguments of SelectRows against the
// sizes of the buffers.
func CheckSelectRows(dt dtype.DType, rows, n int, in Buffer, off int, ranks []int, out Buffer) error {
	switch {
	case !SortableDType(dt):
		return fmt.Errorf("cannot select among %v elements", dt)
	case rows < 0 || n < 1 || off < 0:
		return fmt.Errorf("rows %d, length %d or offset %d", rows, n, off)
	case len(ranks) < 1 || len(ranks) > 16:
		return fmt.Errorf("%d ranks (want 1 to 16)", len(ranks))
	case in == nil || out == nil:
		return fmt.Errorf("no input or output buffer")
	}
	for _, r := range ranks {
		if r < 0 || r >= n {
			return fmt.Errorf("rank %d out of [0, %d)", r, n)
		}
	}
	total, err := layout.Size([]int{rows, n})
	if err != nil {
		return err
	}
	size := dt.Size()
	if off > in.Size()/size || total > in.Size()/size-off {
		return fmt.Errorf("input of %d bytes holds no %d elements of %v from element %d", in.Size(), total, dt, off)
	}
	if rows*len(ranks) > out.Size()/size {
		return fmt.Errorf("output of %d bytes for %d elements of %v", out.Size(), rows*len(ranks), dt)
	}
	return nil
}
