package random

import (
	"sync"
	"time"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
)

// The package-level functions draw from a default generator on the default
// device, seeded from the clock unless Seed is called (numpy.random's
// functions on its global generator).

var (
	defaultMu  sync.Mutex
	defaultGen *Generator
)

// Default returns the generator that the package-level functions use.
func Default() *Generator {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	if defaultGen == nil {
		defaultGen = New(uint64(time.Now().UnixNano()))
	}
	return defaultGen
}

// Seed makes the package-level functions draw from a generator seeded
// with seed, so that a script gives the same numbers each run.
func Seed(seed uint64) {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	defaultGen = New(seed)
}

// Rand returns float64 values uniform in [0, 1) of shape size (numpy.random.rand).
func Rand(size ...int) *array.Array { return Default().Random(dtype.Float64, size...) }

// Randn returns float64 standard normals of shape size (numpy.random.randn).
func Randn(size ...int) *array.Array { return Default().StandardNormal(dtype.Float64, size...) }

// Random is Default().Random.
func Random(dt dtype.DType, size ...int) *array.Array { return Default().Random(dt, size...) }

// Uniform is Default().Uniform.
func Uniform(low, high any, size ...int) *array.Array { return Default().Uniform(low, high, size...) }

// Integers is Default().Integers.
func Integers(low, high any, endpoint bool, dt dtype.DType, size ...int) *array.Array {
	return Default().Integers(low, high, endpoint, dt, size...)
}

// StandardNormal is Default().StandardNormal.
func StandardNormal(dt dtype.DType, size ...int) *array.Array {
	return Default().StandardNormal(dt, size...)
}

// Normal is Default().Normal.
func Normal(loc, scale any, size ...int) *array.Array { return Default().Normal(loc, scale, size...) }

// LogNormal is Default().LogNormal.
func LogNormal(mean, sigma any, size ...int) *array.Array {
	return Default().LogNormal(mean, sigma, size...)
}

// Exponential is Default().Exponential.
func Exponential(scale any, size ...int) *array.Array { return Default().Exponential(scale, size...) }

// Gamma is Default().Gamma.
func Gamma(shape, scale any, size ...int) *array.Array { return Default().Gamma(shape, scale, size...) }

// Beta is Default().Beta.
func Beta(a, b any, size ...int) *array.Array { return Default().Beta(a, b, size...) }

// ChiSquare is Default().ChiSquare.
func ChiSquare(df any, size ...int) *array.Array { return Default().ChiSquare(df, size...) }

// Poisson is Default().Poisson.
func Poisson(lam any, size ...int) *array.Array { return Default().Poisson(lam, size...) }

// Binomial is Default().Binomial.
func Binomial(n, p any, size ...int) *array.Array { return Default().Binomial(n, p, size...) }

// Geometric is Default().Geometric.
func Geometric(p any, size ...int) *array.Array { return Default().Geometric(p, size...) }

// Choice is Default().Choice.
func Choice(a any, replace bool, p any, size ...int) *array.Array {
	return Default().Choice(a, replace, p, size...)
}

// Permutation is Default().Permutation.
func Permutation(x any, axis ...int) *array.Array { return Default().Permutation(x, axis...) }

// Shuffle is Default().Shuffle.
func Shuffle(x *array.Array, axis ...int) error { return Default().Shuffle(x, axis...) }

// Permuted is Default().Permuted.
func Permuted(x *array.Array, axis ...int) *array.Array { return Default().Permuted(x, axis...) }

// StandardCauchy is Default().StandardCauchy.
func StandardCauchy(size ...int) *array.Array { return Default().StandardCauchy(size...) }

// StandardT is Default().StandardT.
func StandardT(df any, size ...int) *array.Array { return Default().StandardT(df, size...) }

// F is Default().F.
func F(dfnum, dfden any, size ...int) *array.Array { return Default().F(dfnum, dfden, size...) }

// NoncentralChisquare is Default().NoncentralChisquare.
func NoncentralChisquare(df, nonc any, size ...int) *array.Array {
	return Default().NoncentralChisquare(df, nonc, size...)
}

// NoncentralF is Default().NoncentralF.
func NoncentralF(dfnum, dfden, nonc any, size ...int) *array.Array {
	return Default().NoncentralF(dfnum, dfden, nonc, size...)
}

// Laplace is Default().Laplace.
func Laplace(loc, scale any, size ...int) *array.Array { return Default().Laplace(loc, scale, size...) }

// Logistic is Default().Logistic.
func Logistic(loc, scale any, size ...int) *array.Array {
	return Default().Logistic(loc, scale, size...)
}

// Gumbel is Default().Gumbel.
func Gumbel(loc, scale any, size ...int) *array.Array { return Default().Gumbel(loc, scale, size...) }

// Pareto is Default().Pareto.
func Pareto(a any, size ...int) *array.Array { return Default().Pareto(a, size...) }

// Power is Default().Power.
func Power(a any, size ...int) *array.Array { return Default().Power(a, size...) }

// Rayleigh is Default().Rayleigh.
func Rayleigh(scale any, size ...int) *array.Array { return Default().Rayleigh(scale, size...) }

// Weibull is Default().Weibull.
func Weibull(a any, size ...int) *array.Array { return Default().Weibull(a, size...) }

// Triangular is Default().Triangular.
func Triangular(left, mode, right any, size ...int) *array.Array {
	return Default().Triangular(left, mode, right, size...)
}

// Wald is Default().Wald.
func Wald(mean, scale any, size ...int) *array.Array { return Default().Wald(mean, scale, size...) }

// VonMises is Default().VonMises.
func VonMises(mu, kappa any, size ...int) *array.Array { return Default().VonMises(mu, kappa, size...) }

// NegativeBinomial is Default().NegativeBinomial.
func NegativeBinomial(n, p any, size ...int) *array.Array {
	return Default().NegativeBinomial(n, p, size...)
}

// Hypergeometric is Default().Hypergeometric.
func Hypergeometric(ngood, nbad, nsample any, size ...int) *array.Array {
	return Default().Hypergeometric(ngood, nbad, nsample, size...)
}

// Logseries is Default().Logseries.
func Logseries(p any, size ...int) *array.Array { return Default().Logseries(p, size...) }

// Zipf is Default().Zipf.
func Zipf(a any, size ...int) *array.Array { return Default().Zipf(a, size...) }

// MultivariateNormal is Default().MultivariateNormal.
func MultivariateNormal(mean, cov any, opts *MultivariateNormalOptions, size ...int) *array.Array {
	return Default().MultivariateNormal(mean, cov, opts, size...)
}

// Dirichlet is Default().Dirichlet.
func Dirichlet(alpha any, size ...int) *array.Array { return Default().Dirichlet(alpha, size...) }

// Multinomial is Default().Multinomial.
func Multinomial(n, pvals any, size ...int) *array.Array {
	return Default().Multinomial(n, pvals, size...)
}

// Bytes is Default().Bytes.
func Bytes(length int) ([]byte, error) { return Default().Bytes(length) }
