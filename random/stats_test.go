package random_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/random"
)

// The statistical tests draw with fixed seeds on the default device (the
// CPU in CI, the GPU on a GPU machine) and test in float64 on the host:
// the mean within 5 standard errors of the distribution's, the variance
// within 3% (for 200,000 samples its standard error is below 1% for these
// distributions), and Kolmogorov-Smirnov (continuous) or chi-square
// (discrete) goodness of fit at significance 0.001. With fixed seeds a
// pass is reproducible; a broken sampler fails by far.

const samples = 200_000

func floats(t *testing.T, a *array.Array) []float64 {
	t.Helper()
	return values[float64](t, a.AsType(array.Float64))
}

// checkMoments tests the sample mean and variance against mean and
// variance, each within 5 standard errors (the variance's from the
// distribution's excess kurtosis).
func checkMoments(t *testing.T, name string, xs []float64, mean, variance, kurtosis float64) {
	t.Helper()
	m, v := 0.0, 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	v /= float64(len(xs) - 1)
	if se := math.Sqrt(variance / float64(len(xs))); math.Abs(m-mean) > 5*se {
		t.Errorf("%s: mean %v, want %v (standard error %.3g)", name, m, mean, se)
	}
	if se := variance * math.Sqrt((kurtosis+2)/float64(len(xs))); math.Abs(v-variance) > 5*se {
		t.Errorf("%s: variance %v, want %v (standard error %.3g)", name, v, variance, se)
	}
}

// checkKS is the Kolmogorov-Smirnov test of xs against cdf at 0.001.
func checkKS(t *testing.T, name string, xs []float64, cdf func(float64) float64) {
	t.Helper()
	xs = slices.Clone(xs)
	slices.Sort(xs)
	n := float64(len(xs))
	d := 0.0
	for i, x := range xs {
		f := cdf(x)
		d = max(d, f-float64(i)/n, float64(i+1)/n-f)
	}
	if crit := 1.9495 / math.Sqrt(n); d > crit {
		t.Errorf("%s: Kolmogorov-Smirnov D = %.5f exceeds %.5f (significance 0.001)", name, d, crit)
	}
}

// checkChiSquare is the chi-square test of integer samples against pmf at
// 0.001, pooling outcomes from lo up into bins of at least 20 expected
// samples; the last bin holds the whole upper tail.
func checkChiSquare(t *testing.T, name string, ks []int64, pmf func(k int64) float64, lo int64) {
	t.Helper()
	counts := map[int64]float64{}
	for _, k := range ks {
		if k < lo {
			t.Fatalf("%s: draw %d below the support's %d", name, k, lo)
		}
		counts[k]++
	}
	n := float64(len(ks))
	stat, bins := 0.0, 0
	add := func(observed, expected float64) {
		stat += (observed - expected) * (observed - expected) / expected
		bins++
	}
	doneP, doneObs := 0.0, 0.0 // probability and samples of the closed bins
	binP, binObs := 0.0, 0.0
	for k := lo; n*(1-doneP-binP) >= 20; k++ {
		binP += pmf(k)
		binObs += counts[k]
		if n*binP >= 20 && n*(1-doneP-binP) >= 20 {
			add(binObs, n*binP)
			doneP, doneObs, binP, binObs = doneP+binP, doneObs+binObs, 0, 0
		}
	}
	add(n-doneObs, n*(1-doneP))
	df := float64(bins - 1)
	if df < 1 {
		t.Fatalf("%s: too few bins", name)
	}
	// Wilson-Hilferty: the chi-square quantile of 0.999 (z = 3.0902).
	crit := df * math.Pow(1-2/(9*df)+3.0902*math.Sqrt(2/(9*df)), 3)
	if stat > crit {
		t.Errorf("%s: chi-square %.1f exceeds %.1f (%v degrees of freedom, significance 0.001)", name, stat, crit, df)
	}
}

func normalCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// gammaP is the regularized lower incomplete gamma function P(a, x): its
// series below a+1, else 1 - the continued fraction of Q (modified Lentz).
func gammaP(a, x float64) float64 {
	if x <= 0 {
		return 0
	}
	lg, _ := math.Lgamma(a)
	front := math.Exp(a*math.Log(x) - x - lg)
	if x < a+1 {
		sum, term := 1/a, 1/a
		for n := 1.0; n < 10000 && term > sum*1e-16; n++ {
			term *= x / (a + n)
			sum += term
		}
		return front * sum
	}
	const tiny = 1e-300
	b := x + 1 - a
	c, d := 1/tiny, 1/b
	h := d
	for i := 1.0; i < 10000; i++ {
		an := -i * (i - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		delta := d * c
		h *= delta
		if math.Abs(delta-1) < 1e-16 {
			break
		}
	}
	return 1 - front*h
}

func lgamma(x float64) float64 {
	y, _ := math.Lgamma(x)
	return y
}

func poissonPMF(lam float64) func(int64) float64 {
	return func(k int64) float64 {
		x := float64(k)
		return math.Exp(x*math.Log(lam) - lam - lgamma(x+1))
	}
}

// binomialPMF sums log C(n, k) term by term: lgamma(n+1) - ... loses
// the precision of the pmf for huge n.
func binomialPMF(n int64, p float64) func(int64) float64 {
	nf := float64(n)
	return func(k int64) float64 {
		if k > n {
			return 0
		}
		logC := 0.0
		for j := range k {
			logC += math.Log((nf - float64(j)) / float64(j+1))
		}
		return math.Exp(logC + float64(k)*math.Log(p) + (nf-float64(k))*math.Log1p(-p))
	}
}

func TestUniformFloats(t *testing.T) {
	g := random.New(101)
	for _, dt := range []array.DType{array.Float16, array.Float32, array.Float64} {
		xs := floats(t, g.Random(dt, samples))
		for _, x := range xs {
			if !(x >= 0 && x < 1) {
				t.Fatalf("Random(%v) gave %v, outside [0, 1)", dt, x)
			}
		}
		name := fmt.Sprintf("Random(%v)", dt)
		checkMoments(t, name, xs, 0.5, 1.0/12, -1.2)
		checkKS(t, name, xs, func(x float64) float64 { return x })
	}
	xs := floats(t, g.Uniform(-3, 5, samples))
	checkMoments(t, "Uniform(-3, 5)", xs, 1, 64.0/12, -1.2)
	checkKS(t, "Uniform(-3, 5)", xs, func(x float64) float64 { return (x + 3) / 8 })
}

func TestNormals(t *testing.T) {
	g := random.New(102)
	for _, dt := range []array.DType{array.Float32, array.Float64} {
		xs := floats(t, g.StandardNormal(dt, samples))
		name := fmt.Sprintf("StandardNormal(%v)", dt)
		checkMoments(t, name, xs, 0, 1, 0)
		checkKS(t, name, xs, normalCDF)
		checkPairsIndependent(t, name, xs)
	}
	xs := floats(t, g.Normal(1.5, 3, samples))
	checkMoments(t, "Normal(1.5, 3)", xs, 1.5, 9, 0)
	checkKS(t, "Normal(1.5, 3)", xs, func(x float64) float64 { return normalCDF((x - 1.5) / 3) })
	xs = floats(t, g.LogNormal(0.5, 0.4, samples))
	m, s2 := math.Exp(0.5+0.08), (math.Exp(0.16)-1)*math.Exp(1+0.16)
	checkMoments(t, "LogNormal(0.5, 0.4)", xs, m, s2, math.Exp(0.64)+2*math.Exp(0.48)+3*math.Exp(0.32)-6)
	checkKS(t, "LogNormal(0.5, 0.4)", xs, func(x float64) float64 { return normalCDF((math.Log(x) - 0.5) / 0.4) })
}

// checkPairsIndependent tests that elements 2m and 2m+1 of standard
// normals xs, which float32 draws make from one pair of uniforms, are
// uncorrelated and so are their squares (the radius they share would
// correlate the squares of a wrong pairing): the sample correlation
// within 5 standard errors, 1/sqrt(pairs), of 0, that of the squares
// within 10.
func checkPairsIndependent(t *testing.T, name string, xs []float64) {
	t.Helper()
	pairs := len(xs) / 2
	corr := func(f func(float64) float64, mean, variance float64) float64 {
		c := 0.0
		for m := range pairs {
			c += (f(xs[2*m]) - mean) * (f(xs[2*m+1]) - mean)
		}
		return c / float64(pairs) / variance
	}
	limit := 5 / math.Sqrt(float64(pairs))
	if r := corr(func(x float64) float64 { return x }, 0, 1); math.Abs(r) > limit {
		t.Errorf("%s: neighbours 2m, 2m+1 correlate: %.4f (limit %.4f)", name, r, limit)
	}
	if r := corr(func(x float64) float64 { return x * x }, 1, 2); math.Abs(r) > limit*2 {
		t.Errorf("%s: squares of neighbours 2m, 2m+1 correlate: %.4f (limit %.4f)", name, r, 2*limit)
	}
}

func TestExponentials(t *testing.T) {
	g := random.New(103)
	for _, dt := range []array.DType{array.Float32, array.Float64} {
		xs := floats(t, g.StandardExponential(dt, samples))
		name := fmt.Sprintf("StandardExponential(%v)", dt)
		checkMoments(t, name, xs, 1, 1, 6)
		checkKS(t, name, xs, func(x float64) float64 { return -math.Expm1(-x) })
	}
	xs := floats(t, g.Exponential(2.5, samples))
	checkMoments(t, "Exponential(2.5)", xs, 2.5, 6.25, 6)
	checkKS(t, "Exponential(2.5)", xs, func(x float64) float64 { return -math.Expm1(-x / 2.5) })
}

func TestGammaFamily(t *testing.T) {
	g := random.New(104)
	for _, c := range []struct{ shape, scale float64 }{{0.05, 1}, {0.3, 2}, {1, 1}, {2.5, 0.5}, {40, 3}, {1e4, 1}} {
		xs := floats(t, g.Gamma(c.shape, c.scale, samples))
		name := fmt.Sprintf("Gamma(%v, %v)", c.shape, c.scale)
		checkMoments(t, name, xs, c.shape*c.scale, c.shape*c.scale*c.scale, 6/c.shape)
		checkKS(t, name, xs, func(x float64) float64 { return gammaP(c.shape, x/c.scale) })
	}
	xs := floats(t, g.StandardGamma(3, array.Float32, samples))
	checkKS(t, "StandardGamma(3, float32)", xs, func(x float64) float64 { return gammaP(3, x) })
	xs = floats(t, g.ChiSquare(5, samples))
	checkMoments(t, "ChiSquare(5)", xs, 5, 10, 12.0/5)
	checkKS(t, "ChiSquare(5)", xs, func(x float64) float64 { return gammaP(2.5, x/2) })
	if zero := floats(t, g.Gamma(0, 1, 10)); slices.ContainsFunc(zero, func(x float64) bool { return x != 0 }) {
		t.Errorf("Gamma(0, 1) = %v, want zeros", zero)
	}
}

func TestBeta(t *testing.T) {
	g := random.New(105)
	// Beta(2, 5)'s CDF is a binomial tail: I_x(2, 5) = P(Binomial(6, x) >= 2).
	xs := floats(t, g.Beta(2, 5, samples))
	checkMoments(t, "Beta(2, 5)", xs, 2.0/7, 10.0/(49*8), betaKurtosis(2, 5))
	checkKS(t, "Beta(2, 5)", xs, func(x float64) float64 {
		return 1 - math.Pow(1-x, 6) - 6*x*math.Pow(1-x, 5)
	})
	// Beta(1/2, 1/2) is the arcsine distribution.
	xs = floats(t, g.Beta(0.5, 0.5, samples))
	checkMoments(t, "Beta(0.5, 0.5)", xs, 0.5, 1.0/8, -1.5)
	checkKS(t, "Beta(0.5, 0.5)", xs, func(x float64) float64 { return 2 / math.Pi * math.Asin(math.Sqrt(x)) })
}

func TestPoisson(t *testing.T) {
	g := random.New(106)
	for _, lam := range []float64{0.5, 4, 9.99, 10, 57.5, 1e4} {
		ks := values[int64](t, g.Poisson(lam, samples))
		name := fmt.Sprintf("Poisson(%v)", lam)
		checkMoments(t, name, asFloats(ks), lam, lam, 1/lam)
		checkChiSquare(t, name, ks, poissonPMF(lam), 0)
	}
	if ks := values[int64](t, g.Poisson(0, 10)); slices.ContainsFunc(ks, func(k int64) bool { return k != 0 }) {
		t.Errorf("Poisson(0) = %v, want zeros", ks)
	}
}

func TestBinomial(t *testing.T) {
	g := random.New(107)
	for _, c := range []struct {
		n int64
		p float64
	}{{10, 0.3}, {40, 0.3}, {100, 0.9}, {1000, 0.5}, {5000, 0.7}, {1 << 40, 1e-10}} {
		ks := values[int64](t, g.Binomial(c.n, c.p, samples))
		name := fmt.Sprintf("Binomial(%d, %v)", c.n, c.p)
		for _, k := range ks {
			if k < 0 || k > c.n {
				t.Fatalf("%s gave %d", name, k)
			}
		}
		nf := float64(c.n)
		checkMoments(t, name, asFloats(ks), nf*c.p, nf*c.p*(1-c.p), (1-6*c.p*(1-c.p))/(nf*c.p*(1-c.p)))
		checkChiSquare(t, name, ks, binomialPMF(c.n, c.p), 0)
	}
	for _, c := range []struct {
		n    int64
		p    float64
		want int64
	}{{0, 0.5, 0}, {7, 0, 0}, {7, 1, 7}} {
		if ks := values[int64](t, g.Binomial(c.n, c.p, 5)); slices.ContainsFunc(ks, func(k int64) bool { return k != c.want }) {
			t.Errorf("Binomial(%d, %v) = %v, want all %d", c.n, c.p, ks, c.want)
		}
	}
}

func TestGeometric(t *testing.T) {
	g := random.New(108)
	for _, p := range []float64{0.01, 0.3, 0.9} {
		ks := values[int64](t, g.Geometric(p, samples))
		name := fmt.Sprintf("Geometric(%v)", p)
		checkMoments(t, name, asFloats(ks), 1/p, (1-p)/(p*p), 6+p*p/(1-p))
		checkChiSquare(t, name, ks, func(k int64) float64 { return math.Pow(1-p, float64(k-1)) * p }, 1)
	}
	if ks := values[int64](t, g.Geometric(1, 10)); slices.ContainsFunc(ks, func(k int64) bool { return k != 1 }) {
		t.Errorf("Geometric(1) = %v, want ones", ks)
	}
}

// betaKurtosis is the excess kurtosis of Beta(a, b).
func betaKurtosis(a, b float64) float64 {
	return 6 * ((a-b)*(a-b)*(a+b+1) - a*b*(a+b+2)) / (a * b * (a + b + 2) * (a + b + 3))
}

func asFloats(ks []int64) []float64 {
	xs := make([]float64, len(ks))
	for i, k := range ks {
		xs[i] = float64(k)
	}
	return xs
}
