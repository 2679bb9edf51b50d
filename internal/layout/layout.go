// Package layout is the arithmetic of shapes and strides that the array
// package, the backends and the kernel planners share: element counts with
// overflow checks, C-order strides, the memory a strided view reaches, and
// the collapse of an elementwise loop to its fewest axes. Strides and
// offsets count elements, not bytes.
package layout

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ErrTooBig is the error of a shape whose bytes an int cannot count.
var ErrTooBig = errors.New("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size")

// Bytes returns the number of bytes of an array of shape whose elements
// take itemsize bytes. As in NumPy, the product of the non-zero lengths
// must fit, whatever the axis order: a zero-length axis does not make a
// shape of absurd other lengths acceptable.
func Bytes(shape []int, itemsize int) (int, error) {
	if itemsize <= 0 {
		return 0, fmt.Errorf("invalid item size %d", itemsize)
	}
	n, empty := itemsize, false
	for _, d := range shape {
		switch {
		case d < 0:
			return 0, errors.New("negative dimensions are not allowed")
		case d == 0:
			empty = true
		case n > math.MaxInt/d:
			return 0, fmt.Errorf("%w (shape %s)", ErrTooBig, Format(shape))
		default:
			n *= d
		}
	}
	if empty {
		return 0, nil
	}
	return n, nil
}

// Size returns the number of elements of shape, checked as Bytes checks.
func Size(shape []int) (int, error) { return Bytes(shape, 1) }

// CStrides returns the strides of a C-ordered (row-major) array of shape.
// An axis of length 0 counts as 1, as in NumPy, so no stride is 0.
func CStrides(shape []int) []int {
	strides := make([]int, len(shape))
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		strides[i] = s
		s *= max(shape[i], 1)
	}
	return strides
}

// IsC reports whether strides lay out shape in C order without gaps,
// ignoring the strides of axes of length 1 (NumPy's C_CONTIGUOUS flag).
func IsC(shape, strides []int) bool {
	want := 1
	for i := len(shape) - 1; i >= 0; i-- {
		if shape[i] == 1 {
			continue
		}
		if strides[i] != want {
			return false
		}
		want *= shape[i]
	}
	return true
}

// Extent returns the lowest and highest element offsets, relative to the
// first element, that strides reach over shape; (0, -1) for an empty shape.
func Extent(shape, strides []int) (lo, hi int) {
	for d, n := range shape {
		if n == 0 {
			return 0, -1
		}
		if reach := (n - 1) * strides[d]; reach < 0 {
			lo += reach
		} else {
			hi += reach
		}
	}
	return lo, hi
}

// Span checks that n units at offset off lie inside a block of size.
func Span(off, n, size int) error {
	if off < 0 || n < 0 || off > size || n > size-off {
		return fmt.Errorf("[%d, %d) is outside [0, %d)", off, off+n, size)
	}
	return nil
}

// Format writes shape as NumPy's error messages do: (2,3), (4,), ().
func Format(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ",") + ")"
}
