package array

import (
	"fmt"
	"math"

	"github.com/cugo/cugo/dtype"
)

// The number of histogram bins estimated from the data, as NumPy's
// bins='auto', 'fd', ... (numpy/lib/_histograms_impl.py): each estimator
// gives a bin width, and the range is cut into ceil(range/width) equal
// bins. The widths are computed on the host from a few reductions, in
// the dtypes NumPy computes them in, so that the count is NumPy's.

// BinEstimator names a rule for the width of histogram bins (NumPy's
// bins=<str>).
type BinEstimator string

const (
	BinsAuto    BinEstimator = "auto"    // the smaller of BinsSturges and BinsFD (at least half BinsSqrt's width)
	BinsFD      BinEstimator = "fd"      // Freedman-Diaconis: 2 IQR n^(-1/3)
	BinsDoane   BinEstimator = "doane"   // Sturges corrected for skewness
	BinsScott   BinEstimator = "scott"   // (24 sqrt(pi)/n)^(1/3) times the standard deviation
	BinsStone   BinEstimator = "stone"   // minimising Stone's leave-one-out estimate of the error
	BinsRice    BinEstimator = "rice"    // range/(2 n^(1/3))
	BinsSturges BinEstimator = "sturges" // range/(log2(n) + 1)
	BinsSqrt    BinEstimator = "sqrt"    // range/sqrt(n)
)

// HistogramBy is Histogram with the number of bins estimated by est
// from the data within the range (np.histogram(a, bins=est, range=...)):
// one bin where no data remain or the estimated width is zero (all the
// data equal). Weights are an error, as in NumPy; the widths of integer
// data are at least 1.
func HistogramBy(a *Array, est BinEstimator, opts ...HistogramOption) (hist, edges *Array) {
	const op = "HistogramBy"
	c := histOptions(opts)
	bins, err := estimateBins(a, est, &c)
	if err != nil {
		e := failed(op, err)
		return e, e
	}
	return histogram(op, a, bins, &c)
}

// HistogramBinEdgesBy returns the edges HistogramBy uses
// (np.histogram_bin_edges(a, bins=est, range=...)).
func HistogramBinEdgesBy(a *Array, est BinEstimator, opts ...HistogramOption) *Array {
	const op = "HistogramBinEdgesBy"
	c := histOptions(opts)
	bins, err := estimateBins(a, est, &c)
	if err != nil {
		return failed(op, err)
	}
	return histogramBinEdges(op, a, bins, &c)
}

// histOptions applies the options to a histConfig.
func histOptions(opts []HistogramOption) histConfig {
	var c histConfig
	for _, o := range opts {
		o(&c)
	}
	return c
}

// binWidth is a bin width and the dtype NumPy computes it in (Float64,
// or the data's float dtype where it divides the data's range by a
// Python number).
type binWidth struct {
	w  float64
	dt DType
}

// estimateBins returns the number of bins est gives for a within the
// range c sets (the data's extremes without one).
func estimateBins(a *Array, est BinEstimator, c *histConfig) (int, error) {
	if err := a.check(); err != nil {
		return 0, err
	}
	estimate, ok := binEstimators[est]
	if !ok {
		return 0, fmt.Errorf("%q is not a valid estimator for `bins`", string(est))
	}
	if c.weights != nil {
		return 0, fmt.Errorf("Automated estimation of the number of bins is not supported for weighted data") // NumPy's words
	}
	if a.dt.Kind() == dtype.ComplexKind {
		return 0, fmt.Errorf("cannot histogram complex values")
	}
	x := a.Ravel()
	if a.dt == Bool {
		x = x.AsType(Uint8) // as NumPy converts bool
	}
	lo, hi, err := outerEdges(x, c)
	if err != nil {
		return 0, err
	}
	if c.hasRange {
		inside := LogicalAnd(GreaterEqual(x, lo), LessEqual(x, hi))
		all, err := Item[bool](AllTrue(inside))
		if err != nil {
			return 0, err
		}
		if !all {
			x = x.Mask(inside)
		}
	}
	if x.Size() == 0 {
		return 1, x.err
	}
	s, err := newBinStats(x, lo, hi)
	if err != nil {
		return 0, err
	}
	width, err := estimate(s)
	if err != nil || width.w == 0 {
		return 1, err
	}
	integer := x.dt.Kind() != dtype.FloatKind
	if integer && width.w < 1 {
		width.w = 1
	}
	// NumPy divides the range (in the data's dtype, float64 with a range
	// given or for integers) by the width, in the dtype both promote to.
	deltaDT := x.dt
	if c.hasRange || integer {
		deltaDT = Float64
	}
	quotient, err := dtype.Promote(deltaDT, width.dt)
	if err != nil {
		return 0, err
	}
	n := math.Ceil(roundTo(quotient, roundTo(deltaDT, hi-lo)/width.w))
	if !(n >= 1 && n < 1<<53) {
		return 0, fmt.Errorf("cannot make %v bins of width %v", n, width.w)
	}
	return int(n), nil
}

