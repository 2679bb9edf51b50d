package array_test

import (
	"fmt"

	"github.com/cugo/cugo/array"
)

// A 3-point moving average: the mean over the windows' axis of a view
// that copies nothing.
func ExampleSlidingWindowView() {
	prices := array.FromSlice([]float64{10, 11, 12, 13, 12, 11}, 6)
	fmt.Println(array.Mean(array.SlidingWindowView(prices, []int{3}), array.Axis(-1)))
	// Output:
	// array([11.        , 12.        , 12.33333333, 12.        ])
}

func ExampleConvolve() {
	a := array.FromSlice([]float64{1, 2, 3}, 3)
	v := array.FromSlice([]float64{0, 1, 0.5}, 3)
	fmt.Println(array.Convolve(a, v, array.ConvFull))
	fmt.Println(array.Convolve(a, v, array.ConvSame))
	fmt.Println(array.Correlate(a, v, array.ConvValid))
	// Output:
	// array([0. , 1. , 2.5, 4. , 1.5])
	// array([1. , 2.5, 4. ])
	// array([3.5])
}

func ExampleInterp() {
	xp := array.FromSlice([]float64{1, 2, 3}, 3)
	fp := array.FromSlice([]float64{3, 2, 0}, 3)
	x := array.FromSlice([]float64{0, 1, 1.5, 2.72, 3.14}, 5)
	fmt.Println(array.Interp(x, xp, fp))
	fmt.Println(array.Interp(x, xp, fp, array.InterpRight(-99)))
	// Output:
	// array([3.  , 3.  , 2.5 , 0.56, 0.  ])
	// array([  3.  ,   3.  ,   2.5 ,   0.56, -99.  ])
}
