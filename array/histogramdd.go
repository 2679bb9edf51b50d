package array

import (
	"fmt"
	"slices"

	"github.com/cugo/cugo/dtype"
)

// Histograms of points in several dimensions (np.histogramdd and
// np.histogram2d): each coordinate's bin is searched in its edges, the
// bins' indices are combined into one flat index (with a bin for the
// points below and one for those above each range, dropped at the end),
// and the flat indices are counted by the backend's Counter.

// HistRanges sets the lower and upper edges of the bins along each
// dimension of HistogramDD and Histogram2D (NumPy's range=[(lo, hi),
// ...]), one pair per dimension; points outside are not counted.
func HistRanges(ranges ...[2]float64) HistogramOption {
	return func(c *histConfig) { c.ranges = slices.Clone(ranges) }
}

// HistogramDD counts the points of sample (N points of D coordinates,
// N×D; a 1-d sample is N points of one) in a grid of bins[i] equal bins
// along dimension i, as np.histogramdd(sample, bins, range, density,
// weights): float64 counts (sums of HistWeights's weights, one per point)
// of shape bins, and the D edges, in the sample's float dtype (float64
// for integers and bool, and where HistRanges gives the ranges, as
// NumPy's of Python floats). The ranges are HistRanges's, or the data's
// extremes; a point on a range's upper edge is in the last bin.
func HistogramDD(sample *Array, bins []int, opts ...HistogramOption) (hist *Array, edges []*Array) {
	c := histOptions(opts)
	return histogramDD("HistogramDD", sample, bins, &c)
}

// Histogram2D counts the points (x[i], y[i]) in nx×ny equal bins, as
// np.histogram2d(x, y, bins=[nx, ny], ...): HistogramDD of the two
// coordinates.
func Histogram2D(x, y *Array, nx, ny int, opts ...HistogramOption) (hist, xedges, yedges *Array) {
	c := histOptions(opts)
	hist, edges := histogram2D("Histogram2D", x, y, []int{nx, ny}, &c)
	if hist.err != nil {
		return hist, hist, hist
	}
	return hist, edges[0], edges[1]
}

// histogram2D is histogramDD of the points (x[i], y[i]).
func histogram2D[B int | *Array](op string, x, y *Array, bins []B, c *histConfig) (*Array, []*Array) {
	if err := checkAll(op, "", []*Array{x, y}); err != nil {
		return &Array{err: err}, nil
	}
	if len(x.shape) != 1 || len(y.shape) != 1 || x.shape[0] != y.shape[0] {
		return errorf(op, "x and y must be 1-d of the same length, not %v and %v", x.shape, y.shape), nil
	}
	return histogramDD(op, Stack([]*Array{x, y}, 1), bins, c)
}

// HistogramDDEdges is HistogramDD with the edges of each dimension's
// bins given (np.histogramdd(sample, bins=[edges0, edges1, ...])): 1-d
// real arrays that never decrease. HistRanges is ignored.
func HistogramDDEdges(sample *Array, edges []*Array, opts ...HistogramOption) *Array {
	c := histOptions(opts)
	c.ranges = nil
	hist, _ := histogramDD("HistogramDDEdges", sample, edges, &c)
	return hist
}

// Histogram2DEdges is Histogram2D with the edges given
// (np.histogram2d(x, y, bins=[xedges, yedges])).
func Histogram2DEdges(x, y, xedges, yedges *Array, opts ...HistogramOption) *Array {
	c := histOptions(opts)
	c.ranges = nil
	hist, _ := histogram2D("Histogram2DEdges", x, y, []*Array{xedges, yedges}, &c)
	return hist
}

