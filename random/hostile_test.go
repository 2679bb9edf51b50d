package random_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/random"
)

// Every draw of a nil *Generator is an error, and the generators made
// from one are nil too.
func TestNilGenerator(t *testing.T) {
	var g *random.Generator
	out := array.Zeros(array.Float64, 3)
	x := array.Arange(0, 4, 1, array.Float64)
	for name, err := range map[string]error{
		"Random":                   g.Random(dtype.Float64, 3).Err(),
		"RandomInto":               g.RandomInto(out),
		"Uniform":                  g.Uniform(0, 1, 3).Err(),
		"StandardNormal":           g.StandardNormal(dtype.Float32, 3).Err(),
		"StandardNormalInto":       g.StandardNormalInto(out),
		"Normal":                   g.Normal(0, 1, 3).Err(),
		"LogNormal":                g.LogNormal(0, 1, 3).Err(),
		"StandardExponential":      g.StandardExponential(dtype.Float64, 3).Err(),
		"StandardExponentialInto":  g.StandardExponentialInto(out),
		"Exponential":              g.Exponential(1, 3).Err(),
		"StandardGamma":            g.StandardGamma(1, dtype.Float64, 3).Err(),
		"StandardGammaInto":        g.StandardGammaInto(out, 1),
		"Gamma":                    g.Gamma(1, 1, 3).Err(),
		"Beta":                     g.Beta(1, 1, 3).Err(),
		"ChiSquare":                g.ChiSquare(1, 3).Err(),
		"Integers":                 g.Integers(0, 10, false, dtype.Int64, 3).Err(),
		"IntegersInto":             g.IntegersInto(array.Zeros(array.Int64, 3), 0, 10, false),
		"Poisson":                  g.Poisson(1, 3).Err(),
		"Binomial":                 g.Binomial(3, 0.5, 3).Err(),
		"Geometric":                g.Geometric(0.5, 3).Err(),
		"Permutation":              g.Permutation(5).Err(),
		"Permutation of an array":  g.Permutation(x).Err(),
		"Permuted":                 g.Permuted(x).Err(),
		"Shuffle":                  g.Shuffle(x),
		"Choice":                   g.Choice(5, true, nil, 3).Err(),
		"Choice without replacing": g.Choice(x, false, nil, 2).Err(),
		"Jumped":                   g.Jumped(1).Random(dtype.Float64, 3).Err(),
		"On":                       g.On(array.DefaultDevice()).Random(dtype.Float64, 3).Err(),
	} {
		require.ErrorContains(t, err, "nil *Generator", name)
	}
	kids, err := g.Spawn(1)
	require.ErrorContains(t, err, "nil *Generator")
	require.Empty(t, kids)
	require.Nil(t, g.Device())
}

// Drawing into a broadcast view is an error: the view is read-only, and
// its elements share one element of memory.
func TestDrawIntoReadOnlyView(t *testing.T) {
	g := random.New(7)
	view := array.Zeros(array.Float64).BroadcastTo(4)
	require.ErrorContains(t, g.RandomInto(view), "read-only")
	require.ErrorContains(t, g.StandardNormalInto(view), "read-only")
	require.ErrorContains(t, g.IntegersInto(array.Zeros(array.Int64).BroadcastTo(4), 0, 5, false), "read-only")
	// The array behind the view is left as it was.
	v, err := array.Item[float64](view.Index(array.I(0)))
	require.NoError(t, err)
	require.Equal(t, 0.0, v)
}
