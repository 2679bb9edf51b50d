package cpu

import (
	"math"
	"math/big"
	"sync"
)

// Go's math.Sin, Cos and Tan reduce arguments of 2^29 and more with too
// few bits of π (sin(MaxFloat64) is off by 25 ulp); glibc, NumPy's libm,
// and CUDA reduce exactly. Such arguments take the slow path here: an
// exact reduction modulo π/2 with math/big, then Taylor series at 128
// bits, rounded once.

// hugeTrig is where Go's reduction stops being accurate.
const hugeTrig = 1 << 29

// reducePrec is enough bits for x·(2/π) with x < 2^1024 to keep the
// fraction exact to about 2^-370.
const reducePrec = 1400

// ordinary reports whether math's own reduction is accurate for x (NaN
// and ±inf included: math gives NaN, as C does).
func ordinary(x float64) bool { return !(math.Abs(x) >= hugeTrig) || math.IsInf(x, 0) }

func sin(x float64) float64 {
	if ordinary(x) {
		return math.Sin(x)
	}
	return quadrant(trigParts(x))
}

func cos(x float64) float64 {
	if ordinary(x) {
		return math.Cos(x)
	}
	s, c, q := trigParts(x)
	return quadrant(s, c, q+1)
}

func tan(x float64) float64 {
	if ordinary(x) {
		// math.Tan drops the z³/3 of tan z ≈ z + z³/3 where its reduced
		// argument z is below 1e-7 (tan x near 0 or ±inf): up to 25 ulp.
		if t := math.Tan(x); !(math.Abs(t) < 1e-7 || math.Abs(t) > 1e7) {
			return t
		}
		return math.Sin(x) / math.Cos(x)
	}
	s, c, q := trigParts(x)
	t := new(big.Float).SetPrec(taylorPrec)
	if q&1 == 0 {
		t.Quo(s, c)
	} else {
		t.Quo(c, s).Neg(t) // tan(r + π/2) = -cot r
	}
	v, _ := t.Float64()
	return v
}

// quadrant is sin(r + q·π/2), rounded once, from s = sin r and c = cos r.
func quadrant(s, c *big.Float, q int) float64 {
	v := s
	if q&1 == 1 {
		v = c
	}
	r, _ := v.Float64()
	if q&2 != 0 {
		return -r
	}
	return r
}

// taylorPrec is the working precision of the series: far more than the
// 53 bits of the result, so the one rounding is (almost) always correct.
const taylorPrec = 128

// trigParts returns sin r and cos r and q, where x = r + q·π/2 with
// |r| <= π/4, for finite x.
func trigParts(x float64) (s, c *big.Float, q int) {
	pi := piBits()
	t := new(big.Float).SetPrec(reducePrec).SetFloat64(x)
	t.Mul(t, pi.twoOverPi)
	n, _ := t.Int(nil) // toward zero
	f := t.Sub(t, new(big.Float).SetInt(n))
	one := big.NewFloat(1)
	switch {
	case f.Cmp(big.NewFloat(0.5)) > 0:
		f.Sub(f, one)
		n.Add(n, big.NewInt(1))
	case f.Cmp(big.NewFloat(-0.5)) < 0:
		f.Add(f, one)
		n.Sub(n, big.NewInt(1))
	}
	q = int(new(big.Int).And(n, big.NewInt(3)).Int64()) // two's complement: n mod 4
	r := new(big.Float).SetPrec(taylorPrec).Mul(f, pi.halfPi)
	s, c = sinCosSeries(r)
	return s, c, q
}

// sinCosSeries sums the Taylor series of sin r and cos r, |r| <= π/4.
func sinCosSeries(r *big.Float) (s, c *big.Float) {
	s = new(big.Float).SetPrec(taylorPrec)
	c = new(big.Float).SetPrec(taylorPrec)
	term := new(big.Float).SetPrec(taylorPrec).SetInt64(1) // r^k / k!
	k := new(big.Float).SetPrec(taylorPrec)
	for i := 0; i < 40; i++ { // (π/4)^k/k! < 2^-140 by k = 40
		sum := c
		if i&1 == 1 {
			sum = s
		}
		if i&2 == 0 {
			sum.Add(sum, term)
		} else {
			sum.Sub(sum, term)
		}
		term.Mul(term, r)
		term.Quo(term, k.SetInt64(int64(i+1)))
	}
	return s, c
}

// piConstants are 2/π and π/2 to reducePrec bits.
type piConstants struct{ twoOverPi, halfPi *big.Float }

// piBits computes π once, by Machin's formula π = 16·atan(1/5) - 4·atan(1/239).
var piBits = sync.OnceValue(func() piConstants {
	const prec = reducePrec + 64
	pi := new(big.Float).SetPrec(prec).Mul(big.NewFloat(16), atanInv(5, prec))
	pi.Sub(pi, new(big.Float).SetPrec(prec).Mul(big.NewFloat(4), atanInv(239, prec)))
	two := new(big.Float).SetPrec(reducePrec).SetInt64(2)
	return piConstants{
		twoOverPi: new(big.Float).SetPrec(reducePrec).Quo(two, pi),
		halfPi:    new(big.Float).SetPrec(reducePrec).Quo(pi, two),
	}
})

// atanInv is atan(1/n) = Σ (-1)^k / ((2k+1)·n^(2k+1)) to prec bits.
func atanInv(n int64, prec uint) *big.Float {
	sum := new(big.Float).SetPrec(prec)
	pow := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1), big.NewFloat(float64(n))) // 1/n^(2k+1)
	n2 := new(big.Float).SetPrec(prec).SetInt64(n * n)
	term := new(big.Float).SetPrec(prec)
	eps := new(big.Float).SetMantExp(big.NewFloat(1), -int(prec)-8)
	for k := int64(0); pow.Cmp(eps) > 0; k++ {
		term.Quo(pow, new(big.Float).SetInt64(2*k+1))
		if k&1 == 0 {
			sum.Add(sum, term)
		} else {
			sum.Sub(sum, term)
		}
		pow.Quo(pow, n2)
	}
	return sum
}
