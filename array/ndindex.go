package array

import (
	"fmt"
	"iter"
)

// Ndindex is numpy.ndindex: every index of an array of shape, in C order
// (the last axis fastest), for a range loop:
//
//	for idx := range array.Ndindex(2, 3) { ... } // [0 0] [0 1] ... [1 2]
//
// The slice is reused from one index to the next: copy it to keep it. A
// shape of no axes yields one empty index, as NumPy's does; a zero or
// negative length yields none.
func Ndindex(shape ...int) iter.Seq[[]int] {
	return func(yield func([]int) bool) {
		for _, n := range shape {
			if n <= 0 {
				return
			}
		}
		idx := make([]int, len(shape))
		for {
			if !yield(idx) {
				return
			}
			k := len(idx) - 1
			for ; k >= 0; k-- {
				if idx[k]++; idx[k] < shape[k] {
					break
				}
				idx[k] = 0
			}
			if k < 0 {
				return
			}
		}
	}
}

// Ndenumerate is numpy.ndenumerate: every index of a with its element, in
// C order, after one copy of a to the host (an error, such as a T that is
// not a's element type, comes back before the loop):
//
//	seq, err := array.Ndenumerate[float64](a)
//	for idx, v := range seq { ... }
//
// The index slice is reused as in Ndindex.
func Ndenumerate[T Element](a *Array) (iter.Seq2[[]int, T], error) {
	values, err := ToSlice[T](a)
	if err != nil {
		return nil, fmt.Errorf("Ndenumerate: %w", err)
	}
	shape := a.Shape()
	return func(yield func([]int, T) bool) {
		i := 0
		for idx := range Ndindex(shape...) {
			if !yield(idx, values[i]) {
				return
			}
			i++
		}
	}, nil
}
