package random_test

import "math"

// Distribution functions of the statistical tests, in float64 from
// closed forms and series (none from the code under test).

// betaInc is the regularized incomplete beta function I_x(a, b), by the
// continued fraction of the side where it converges fast (modified Lentz).
func betaInc(a, b, x float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	case x > (a+1)/(a+b+2):
		return 1 - betaInc(b, a, 1-x)
	}
	front := math.Exp(a*math.Log(x) + b*math.Log1p(-x) - lbeta(a, b))
	const tiny = 1e-300
	c, d := 1.0, 1-(a+b)*x/(a+1)
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1.0; m < 10000; m++ {
		for _, num := range []float64{
			m * (b - m) * x / ((a + 2*m - 1) * (a + 2*m)),
			-(a + m) * (a + b + m) * x / ((a + 2*m) * (a + 2*m + 1)),
		} {
			d = 1 + num*d
			if math.Abs(d) < tiny {
				d = tiny
			}
			c = 1 + num/c
			if math.Abs(c) < tiny {
				c = tiny
			}
			d = 1 / d
			h *= d * c
		}
		if math.Abs(d*c-1) < 1e-16 {
			break
		}
	}
	return front * h / a
}

func lbeta(a, b float64) float64 { return lgamma(a) + lgamma(b) - lgamma(a+b) }

// studentCDF is the CDF of Student's t with df degrees of freedom.
func studentCDF(df float64) func(float64) float64 {
	return func(t float64) float64 {
		tail := 0.5 * betaInc(df/2, 0.5, df/(df+t*t))
		if t > 0 {
			return 1 - tail
		}
		return tail
	}
}

// fCDF is the CDF of the F distribution with d1 and d2 degrees of freedom.
func fCDF(d1, d2 float64) func(float64) float64 {
	return func(x float64) float64 {
		if x <= 0 {
			return 0
		}
		return betaInc(d1/2, d2/2, d1*x/(d1*x+d2))
	}
}

// poissonMixture sums term(j) weighted by the Poisson(lam) pmf of j,
// past the mode until the weights fall below 1e-18.
func poissonMixture(lam float64, term func(j float64) float64) float64 {
	if lam == 0 {
		return term(0)
	}
	sum := 0.0
	for j := 0.0; j < 100000; j++ {
		w := math.Exp(j*math.Log(lam) - lam - lgamma(j+1))
		sum += w * term(j)
		if j > lam && w < 1e-18 {
			break
		}
	}
	return sum
}

// noncentralChisquareCDF is the Poisson mixture of chi-square CDFs.
func noncentralChisquareCDF(df, nonc float64) func(float64) float64 {
	return func(x float64) float64 {
		return poissonMixture(nonc/2, func(j float64) float64 { return gammaP(df/2+j, x/2) })
	}
}

// noncentralFCDF is the Poisson mixture of incomplete beta functions.
func noncentralFCDF(d1, d2, nonc float64) func(float64) float64 {
	return func(x float64) float64 {
		if x <= 0 {
			return 0
		}
		y := d1 * x / (d1*x + d2)
		return poissonMixture(nonc/2, func(j float64) float64 { return betaInc(d1/2+j, d2/2, y) })
	}
}

// waldCDF is the CDF of the inverse Gaussian of mean mu and shape lam.
func waldCDF(mu, lam float64) func(float64) float64 {
	return func(x float64) float64 {
		if x <= 0 {
			return 0
		}
		r := math.Sqrt(lam / x)
		return normalCDF(r*(x/mu-1)) + math.Exp(2*lam/mu)*normalCDF(-r*(x/mu+1))
	}
}

// vonMisesCDF is the CDF on [-π, π] of the von Mises density of mode mu
// and concentration kappa, integrated by Simpson's rule on a fine grid
// and interpolated linearly.
func vonMisesCDF(mu, kappa float64) func(float64) float64 {
	const n = 1 << 14 // intervals
	h := 2 * math.Pi / n
	density := func(x float64) float64 { return math.Exp(kappa * (math.Cos(x-mu) - 1)) }
	cum := make([]float64, n+1)
	for i := range n {
		a := -math.Pi + float64(i)*h
		cum[i+1] = cum[i] + h/6*(density(a)+4*density(a+h/2)+density(a+h))
	}
	return func(x float64) float64 {
		t := (x + math.Pi) / h
		i := int(math.Floor(t))
		if i < 0 {
			return 0
		}
		if i >= n {
			return 1
		}
		return (cum[i] + (t-float64(i))*(cum[i+1]-cum[i])) / cum[n]
	}
}

// zeta is the Riemann zeta function for s > 1: a direct sum and the
// Euler-Maclaurin tail.
func zeta(s float64) float64 {
	const n = 1000
	sum := 0.0
	for k := 1.0; k < n; k++ {
		sum += math.Pow(k, -s)
	}
	return sum + math.Pow(n, 1-s)/(s-1) + 0.5*math.Pow(n, -s) + s/12*math.Pow(n, -s-1) -
		s*(s+1)*(s+2)/720*math.Pow(n, -s-3)
}

// hypergeometricPMF is the pmf of the good items among sample drawn from
// good and bad ones.
func hypergeometricPMF(good, bad, sample int64) func(int64) float64 {
	lc := func(n, k float64) float64 { return lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1) }
	g, b, s := float64(good), float64(bad), float64(sample)
	return func(k int64) float64 {
		x := float64(k)
		if x > s || x > g || s-x > b {
			return 0
		}
		return math.Exp(lc(g, x) + lc(b, s-x) - lc(g+b, s))
	}
}

// hypergeometricKurtosis is the excess kurtosis of the hypergeometric
// distribution of n draws from N items of which K are good.
func hypergeometricKurtosis(K, N, n float64) float64 {
	num := (N-1)*N*N*(N*(N+1)-6*K*(N-K)-6*n*(N-n)) + 6*n*K*(N-K)*(N-n)*(5*N-6)
	return num / (n * K * (N - K) * (N - n) * (N - 2) * (N - 3))
}
