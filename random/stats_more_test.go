package random_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/random"
)

// The statistical tests of the distributions added after the first ones,
// by the rules of stats_test.go: fixed seeds, 200,000 samples, moments
// within 5 standard errors, Kolmogorov-Smirnov or chi-square at 0.001.

// checkMean tests the sample mean alone, for distributions whose
// kurtosis is not at hand: within 5 standard errors of mean.
func checkMean(t *testing.T, name string, xs []float64, mean, variance float64) {
	t.Helper()
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	if se := math.Sqrt(variance / float64(len(xs))); math.Abs(m-mean) > 5*se {
		t.Errorf("%s: mean %v, want %v (standard error %.3g)", name, m, mean, se)
	}
}

func TestStandardCauchyAndT(t *testing.T) {
	g := random.New(301)
	xs := floats(t, g.StandardCauchy(samples))
	checkKS(t, "StandardCauchy", xs, func(x float64) float64 { return 0.5 + math.Atan(x)/math.Pi })
	for _, df := range []float64{0.7, 1, 3, 5, 40.5} {
		name := fmt.Sprintf("StandardT(%v)", df)
		xs := floats(t, g.StandardT(df, samples))
		checkKS(t, name, xs, studentCDF(df))
		if df > 4 {
			checkMoments(t, name, xs, 0, df/(df-2), 6/(df-4))
		}
	}
	// An infinite df is the limit: standard normals.
	xs = floats(t, g.StandardT(math.Inf(1), samples))
	checkKS(t, "StandardT(+Inf)", xs, normalCDF)
	checkMoments(t, "StandardT(+Inf)", xs, 0, 1, 0)
}

func TestFFamily(t *testing.T) {
	g := random.New(302)
	for _, c := range []struct{ d1, d2 float64 }{{5, 10}, {1, 1}, {0.5, 30}, {40, 12}} {
		name := fmt.Sprintf("F(%v, %v)", c.d1, c.d2)
		xs := floats(t, g.F(c.d1, c.d2, samples))
		checkKS(t, name, xs, fCDF(c.d1, c.d2))
		if c.d2 > 8 {
			d1, d2 := c.d1, c.d2
			v := 2 * d2 * d2 * (d1 + d2 - 2) / (d1 * (d2 - 2) * (d2 - 2) * (d2 - 4))
			kurt := 12 * (d1*(5*d2-22)*(d1+d2-2) + (d2-4)*(d2-2)*(d2-2)) / (d1 * (d2 - 6) * (d2 - 8) * (d1 + d2 - 2))
			checkMoments(t, name, xs, d2/(d2-2), v, kurt)
		}
	}
	// An infinite dfden leaves the numerator's chi-square over dfnum.
	xs := floats(t, g.F(2, math.Inf(1), samples))
	checkKS(t, "F(2, +Inf)", xs, func(x float64) float64 { return -math.Expm1(-x) })
	for _, df := range []struct {
		name string
		a    *array.Array
		want float64
	}{{"F(+Inf, +Inf)", g.F(math.Inf(1), math.Inf(1), 5), 1}, {"ChiSquare(+Inf)", g.ChiSquare(math.Inf(1), 5), math.Inf(1)}} {
		if xs := floats(t, df.a); slices.ContainsFunc(xs, func(x float64) bool { return x != df.want }) {
			t.Errorf("%s = %v, want all %v", df.name, xs, df.want)
		}
	}
	// Their CDFs are series: fewer samples keep the tests quick.
	const fewer = 20_000
	for _, c := range []struct{ df, nonc float64 }{{3, 2}, {0.5, 2}, {1, 7.5}, {5, 0}, {0.3, 0}, {2.5, 12}} {
		name := fmt.Sprintf("NoncentralChisquare(%v, %v)", c.df, c.nonc)
		xs := floats(t, g.NoncentralChisquare(c.df, c.nonc, fewer))
		checkKS(t, name, xs, noncentralChisquareCDF(c.df, c.nonc))
		k, l := c.df, c.nonc
		checkMoments(t, name, xs, k+l, 2*(k+2*l), 12*(k+4*l)/((k+2*l)*(k+2*l)))
	}
	for _, c := range []struct{ d1, d2, nonc float64 }{{3, 8, 2}, {0.8, 20, 5}, {10, 10, 0}} {
		name := fmt.Sprintf("NoncentralF(%v, %v, %v)", c.d1, c.d2, c.nonc)
		xs := floats(t, g.NoncentralF(c.d1, c.d2, c.nonc, fewer))
		checkKS(t, name, xs, noncentralFCDF(c.d1, c.d2, c.nonc))
		d1, d2, l := c.d1, c.d2, c.nonc
		v := 2 * (d2 / d1) * (d2 / d1) * ((d1+l)*(d1+l) + (d1+2*l)*(d2-2)) / ((d2 - 2) * (d2 - 2) * (d2 - 4))
		checkMean(t, name, xs, d2*(d1+l)/(d1*(d2-2)), v)
	}
}

