package array

import (
	"fmt"
	"slices"

	"github.com/cugo/cugo/internal/layout"
)

// SlidingWindowView returns the view of every window of windowShape that
// fits in a, as numpy.lib.stride_tricks.sliding_window_view(a,
// windowShape, axis=axes): without axes, windowShape has one length per
// axis of a; with axes, windowShape[i] slides along axes[i] (an axis may
// be given twice, each window then nests in the previous one). Each axis
// slid along shrinks to the number of positions, and the window's axes
// follow a's. No element is copied: the windows overlap in a's memory,
// so the view is read-only, as NumPy's is by default (write to a Copy).
//
// Rolling statistics reduce over the window's axes:
// Mean(SlidingWindowView(x, []int{5}), Axis(-1)) is a 5-point moving
// average.
func SlidingWindowView(a *Array, windowShape []int, axes ...int) *Array {
	const op = "SlidingWindowView"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if slices.ContainsFunc(windowShape, func(w int) bool { return w < 0 }) {
		return errorf(op, "window_shape cannot contain negative values")
	}
	nd := len(a.shape)
	if axes == nil {
		if len(windowShape) != nd {
			return errorf(op, "without axes, window_shape needs a length for every axis of a: got %d lengths for %d axes", len(windowShape), nd)
		}
		axes = make([]int, nd)
		for i := range axes {
			axes[i] = i
		}
	} else if len(windowShape) != len(axes) {
		return errorf(op, "window_shape and axes must have one length each: got %d lengths and %d axes", len(windowShape), len(axes))
	}
	shape, strides := slices.Clone(a.shape), slices.Clone(a.strides)
	for i, axis := range axes {
		ax, err := NormalizeAxis(axis, nd)
		if err != nil {
			return failed(op, err)
		}
		if shape[ax] < windowShape[i] {
			return failed(op, fmt.Errorf("window shape cannot be larger than input array shape (window %d along axis %d of length %d)", windowShape[i], axis, shape[ax]))
		}
		shape[ax] -= windowShape[i] - 1
		strides = append(strides, a.strides[ax])
	}
	shape = append(shape, windowShape...)
	if _, err := layout.Bytes(shape, a.dt.Size()); err != nil { // windows of windows can outgrow int
		return failed(op, err)
	}
	v := a.view(shape, strides, a.offset)
	v.readOnly = true
	return v
}