// outerEdges returns the range of the histogram: c's, or the data's
// extremes (0 and 1 without data), widened by 0.5 either way where the
// two are equal, as NumPy's _get_outer_edges.
func outerEdges(a *Array, c *histConfig) (lo, hi float64, err error) {
	lo, hi = c.lo, c.hi
	switch {
	case c.hasRange:
		if lo > hi {
			return 0, 0, fmt.Errorf("max must be larger than min in range parameter.")
		}
	case a.Size() == 0:
		lo, hi = 0, 1
	default:
		if lo, err = Item[float64](Min(a).AsType(Float64)); err == nil {
			hi, err = Item[float64](Max(a).AsType(Float64))
		}
		if err != nil {
			return 0, 0, err
		}
	}
	if math.IsNaN(lo) || math.IsInf(lo, 0) || math.IsNaN(hi) || math.IsInf(hi, 0) {
		if c.hasRange {
			return 0, 0, fmt.Errorf("supplied range of [%v, %v] is not finite", lo, hi)
		}
		return 0, 0, fmt.Errorf("autodetected range of [%v, %v] is not finite", lo, hi)
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	return lo, hi, nil
}

// binStats is what the estimators read of the data x (within the range
// lo, hi): its size and its range (in x's dtype, as NumPy's _ptp).
type binStats struct {
	x      *Array
	n      float64
	lo, hi float64
	ptp    binWidth
}

func newBinStats(x *Array, lo, hi float64) (*binStats, error) {
	mn, err := Item[float64](Min(x).AsType(Float64))
	if err != nil {
		return nil, err
	}
	mx, err := Item[float64](Max(x).AsType(Float64))
	if err != nil {
		return nil, err
	}
	s := &binStats{x: x, n: float64(x.Size()), lo: lo, hi: hi, ptp: binWidth{mx - mn, Float64}}
	if x.dt.Kind() == dtype.FloatKind {
		s.ptp = binWidth{roundTo(x.dt, mx-mn), x.dt}
	}
	return s, nil
}

// perWeak is the range divided by a Python number: in the data's float
// dtype (float64 for integers).
func (s *binStats) perWeak(d float64) binWidth {
	return binWidth{roundTo(s.ptp.dt, s.ptp.w/roundTo(s.ptp.dt, d)), s.ptp.dt}
}

// std is np.std of the data, in its float dtype (float64 for integers).
func (s *binStats) std() (float64, error) { return Item[float64](Std(s.x).AsType(Float64)) }

var binEstimators = map[BinEstimator]func(s *binStats) (binWidth, error){
	BinsSqrt: func(s *binStats) (binWidth, error) {
		return binWidth{s.ptp.w / math.Sqrt(s.n), Float64}, nil
	},
	BinsSturges: func(s *binStats) (binWidth, error) {
		return binWidth{s.ptp.w / (math.Log2(s.n) + 1), Float64}, nil
	},
	BinsRice: func(s *binStats) (binWidth, error) {
		return s.perWeak(2 * math.Pow(s.n, 1.0/3)), nil
	},
	BinsScott: func(s *binStats) (binWidth, error) {
		std, err := s.std()
		dt := s.ptp.dt
		factor := math.Pow(24*math.Sqrt(math.Pi)/s.n, 1.0/3)
		return binWidth{roundTo(dt, roundTo(dt, factor)*std), dt}, err
	},
	BinsFD:    binWidthFD,
	BinsDoane: binWidthDoane,
	BinsStone: binWidthStone,
	BinsAuto: func(s *binStats) (binWidth, error) {
		fd, err := binWidthFD(s)
		sqrt := s.ptp.w / math.Sqrt(s.n)
		sturges := s.ptp.w / (math.Log2(s.n) + 1)
		return binWidth{min(max(fd.w, sqrt/2), sturges), Float64}, err
	},
}

// binWidthFD is Freedman and Diaconis's width: twice the interquartile
// range (float64, from np.percentile's linear quantiles) times n^(-1/3).
func binWidthFD(s *binStats) (binWidth, error) {
	q, err := ToSlice[float64](Percentile(s.x, []float64{75, 25}, AxisNone, Linear))
	if err != nil {
		return binWidth{}, err
	}
	return binWidth{float64(2*(q[0]-q[1])) * math.Pow(s.n, -1.0/3), Float64}, nil
}

// binWidthDoane is Doane's width: Sturges's with the skewness g1 (the
// mean cube of the standardised data, in its float dtype) added as
// log2(1 + |g1|/sigma_g1); zero for two elements or fewer or no spread.
func binWidthDoane(s *binStats) (binWidth, error) {
	if s.n <= 2 {
		return binWidth{0, Float64}, nil
	}
	sg1 := math.Sqrt(6 * (s.n - 2) / ((s.n + 1) * (s.n + 3)))
	sigma, err := s.std()
	if err != nil || !(sigma > 0) {
		return binWidth{0, Float64}, err
	}
	standard := Div(Sub(s.x, Mean(s.x)), sigma)
	g1, err := Item[float64](Mean(Pow(standard, 3)).AsType(Float64))
	if err != nil {
		return binWidth{}, err
	}
	return binWidth{s.ptp.w / (1 + math.Log2(s.n) + math.Log2(1+math.Abs(g1)/sg1)), Float64}, nil
}

// binWidthStone is the width of the number of bins, from 1 to max(100,
// sqrt(n)), that minimises Stone's estimate (2 - (n+1) sum p_k^2)/h of
// the integrated squared error, p_k being the fraction of the data in
// bin k of width h; the first where several do.
func binWidthStone(s *binStats) (binWidth, error) {
	if s.n <= 1 || s.ptp.w == 0 {
		return binWidth{0, Float64}, nil
	}
	upper := max(100, int(math.Sqrt(s.n)))
	best, bestScore := 0, math.Inf(1)
	for bins := 1; bins <= upper; bins++ {
		h, _ := Histogram(s.x, bins, HistRange(s.lo, s.hi))
		counts, err := ToSlice[int64](h)
		h.Free()
		if err != nil {
			return binWidth{}, err
		}
		sum := 0.0
		for _, k := range counts {
			p := float64(k) / s.n
			sum += p * p
		}
		score := (2 - (s.n+1)*sum) / s.perWeak(float64(bins)).w
		if score < bestScore {
			best, bestScore = bins, score
		}
	}
	return s.perWeak(float64(best)), nil
}
