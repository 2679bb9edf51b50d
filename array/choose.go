package array

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// Picking elements by conditions and indices, as NumPy's select, choose,
// compress, extract and flatnonzero: compositions of Where, Take and the
// compaction behind Nonzero, so they run on the arrays' device.

// Select returns, at each position, the element of the first choice
// whose condition is true there, or deflt where none is, as
// np.select(condlist, choicelist, default): conditions are bool arrays,
// choices and deflt arrays or Go numbers, all broadcast together. The
// result has the dtype the choices promote to, promoted with deflt's; as
// NumPy 2 makes each choice an array first, a Go number counts as an
// array of int64, float64, complex128 or bool here, not as a weak scalar
// (an int8 choice with the default 0 gives int64).
func Select(condlist []*Array, choicelist []any, deflt any) *Array {
	const op = "Select"
	if len(condlist) != len(choicelist) {
		return errorf(op, "list of cases must be same length as list of conditions (%d and %d)", len(choicelist), len(condlist))
	}
	if len(condlist) == 0 {
		return errorf(op, "select with an empty condition list is not possible")
	}
	if err := checkAll(op, "", condlist); err != nil {
		return &Array{err: err}
	}
	for i, c := range condlist {
		if c.dt != Bool {
			return errorf(op, "invalid entry %d in condlist: should be boolean ndarray, not %v", i, c.dt)
		}
	}
	dt, err := selectType(op, condlist[0], choicelist, deflt)
	if err != nil {
		return failed(op, err)
	}
	values := append(append([]any{}, choicelist...), deflt)
	shapes := [][]int{}
	for _, x := range append(append([]any{}, condlist[0]), values...) {
		if a, ok := x.(*Array); ok {
			shapes = append(shapes, a.shape)
		}
	}
	for _, c := range condlist[1:] {
		shapes = append(shapes, c.shape)
	}
	shape, err := Broadcast(shapes...)
	if err != nil {
		return failed(op, err)
	}
	var result *Array
	if a, ok := deflt.(*Array); ok {
		result = a.AsType(dt).BroadcastTo(shape...)
	} else {
		result = On(condlist[0].st.b).full(op, dt, deflt, shape)
	}
	for i := len(condlist) - 1; i >= 0 && result.err == nil; i-- {
		result = Where(condlist[i], choicelist[i], result)
	}
	return failedAs(op, result)
}

// selectType is the dtype of np.select's result in NumPy 2, which turns
// every choice and the default into an array first: a Go number counts
// as an array of its kind's default dtype (int64, float64, complex128 or
// bool), not as a weak scalar; the choices promote together, then with
// the default. Each array must be usable and on like's device.
func selectType(op string, like *Array, choices []any, deflt any) (DType, error) {
	dts := make([]DType, len(choices)+1)
	for i, v := range append(append([]any{}, choices...), deflt) {
		if a, ok := v.(*Array); ok {
			if err := a.checkOp(op); err != nil {
				return 0, err
			}
			if err := sameBackend(op, like.st.b, a.st.b); err != nil {
				return 0, err
			}
			dts[i] = a.dt
			continue
		}
		s, ok := scalarOf(v)
		if !ok {
			return 0, fmt.Errorf("value %d is a %T, not an array or a Go number", i, v)
		}
		dts[i] = s.defaultDType()
	}
	choicesType, err := dtype.PromoteAll(dts[:len(choices)]...)
	if err != nil {
		return 0, err
	}
	return dtype.Promote(choicesType, dts[len(choices)])
}

// ChooseMode is what Choose does with an index outside [0, n) for n
// choices (NumPy's mode= of np.choose).
type ChooseMode uint8

const (
	ChooseRaise ChooseMode = iota // an error (NumPy's default)
	ChooseWrap                    // taken modulo n
	ChooseClip                    // clipped to [0, n-1]
)

// Choose returns, at each position, the element of choices[a] there, as
// np.choose(a, choices, mode=mode): a holds integers, and a and the
// choices broadcast together; the result has the dtype the choices
// promote to.
func Choose(a *Array, choices []*Array, mode ChooseMode) *Array {
	const op = "Choose"
	if err := checkAll(op, "", append([]*Array{a}, choices...)); err != nil {
		return &Array{err: err}
	}
	if !isInt(a.dt) {
		return errorf(op, "a must hold integers, not %v", a.dt)
	}
	if len(choices) == 0 {
		return errorf(op, "at least one choice is needed")
	}
	n := len(choices)
	idx := a
	switch mode {
	case ChooseRaise:
		if a.Size() > 0 {
			outside, err := Item[bool](AnyTrue(LogicalOr(Less(a, 0), GreaterEqual(a, n))))
			if err != nil {
				return failed(op, err)
			}
			if outside {
				return errorf(op, "invalid entry in choice array: an index outside [0, %d)", n)
			}
		}
	case ChooseWrap:
		idx = Mod(a, n)
	case ChooseClip:
		idx = Clip(a, 0, n-1)
	default:
		return errorf(op, "unknown mode %d", mode)
	}
	dt := resultType(choices)
	shapes := [][]int{a.shape}
	for _, c := range choices {
		shapes = append(shapes, c.shape)
	}
	shape, err := Broadcast(shapes...)
	if err != nil {
		return failed(op, err)
	}
	result := choices[n-1].AsType(dt).BroadcastTo(shape...)
	for k := n - 2; k >= 0 && result.err == nil; k-- {
		result = Where(Equal(idx, k), choices[k], result)
	}
	if n == 1 {
		result = result.Copy() // not a read-only broadcast view
	}
	return failedAs(op, result)
}

// Compress returns the slices of a along axis at the positions where
// condition (1-d) is true, as np.compress(condition, a, axis) (AxisNone:
// of the flattened a). A condition shorter than the axis selects among
// its first elements only; a true entry past the axis is an error.
func Compress(condition, a *Array, axis int) *Array {
	const op = "Compress"
	if err := checkAll(op, "", []*Array{condition, a}); err != nil {
		return &Array{err: err}
	}
	if condition.NDim() != 1 {
		return errorf(op, "condition must be a 1-d array, not %d-d", condition.NDim())
	}
	pos, err := nonzeroPositions(op, condition)
	if err != nil {
		return &Array{err: err}
	}
	if axis == AxisNone {
		return failedAs(op, Take(a, pos))
	}
	if a.NDim() == 0 { // NumPy's axis check makes a 0-d a 1-d
		a = a.Reshape(1)
	}
	return failedAs(op, Take(a, pos, axis))
}

// Extract returns the elements of a, flattened, where condition
// (flattened, nonzero meaning true) is true, as np.extract(condition, a).
func Extract(condition, a *Array) *Array {
	const op = "Extract"
	if err := checkAll(op, "", []*Array{condition, a}); err != nil {
		return &Array{err: err}
	}
	return failedAs(op, Compress(condition.Ravel(), a, AxisNone))
}

// Flatnonzero returns the indices of a's nonzero elements in the
// flattened a, as int64 (np.flatnonzero).
func Flatnonzero(a *Array) *Array {
	const op = "Flatnonzero"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	pos, err := nonzeroPositions(op, a.Ravel())
	if err != nil {
		return &Array{err: err}
	}
	return pos
}