// histogramDD counts sample's points into bins: for each dimension a
// number of equal bins (an int) or their edges (an *Array).
func histogramDD[B int | *Array](op string, sample *Array, bins []B, c *histConfig) (*Array, []*Array) {
	fail := func(err error) (*Array, []*Array) { return failed(op, err), nil }
	if err := sample.checkOp(op); err != nil {
		return &Array{err: err}, nil
	}
	if len(sample.shape) == 1 {
		sample = sample.Reshape(-1, 1)
	}
	if len(sample.shape) != 2 {
		return fail(fmt.Errorf("sample must be 1-d or 2-d (N points of D coordinates), not %d-d", len(sample.shape)))
	}
	n, dims := sample.shape[0], sample.shape[1]
	switch {
	case sample.dt.Kind() == dtype.ComplexKind:
		return fail(fmt.Errorf("cannot histogram complex values"))
	case len(bins) != dims:
		return fail(fmt.Errorf("The dimension of bins must be equal to the dimension of the sample x.")) // NumPy's words
	case c.hasRange:
		return fail(fmt.Errorf("HistRange sets one range: give HistRanges one range per dimension"))
	case c.ranges != nil && len(c.ranges) != dims:
		return fail(fmt.Errorf("range argument must have one entry per dimension"))
	}
	if c.weights != nil {
		if err := c.weights.checkOp(op); err != nil {
			return &Array{err: err}, nil
		}
		if !equalShapes(c.weights.shape, []int{n}) {
			return fail(fmt.Errorf("weights of shape %v differ from the sample's %d points", c.weights.shape, n))
		}
	}
	edges := make([]*Array, dims)
	grid := make([]int, dims) // bins along each dimension, and the two outside
	flat := On(sample.st.b).Zeros(Int64, n)
	total := 1
	for i := range dims {
		coord := sample.T().Index(I(i))
		var err error
		switch b := any(bins[i]).(type) {
		case int:
			edges[i], err = equalEdges(coord, b, i, c)
		case *Array:
			edges[i], err = b, givenEdges(b, i)
		}
		if err != nil {
			return fail(err)
		}
		nb := edges[i].Size() - 1
		grid[i] = nb + 2
		if total > (1<<62)/grid[i] {
			return fail(fmt.Errorf("cannot make %d bins along dimension %d", nb, i))
		}
		total *= grid[i]
		// The bin of each coordinate, 0 below the range and bins+1 above;
		// the upper edge itself is in the last bin.
		at := SearchSorted(edges[i], coord, Right, nil)
		at = Where(Equal(coord, edges[i].Index(I(nb))), Sub(at, int64(1)), at)
		flat = Add(Mul(flat, int64(grid[i])), at)
	}
	var w *Array
	if c.weights != nil {
		if c.weights.dt.Kind() == dtype.ComplexKind {
			return fail(fmt.Errorf("cannot cast weights from %v to float64", c.weights.dt))
		}
		w = c.weights.AsType(Float64)
	}
	counts := bincount(op, flat, w, total)
	if counts.err != nil {
		return counts, nil
	}
	inner := make([]Index, dims)
	for i := range dims {
		inner[i] = S(1, grid[i]-1)
	}
	hist := contiguousCopy(counts.AsType(Float64).Reshape(grid...).Index(inner...))
	if c.density {
		sum := Sum(hist)
		for i := range dims {
			shape := make([]int, dims)
			for k := range shape {
				shape[k] = 1
			}
			shape[i] = grid[i] - 2
			hist = Div(hist, Diff(edges[i], 1, 0).Reshape(shape...))
		}
		hist = Div(hist, sum)
	}
	if hist.err != nil {
		return fail(hist.err)
	}
	return hist, edges
}

// equalEdges returns the edges of bins equal bins over dimension i's
// range (c's, or the coordinates' extremes): NumPy's linspace, in the
// coordinates' float dtype, float64 for integers and bool and for a
// range's Python floats.
func equalEdges(coord *Array, bins, i int, c *histConfig) (*Array, error) {
	if bins < 1 {
		return nil, fmt.Errorf("`bins[%d]` must be positive, when an integer", i)
	}
	var dc histConfig
	if c.ranges != nil {
		dc = histConfig{lo: c.ranges[i][0], hi: c.ranges[i][1], hasRange: true}
	}
	lo, hi, err := outerEdges(coord, &dc)
	if err != nil {
		return nil, err
	}
	dt := coord.dt
	if dt.Kind() != dtype.FloatKind || c.ranges != nil {
		dt = Float64
	}
	edges := On(coord.st.b).Linspace(lo, hi, bins+1, dt)
	return edges, edges.err
}

// givenEdges checks the edges given for dimension i as NumPy does.
func givenEdges(edges *Array, i int) error {
	if err := edges.check(); err != nil {
		return err
	}
	if len(edges.shape) != 1 || edges.Size() == 0 {
		return fmt.Errorf("`bins[%d]` must be a scalar or 1d array", i)
	}
	if edges.dt.Kind() == dtype.ComplexKind {
		return fmt.Errorf("`bins[%d]` must be real, not %v", i, edges.dt)
	}
	n := edges.Size()
	down, err := Item[bool](AnyTrue(Greater(edges.Index(S(0, n-1)), edges.Index(From(1)))))
	if err != nil {
		return err
	}
	if down {
		return fmt.Errorf("`bins[%d]` must be monotonically increasing, when an array", i)
	}
	return nil
}
