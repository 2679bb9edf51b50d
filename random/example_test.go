package random_test

import (
	"fmt"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/random"
)

// A Monte Carlo estimate of pi: the share of random points of the unit
// square that fall inside the quarter circle, times 4.
func ExampleGenerator() {
	g := random.New(42)
	x := g.Random(array.Float32, 1000, 1000)
	y := g.Random(array.Float32, 1000, 1000)
	inside := array.LessEqual(x.Square().Add(y.Square()), 1)
	pi, err := array.Item[float64](inside.AsType(array.Float64).Mean().Mul(4))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("pi ≈ %.2f\n", pi)
	// Output: pi ≈ 3.14
}

func ExampleGenerator_Choice() {
	g := random.New(7)
	hand := g.Choice(52, false, nil, 5) // five distinct cards
	fmt.Println(hand.Shape(), hand.DType())
	// Output: [5] int64
}
