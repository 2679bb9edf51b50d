package array

import (
	"errors"
	"math"
	"slices"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Order statistics by selection: the elements of a few ranks of each row
// found by the backend's Selector (a radix select on the GPU, quickselect
// on the CPU) instead of a full sort.

// selectRows returns, for an array whose last axis holds the rows, the
// elements at ranks of each row in NumPy's sort order, as float64 of
// shape a.shape[:last] + [len(ranks)]; nil without an error where the
// backend cannot select or would rather sort.
func selectRows(op string, a *Array, ranks []int) (*Array, error) {
	sel, err := selectRanks(op, a, ranks)
	if sel == nil || err != nil {
		return nil, err
	}
	defer sel.Free()
	f := sel.AsType(Float64)
	return f, f.err
}

// selectRanks is selectRows giving the elements in a's dtype.
func selectRanks(op string, a *Array, ranks []int) (*Array, error) {
	selector, ok := a.st.b.(backend.Selector)
	if !ok || len(ranks) > 16 || !backend.SortableDType(a.dt) {
		return nil, nil
	}
	c, free, err := a.cOrder(op)
	if err != nil {
		return nil, err
	}
	if free {
		defer c.Free()
	}
	last := len(a.shape) - 1
	n := a.shape[last]
	rows := 0
	if n > 0 {
		rows = a.Size() / n
	}
	out := On(a.st.b).alloc(op, a.dt, append(slices.Clone(a.shape[:last]), len(ranks)))
	if out.err != nil {
		return nil, out.err
	}
	if err := hold(c, out); err != nil {
		out.Free()
		return nil, err
	}
	err = selector.SelectRows(a.dt, rows, n, c.st.buf, c.offset, ranks, out.st.buf)
	release(c, out)
	if err != nil {
		out.Free()
		if errors.Is(err, backend.ErrSortInstead) {
			return nil, nil
		}
		return nil, err
	}
	return out, nil
}

// quantilePick is where one quantile of a row of n elements lies: the
// ranks of the elements below and above it and the weight between them.
type quantilePick struct {
	lo, hi int
	g      float64
}

// pickQuantile computes, as NumPy does and quantileIndices on arrays,
// which elements method m reads for quantile x (in [0, 1]) of n elements.
// Each product is rounded before it is added (float64(...)): fused into
// one operation (arm64 fuses) it would round otherwise than NumPy's.
func pickQuantile(n int, x float64, m Method) quantilePick {
	h := float64(float64(n-1) * x)
	nx := float64(float64(n) * x)
	rank := func(v float64) int { return min(max(int(v), 0), n-1) }
	lo := math.Floor(h)
	one := func(v float64) quantilePick { return quantilePick{lo: rank(v), hi: rank(v)} }
	between := func(v float64, g float64) quantilePick { return quantilePick{rank(v), rank(v + 1), g} }
	switch m {
	case Linear:
		return between(lo, h-lo)
	case Lower:
		return one(lo)
	case Higher:
		return one(math.Ceil(h))
	case Nearest:
		return one(math.RoundToEven(h))
	case Midpoint:
		if h == lo {
			return between(lo, 0)
		}
		return between(lo, 0.5)
	case InvertedCDF: // the element at the index, or the next past a fraction
		i := nx - 1
		f := math.Floor(i)
		if f != i {
			f++
		}
		return one(f)
	case ClosestObservation: // as InvertedCDF half an element lower, an odd index on a tie
		i := nx - 1 - 0.5
		f := math.Floor(i)
		if f != i || math.Mod(f, 2) == 0 {
			f++
		}
		return one(f)
	case AveragedInvertedCDF:
		i := nx - 1
		if f := math.Floor(i); f != i {
			return between(f, 1)
		}
		return between(i, 0.5)
	case median:
		return quantilePick{(n - 1) / 2, n / 2, 0.5}
	}
	ab := plottingPositions[m]
	v := float64(nx+(ab[0]+float64(x*(1-ab[0]-ab[1])))) - 1
	return between(math.Floor(v), v-math.Floor(v))
}

// quantileIndices is pickQuantile on rows of count elements (a float64
// array): the ranks below and above quantile x (float64, to be clipped to
// the row) and the weight between them (nil where there is none).
func quantileIndices(count *Array, x float64, m Method) (lo, hi, g *Array) {
	h := Mul(Sub(count, 1), x)
	nx := Mul(count, x)
	between := func(v, g *Array) (*Array, *Array, *Array) { return v, Add(v, 1), g }
	switch m {
	case Linear:
		lo = Floor(h)
		return between(lo, Sub(h, lo))
	case Lower:
		return Floor(h), nil, nil
	case Higher:
		return Ceil(h), nil, nil
	case Nearest:
		return Rint(h), nil, nil
	case Midpoint:
		lo = Floor(h)
		return between(lo, Where(Equal(h, lo), 0.0, 0.5))
	case InvertedCDF:
		i := Sub(nx, 1)
		lo = Floor(i)
		return Where(Equal(i, lo), lo, Add(lo, 1)), nil, nil
	case ClosestObservation:
		i := Sub(Sub(nx, 1), 0.5)
		lo = Floor(i)
		tie := LogicalAnd(Equal(i, lo), NotEqual(Fmod(lo, 2), 0))
		return Where(tie, lo, Add(lo, 1)), nil, nil
	case AveragedInvertedCDF:
		i := Sub(nx, 1)
		lo = Floor(i)
		return between(lo, Where(Equal(i, lo), 0.5, 1.0))
	case median:
		return Floor(Div(Sub(count, 1), 2)), Floor(Div(count, 2)), nil
	}
	ab := plottingPositions[m]
	v := Sub(Add(nx, ab[0]+float64(x*(1-ab[0]-ab[1]))), 1)
	lo = Floor(v)
	return between(lo, Sub(v, lo))
}

// quantileBySelection returns the quantiles qs (in [0, 1]) of each row of
// a (its last axis, n > 0 long), each of a's shape without that axis, by
// selecting the elements they need; nil where the backend would rather
// sort. Where skipNaN, every row holds count elements that are not NaN
// (NaN sorts last) and the quantiles are theirs; otherwise count is n
// and the largest element is selected too (a NaN where the row holds
// one, which NumPy gives as the row's quantiles).
func quantileBySelection(op string, a *Array, qs []float64, m Method, count int, skipNaN bool, wide DType) ([]*Array, error) {
	n := a.shape[len(a.shape)-1]
	picks := make([]quantilePick, len(qs))
	ranks := []int{}
	if !skipNaN {
		ranks = append(ranks, n-1)
	}
	for i, x := range qs {
		picks[i] = pickQuantile(count, x, m)
		ranks = append(ranks, picks[i].lo, picks[i].hi)
	}
	slices.Sort(ranks)
	ranks = slices.Compact(ranks)
	sel, err := selectRanks(op, a, ranks) // discrete methods return the elements themselves
	if sel == nil || err != nil {
		return nil, err
	}
	if !m.discrete() && a.dt.Kind() != dtype.FloatKind {
		sel = sel.AsType(Float64)
	}
	at := func(rank int) *Array {
		i, _ := slices.BinarySearch(ranks, rank)
		return sel.Index(Ellipsis, I(i))
	}
	var largest, hasNaN *Array // a row's largest element, a NaN where it holds one
	if !skipNaN && isFloating(a.dt) {
		largest = at(n - 1)
		hasNaN = IsNaN(largest)
	}
	results := make([]*Array, len(qs))
	for i, p := range picks {
		vlo, vhi := at(p.lo), at(p.hi)
		var r *Array
		switch {
		case m == median:
			r = midway(vlo, vhi)
		case m.discrete():
			r = vlo
		default:
			r = lerp(vlo, vhi, p.g, wide)
		}
		if hasNaN != nil { // NumPy 2 gives the row's last NaN in sort order (nan+1j stays nan+1j)
			r = Where(hasNaN, largest, r)
		}
		results[i] = r
	}
	return results, nil
}

// lerp interpolates between lo and hi by g (an array or a float64) as
// NumPy's quantiles do: from the nearer end, with hi - lo taken in the
// elements' dtype (integers, already float64, do not wrap around as
// NumPy's do), and the rest in dtype wide (the result's) with g rounded
// to it, as NumPy 2 interpolates by a Python float in the elements' float
// dtype.
func lerp(lo, hi *Array, g any, wide DType) *Array {
	diff := Sub(hi, lo)
	diff, lo, hi = diff.AsType(wide), lo.AsType(wide), hi.AsType(wide)
	if g, ok := g.(float64); ok { // one weight: no arrays of Go numbers, which would not know lo's device
		if g >= 0.5 {
			return Sub(hi, Mul(diff, roundTo(wide, 1-g)))
		}
		return Add(lo, Mul(diff, roundTo(wide, g)))
	}
	ga := g.(*Array)
	below, above := ga.AsType(wide), Sub(1.0, ga).AsType(wide)
	return Where(GreaterEqual(ga, 0.5), Sub(hi, Mul(diff, above)), Add(lo, Mul(diff, below)))
}

// midway is the mean of lo and hi in float64, complex128 for complex
// numbers (np.median's mean of the two middle elements).
func midway(lo, hi *Array) *Array {
	wide := Float64
	if lo.dt.Kind() == dtype.ComplexKind {
		wide = Complex128
	}
	return Div(Add(lo.AsType(wide), hi.AsType(wide)), 2)
}
