package random_test

import (
	"fmt"

	"github.com/cugo/cugo/random"
)

// Correlated normals: rows of a multivariate normal of covariance cov.
func ExampleGenerator_MultivariateNormal() {
	g := random.New(3)
	cov := [][]float64{{1, 0.8}, {0.8, 1}}
	x := g.MultivariateNormal([]float64{0, 0}, cov, nil, 100_000)
	fmt.Println(x.Shape(), x.DType())
	// Output: [100000 2] float64
}

// Cards dealt from a deck: the aces among 5 cards of 52.
func ExampleGenerator_Hypergeometric() {
	g := random.New(4)
	aces := g.Hypergeometric(4, 48, 5, 10)
	fmt.Println(aces.Shape(), aces.DType(), aces.Err())
	// Output: [10] int64 <nil>
}
