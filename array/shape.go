package array

import (
	"errors"
	"fmt"
	"github.com/cugo/cugo/internal/layout"
	"math"
	"slices"
	"strings"
)

// Shapes, strides and offsets in this file count elements, not bytes
// (NumPy's strides are bytes): a view is the same on every backend and for
// every dtype, and a kernel scales by the element size itself.

// formatShape writes a shape as NumPy's messages do: (2,3), (4,), ().
func formatShape(shape []int) string { return layout.Format(shape) }

// Broadcast returns the shape that the given shapes broadcast to, by
// NumPy's rules: align the shapes on the right; on each axis the sizes must
// be equal or 1 (a missing axis counts as 1).
func Broadcast(shapes ...[]int) ([]int, error) {
	ndim := 0
	for _, s := range shapes {
		ndim = max(ndim, len(s))
	}
	out := make([]int, ndim)
	for i := range out {
		d := 1
		for _, s := range shapes {
			j := len(s) - ndim + i
			if j < 0 || s[j] == 1 {
				continue
			}
			if d != 1 && s[j] != d {
				parts := make([]string, len(shapes))
				for k, s := range shapes {
					parts[k] = formatShape(s)
				}
				return nil, fmt.Errorf("operands could not be broadcast together with shapes %s", strings.Join(parts, " "))
			}
			d = s[j]
		}
		out[i] = d
	}
	return out, nil
}

// contiguousStrides returns the strides of a C-ordered (row-major) array
// of the given shape. An axis of size 0 counts as 1, as in NumPy, so no
// stride is 0 (none is used, since the array has no elements).
func contiguousStrides(shape []int) []int { return layout.CStrides(shape) }

// broadcastStrides returns the strides that make an array of the given
// shape and strides read as the target shape (np.broadcast_to): stride 0 on
// the axes that it repeats. It fails if shape does not broadcast to target.
func broadcastStrides(shape, strides, target []int) ([]int, error) {
	off := len(target) - len(shape)
	out := make([]int, len(target))
	for i := range shape {
		if off < 0 || shape[i] != 1 && shape[i] != target[off+i] {
			return nil, fmt.Errorf("operands could not be broadcast together with remapped shapes [original->remapped]: %s and requested shape %s",
				formatShape(shape), formatShape(target))
		}
		if shape[i] != 1 {
			out[off+i] = strides[i]
		}
	}
	return out, nil
}

// NormalizeAxis turns axis, which may count from the end (-1 is the last
// axis), into an index in [0, ndim).
func NormalizeAxis(axis, ndim int) (int, error) {
	if axis < -ndim || axis >= ndim {
		return 0, fmt.Errorf("axis %d is out of bounds for array of dimension %d", axis, ndim)
	}
	if axis < 0 {
		axis += ndim
	}
	return axis, nil
}

// inferShape checks a reshape of an array of size elements to shape and
// returns shape with its one -1, if any, replaced by the size it must have.
// Unlike NumPy 1.x, which takes any negative size as unknown, only -1 is.
func inferShape(size int, shape []int) ([]int, error) {
	out := slices.Clone(shape)
	unknown, known := -1, 1
	for i, d := range shape {
		switch {
		case d == -1 && unknown >= 0:
			return nil, errors.New("can only specify one unknown dimension")
		case d == -1:
			unknown = i
		case d < 0:
			return nil, errors.New("negative dimensions not allowed")
		case d != 0 && known > math.MaxInt/d:
			return nil, fmt.Errorf("cannot reshape array of size %d into shape %s", size, formatShape(shape))
		default:
			known *= d
		}
	}
	switch {
	case unknown >= 0 && known != 0 && size%known == 0:
		out[unknown] = size / known
	case unknown >= 0 || known != size:
		return nil, fmt.Errorf("cannot reshape array of size %d into shape %s", size, formatShape(shape))
	}
	if _, err := layout.Size(out); err != nil { // zeros hid an overflow
		return nil, err
	}
	return out, nil
}

// reshapeStrides returns the strides that give an array of shape and
// strides the new shape without copying, as NumPy's reshape does in C
// order (numpy/core/src/multiarray/shape.c, _attempt_nocopy_reshape).
// ok is false when no such strides exist, so the data must be copied, or
// when the two shapes have different sizes.
func reshapeStrides(shape, strides, newShape []int) (newStrides []int, ok bool) {
	size, newSize := 1, 1
	for _, d := range shape {
		size *= d
	}
	for _, d := range newShape {
		newSize *= d
	}
	if size != newSize {
		return nil, false
	}
	if slices.Equal(shape, newShape) { // NumPy returns such a view as it is
		return slices.Clone(strides), true
	}
	if size == 0 || layout.IsC(shape, strides) {
		return contiguousStrides(newShape), true
	}
	// Axes of size 1 have no effect, and their strides do not matter.
	var olddims, oldstrides []int
	for i, d := range shape {
		if d != 1 {
			olddims = append(olddims, d)
			oldstrides = append(oldstrides, strides[i])
		}
	}
	newStrides = make([]int, len(newShape))
	// [oi, oj) and [ni, nj) are the old and new axes that cover the same
	// elements; the old ones must be contiguous with each other.
	oi, oj, ni, nj := 0, 1, 0, 1
	for ni < len(newShape) && oi < len(olddims) {
		np, op := newShape[ni], olddims[oi]
		for np != op {
			if np < op {
				np *= newShape[nj] // new trailing 1s are taken care of below
				nj++
			} else {
				op *= olddims[oj]
				oj++
			}
		}
		for k := oi; k < oj-1; k++ {
			if oldstrides[k] != olddims[k+1]*oldstrides[k+1] {
				return nil, false
			}
		}
		newStrides[nj-1] = oldstrides[oj-1]
		for k := nj - 1; k > ni; k-- {
			newStrides[k-1] = newStrides[k] * newShape[k]
		}
		ni, oi = nj, oj
		nj, oj = nj+1, oj+1
	}
	last := 1
	if ni >= 1 {
		last = newStrides[ni-1]
	}
	for k := ni; k < len(newShape); k++ {
		newStrides[k] = last
	}
	return newStrides, true
}

// collapseDims simplifies an elementwise loop over shape, in which operand
// k steps through memory by strides[k] (see layout.Collapse).
func collapseDims(shape []int, strides ...[]int) ([]int, [][]int) {
	return layout.Collapse(shape, strides...)
}
