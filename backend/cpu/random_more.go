package cpu

import (
	"math"

	"github.com/cugo/cugo/internal/ir"
)

// The samplers of package ir after RandomNormal: von Mises, Zipf,
// logarithmic series and hypergeometric variates, as NumPy draws them.
// cgen's random_more.go has them in C, statement for statement.

// moreRandom evaluates the samplers of this file for n elements.
func moreRandom(f *frame, s *step, args func(int) *step, key, stream, pos []uint64, n int) {
	at := func(i int) sampler { return sampler{key[i], stream[i], pos[i] * ir.SamplerWords} }
	switch s.op {
	case ir.RandomVonMises:
		d, kappa := f.f(s, n), f.f(args(3), n)
		for i := range d {
			d[i] = vonMises(at(i), kappa[i])
		}
	case ir.RandomZipf:
		d, a := f.i(s, n), f.f(args(3), n)
		for i := range d {
			d[i] = zipf(at(i), a[i])
		}
	case ir.RandomLogseries:
		d, p := f.i(s, n), f.f(args(3), n)
		for i := range d {
			d[i] = logseries(at(i), p[i])
		}
	case ir.RandomHypergeometric:
		d, good, bad, sample := f.i(s, n), f.i(args(3), n), f.i(args(4), n), f.i(args(5), n)
		for i := range d {
			d[i] = hypergeometric(at(i), good[i], bad[i], sample[i])
		}
	}
}

// vonMises is a von Mises angle about 0 of concentration kappa, in
// [-π, π]: uniform below kappa 1e-8, a normal of variance 1/kappa above
// 1e6 (too narrow to wrap), else Best and Fisher's rejection from a
// wrapped Cauchy envelope, with the second-order expansion of its
// parameter below kappa 1e-5.
func vonMises(s sampler, kappa float64) float64 {
	switch {
	case !(kappa >= 0):
		return math.NaN()
	case kappa < 1e-8:
		return math.Pi * (2*s.uniform() - 1)
	case kappa > 1e6:
		return math.Sqrt(1/kappa) * s.normal()
	}
	// The envelope is the wrapped Cauchy of parameter rho; r is
	// (1+rho²)/(2rho), q is (1-rho)/(1+rho).
	var r, q float64
	if kappa < 1e-5 {
		r = 1/kappa + kappa
		q = math.Sqrt((r - 1) / (r + 1))
	} else {
		t := 1 + math.Sqrt(1+4*kappa*kappa)
		rho := (t - math.Sqrt(2*t)) / (2 * kappa)
		r = (1 + rho*rho) / (2 * rho)
		q = (1 - rho) / (1 + rho)
	}
	for range transformTries - 1 { // two words a try, and one for the sign
		u := s.uniform()
		z := math.Cos(math.Pi * u)
		w := (1 + r*z) / (r + z)
		y := kappa * (r - w)
		v := s.uniform()
		if y*(2-y)-v >= 0 || math.Log(y/v)+1-y >= 0 {
			// acos(w) by its half angle, tan(θ/2) = q·tan(πu/2): acos
			// near ±1 would turn the last bit of w into 1e-8 radians.
			angle := 2 * math.Atan(q*math.Tan(math.Pi/2*u))
			if s.uniform() < 0.5 {
				return -angle
			}
			return angle
		}
	}
	return math.NaN()
}

// zipf is Devroye's rejection for the Zipf distribution of exponent a,
// truncated to int64 by drawing U in (Umin, 1] only; for a >= 1025 the
// chance of anything but 1 is below 1e-308.
func zipf(s sampler, a float64) int64 {
	switch {
	case !(a > 1):
		return -1
	case a >= 1025:
		return 1
	}
	am1 := a - 1
	b := math.Pow(2, am1)
	umin := math.Pow(0x1p63, -am1)
	for range transformTries {
		u01 := s.uniform()
		u := u01*umin + (1 - u01)
		v := s.uniform()
		x := math.Floor(math.Pow(u, -1/am1))
		if !(x >= 1 && x < 0x1p63) {
			continue
		}
		t := math.Pow(1+1/x, am1)
		if v*x*(t-1)/(b-1) <= t/b {
			return int64(x)
		}
	}
	return -1
}

// logseries is Kemp's second accelerated generator (LK) for the
// logarithmic series distribution of parameter p in [0, 1).
func logseries(s sampler, p float64) int64 {
	if !(p >= 0 && p < 1) {
		return -1
	}
	r := math.Log1p(-p)
	for range transformTries {
		v := s.uniform()
		if v >= p {
			return 1
		}
		q := -math.Expm1(r * s.uniform())
		if v <= q*q {
			k := math.Floor(1 + math.Log(v)/math.Log(q))
			if !(k >= 1 && k < 0x1p63) || v == 0 {
				continue
			}
			return int64(k)
		}
		if v >= q {
			return 1
		}
		return 2
	}
	return -1
}

// hypergeometric is the number of good items among sample drawn without
// replacement from good good and bad bad ones: by drawing the fewer of
// the sample and its complement one by one when that is under 10 items,
// else by Stadlober's ratio of uniforms (HRUA).
func hypergeometric(s sampler, good, bad, sample int64) int64 {
	total := good + bad
	switch {
	case good < 0 || bad < 0 || sample < 0 || sample > total:
		return -1
	case sample >= 10 && sample <= total-10:
		return hypergeometricRatio(s, good, bad, sample)
	}
	draws := min(sample, total-sample)
	g, t, left := good, total, draws
	for left > 0 && g > 0 && g < t {
		if s.uniform()*float64(t) < float64(g) {
			g--
		}
		t--
		left--
	}
	if g == t { // only good items remain: the rest of the draws are good
		g -= left
	}
	if draws < sample { // drew the complement of the sample
		return g
	}
	return good - g
}

// hypergeometricRatio is HRUA: the ratio-of-uniforms rejection of
// Stadlober (1989), on the smaller of good and bad and the smaller of the
// sample and its complement, mapped back at the end.
func hypergeometricRatio(s sampler, good, bad, sample int64) int64 {
	const d1, d2 = 1.7155277699214135, 0.8989161620588988 // 2·sqrt(2/e), 3 - 2·sqrt(3/e)
	total := good + bad
	n := float64(total)
	m := float64(min(sample, total-sample))
	lo, hi := float64(min(good, bad)), float64(max(good, bad))
	p, q := lo/n, hi/n
	a := m*p + 0.5
	c := math.Sqrt((n-m)*m*p*q/(n-1) + 0.5)
	h := d1*c + d2
	mode := math.Floor((m + 1) * (lo + 1) / (n + 2))
	logMode := logFactorial(mode) + logFactorial(lo-mode) + logFactorial(m-mode) + logFactorial(hi-m+mode)
	bound := math.Min(math.Min(m, lo)+1, math.Floor(a+16*c))
	for range transformTries {
		u := s.uniform()
		v := s.uniform()
		x := a + h*(v-0.5)/u
		if !(x >= 0 && x < bound) {
			continue
		}
		k := math.Floor(x)
		t := logMode - (logFactorial(k) + logFactorial(lo-k) + logFactorial(m-k) + logFactorial(hi-m+k))
		if u*(4-u)-3 <= t || u*(u-t) < 1 && 2*math.Log(u) <= t {
			if good > bad {
				k = m - k
			}
			if m < float64(sample) {
				k = float64(good) - k
			}
			return int64(k)
		}
	}
	return -1
}

func logFactorial(k float64) float64 { return lgamma(k + 1) }
