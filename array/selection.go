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

// pickQuantile computes, as quantile's array code does, which elements
// method m reads for quantile x (in [0, 1]) of n elements.
func pickQuantile(n int, x float64, m Method) quantilePick {
	h := float64(float64(n-1) * x) // rounded, as NumPy's: never fused into h - lo (arm64 fuses)
	rank := func(v float64) int { return min(max(int(v), 0), n-1) }
	lo := math.Floor(h)
	switch m {
	case Linear:
		return quantilePick{rank(lo), rank(lo + 1), h - lo}
	case Higher:
		return quantilePick{lo: rank(math.Ceil(h)), hi: rank(math.Ceil(h))}
	case Nearest:
		return quantilePick{lo: rank(math.RoundToEven(h)), hi: rank(math.RoundToEven(h))}
	case Midpoint:
		g := 0.5
		if h == lo {
			g = 0
		}
		return quantilePick{rank(lo), rank(lo + 1), g}
	case median:
		return quantilePick{(n - 1) / 2, n / 2, 0.5}
	}
	return quantilePick{lo: rank(lo), hi: rank(lo)} // Lower
}

// quantileBySelection returns the quantiles qs (in [0, 1]) of each row of
// a (its last axis, n > 0 long), each of a's shape without that axis, by
// selecting the elements they need; nil where the backend would rather
// sort. Where skipNaN, every row holds count elements that are not NaN
// (NaN sorts last) and the quantiles are theirs; otherwise count is n
// and the largest element is selected too (a NaN, NumPy's marker of a
// row holding one).
func quantileBySelection(op string, a *Array, qs []float64, m Method, count int, skipNaN bool) ([]*Array, error) {
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
	var hasNaN *Array
	if !skipNaN && a.dt.Kind() == dtype.FloatKind {
		hasNaN = IsNaN(at(n - 1))
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
			r = lerp(vlo, vhi, p.g)
		}
		if hasNaN != nil {
			r = Where(hasNaN, math.NaN(), r)
		}
		results[i] = r
	}
	return results, nil
}

// lerp interpolates between lo and hi by g (an array or a float64) in
// float64 as NumPy's quantiles do: from the nearer end, and with hi - lo
// taken in the elements' float dtype (integers, already float64, do not
// wrap around as NumPy's do).
func lerp(lo, hi *Array, g any) *Array {
	diff := Sub(hi, lo).AsType(Float64)
	lo, hi = lo.AsType(Float64), hi.AsType(Float64)
	if g, ok := g.(float64); ok { // one weight: no arrays of Go numbers, which would not know lo's device
		if g >= 0.5 {
			return Sub(hi, Mul(diff, 1-g))
		}
		return Add(lo, Mul(diff, g))
	}
	return Where(GreaterEqual(g, 0.5), Sub(hi, Mul(diff, Sub(1.0, g))), Add(lo, Mul(diff, g)))
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
