package array

import (
	"errors"
	"fmt"
	"slices"

	"github.com/cugo/cugo/dtype"
)

// PadMode is how PadWith fills the elements it adds (np.pad's mode=).
type PadMode uint8

const (
	PadConstant   PadMode = iota // PadValues's values, 0 without them
	PadEdge                      // the edge element
	PadLinearRamp                // a ramp from PadValues's end values (0 without them) to the edge element
	PadMaximum                   // the maximum of the axis (PadStatLength: of its first or last elements)
	PadMean                      // the mean, rounded for integers
	PadMedian                    // the median, rounded for integers
	PadMinimum                   // the minimum
	PadReflect                   // the elements mirrored about the edge, the edge not repeated (PadOdd: odd reflection)
	PadSymmetric                 // the elements mirrored, the edge repeated
	PadWrap                      // the elements of the other end: the axis repeated periodically
	PadEmpty                     // unspecified values (zeros here)
)

var padModeNames = [...]string{"constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum",
	"reflect", "symmetric", "wrap", "empty"}

func (m PadMode) String() string {
	if int(m) < len(padModeNames) {
		return padModeNames[m]
	}
	return fmt.Sprintf("PadMode(%d)", m)
}

// PadOption is an argument of PadWith that only some modes take.
type PadOption func(*padConfig)

type padConfig struct {
	values     [][2]any // PadConstant's constant_values, PadLinearRamp's end_values
	statLength [][2]int // the stat modes' stat_length
	odd        bool     // reflect_type="odd"
	given      []string // the options given, for the modes that take none of them
}

// PadValues gives PadConstant's values (constant_values) or
// PadLinearRamp's end values (end_values): a pair (before, after) of Go
// numbers for every axis, or one pair for all of them.
func PadValues(pairs ...[2]any) PadOption {
	return func(c *padConfig) { c.values, c.given = pairs, append(c.given, "PadValues") }
}

// PadStatLength limits the statistic of PadMaximum, PadMean, PadMedian
// and PadMinimum to the first (before) and last (after) elements of the
// axis (stat_length): a pair for every axis, or one for all of them.
func PadStatLength(pairs ...[2]int) PadOption {
	return func(c *padConfig) { c.statLength, c.given = pairs, append(c.given, "PadStatLength") }
}

// PadOdd makes PadReflect and PadSymmetric reflect oddly
// (reflect_type="odd"): each added element is 2·edge - its mirror image.
func PadOdd() PadOption {
	return func(c *padConfig) { c.odd, c.given = true, append(c.given, "PadOdd") }
}

// value is PadValues's value for side k (0 before, 1 after) of axis ax,
// 0 without them.
func (c *padConfig) value(ax, k int) any {
	if c.values == nil {
		return 0
	}
	return c.values[ax][k]
}

// padOptions are the options each mode takes (NumPy's allowed keyword
// arguments).
var padOptions = map[PadMode][]string{
	PadConstant: {"PadValues"}, PadLinearRamp: {"PadValues"},
	PadMaximum: {"PadStatLength"}, PadMean: {"PadStatLength"}, PadMedian: {"PadStatLength"}, PadMinimum: {"PadStatLength"},
	PadReflect: {"PadOdd"}, PadSymmetric: {"PadOdd"},
}

// Pad returns a with widths[i][0] elements before and widths[i][1] after
// its elements along axis i, all equal to value (np.pad's constant mode;
// value is cast as Set casts). One pair of widths applies to every axis.
func Pad(a *Array, widths [][2]int, value any) *Array {
	return padWith("Pad", a, widths, PadConstant, PadValues([2]any{value, value}))
}

// PadWith returns a with widths[i][0] elements before and widths[i][1]
// after its elements along axis i, filled as mode says, as np.pad(a,
// widths, mode) (one pair of widths applies to every axis). The axes are
// padded in order, each over the earlier ones' padding, as NumPy pads
// them, so the corners come from the last axis. PadWrap repeats the axis
// periodically, as NumPy 2 does. A mode that reads the elements cannot
// extend an empty axis.
func PadWith(a *Array, widths [][2]int, mode PadMode, opts ...PadOption) *Array {
	return padWith("PadWith", a, widths, mode, opts...)
}