func TestLocationScaleFamilies(t *testing.T) {
	g := random.New(303)
	const loc, b = 1.5, 2.0
	xs := floats(t, g.Laplace(loc, b, samples))
	checkMoments(t, "Laplace(1.5, 2)", xs, loc, 2*b*b, 3)
	checkKS(t, "Laplace(1.5, 2)", xs, func(x float64) float64 {
		if x < loc {
			return 0.5 * math.Exp((x-loc)/b)
		}
		return 1 - 0.5*math.Exp(-(x-loc)/b)
	})
	xs = floats(t, g.Logistic(loc, b, samples))
	checkMoments(t, "Logistic(1.5, 2)", xs, loc, b*b*math.Pi*math.Pi/3, 1.2)
	checkKS(t, "Logistic(1.5, 2)", xs, func(x float64) float64 { return 1 / (1 + math.Exp(-(x-loc)/b)) })
	xs = floats(t, g.Gumbel(loc, b, samples))
	const eulerGamma = 0.5772156649015329
	checkMoments(t, "Gumbel(1.5, 2)", xs, loc+eulerGamma*b, math.Pi*math.Pi*b*b/6, 2.4)
	checkKS(t, "Gumbel(1.5, 2)", xs, func(x float64) float64 { return math.Exp(-math.Exp(-(x - loc) / b)) })
	// A scale of 0 gives loc exactly.
	for name, a := range map[string]*array.Array{"Laplace": g.Laplace(3, 0, 100), "Logistic": g.Logistic(3, 0, 100), "Gumbel": g.Gumbel(3, 0, 100)} {
		if xs := floats(t, a); slices.ContainsFunc(xs, func(x float64) bool { return x != 3 }) {
			t.Errorf("%s(3, 0) = %v, want all 3", name, xs[:5])
		}
	}
}

