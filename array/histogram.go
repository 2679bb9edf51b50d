package array

import (
	"fmt"
	"math"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Bincount returns how many times each value 0, 1, ..., max(x) occurs
// in the non-negative 1-d integer array x (int64), or with weights (of
// x's shape) the sum of the weights of each value (float64), as
// np.bincount(x, weights, minlength): at least minlength bins.
func Bincount(x, weights *Array, minlength int) *Array {
	const op = "Bincount"
	if err := x.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if len(x.shape) != 1 {
		return errorf(op, "object too deep for desired array (x must be 1-d)")
	}
	if k := x.dt.Kind(); k != dtype.IntKind && k != dtype.UintKind && k != dtype.BoolKind {
		return errorf(op, "cannot cast array data from dtype('%v') to dtype('int64') according to the rule 'safe'", x.dt)
	}
	if minlength < 0 {
		return errorf(op, "minlength must be non-negative")
	}
	bins := minlength
	if x.Size() > 0 {
		lo, err := Item[int64](Min(x).AsType(Int64))
		if err != nil {
			return failed(op, err)
		}
		if lo < 0 {
			return errorf(op, "'list' argument must have no negative elements")
		}
		hi, err := Item[int64](Max(x).AsType(Int64))
		if err != nil {
			return failed(op, err)
		}
		switch {
		case hi < 0: // a uint64 beyond int64, negative as NumPy casts it
			return errorf(op, "'list' argument must have no negative elements")
		case hi == math.MaxInt64:
			return errorf(op, "cannot count into %d bins", uint64(hi)+1)
		}
		bins = max(bins, int(hi)+1)
	}
	return bincount(op, x.AsType(Int64), weights, bins)
}

// bincount counts the int64 values of idx (any shape) into bins through
// the backend's Counter, skipping values outside [0, bins).
func bincount(op string, idx, weights *Array, bins int) *Array {
	if err := idx.checkOp(op); err != nil {
		return &Array{err: err}
	}
	counter, ok := idx.st.b.(backend.Counter)
	if !ok {
		return errorf(op, "the %s backend cannot count into bins", idx.st.b.Device().Kind)
	}
	ic, free, err := idx.cOrder(op)
	if err != nil {
		return &Array{err: err}
	}
	if free {
		defer ic.Free()
	}
	res := Int64
	var wbuf backend.Buffer
	woff := 0
	if weights != nil {
		if err := checkAll(op, "", []*Array{idx, weights}); err != nil {
			return &Array{err: err}
		}
		if !equalShapes(weights.shape, idx.shape) {
			return errorf(op, "weights of shape %v differ from the input's %v", weights.shape, idx.shape)
		}
		if weights.dt.Kind() == dtype.ComplexKind {
			return errorf(op, "cannot cast weights from %v to float64", weights.dt)
		}
		w := weights.AsType(Float64)
		if w.err != nil {
			return failed(op, w.err)
		}
		defer w.Free()
		res, wbuf = Float64, w.st.buf
	}
	out := On(idx.st.b).alloc(op, res, []int{bins})
	if out.err != nil {
		return out
	}
	if err := counter.Bincount(idx.Size(), ic.st.buf, ic.offset, wbuf, woff, bins, out.st.buf); err != nil {
		out.Free()
		return failed(op, err)
	}
	return out
}

// HistogramOption changes what Histogram counts.
type HistogramOption func(*histConfig)

type histConfig struct {
	lo, hi   float64
	hasRange bool
	ranges   [][2]float64 // HistogramDD's, one a dimension
	weights  *Array
	density  bool
}

// HistRange sets the lower and upper edges of the bins (NumPy's range=);
// elements outside are not counted. Without it the range is the data's
// minimum and maximum.
func HistRange(lo, hi float64) HistogramOption {
	return func(c *histConfig) { c.lo, c.hi, c.hasRange = lo, hi, true }
}

// checkWeights reports an error of op if the weights are set but unusable
// (nil after an error, freed) or not of a's shape.
func (c *histConfig) checkWeights(op string, a *Array) error {
	if c.weights == nil {
		return nil
	}
	if err := c.weights.checkOp(op); err != nil {
		return err
	}
	if !equalShapes(c.weights.shape, a.shape) {
		return fmt.Errorf("%s: weights should have the same shape as a", op)
	}
	return nil
}

// HistWeights weighs each element (weights has the data's shape); the
// histogram is then float64 sums of weights.
func HistWeights(w *Array) HistogramOption { return func(c *histConfig) { c.weights = w } }

// Density normalises the histogram so that it integrates to 1 over the
// range (float64).
func Density() HistogramOption { return func(c *histConfig) { c.density = true } }

// Histogram counts the elements of a (flattened) in bins equal bins of
// equal width, as np.histogram(a, bins, range, weights=, density=); it
// returns the counts (int64, float64 with weights or density) and the
// bins+1 edges. The last bin includes its upper edge. A range too narrow
// for bins distinct edges in the data's float dtype is an error, as in
// NumPy 2.5.
func Histogram(a *Array, bins int, opts ...HistogramOption) (hist, edges *Array) {
	c := histOptions(opts)
	return histogram("Histogram", a, bins, &c)
}

// histogram counts a into bins equal bins (Histogram).
func histogram(op string, a *Array, bins int, c *histConfig) (hist, edges *Array) {
	edges = histogramBinEdges(op, a, bins, c)
	if edges.err != nil {
		return edges, edges
	}
	return binHistogram(op, a, edges, true, c), edges
}

// HistogramEdges counts the elements of a in the bins between
// consecutive edges (a monotonically increasing 1-d array), as
// np.histogram(a, bins=edges, ...); the last bin includes its upper edge.
// HistRange is ignored.
func HistogramEdges(a, edges *Array, opts ...HistogramOption) *Array {
	const op = "HistogramEdges"
	var c histConfig
	for _, o := range opts {
		o(&c)
	}
	if err := checkAll(op, "", []*Array{a, edges}); err != nil {
		return &Array{err: err}
	}
	if len(edges.shape) != 1 {
		return errorf(op, "bins must be 1-d")
	}
	if edges.Size() < 2 { // no bins, as NumPy counts then
		res := Int64
		if c.weights != nil {
			res = c.weights.dt
		}
		return On(a.st.b).alloc(op, res, []int{0})
	}
	if d, err := increasingOrDecreasing(edges); err != nil || d < 0 {
		return errorf(op, "bins must increase monotonically, when an array")
	}
	return binHistogram(op, a, edges, false, &c)
}

// binHistogram counts the elements of a into the bins between edges
// with the backend's Binner, in one pass over a (uniform: the bins are of
// equal width, so an element's bin is computed, not searched), and
// normalises where asked. Sums of weights take the weights' dtype, as
// NumPy's do (complex weights sum their two parts apart).
func binHistogram(op string, a, edges *Array, uniform bool, c *histConfig) *Array {
	if err := c.checkWeights(op, a); err != nil {
		return &Array{err: err}
	}
	w := c.weights
	if w != nil && !c.density && w.dt != Float64 {
		part := func(w *Array) *Array {
			pc := *c
			pc.weights = w
			return binHistogram(op, a, edges, uniform, &pc)
		}
		if w.dt.Kind() == dtype.ComplexKind {
			return Add(part(Real(w)), Mul(part(Imag(w)), complex(0, 1))).AsType(w.dt)
		}
		return part(w.AsType(Float64)).AsType(w.dt)
	}
	if w != nil && w.dt.Kind() == dtype.ComplexKind {
		return errorf(op, "density of complex weights is not supported")
	}
	binner, ok := a.st.b.(backend.Binner)
	if !ok {
		return errorf(op, "the %s backend cannot histogram", a.st.b.Device().Kind)
	}
	x := a.Ravel()
	switch k := a.dt.Kind(); {
	case k == dtype.ComplexKind:
		return errorf(op, "cannot histogram complex values")
	case k == dtype.BoolKind:
		x = x.AsType(Uint8)
	case !backend.HistogramDType(a.dt): // float16, bfloat16: exact in float32
		x = x.AsType(Float32)
	}
	x, e := contiguousCopy(x), contiguousCopy(edges.AsType(Float64))
	operands := []*Array{x, e}
	res := Int64
	if c.weights != nil {
		operands = append(operands, contiguousCopy(c.weights.Ravel().AsType(Float64)))
		res = Float64
	}
	if err := checkAll(op, "", operands); err != nil {
		return &Array{err: err}
	}
	bins := edges.Size() - 1
	hist := On(a.st.b).alloc(op, res, []int{bins})
	if hist.err != nil {
		return hist
	}
	if err := hold(append(operands, hist)...); err != nil {
		return failed(op, err)
	}
	var wbuf backend.Buffer
	wOff := 0
	if c.weights != nil {
		wbuf, wOff = operands[2].st.buf, operands[2].offset
	}
	err := binner.Histogram(x.dt, x.Size(), x.st.buf, x.offset, wbuf, wOff, e.st.buf, bins, uniform, hist.st.buf)
	release(append(operands, hist)...)
	if err != nil {
		hist.Free()
		return failed(op, err)
	}
	if !c.density {
		return hist
	}
	widths := Diff(edges, 1, 0) // in the edges' dtype, as NumPy
	return Div(Div(hist, widths), Sum(hist))
}

// contiguousCopy returns a itself where it is C-contiguous, else a
// C-ordered copy of it.
func contiguousCopy(a *Array) *Array {
	c, _, err := a.cOrder("copy")
	if err != nil {
		return &Array{err: err}
	}
	return c
}

// HistogramBinEdges returns the bins+1 edges Histogram uses, as
// np.histogram_bin_edges.
func HistogramBinEdges(a *Array, bins int, opts ...HistogramOption) *Array {
	var c histConfig
	for _, o := range opts {
		o(&c)
	}
	return histogramBinEdges("HistogramBinEdges", a, bins, &c)
}

// histogramBinEdges returns NumPy's edges: a linspace over the range (the
// data's extremes without one, widened by 0.5 either way where they are
// equal) in the data's float dtype (float64 for integers).
func histogramBinEdges(op string, a *Array, bins int, c *histConfig) *Array {
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if bins < 1 {
		return errorf(op, "`bins` must be positive, when an integer")
	}
	if bins == math.MaxInt { // bins+1 edges overflow
		return errorf(op, "cannot make %d bins", bins)
	}
	if a.dt.Kind() == dtype.ComplexKind {
		return errorf(op, "cannot histogram complex values")
	}
	if err := c.checkWeights(op, a); err != nil {
		return &Array{err: err}
	}
	lo, hi, err := outerEdges(a, c)
	if err != nil {
		return failed(op, err)
	}
	dt := a.dt
	if dt.Kind() != dtype.FloatKind {
		dt = Float64
	}
	edges := On(a.st.b).Linspace(lo, hi, bins+1, dt)
	if edges.err != nil {
		return failed(op, fmt.Errorf("edges: %w", edges.err))
	}
	if err := distinctEdges(edges, lo, hi, bins); err != nil {
		edges.Free()
		return failed(op, err)
	}
	return edges
}

// edgeEpsilon is the spacing of each float dtype's values at 1.
var edgeEpsilon = map[dtype.DType]float64{Float16: 0x1p-10, BFloat16: 0x1p-7, Float32: 0x1p-23, Float64: 0x1p-52}

// distinctEdges refuses edges that rounding to their dtype made equal
// (a range too narrow for that many bins), as NumPy 2.5 does rather than
// count into empty bins. Where the bin width is well beyond the
// dtype's spacing at the range's ends (below 1 the spacing is at most
// epsilon) the edges cannot meet, and nothing is read back.
func distinctEdges(edges *Array, lo, hi float64, bins int) error {
	width := (hi - lo) / float64(bins)
	if width > 16*edgeEpsilon[edges.dt]*max(math.Abs(lo), math.Abs(hi), 1) {
		return nil
	}
	ok, err := Item[bool](AllTrue(Greater(Diff(edges, 1, 0), 0)))
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("Too many bins for data range. Cannot create %d finite-sized bins.", bins) // NumPy's words
	}
	return nil
}
