package array_test

import (
	"fmt"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	_ "github.com/cugo/cugo/backend/cpu" // registers the "cpu" backend
)

// A NumPy script line for line, on the CPU backend: arange, reshape,
// broadcasting with a Go slice, a slice assignment, a reduction.
func Example() {
	cpu, err := backend.Open("cpu", 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	d := array.On(cpu)
	x := d.Arange(0, 6, 1, array.Float32).Reshape(2, 3)         // x = np.arange(6, dtype=np.float32).reshape(2, 3)
	y := x.Mul(2).Add(array.FromSliceOn(d, []float32{1, 2, 3})) // y = x*2 + [1, 2, 3]
	y.Index(array.I(0), array.All.Step(-1)).Set(0)              // y[0, ::-1] = 0
	fmt.Println(y)
	fmt.Println(y.Sum(array.Axis(1)))
	vals, err := array.ToSlice[float32](y) // the first error of the chain, if any
	fmt.Println(vals, err)
	// Output:
	// array([[ 0.,  0.,  0.],
	//        [ 7., 10., 13.]], dtype=float32)
	// array([ 0., 30.], dtype=float32)
	// [0 0 0 7 10 13] <nil>
}

// Operations never return an error: a failed operation returns an array
// carrying it, later operations pass it on, and ToSlice, Item, Err or Sync
// report it.
func Example_errors() {
	a := array.FromSlice([]float64{1, 2, 3})
	b := array.FromSlice([]float64{1, 2, 3, 4})
	c := a.Add(b).Mul(2) // the Mul launches nothing
	fmt.Println(c.Err())
	// Output: Add: operands could not be broadcast together with shapes (3,) (4,)
}