func TestShapeFamilies(t *testing.T) {
	g := random.New(304)
	for _, a := range []float64{0.5, 5} {
		name := fmt.Sprintf("Pareto(%v)", a)
		xs := floats(t, g.Pareto(a, samples))
		checkKS(t, name, xs, func(x float64) float64 { return 1 - math.Pow(1+x, -a) })
		if a > 4 {
			checkMoments(t, name, xs, 1/(a-1), a/((a-1)*(a-1)*(a-2)), 6*(a*a*a+a*a-6*a-2)/(a*(a-3)*(a-4)))
		}
	}
	for _, a := range []float64{0.3, 1, 4.5} {
		name := fmt.Sprintf("Power(%v)", a)
		xs := floats(t, g.Power(a, samples))
		checkKS(t, name, xs, func(x float64) float64 { return math.Pow(x, a) })
		checkMoments(t, name, xs, a/(a+1), a/((a+1)*(a+1)*(a+2)), betaKurtosis(a, 1))
	}
	xs := floats(t, g.Rayleigh(2.5, samples))
	rayleighKurtosis := -(6*math.Pi*math.Pi - 24*math.Pi + 16) / ((4 - math.Pi) * (4 - math.Pi))
	checkMoments(t, "Rayleigh(2.5)", xs, 2.5*math.Sqrt(math.Pi/2), (4-math.Pi)/2*6.25, rayleighKurtosis)
	checkKS(t, "Rayleigh(2.5)", xs, func(x float64) float64 { return -math.Expm1(-x * x / 12.5) })
	for _, a := range []float64{0.6, 2, 7} {
		name := fmt.Sprintf("Weibull(%v)", a)
		xs := floats(t, g.Weibull(a, samples))
		checkKS(t, name, xs, func(x float64) float64 { return -math.Expm1(-math.Pow(x, a)) })
		g1, g2 := math.Gamma(1+1/a), math.Gamma(1+2/a)
		checkMean(t, name, xs, g1, g2-g1*g1)
	}
	for _, c := range []struct{ l, m, r float64 }{{-1, 0.5, 4}, {0, 0, 1}, {0, 1, 1}, {2, 2.1, 2.2}} {
		name := fmt.Sprintf("Triangular(%v, %v, %v)", c.l, c.m, c.r)
		xs := floats(t, g.Triangular(c.l, c.m, c.r, samples))
		checkKS(t, name, xs, func(x float64) float64 {
			switch {
			case x <= c.l:
				return 0
			case x <= c.m:
				return (x - c.l) * (x - c.l) / ((c.r - c.l) * (c.m - c.l))
			case x < c.r:
				return 1 - (c.r-x)*(c.r-x)/((c.r-c.l)*(c.r-c.m))
			}
			return 1
		})
		l, m, r := c.l, c.m, c.r
		checkMoments(t, name, xs, (l+m+r)/3, (l*l+m*m+r*r-l*m-l*r-m*r)/18, -0.6)
	}
	// The boundaries NumPy accepts.
	for _, c := range []struct {
		name string
		a    *array.Array
		want float64
	}{
		{"Pareto(+Inf)", g.Pareto(math.Inf(1), 50), 0}, {"Power(+Inf)", g.Power(math.Inf(1), 50), 1},
		{"Rayleigh(0)", g.Rayleigh(0, 50), 0}, {"Weibull(0)", g.Weibull(0, 50), 0}, {"Weibull(+Inf)", g.Weibull(math.Inf(1), 50), 1},
	} {
		if xs := floats(t, c.a); slices.ContainsFunc(xs, func(x float64) bool { return x != c.want }) {
			t.Errorf("%s = %v, want all %v", c.name, xs[:5], c.want)
		}
	}
}

func TestWald(t *testing.T) {
	g := random.New(305)
	// The last two make the chi-square huge against the scale, where the
	// textbook formula cancels.
	for _, c := range []struct{ mean, scale float64 }{{1, 2}, {3, 0.5}, {0.2, 40}, {1e3, 1e-3}, {1e-8, 1e-12}} {
		name := fmt.Sprintf("Wald(%v, %v)", c.mean, c.scale)
		xs := floats(t, g.Wald(c.mean, c.scale, samples))
		if slices.ContainsFunc(xs, func(x float64) bool { return !(x > 0) }) {
			t.Errorf("%s gave a value that is not positive", name)
		}
		if 2*c.scale/c.mean < 700 {
			checkKS(t, name, xs, waldCDF(c.mean, c.scale))
		}
		mu, lam := c.mean, c.scale
		if mu/lam < 10 {
			checkMoments(t, name, xs, mu, mu*mu*mu/lam, 15*mu/lam)
		}
	}
}

func TestVonMises(t *testing.T) {
	g := random.New(306)
	for _, c := range []struct{ mu, kappa float64 }{{0, 0}, {0.5, 1e-6}, {1, 0.5}, {-2, 4}, {3, 2}, {0, 200}, {-3.1, 30}} {
		name := fmt.Sprintf("VonMises(%v, %v)", c.mu, c.kappa)
		xs := floats(t, g.VonMises(c.mu, c.kappa, samples))
		if slices.ContainsFunc(xs, func(x float64) bool { return !(x >= -math.Pi && x <= math.Pi) }) {
			t.Fatalf("%s gave a value outside [-π, π]", name)
		}
		checkKS(t, name, xs, vonMisesCDF(c.mu, c.kappa))
	}
	// Above kappa 1e6, a normal of variance 1/kappa; an infinite kappa gives mu.
	xs := floats(t, g.VonMises(1, 4e6, samples))
	checkKS(t, "VonMises(1, 4e6)", xs, func(x float64) float64 { return normalCDF((x - 1) * 2000) })
	if xs := floats(t, g.VonMises(1, math.Inf(1), 20)); slices.ContainsFunc(xs, func(x float64) bool { return x != 1 }) {
		t.Errorf("VonMises(1, +Inf) = %v, want all 1", xs)
	}
}

