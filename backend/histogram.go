package backend

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// Binner is implemented by backends that histogram in one pass over the
// data (the CPU and GPU backends do); np.histogram is built on it.
type Binner interface {
	// Histogram zeroes out and counts into it each of the n contiguous
	// elements of dtype dt from element offset off of in that falls
	// between the bins+1 increasing float64 edges: bin i holds
	// edges[i] <= x < edges[i+1], the last bin also x == edges[bins];
	// NaN and elements outside are skipped. Elements compare as float64.
	// Where uniform the bins are of equal width and an element's bin is
	// computed from its place in the range, then checked against the
	// edges (as NumPy does); otherwise it is found by binary search. out
	// receives int64 counts, or where weights is not nil float64 sums of
	// the float64 weights at the same positions from element wOff.
	// dt must be HistogramDType.
	Histogram(dt dtype.DType, n int, in Buffer, off int, weights Buffer, wOff int, edges Buffer, bins int, uniform bool, out Buffer) error
}

// HistogramDType reports whether a Binner takes elements of dt: integers,
// float32 and float64 (bool and 16-bit floats widen first, which
// compares them the same).
func HistogramDType(dt dtype.DType) bool {
	k := dt.Kind()
	return k == dtype.IntKind || k == dtype.UintKind || dt == dtype.Float32 || dt == dtype.Float64
}

// CheckHistogram validates the arguments of Histogram against the sizes
// of the buffers.
func CheckHistogram(dt dtype.DType, n int, in Buffer, off int, weights Buffer, wOff int, edges Buffer, bins int, out Buffer) error {
	switch {
	case !HistogramDType(dt):
		return fmt.Errorf("cannot histogram %v elements", dt)
	case bins < 1:
		return fmt.Errorf("%d bins", bins)
	case in == nil || edges == nil || out == nil:
		return fmt.Errorf("no input, edges or output buffer")
	case edges.Size()/8 < bins+1:
		return fmt.Errorf("edges of %d bytes for %d bins", edges.Size(), bins)
	case out.Size()/8 < bins:
		return fmt.Errorf("output of %d bytes for %d bins", out.Size(), bins)
	}
	size := dt.Size()
	switch {
	case n < 0 || off < 0 || wOff < 0:
		return fmt.Errorf("negative count %d or offset %d or %d", n, off, wOff)
	case off > in.Size()/size || n > in.Size()/size-off:
		return fmt.Errorf("input of %d bytes holds no %d elements of %v from element %d", in.Size(), n, dt, off)
	case weights != nil && (wOff > weights.Size()/8 || n > weights.Size()/8-wOff):
		return fmt.Errorf("weights of %d bytes hold no %d float64 from element %d", weights.Size(), n, wOff)
	}
	return nil
}
