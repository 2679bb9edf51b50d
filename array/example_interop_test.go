package array_test

import (
	"bytes"
	"fmt"
	"log"

	"gonum.org/v1/gonum/mat"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
)

// Arrays and gonum matrices convert both ways; on the CPU backend they
// share memory where the layout allows.
func ExampleFromDense() {
	cpu, err := backend.Open("cpu", 0)
	if err != nil {
		log.Fatal(err)
	}
	m := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	a := array.On(cpu).FromDense(m) // the same memory as m
	a.Index(array.I(0), array.I(0)).Set(10.0)
	fmt.Println(m.At(0, 0))

	// Back to gonum, for its LAPACK: the singular values of a·aᵀ.
	p, err := array.ToDense(array.Matmul(a, a.T()))
	if err != nil {
		log.Fatal(err)
	}
	var svd mat.SVD
	svd.Factorize(p, mat.SVDNone)
	fmt.Printf("%.4g\n", svd.Values(nil))
	// Output:
	// 10
	// [165.3 24.66]
}

// String prints as NumPy's repr, Str as NumPy's str (what print shows),
// and the fmt verbs of numbers format each element.
func ExampleArray_String() {
	x := array.Arange(1, 8, 1, array.Float64).Div(7).Reshape(1, 7)
	fmt.Println(x)
	fmt.Println(x.Str())
	fmt.Printf("%.2f\n", x)
	fmt.Println(array.Arange(0, 2000, 1, array.Int32))
	// Output:
	// array([[0.14285714, 0.28571429, 0.42857143, 0.57142857, 0.71428571,
	//         0.85714286, 1.        ]])
	// [[0.14285714 0.28571429 0.42857143 0.57142857 0.71428571 0.85714286
	//   1.        ]]
	// [[0.14 0.29 0.43 0.57 0.71 0.86 1.00]]
	// array([   0,    1,    2, ..., 1997, 1998, 1999],
	//       shape=(2000,), dtype=int32)
}

// An .npz archive holds named arrays, as np.savez writes them.
func ExampleSaveNpz() {
	var buf bytes.Buffer
	err := array.SaveNpzCompressed(&buf, map[string]*array.Array{
		"x": array.Linspace(0, 1, 5, array.Float32),
		"n": array.FromSlice([]int64{3, 1, 2}),
	})
	if err != nil {
		log.Fatal(err)
	}
	arrays, err := array.LoadNpz(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(arrays["x"])
	fmt.Println(arrays["n"])
	// Output:
	// array([0.  , 0.25, 0.5 , 0.75, 1.  ], dtype=float32)
	// array([3, 1, 2])
}
