package array

import (
	"errors"
	"fmt"
)

// Index is one item of an indexing expression, what NumPy takes between
// the brackets of a[...]: an integer (I), a Slice (S, From, To, All),
// NewAxis or Ellipsis, which give a view (basic indexing), or an integer
// or boolean array (Idx), which copies (advanced indexing).
type Index interface {
	isIndex()
}

type intIndex int

// I selects one position along an axis and removes the axis, as a[i] does.
// A negative i counts from the end.
func I(i int) Index { return intIndex(i) }

type newAxis struct{}
type ellipsis struct{}

var (
	// NewAxis inserts an axis of size 1, as np.newaxis (None) does.
	NewAxis Index = newAxis{}
	// Ellipsis stands for as many full slices as the other indices leave
	// axes, as ... does. An index has at most one.
	Ellipsis Index = ellipsis{}
)

func (intIndex) isIndex() {}
func (newAxis) isIndex()  {}
func (ellipsis) isIndex() {}
func (Slice) isIndex()    {}

// Slice selects start:stop:step along an axis, with Python's rules: ends
// may be negative (counting from the end), are clipped to the axis, and
// when left out mean the whole axis in the direction of step. The zero
// value is All, [:].
type Slice struct {
	start, stop       int
	hasStart, hasStop bool
	step              int // 0 means 1 unless stepSet
	stepSet           bool
}

// All is the full slice [:].
var All = Slice{}

// S returns the slice start:stop.
func S(start, stop int) Slice {
	return Slice{start: start, stop: stop, hasStart: true, hasStop: true}
}

// From returns the slice start: (to the end).
func From(start int) Slice { return Slice{start: start, hasStart: true} }

// To returns the slice :stop (from the beginning).
func To(stop int) Slice { return Slice{stop: stop, hasStop: true} }

// Step returns s with the given step: S(1, 8).Step(3) is 1:8:3 and
// All.Step(-1) is ::-1. A step of 0 is an error when the index is applied.
func (s Slice) Step(step int) Slice {
	s.step, s.stepSet = step, true
	return s
}

// indices resolves s for an axis of size n, as Python's slice.indices:
// the first position, the step and the number of positions selected.
func (s Slice) indices(n int) (start, step, length int, err error) {
	step = 1
	if s.stepSet {
		step = s.step
	}
	if step == 0 {
		return 0, 0, 0, errors.New("slice step cannot be zero")
	}
	// clip resolves one end: lo and hi are the outermost positions it may
	// take for this direction.
	lo, hi := 0, n
	if step < 0 {
		lo, hi = -1, n-1
	}
	clip := func(v int, set bool, def int) int {
		switch {
		case !set:
			return def
		case v < 0:
			return max(v+n, lo)
		default:
			return min(v, hi)
		}
	}
	if step > 0 {
		start, stop := clip(s.start, s.hasStart, 0), clip(s.stop, s.hasStop, n)
		if start < stop {
			length = (stop-start-1)/step + 1
		}
		return start, step, length, nil
	}
	start, stop := clip(s.start, s.hasStart, n-1), clip(s.stop, s.hasStop, -1)
	if stop < start {
		length = (start-stop-1)/(-step) + 1
	}
	return start, step, length, nil
}

// applyIndex applies a basic indexing expression to the view (shape,
// strides, offset) and returns the view it selects, exactly as NumPy does
// for a[idx...] (offsets and strides count elements). Errors carry NumPy's
// text, such as "index 5 is out of bounds for axis 0 with size 3".
func applyIndex(shape, strides []int, offset int, idx ...Index) (newShape, newStrides []int, newOffset int, err error) {
	if len(strides) != len(shape) {
		return nil, nil, 0, fmt.Errorf("shape %s and %d strides do not match", formatShape(shape), len(strides))
	}
	used, ellipses := 0, 0
	for _, x := range idx {
		switch x.(type) {
		case ellipsis:
			ellipses++
		case intIndex, Slice:
			used++
		case nil:
			return nil, nil, 0, errors.New("nil index")
		}
	}
	if ellipses > 1 {
		return nil, nil, 0, errors.New("an index can only have a single ellipsis ('...')")
	}
	if used > len(shape) {
		return nil, nil, 0, fmt.Errorf("too many indices for array: array is %d-dimensional, but %d were indexed", len(shape), used)
	}
	newShape, newStrides = []int{}, []int{}
	keep := func(n int) { // keep the next n axes unchanged
		newShape = append(newShape, shape[:n]...)
		newStrides = append(newStrides, strides[:n]...)
		shape, strides = shape[n:], strides[n:]
	}
	axis := 0 // of the input, for messages
	for _, x := range idx {
		switch x := x.(type) {
		case newAxis:
			newShape = append(newShape, 1)
			newStrides = append(newStrides, 0)
		case ellipsis:
			n := len(shape) - used
			keep(n)
			axis += n
		case intIndex:
			i, n := int(x), shape[0]
			if i < -n || i >= n {
				return nil, nil, 0, fmt.Errorf("index %d is out of bounds for axis %d with size %d", i, axis, n)
			}
			if i < 0 {
				i += n
			}
			offset += i * strides[0]
			shape, strides = shape[1:], strides[1:]
			used--
			axis++
		case Slice:
			start, step, length, err := x.indices(shape[0])
			if err != nil {
				return nil, nil, 0, err
			}
			if length == 0 { // NumPy points an empty slice at its axis start
				start, step = 0, 1
			}
			offset += start * strides[0]
			newShape = append(newShape, length)
			newStrides = append(newStrides, step*strides[0])
			shape, strides = shape[1:], strides[1:]
			used--
			axis++
		}
	}
	keep(len(shape))
	return newShape, newStrides, offset, nil
}