func padWith(op string, a *Array, widths [][2]int, mode PadMode, opts ...PadOption) *Array {
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	var c padConfig
	for _, o := range opts {
		o(&c)
	}
	if int(mode) >= len(padModeNames) {
		return errorf(op, "mode %v is not supported", mode)
	}
	for _, g := range c.given {
		if !slices.Contains(padOptions[mode], g) {
			return errorf(op, "%s does not apply to mode '%v'", g, mode)
		}
	}
	nd := len(a.shape)
	widths, err := pairsPerAxis(widths, nd, "pad widths")
	if err == nil && c.values != nil {
		c.values, err = pairsPerAxis(c.values, nd, "values")
	}
	if err == nil && c.statLength != nil {
		c.statLength, err = pairsPerAxis(c.statLength, nd, "stat lengths")
	}
	if err != nil {
		return failed(op, err)
	}
	for i, w := range widths {
		if w[0] < 0 || w[1] < 0 || c.statLength != nil && (c.statLength[i][0] < 0 || c.statLength[i][1] < 0) {
			return errorf(op, "index can't contain negative values")
		}
		if a.shape[i] == 0 && w != [2]int{} && mode != PadConstant && mode != PadEmpty {
			return errorf(op, "can't extend empty axis %d using modes other than 'constant' or 'empty'", i)
		}
	}
	out := a
	for ax, w := range widths {
		if w == [2]int{} {
			continue
		}
		next, err := padAxis(out, ax, w, mode, &c)
		if out != a {
			out.Free()
		}
		if err != nil {
			return failed(op, err)
		}
		out = next
	}
	if out == a {
		return a.Copy()
	}
	return out
}

// pairsPerAxis returns one pair per axis of nd: pairs itself, or its one
// pair repeated.
func pairsPerAxis[T any](pairs [][2]T, nd int, what string) ([][2]T, error) {
	if len(pairs) == 1 && nd != 1 {
		return slices.Repeat(pairs, nd), nil
	}
	if len(pairs) != nd {
		return nil, fmt.Errorf("%d pairs of %s for an array of %d dimensions", len(pairs), what, nd)
	}
	return pairs, nil
}

// padAxis returns a padded by w along ax.
func padAxis(a *Array, ax int, w [2]int, mode PadMode, c *padConfig) (*Array, error) {
	n := a.shape[ax]
	if (mode == PadReflect || mode == PadSymmetric) && n == 1 {
		mode = PadEdge // one element mirrors to itself
	}
	switch mode {
	case PadReflect, PadSymmetric:
		return reflectAxis(a, ax, w, mode == PadSymmetric, c.odd)
	case PadWrap:
		idx := make([]int, n+w[0]+w[1])
		for i := range idx {
			idx[i] = ((i-w[0])%n + n) % n
		}
		return checked(Take(a, idx, ax))
	}
	side := func(k int) *Array { // the elements side k gives
		switch mode {
		case PadConstant, PadEmpty:
			return On(a.st.b).full("PadWith", a.dt, c.value(ax, k), withAxis(a.shape, ax, w[k]))
		case PadEdge:
			return edgeOf(a, ax, k).BroadcastTo(withAxis(a.shape, ax, w[k])...)
		case PadLinearRamp:
			return linearRamp(a, ax, k, w[k], c.value(ax, k))
		}
		length := n // the statistic modes
		if c.statLength != nil {
			length = min(n, c.statLength[ax][k])
		}
		return padStatistic(a, ax, k, length, mode).BroadcastTo(withAxis(a.shape, ax, w[k])...)
	}
	return checked(Concatenate([]*Array{side(0), a, side(1)}, ax))
}

