package kernel_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/kernel"
)

// A user kernel is C: on the CPU backend it fails with an error that
// errors.Is recognises, before any C is compiled.
func ExampleNewElementwise() {
	squaredDiff, err := kernel.NewElementwise("T x, T y", "T z", "z = (x - y) * (x - y)", "squared_diff")
	if err != nil {
		log.Fatal(err)
	}
	cpu, err := backend.Open("cpu", 0)
	if err != nil {
		log.Fatal(err)
	}
	x := array.On(cpu).Linspace(0, 1, 5, array.Float32)
	z := squaredDiff.Call(x, float32(0.5))
	fmt.Println(errors.Is(z.Err(), kernel.ErrNoCompiler))
	// Output: true
}

// On a GPU: CuPy's squared difference, broadcast, and its L2 norm along
// the rows with a user reduction.
func ExampleNewReduction() {
	squaredDiff, err := kernel.NewElementwise("T x, T y", "T z", "z = (x - y) * (x - y)", "squared_diff")
	if err != nil {
		log.Fatal(err)
	}
	l2, err := kernel.NewReduction("T x", "T y", "x * x", "a + b", "y = sqrt(a)", "0", "l2norm")
	if err != nil {
		log.Fatal(err)
	}
	x := array.Arange(0, 10, 1, array.Float32).Reshape(2, 5)
	y := array.Arange(0, 5, 1, array.Float32)
	fmt.Println(l2.Call(squaredDiff.Call(x, y), kernel.Axes{1}))
}

// A templated raw kernel instantiated through a name expression, launched
// on an array with a grid, a block and a Go scalar.
func ExampleModule() {
	mod := kernel.NewModule(`
template <typename T> __global__ void scale(T *x, T a, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= a;
}`, kernel.NameExpressions("scale<float>"))
	x := array.Ones(array.Float32, 1000)
	scale := mod.Function("scale<float>", kernel.Signature("raw float32 x, float32 a, int32 n"))
	err := scale.Launch(kernel.Config{Grid: kernel.Dim{X: 4}, Block: kernel.Dim{X: 256}}, x, 2.5, x.Size())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(x.Sum())
}
