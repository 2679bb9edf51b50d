package poly_test

import (
	"fmt"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/poly"
)

func Example() {
	// (x - 1)(x - 2)(x + 3), its roots, derivative and the quotient by x - 2.
	p := poly.FromRoots(array.FromSlice([]float64{1, 2, -3}))
	fmt.Println(p)
	fmt.Println(poly.Roots(p).Sort(0))
	fmt.Println(poly.Der(p, 1))
	q, r := poly.Div(p, array.FromSlice([]float64{1, -2}))
	fmt.Println(q, r)

	// A least-squares line through noisy points: slope and intercept.
	x := array.FromSlice([]float64{0, 1, 2, 3})
	y := array.FromSlice([]float64{1.1, 2.9, 5.2, 6.8})
	fmt.Printf("%.2f\n", poly.Fit(x, y, 1))
	// Output:
	// array([ 1.,  0., -7.,  6.])
	// array([-3.,  1.,  2.])
	// array([ 3.,  0., -7.])
	// array([ 1.,  2., -3.]) array([0.])
	// [1.94 1.09]
}
