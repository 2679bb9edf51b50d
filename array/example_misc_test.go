package array_test

import (
	"fmt"

	"github.com/cugo/cugo/array"
)

func ExampleHamming() {
	fmt.Println(array.Hamming(5))
	// Output:
	// array([0.08, 0.54, 1.  , 0.54, 0.08])
}

// np.piecewise(x, [x < 0, x > 1], [np.negative, 10.0, np.square]): a
// ufunc, a constant, and one more function for where no condition holds.
func ExamplePiecewise() {
	x := array.FromSlice([]float64{-2, -0.5, 0.5, 2})
	conds := []*array.Array{array.Less(x, 0), array.Greater(x, 1)}
	fmt.Println(array.Piecewise(x, conds, []any{array.Neg, 10.0, array.Square}))
	// Output:
	// array([ 2.  ,  0.5 ,  0.25, 10.  ])
}

func ExampleApplyAlongAxis() {
	m := array.FromSlice([]int64{3, 1, 2, 9, 7, 8}, 2, 3)
	sortRow := func(v *array.Array) *array.Array { return array.Sort(v, -1) }
	fmt.Println(array.ApplyAlongAxis(sortRow, 1, m))
	// Output:
	// array([[1, 2, 3],
	//        [7, 8, 9]])
}

func ExampleFromfunction() {
	f := func(ix ...*array.Array) *array.Array { return array.Add(array.Mul(ix[0], 10), ix[1]) }
	fmt.Println(array.Fromfunction(f, []int{2, 3}, array.Int64))
	// Output:
	// array([[ 0,  1,  2],
	//        [10, 11, 12]])
}

// The even and odd elements of one array: their byte ranges overlap, but
// no element is in both.
func ExampleSharesMemory() {
	a := array.Arange(0, 10, 1, array.Float64)
	even, odd := a.Index(array.All.Step(2)), a.Index(array.From(1).Step(2))
	fmt.Println(array.MayShareMemory(even, odd))
	fmt.Println(array.SharesMemory(even, odd))
	// Output:
	// true <nil>
	// false <nil>
}

func ExampleResultType() {
	fmt.Println(array.ResultType(array.Int8, 1.5))
	fmt.Println(array.ResultType(array.Float32, 1.5))
	// Output:
	// float64 <nil>
	// float32 <nil>
}

func ExampleBinaryRepr() {
	fmt.Println(array.BinaryRepr(-3, 8))
	fmt.Println(array.BaseRepr(255, 16, 0))
	// Output:
	// 11111101 <nil>
	// FF <nil>
}
