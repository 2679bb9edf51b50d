package cpu

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Histogram bins and counts in one pass (see backend.Binner), each
// goroutine into bins of its own, as Bincount.
func (b *Backend) Histogram(dt dtype.DType, n int, in backend.Buffer, off int, weights backend.Buffer, wOff int, edges backend.Buffer, bins int, uniform bool, out backend.Buffer) error {
	fail := func(err error) error { return fmt.Errorf("cpu: Histogram: %w", err) }
	if err := backend.CheckHistogram(dt, n, in, off, weights, wOff, edges, bins, out); err != nil {
		return fail(err)
	}
	mems := make([][]byte, 4)
	for i, buf := range []backend.Buffer{in, edges, out, weights} {
		if buf == nil {
			continue
		}
		var err error
		if mems[i], err = buffer(buf); err != nil {
			return fail(err)
		}
	}
	e := view[float64](mems[1])[:bins+1]
	var bin func(int) int64
	switch dt {
	case dtype.Int8:
		bin = binner(view[int8](mems[0])[off:off+n], e, uniform)
	case dtype.Int16:
		bin = binner(view[int16](mems[0])[off:off+n], e, uniform)
	case dtype.Int32:
		bin = binner(view[int32](mems[0])[off:off+n], e, uniform)
	case dtype.Int64:
		bin = binner(view[int64](mems[0])[off:off+n], e, uniform)
	case dtype.Uint8:
		bin = binner(view[uint8](mems[0])[off:off+n], e, uniform)
	case dtype.Uint16:
		bin = binner(view[uint16](mems[0])[off:off+n], e, uniform)
	case dtype.Uint32:
		bin = binner(view[uint32](mems[0])[off:off+n], e, uniform)
	case dtype.Uint64:
		bin = binner(view[uint64](mems[0])[off:off+n], e, uniform)
	case dtype.Float32:
		bin = binner(view[float32](mems[0])[off:off+n], e, uniform)
	case dtype.Float64:
		bin = binner(view[float64](mems[0])[off:off+n], e, uniform)
	}
	if weights == nil {
		binCounts(b, n, bin, func(int) int64 { return 1 }, view[int64](mems[2])[:bins])
		return nil
	}
	w := view[float64](mems[3])[wOff : wOff+n]
	binCounts(b, n, bin, func(i int) float64 { return w[i] }, view[float64](mems[2])[:bins])
	return nil
}

// binner returns the bin of each element of x (-1: NaN or outside the edges).
func binner[E number](x []E, edges []float64, uniform bool) func(int) int64 {
	return func(i int) int64 { return histogramBin(float64(x[i]), edges, uniform) }
}

// histogramBin is the bin of v among edges, as backend.Binner defines it
// (the GPU kernel, cgen.RenderHistogram, guesses a uniform bin by a
// multiply instead of a division and corrects it the same way: the same
// bin).
func histogramBin(v float64, edges []float64, uniform bool) int64 {
	bins := len(edges) - 1
	lo, hi := edges[0], edges[bins]
	if !(v >= lo && v <= hi) {
		return -1
	}
	if !uniform {
		// the last edge at or below v, the last bin closed
		below, above := 0, bins
		for above-below > 1 {
			mid := below + (above-below)/2
			if edges[mid] <= v {
				below = mid
			} else {
				above = mid
			}
		}
		return int64(below)
	}
	k := min(max(int(int64((v-lo)/(hi-lo)*float64(bins))), 0), bins-1)
	switch {
	case v < edges[k]:
		k--
	case k != bins-1 && v >= edges[k+1]:
		k++
	}
	return int64(k)
}
