package random_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/random"
)

// TestMoreBadInput checks every parameter condition of NumPy's (a
// ValueError there) for the added distributions, and the Go-side ones
// (types, NaN) the package adds.
func TestMoreBadInput(t *testing.T) {
	g := random.New(501)
	nan, inf := math.NaN(), math.Inf(1)
	f := func(xs ...float64) *array.Array { return array.FromSlice(xs, len(xs)) }
	i := func(xs ...int64) *array.Array { return array.FromSlice(xs, len(xs)) }
	for _, c := range []struct {
		name string
		a    *array.Array
		want string
	}{
		{"StandardT(0)", g.StandardT(0, 2), "df <= 0"},
		{"StandardT(NaN)", g.StandardT(nan, 2), "df <= 0"},
		{"StandardT([1 -1])", g.StandardT(f(1, -1)), "df <= 0"},
		{"F(0, 1)", g.F(0, 1, 2), "dfnum <= 0"},
		{"F(1, -2)", g.F(1, -2, 2), "dfden <= 0"},
		{"NoncentralChisquare(0, 1)", g.NoncentralChisquare(0, 1, 2), "df <= 0"},
		{"NoncentralChisquare(1, -1)", g.NoncentralChisquare(1, -1, 2), "nonc < 0"},
		{"NoncentralChisquare(1, NaN)", g.NoncentralChisquare(1, nan, 2), "nonc < 0"},
		{"NoncentralChisquare(0.5, 1e20)", g.NoncentralChisquare(0.5, 1e20, 2), "nonc too large"},
		{"NoncentralF(0, 1, 1)", g.NoncentralF(0, 1, 1, 2), "dfnum <= 0"},
		{"NoncentralF(1, 0, 1)", g.NoncentralF(1, 0, 1, 2), "dfden <= 0"},
		{"NoncentralF(1, 1, -1)", g.NoncentralF(1, 1, -1, 2), "nonc < 0"},
		{"Laplace(0, -1)", g.Laplace(0, -1, 2), "scale < 0"},
		{"Logistic(0, NaN)", g.Logistic(0, nan, 2), "scale < 0"},
		{"Gumbel(0, [1 -1])", g.Gumbel(0, f(1, -1)), "scale < 0"},
		{"Pareto(0)", g.Pareto(0, 2), "a <= 0"},
		{"Power(-1)", g.Power(-1, 2), "a <= 0"},
		{"Rayleigh(-1)", g.Rayleigh(-1, 2), "scale < 0"},
		{"Weibull(-1)", g.Weibull(-1, 2), "a < 0"},
		{"Triangular(1, 0, 2)", g.Triangular(1, 0, 2, 2), "left > mode"},
		{"Triangular(0, 3, 2)", g.Triangular(0, 3, 2, 2), "mode > right"},
		{"Triangular(1, 1, 1)", g.Triangular(1, 1, 1, 2), "left == right"},
		{"Triangular(NaN, 1, 2)", g.Triangular(nan, 1, 2, 2), "left is NaN"},
		{"Triangular([0 1], 1, [2 1])", g.Triangular(f(0, 1), 1, f(2, 1)), "left == right"},
		{"Wald(0, 1)", g.Wald(0, 1, 2), "mean <= 0"},
		{"Wald(1, 0)", g.Wald(1, 0, 2), "scale <= 0"},
		{"VonMises(0, -1)", g.VonMises(0, -1, 2), "kappa < 0"},
		{"VonMises(0, NaN)", g.VonMises(0, nan, 2), "kappa < 0"},
		{"NegativeBinomial(0, 0.5)", g.NegativeBinomial(0, 0.5, 2), "n <= 0"},
		{"NegativeBinomial(NaN, 0.5)", g.NegativeBinomial(nan, 0.5, 2), "n is NaN"},
		{"NegativeBinomial(1, 0)", g.NegativeBinomial(1, 0, 2), "p <= 0, p > 1"},
		{"NegativeBinomial(1, 1.5)", g.NegativeBinomial(1, 1.5, 2), "p <= 0, p > 1"},
		{"NegativeBinomial(+Inf, 0.5)", g.NegativeBinomial(inf, 0.5, 2), "n too large or p too small"},
		{"NegativeBinomial(1e10, 1e-10)", g.NegativeBinomial(1e10, 1e-10, 2), "n too large or p too small"},
		{"NegativeBinomial([1 1e10], 1e-10)", g.NegativeBinomial(f(1, 1e10), 1e-10), "n too large or p too small"},
		{"Hypergeometric(-1, 5, 1)", g.Hypergeometric(-1, 5, 1, 2), "ngood < 0"},
		{"Hypergeometric(5, -1, 1)", g.Hypergeometric(5, -1, 1, 2), "nbad < 0"},
		{"Hypergeometric(5, 5, -1)", g.Hypergeometric(5, 5, -1, 2), "nsample < 0"},
		{"Hypergeometric(2, 3, 6)", g.Hypergeometric(2, 3, 6, 2), "ngood + nbad < nsample"},
		{"Hypergeometric([2 3], 3, 6)", g.Hypergeometric(i(3, 2), 3, 6), "ngood + nbad < nsample"},
		{"Hypergeometric(1e9, 1, 1)", g.Hypergeometric(1_000_000_000, 1, 1, 2), "less than 1000000000"},
		{"Hypergeometric(1, 1e9, 1)", g.Hypergeometric(1, i(5, 1_000_000_000), 1), "less than 1000000000"},
		{"Hypergeometric(2.5, 1, 1)", g.Hypergeometric(2.5, 1, 1, 2), "ngood must be an integer"},
		{"Hypergeometric(float array)", g.Hypergeometric(f(2), 1, 1), "ngood must be an integer"},
		{"Logseries(1)", g.Logseries(1, 2), "p < 0, p >= 1"},
		{"Logseries(-0.1)", g.Logseries(-0.1, 2), "p < 0, p >= 1"},
		{"Logseries(NaN)", g.Logseries(nan, 2), "p < 0, p >= 1"},
		{"Zipf(1)", g.Zipf(1, 2), "a <= 1"},
		{"Zipf(NaN)", g.Zipf(nan, 2), "a <= 1"},
		{"Zipf([2 0.5])", g.Zipf(f(2, 0.5)), "a <= 1"},
		{"Dirichlet([-1 1])", g.Dirichlet([]float64{-1, 1}, 2), "alpha < 0"},
		{"Dirichlet([NaN 1])", g.Dirichlet([]float64{nan, 1}, 2), "NaN"},
		{"Dirichlet(2-d)", g.Dirichlet(array.Ones(array.Float64, 2, 2), 2), "1-dimensional"},
		{"Dirichlet(complex)", g.Dirichlet(array.FromSlice([]complex128{1}, 1), 2), "complex"},
		{"Dirichlet(int)", g.Dirichlet(3, 2), "alpha must be"},
		{"Multinomial(3, [])", g.Multinomial(3, []float64{}, 2), "pvals must have at least 1 dimension"},
		{"Multinomial(-1, p)", g.Multinomial(-1, []float64{0.5, 0.5}, 2), "n < 0"},
		{"Multinomial(3, [0.6 0.6 0])", g.Multinomial(3, []float64{0.6, 0.6, 0}, 2), "sum(pvals[:-1]) > 1.0"},
		{"Multinomial(3, 2-d sum)", g.Multinomial(3, array.FromSlice([]float64{0.2, 0.3, 0.5, 0.6, 0.6, 0}, 2, 3)), "sum(pvals[...,:-1]) > 1.0"},
		{"Multinomial(3, [1.2 -0.2])", g.Multinomial(3, []float64{1.2, -0.2}, 2), "pvals < 0, pvals > 1"},
		{"Multinomial(3, [NaN 1])", g.Multinomial(3, []float64{nan, 1}, 2), "pvals < 0, pvals > 1"},
		{"Multinomial(2.5, p)", g.Multinomial(2.5, []float64{1}, 2), "n must be an integer"},
		{"Multinomial(size)", g.Multinomial(i(1, 2, 3), []float64{1}, 2), "not compatible"},
		{"MultivariateNormal(mean 2-d)", g.MultivariateNormal([][]float64{{0, 0}}, [][]float64{{1, 0}, {0, 1}}, nil), "mean must be 1 dimensional"},
		{"MultivariateNormal(cov (3,2))", g.MultivariateNormal([]float64{0, 0}, [][]float64{{1, 0}, {0, 1}, {0, 0}}, nil), "cov must be 2 dimensional and square"},
		{"MultivariateNormal(cov ragged)", g.MultivariateNormal([]float64{0, 0}, [][]float64{{1, 0}, {0}}, nil), "rows of different lengths"},
		{"MultivariateNormal(lengths)", g.MultivariateNormal([]float64{0, 0, 0}, [][]float64{{1, 0}, {0, 1}}, nil), "same length"},
		{"MultivariateNormal(complex)", g.MultivariateNormal(array.FromSlice([]complex64{0}, 1), [][]float64{{1}}, nil), "must not be complex"},
		{"MultivariateNormal(method)", g.MultivariateNormal([]float64{0}, [][]float64{{1}}, &random.MultivariateNormalOptions{Method: "qr"}), "method must be one of"},
		{"MultivariateNormal(check_valid)", g.MultivariateNormal([]float64{0}, [][]float64{{1}}, &random.MultivariateNormalOptions{CheckValid: "x"}), "check_valid must equal"},
		{"MultivariateNormal(cholesky, singular)", g.MultivariateNormal([]float64{0, 0}, [][]float64{{1, 1}, {1, 1}}, &random.MultivariateNormalOptions{Method: "cholesky"}), "positive definite"},
		{"MultivariateNormal(string)", g.MultivariateNormal("0", [][]float64{{1}}, nil), "mean must be"},
		{"StandardCauchy(negative size)", g.StandardCauchy(-1), "negative"},
		{"Laplace(string)", g.Laplace("0", 1, 2), "unsupported parameter"},
		{"Wald(no broadcast)", g.Wald(f(1, 2), f(1, 2, 3)), "broadcast"},
	} {
		err := c.a.Err()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

// TestMoreShapesAndBroadcast checks that size gives the shape, and that
// array parameters broadcast, each element using its own.
func TestMoreShapesAndBroadcast(t *testing.T) {
	g := random.New(502)
	for name, a := range map[string]*array.Array{
		"StandardCauchy": g.StandardCauchy(2, 3), "StandardT": g.StandardT(3, 2, 3), "F": g.F(2, 3, 2, 3),
		"NoncentralChisquare": g.NoncentralChisquare(2, 1, 2, 3), "NoncentralF": g.NoncentralF(2, 3, 1, 2, 3),
		"Laplace": g.Laplace(0, 1, 2, 3), "Logistic": g.Logistic(0, 1, 2, 3), "Gumbel": g.Gumbel(0, 1, 2, 3),
		"Pareto": g.Pareto(2, 2, 3), "Power": g.Power(2, 2, 3), "Rayleigh": g.Rayleigh(1, 2, 3), "Weibull": g.Weibull(2, 2, 3),
		"Triangular": g.Triangular(0, 1, 2, 2, 3), "Wald": g.Wald(1, 1, 2, 3), "VonMises": g.VonMises(0, 1, 2, 3),
		"NegativeBinomial": g.NegativeBinomial(2, 0.5, 2, 3), "Hypergeometric": g.Hypergeometric(5, 5, 5, 2, 3),
		"Logseries": g.Logseries(0.5, 2, 3), "Zipf": g.Zipf(2, 2, 3),
	} {
		require.NoError(t, a.Err(), name)
		require.Equal(t, []int{2, 3}, a.Shape(), name)
		want := array.Float64
		if slices.Contains([]string{"NegativeBinomial", "Hypergeometric", "Logseries", "Zipf"}, name) {
			want = array.Int64
		}
		require.Equal(t, want, a.DType(), name)
	}
	// No size, numbers only: one 0-d draw.
	require.Equal(t, 0, g.Gumbel(0, 1).NDim())
	require.Equal(t, 0, g.StandardCauchy().NDim())
	// loc (3, 1) against scale (4,): shape (3, 4); scale 0 gives loc.
	loc := array.FromSlice([]float64{-10, 0, 10}, 3, 1)
	scale := array.FromSlice([]float64{0, 1, 2, 3}, 4)
	for name, draw := range map[string]func(loc, scale any, size ...int) *array.Array{
		"Laplace": g.Laplace, "Logistic": g.Logistic, "Gumbel": g.Gumbel,
	} {
		xs := values[float64](t, draw(loc, scale))
		require.Len(t, xs, 12, name)
		for r, l := range []float64{-10, 0, 10} {
			require.Equal(t, l, xs[r*4], name)
		}
		many := values[float64](t, draw(loc, scale, 30_000, 3, 4))
		for cell := 1; cell < 12; cell++ {
			if cell%4 == 0 {
				continue
			}
			var col []float64
			for i := cell; i < len(many); i += 12 {
				col = append(col, many[i])
			}
			m := 0.0
			for _, x := range col {
				m += x
			}
			m /= float64(len(col))
			wantMean := float64(cell/4*10 - 10)
			if name == "Gumbel" {
				wantMean += 0.5772156649015329 * float64(cell%4)
			}
			if math.Abs(m-wantMean) > 0.1*float64(cell%4) {
				t.Errorf("%s cell %d: mean %v, want %v", name, cell, m, wantMean)
			}
		}
	}
	// Integer parameter arrays: Hypergeometric's counts per column.
	hs := values[int64](t, g.Hypergeometric(array.FromSlice([]int32{0, 5, 3}, 3), array.FromSlice([]int64{4, 0, 3}, 3), 3, 100, 3))
	for r := 0; r < len(hs); r += 3 {
		if hs[r] != 0 || hs[r+1] != 3 || hs[r+2] < 0 || hs[r+2] > 3 {
			t.Fatalf("Hypergeometric([0 5 3], [4 0 3], 3) gave the row %v", hs[r:r+3])
		}
	}
	// VonMises with mu per column stays in [-π, π].
	vs := values[float64](t, g.VonMises(array.FromSlice([]float64{-3, 0, 3, 10}, 4), 0.5, 1000, 4))
	require.False(t, slices.ContainsFunc(vs, func(x float64) bool { return !(x >= -math.Pi && x <= math.Pi) }))
}

func TestMoreNilGenerator(t *testing.T) {
	var g *random.Generator
	for name, err := range map[string]error{
		"StandardCauchy": g.StandardCauchy(3).Err(), "StandardT": g.StandardT(1, 3).Err(), "F": g.F(1, 1, 3).Err(),
		"NoncentralChisquare": g.NoncentralChisquare(1, 1, 3).Err(), "NoncentralF": g.NoncentralF(1, 1, 1, 3).Err(),
		"Laplace": g.Laplace(0, 1, 3).Err(), "Logistic": g.Logistic(0, 1, 3).Err(), "Gumbel": g.Gumbel(0, 1, 3).Err(),
		"Pareto": g.Pareto(1, 3).Err(), "Power": g.Power(1, 3).Err(), "Rayleigh": g.Rayleigh(1, 3).Err(),
		"Weibull": g.Weibull(1, 3).Err(), "Triangular": g.Triangular(0, 1, 2, 3).Err(), "Wald": g.Wald(1, 1, 3).Err(),
		"VonMises": g.VonMises(0, 1, 3).Err(), "NegativeBinomial": g.NegativeBinomial(1, 0.5, 3).Err(),
		"Hypergeometric": g.Hypergeometric(1, 1, 1, 3).Err(), "Logseries": g.Logseries(0.5, 3).Err(),
		"Zipf": g.Zipf(2, 3).Err(), "Dirichlet": g.Dirichlet([]float64{1}, 3).Err(),
		"Multinomial":        g.Multinomial(3, []float64{1}, 3).Err(),
		"MultivariateNormal": g.MultivariateNormal([]float64{0}, [][]float64{{1}}, nil, 3).Err(),
	} {
		require.ErrorContains(t, err, "nil *Generator", name)
	}
	_, err := g.Bytes(3)
	require.ErrorContains(t, err, "nil *Generator")
}

func TestMorePackageLevelFunctions(t *testing.T) {
	random.Seed(12)
	a := values[float64](t, random.Laplace(0, 1, 5))
	random.Seed(12)
	require.Equal(t, a, values[float64](t, random.Laplace(0, 1, 5)), "Seed does not restart the stream")
	require.Equal(t, a, values[float64](t, random.New(12).Laplace(0, 1, 5)), "the package-level functions differ from New(seed)'s")
	for name, x := range map[string]*array.Array{
		"StandardCauchy": random.StandardCauchy(3), "StandardT": random.StandardT(2, 3), "F": random.F(2, 3, 3),
		"NoncentralChisquare": random.NoncentralChisquare(2, 1, 3), "NoncentralF": random.NoncentralF(2, 3, 1, 3),
		"Logistic": random.Logistic(0, 1, 3), "Gumbel": random.Gumbel(0, 1, 3), "Pareto": random.Pareto(2, 3),
		"Power": random.Power(2, 3), "Rayleigh": random.Rayleigh(1, 3), "Weibull": random.Weibull(2, 3),
		"Triangular": random.Triangular(0, 1, 2, 3), "Wald": random.Wald(1, 1, 3), "VonMises": random.VonMises(0, 1, 3),
		"NegativeBinomial": random.NegativeBinomial(2, 0.5, 3), "Hypergeometric": random.Hypergeometric(3, 3, 3, 3),
		"Logseries": random.Logseries(0.5, 3), "Zipf": random.Zipf(2, 3), "Dirichlet": random.Dirichlet([]float64{1, 2}, 3).Ravel().Index(array.S(0, 3)),
		"Multinomial":        random.Multinomial(3, []float64{0.5, 0.5}, 3).Ravel().Index(array.S(0, 3)),
		"MultivariateNormal": random.MultivariateNormal([]float64{0}, [][]float64{{1}}, nil, 3).Ravel(),
	} {
		if err := x.Err(); err != nil || x.Size() != 3 {
			t.Errorf("%s: size %d, error %v", name, x.Size(), err)
		}
	}
	b, err := random.Bytes(4)
	require.NoError(t, err)
	require.Len(t, b, 4)
}

// TestSpawnErrors checks Spawn's error path, and that successive calls
// continue the numbering of the children.
func TestSpawnErrors(t *testing.T) {
	g := random.New(503)
	kids, err := g.Spawn(-1)
	require.ErrorContains(t, err, "negative")
	require.Empty(t, kids)
	kids, err = g.Spawn(math.MaxInt)
	require.ErrorContains(t, err, "MaxSpawn")
	require.Empty(t, kids)
	kids, err = g.Spawn(0)
	require.NoError(t, err)
	require.Empty(t, kids)

	draw := func(g *random.Generator) []uint64 {
		return values[uint64](t, g.Integers(uint64(0), uint64(math.MaxUint64), true, dtype.Uint64, 8))
	}
	five, err := random.New(9).Spawn(5)
	require.NoError(t, err)
	h := random.New(9)
	two, err := h.Spawn(2)
	require.NoError(t, err)
	three, err := h.Spawn(3)
	require.NoError(t, err)
	for i, kid := range append(two, three...) {
		require.Equal(t, draw(five[i]), draw(kid), "child %d", i)
	}
	// The failed calls above spawned nothing: g's next child is its first.
	first, err := g.Spawn(1)
	require.NoError(t, err)
	again, err := random.New(503).Spawn(1)
	require.NoError(t, err)
	require.Equal(t, draw(again[0]), draw(first[0]))
}

// TestMoreHostileInput gives the added draws nil, failed and huge inputs:
// each is an error naming the draw (or, for a huge count, a right answer).
func TestMoreHostileInput(t *testing.T) {
	g := random.New(504)
	var nilArray *array.Array
	failed := array.Failed(errors.New("boom"))
	for name, a := range map[string]*array.Array{
		"Dirichlet(nil array)":              g.Dirichlet(nilArray, 2),
		"Dirichlet(nil)":                    g.Dirichlet(nil, 2),
		"Dirichlet(negative size)":          g.Dirichlet([]float64{1, 2}, -2),
		"MultivariateNormal(nil)":           g.MultivariateNormal(nil, nil, nil, 2),
		"MultivariateNormal(nil arrays)":    g.MultivariateNormal(nilArray, nilArray, nil, 2),
		"MultivariateNormal(negative size)": g.MultivariateNormal([]float64{1}, [][]float64{{1}}, nil, -2),
		"MultivariateNormal(NaN cov)":       g.MultivariateNormal([]float64{1, 2}, [][]float64{{1, 0}, {0, math.NaN()}}, nil, 2),
		"MultivariateNormal(Inf cov)":       g.MultivariateNormal([]float64{1, 2}, [][]float64{{1, 0}, {0, math.Inf(1)}}, nil, 2),
		"Multinomial(nil)":                  g.Multinomial(3, nil, 2),
		"Multinomial(nil n)":                g.Multinomial(nilArray, []float64{1}, 2),
		"Multinomial(failed pvals)":         g.Multinomial(3, failed, 2),
		"Multinomial(negative size)":        g.Multinomial(3, []float64{0.3, 0.7}, -2),
		"Laplace(nil array)":                g.Laplace(nilArray, 1, 2),
		"Hypergeometric(nil array)":         g.Hypergeometric(nilArray, 1, 1, 2),
		"Triangular(failed)":                g.Triangular(failed, 1, 2),
	} {
		op := strings.SplitN(name, "(", 2)[0]
		require.ErrorContains(t, a.Err(), "random."+op+": ", name)
	}
	// 2^62 trials: the counts still sum to n.
	ks := values[int64](t, g.Multinomial(int64(1)<<62, []float64{0.3, 0.3, 0.4}, 2))
	for r := 0; r < 6; r += 3 {
		require.Equal(t, int64(1)<<62, ks[r]+ks[r+1]+ks[r+2])
	}
}