func TestNegativeBinomial(t *testing.T) {
	g := random.New(307)
	for _, c := range []struct{ n, p float64 }{{2.5, 0.3}, {10, 0.8}, {0.5, 0.5}, {1, 0.05}, {1000, 0.9}} {
		name := fmt.Sprintf("NegativeBinomial(%v, %v)", c.n, c.p)
		ks := values[int64](t, g.NegativeBinomial(c.n, c.p, samples))
		n, p := c.n, c.p
		checkMoments(t, name, asFloats(ks), n*(1-p)/p, n*(1-p)/(p*p), 6/n+p*p/(n*(1-p)))
		checkChiSquare(t, name, ks, func(k int64) float64 {
			x := float64(k)
			return math.Exp(lgamma(x+n) - lgamma(x+1) - lgamma(n) + n*math.Log(p) + x*math.Log1p(-p))
		}, 0)
	}
	if ks := values[int64](t, g.NegativeBinomial(3, 1, 20)); slices.ContainsFunc(ks, func(k int64) bool { return k != 0 }) {
		t.Errorf("NegativeBinomial(3, 1) = %v, want zeros", ks)
	}
}

func TestHypergeometric(t *testing.T) {
	g := random.New(308)
	// The sequential draws (a sample, or its complement, of under 10), and
	// the ratio of uniforms, with more good items or bad ones, on either
	// side of half the population.
	for _, c := range []struct{ good, bad, sample int64 }{
		{20, 30, 5}, {20, 30, 45}, {3, 1000, 9}, {200, 300, 100}, {300, 200, 400}, {1_000_000, 2_000_000, 500_000}, {15, 15, 15},
	} {
		name := fmt.Sprintf("Hypergeometric(%d, %d, %d)", c.good, c.bad, c.sample)
		ks := values[int64](t, g.Hypergeometric(c.good, c.bad, c.sample, samples))
		K, N, n := float64(c.good), float64(c.good+c.bad), float64(c.sample)
		checkMoments(t, name, asFloats(ks), n*K/N, n*K/N*(N-K)/N*(N-n)/(N-1), hypergeometricKurtosis(K, N, n))
		checkChiSquare(t, name, ks, hypergeometricPMF(c.good, c.bad, c.sample), 0)
	}
	for _, c := range []struct{ good, bad, sample, want int64 }{{0, 0, 0, 0}, {5, 0, 5, 5}, {5, 7, 12, 5}, {5, 7, 0, 0}, {0, 9, 4, 0}} {
		ks := values[int64](t, g.Hypergeometric(c.good, c.bad, c.sample, 20))
		if slices.ContainsFunc(ks, func(k int64) bool { return k != c.want }) {
			t.Errorf("Hypergeometric(%d, %d, %d) = %v, want all %d", c.good, c.bad, c.sample, ks, c.want)
		}
	}
}

func TestLogseriesAndZipf(t *testing.T) {
	g := random.New(309)
	for _, p := range []float64{0.3, 0.9, 0.999} {
		name := fmt.Sprintf("Logseries(%v)", p)
		ks := values[int64](t, g.Logseries(p, samples))
		l := math.Log1p(-p)
		checkMean(t, name, asFloats(ks), -p/((1-p)*l), -p*(p+l)/((1-p)*(1-p)*l*l))
		checkChiSquare(t, name, ks, func(k int64) float64 { return -math.Pow(p, float64(k)) / (float64(k) * l) }, 1)
	}
	if ks := values[int64](t, g.Logseries(0, 20)); slices.ContainsFunc(ks, func(k int64) bool { return k != 1 }) {
		t.Errorf("Logseries(0) = %v, want ones", ks)
	}
	for _, a := range []float64{1.8, 2, 4.5} {
		name := fmt.Sprintf("Zipf(%v)", a)
		ks := values[int64](t, g.Zipf(a, samples))
		z := zeta(a)
		checkChiSquare(t, name, ks, func(k int64) float64 { return math.Pow(float64(k), -a) / z }, 1)
		if a > 3 {
			m := zeta(a-1) / z
			checkMean(t, name, asFloats(ks), m, zeta(a-2)/z-m*m)
		}
	}
	if ks := values[int64](t, g.Zipf(2000, 20)); slices.ContainsFunc(ks, func(k int64) bool { return k != 1 }) {
		t.Errorf("Zipf(2000) = %v, want ones", ks)
	}
}
