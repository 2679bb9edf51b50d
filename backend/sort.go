package backend

import (
	"fmt"
	"github.com/cugo/cugo/internal/layout"

	"github.com/cugo/cugo/dtype"
)

// Sorter is implemented by backends that sort (the CPU and GPU backends
// do); the array package builds Sort, ArgSort, Unique, Median and the
// other order statistics on it.
type Sorter interface {
	// SortRows sorts, stably, each of the rows rows of n contiguous
	// elements of dtype dt that start at element offset off of in. Where
	// keys is not nil it receives the sorted elements (rows*n of them,
	// from its start, with their bits as they were: -0.0 stays -0.0);
	// where idx is not nil it receives, as int64, each sorted element's
	// position within its row (NumPy's argsort). Either may be nil, not
	// both; neither may overlap in.
	//
	// The order is NumPy's: integers and bool by value; floats by value
	// with -0.0 equal to 0.0 and every NaN after +inf. dt must be
	// SortableDType; complex numbers are sorted by the caller through
	// their parts.
	SortRows(dt dtype.DType, rows, n int, in Buffer, off int, keys, idx Buffer) error
}

// SortableDType reports whether a Sorter takes elements of dt: bool,
// integers and real floats.
func SortableDType(dt dtype.DType) bool {
	k := dt.Kind()
	return k >= dtype.BoolKind && k <= dtype.FloatKind
}

// CheckSortRows validates the arguments of SortRows against the sizes of
// the buffers, which both backends do before they sort.
func CheckSortRows(dt dtype.DType, rows, n int, in Buffer, off int, keys, idx Buffer) error {
	switch {
	case !SortableDType(dt):
		return fmt.Errorf("cannot sort %v elements", dt)
	case rows < 0 || n < 0 || off < 0:
		return fmt.Errorf("negative rows %d, length %d or offset %d", rows, n, off)
	case in == nil:
		return fmt.Errorf("no input buffer")
	case keys == nil && idx == nil:
		return fmt.Errorf("neither keys nor indices asked for")
	}
	total, err := layout.Size([]int{rows, n})
	if err != nil {
		return err
	}
	size := dt.Size()
	if off > in.Size()/size || total > in.Size()/size-off {
		return fmt.Errorf("input of %d bytes holds no %d elements of %v from element %d", in.Size(), total, dt, off)
	}
	if keys != nil && total > keys.Size()/size {
		return fmt.Errorf("keys output of %d bytes for %d elements of %v", keys.Size(), total, dt)
	}
	if idx != nil && total > idx.Size()/8 {
		return fmt.Errorf("index output of %d bytes for %d int64 elements", idx.Size(), total)
	}
	return nil
}

// Counter is implemented by backends that count values into bins (the
// CPU and GPU backends do); Bincount and Histogram are built on it.
type Counter interface {
	// Bincount zeroes out and adds, for each of the n int64 elements of
	// idx from element offset off whose value v lies in [0, bins), one to
	// out[v] (out int64), or where weights is not nil the float64 at the
	// same position of weights from element offset wOff (out float64).
	// Other values are skipped.
	Bincount(n int, idx Buffer, off int, weights Buffer, wOff int, bins int, out Buffer) error
}

// CheckBincount validates the arguments of Bincount against the sizes of
// the buffers.
func CheckBincount(n int, idx Buffer, off int, weights Buffer, wOff int, bins int, out Buffer) error {
	switch {
	case n < 0 || off < 0 || wOff < 0 || bins < 0:
		return fmt.Errorf("negative count %d, offset %d or %d, or bins %d", n, off, wOff, bins)
	case idx == nil || out == nil:
		return fmt.Errorf("no index or output buffer")
	case off > idx.Size()/8 || n > idx.Size()/8-off:
		return fmt.Errorf("indices of %d bytes hold no %d int64 from element %d", idx.Size(), n, off)
	case weights != nil && (wOff > weights.Size()/8 || n > weights.Size()/8-wOff):
		return fmt.Errorf("weights of %d bytes hold no %d float64 from element %d", weights.Size(), n, wOff)
	case bins > out.Size()/8:
		return fmt.Errorf("output of %d bytes for %d bins", out.Size(), bins)
	}
	return nil
}