// checked returns a, or its error.
func checked(a *Array) (*Array, error) {
	if err := a.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

// withAxis is shape with axis ax of length n.
func withAxis(shape []int, ax, n int) []int {
	s := slices.Clone(shape)
	s[ax] = n
	return s
}

// edgeOf is the first (side 0) or last (side 1) element of a along ax,
// the axis kept.
func edgeOf(a *Array, ax, side int) *Array {
	if side == 0 {
		return a.sliceAxis(ax, 0, 1)
	}
	return a.sliceAxis(ax, a.shape[ax]-1, a.shape[ax])
}

// linearRamp is NumPy's np.linspace(v, edge, width, endpoint=False) along
// ax in a's dtype (reversed after a, where it runs from the end value
// inward): k·((edge - v)/width) + v in float64 (complex128 for complex a),
// rounded down for integers as NumPy 2's linspace rounds.
func linearRamp(a *Array, ax, side, width int, v any) *Array {
	wide := Float64
	if a.dt.Kind() == dtype.ComplexKind {
		wide = Complex128
	}
	edge := edgeOf(a, ax, side).AsType(wide)
	k := On(a.st.b).Arange(0, float64(width), 1, wide).Reshape(withAxis(slices.Repeat([]int{1}, len(a.shape)), ax, width)...)
	if side == 1 {
		k = Flip(k, ax)
	}
	delta := Sub(edge, v)
	step := Div(delta, float64(width))
	// linspace's arithmetic: k·step, or (k/width)·delta where any step is
	// 0; the choice stays on the device (a 0-d condition) to spare a sync.
	stepZero := AnyTrue(Equal(step, 0))
	ramp := Where(stepZero, Add(Mul(Div(k, float64(width)), delta), v), Add(Mul(k, step), v))
	if kind := a.dt.Kind(); kind == dtype.IntKind || kind == dtype.UintKind {
		ramp = Floor(ramp)
	}
	return ramp.AsType(a.dt)
}

// padStatistic is the maximum, minimum, mean or median (by mode) of the
// first (side 0) or last (side 1) length elements of a along ax, the
// axis kept, in a's dtype: rounded half to even for integers, as NumPy
// rounds the statistic before it pads with it.
func padStatistic(a *Array, ax, side, length int, mode PadMode) *Array {
	if length == 0 && (mode == PadMaximum || mode == PadMinimum) {
		return Failed(errors.New("stat_length of 0 yields no value for padding"))
	}
	chunk := a.sliceAxis(ax, 0, length)
	if side == 1 {
		chunk = a.sliceAxis(ax, a.shape[ax]-length, a.shape[ax])
	}
	var s *Array
	switch mode {
	case PadMaximum:
		s = Max(chunk, Axis(ax), KeepDims())
	case PadMinimum:
		s = Min(chunk, Axis(ax), KeepDims())
	case PadMean:
		s = Mean(chunk, Axis(ax), KeepDims())
	default:
		s = Median(chunk, ax).ExpandDims(ax)
	}
	if kind := a.dt.Kind(); kind == dtype.IntKind || kind == dtype.UintKind {
		s = Rint(s)
	}
	return s.AsType(a.dt)
}

// reflectAxis pads a along ax by mirror images, as NumPy does: in rounds,
// each adding at most the current length (less the edge, for reflect) on
// each side, mirrored about the current edge, so that odd reflection
// (2·edge - image) builds on the elements added before.
func reflectAxis(a *Array, ax int, w [2]int, symmetric, odd bool) (*Array, error) {
	skip := 1 // the edge is not repeated
	if symmetric {
		skip = 0
	}
	cur := a
	for left, right := w[0], w[1]; left > 0 || right > 0; {
		n := cur.shape[ax]
		chunk := func(side, count int) *Array {
			var image *Array
			if side == 0 {
				image = Flip(cur.sliceAxis(ax, skip, skip+count), ax)
			} else {
				image = Flip(cur.sliceAxis(ax, n-skip-count, n-skip), ax)
			}
			if odd {
				image = Sub(Mul(edgeOf(cur, ax, side), 2), image).AsType(a.dt)
			}
			return image
		}
		cl, cr := min(n-skip, left), min(n-skip, right)
		next := Concatenate([]*Array{chunk(0, cl), cur, chunk(1, cr)}, ax)
		if cur != a { // a round's result, no view of a
			cur.Free()
		}
		if err := next.Err(); err != nil {
			return nil, err
		}
		cur, left, right = next, left-cl, right-cr
	}
	return cur, nil
}
