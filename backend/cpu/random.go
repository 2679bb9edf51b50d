package cpu

import (
	"math"
	"math/bits"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// The random operations of package ir, in Go. cgen's random helpers are
// the same algorithms, statement for statement, in C.

// random evaluates a random op for the n elements of the chunk that
// starts at flat index start.
func random(f *frame, s *step, args func(int) *step, start, n int) {
	if s.op == ir.Counter {
		d := f.u(s, n)
		for i := range d {
			d[i] = uint64(start + i)
		}
		return
	}
	key, stream, pos := f.u(args(0), n), f.u(args(1), n), f.u(args(2), n)
	switch s.op {
	case ir.Philox:
		// Neighbouring elements usually share a block: compute each once.
		d := f.u(s, n)
		var c blockCache
		if s.dt == dtype.Uint32 {
			for i := range d {
				d[i] = uint64(c.get(key[i], stream[i], pos[i]>>2)[pos[i]&3])
			}
			return
		}
		for i := range d {
			b, j := c.get(key[i], stream[i], pos[i]>>1), 2*(pos[i]&1)
			d[i] = uint64(b[j]) | uint64(b[j+1])<<32
		}
	case ir.RandomNormal:
		d := f.f(s, n)
		var c blockCache
		for i := range d {
			d[i] = float64(randomNormal(c.get(key[i], stream[i], pos[i]>>2), pos[i]))
		}
	case ir.RandomBounded:
		d, r := f.u(s, n), f.u(args(3), n)
		for i := range d {
			d[i] = bounded(sampler{key[i], stream[i], pos[i] * ir.SamplerWords}, r[i])
		}
	case ir.RandomGamma:
		d, a := f.f(s, n), f.f(args(3), n)
		for i := range d {
			d[i] = standardGamma(sampler{key[i], stream[i], pos[i] * ir.SamplerWords}, a[i])
		}
	case ir.RandomPoisson:
		d, lam := f.i(s, n), f.f(args(3), n)
		for i := range d {
			d[i] = poisson(sampler{key[i], stream[i], pos[i] * ir.SamplerWords}, lam[i])
		}
	case ir.RandomBinomial:
		d, trials, p := f.i(s, n), f.i(args(3), n), f.f(args(4), n)
		for i := range d {
			d[i] = binomial(sampler{key[i], stream[i], pos[i] * ir.SamplerWords}, trials[i], p[i])
		}
	default:
		moreRandom(f, s, args, key, stream, pos, n)
	}
}

// philox4x32 returns the Philox4x32-10 block of counter ctr and key key.
func philox4x32(ctr [4]uint32, key [2]uint32) [4]uint32 {
	c, k := ctr, key
	for r := 0; r < 10; r++ {
		if r > 0 {
			k[0] += ir.PhiloxW0
			k[1] += ir.PhiloxW1
		}
		hi0, lo0 := bits.Mul32(ir.PhiloxM0, c[0])
		hi1, lo1 := bits.Mul32(ir.PhiloxM1, c[2])
		c = [4]uint32{hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0}
	}
	return c
}

// philoxBlock is block b of the stream of (key, stream).
func philoxBlock(key, stream, b uint64) [4]uint32 {
	return philox4x32([4]uint32{uint32(b), uint32(b >> 32), uint32(stream), uint32(stream >> 32)},
		[2]uint32{uint32(key), uint32(key >> 32)})
}

// blockCache keeps the last block computed.
type blockCache struct {
	key, stream, block uint64
	ok                 bool
	b                  [4]uint32
}

func (c *blockCache) get(key, stream, block uint64) *[4]uint32 {
	if !c.ok || c.key != key || c.stream != stream || c.block != block {
		c.key, c.stream, c.block, c.ok = key, stream, block, true
		c.b = philoxBlock(key, stream, block)
	}
	return &c.b
}

// philoxWord64 is 64-bit word p of the stream of (key, stream).
func philoxWord64(key, stream, p uint64) uint64 {
	b := philoxBlock(key, stream, p>>1)
	j := 2 * (p & 1)
	return uint64(b[j]) | uint64(b[j+1])<<32
}

// sampler reads one element's words of the stream in order.
type sampler struct {
	key, stream, next uint64
}

func (s *sampler) word() uint64 {
	w := philoxWord64(s.key, s.stream, s.next)
	s.next++
	return w
}

// uniform is a float64 in [0, 1) from the top 53 bits of a word.
func (s *sampler) uniform() float64 { return float64(s.word()>>11) * 0x1p-53 }

// normal is a standard normal by Box-Muller's cosine branch.
func (s *sampler) normal() float64 {
	u1 := s.uniform()
	u2 := s.uniform()
	return math.Sqrt(-2*math.Log(1-u1)) * math.Cos(2*math.Pi*u2)
}

// bounded is Lemire's multiply-and-reject: uniform in [0, r]. The
// threshold's division is needed only when the low half is below span.
func bounded(s sampler, r uint64) uint64 {
	if r == math.MaxUint64 {
		return s.word()
	}
	span := r + 1
	hi, lo := bits.Mul64(s.word(), span)
	if lo < span {
		threshold := -span % span
		for t := 1; lo < threshold && t < ir.SamplerWords; t++ {
			hi, lo = bits.Mul64(s.word(), span)
		}
	}
	return hi
}

// samplerTries bounds the rejection loops below so that an element never
// reads past its SamplerWords words.
const (
	gammaTries     = (ir.SamplerWords - 1) / 3
	transformTries = ir.SamplerWords / 2
)

// standardGamma is Marsaglia and Tsang's method, boosted by U^(1/a) for
// a < 1.
func standardGamma(s sampler, a float64) float64 {
	switch {
	case a == 0:
		return 0
	case !(a > 0) || math.IsInf(a, 1):
		return math.NaN()
	}
	boost := 1.0
	if a < 1 {
		boost = math.Pow(s.uniform(), 1/a)
		a++
	} else {
		s.word() // keep the word layout of both cases alike
	}
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for range gammaTries {
		x := s.normal()
		u := s.uniform()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		if u < 1-0.0331*(x*x)*(x*x) || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v * boost
		}
	}
	return math.NaN()
}

// poisson is inversion by sequential search for lam < 10, Hörmann's PTRS
// transformed rejection otherwise (as NumPy).
func poisson(s sampler, lam float64) int64 {
	switch {
	case lam == 0:
		return 0
	case !(lam > 0) || math.IsInf(lam, 1):
		return -1
	case lam < 10:
		u := s.uniform()
		p := math.Exp(-lam)
		cdf := p
		k := int64(0)
		for u > cdf && k < ir.InversionSteps {
			k++
			p *= lam / float64(k)
			cdf += p
		}
		return k
	}
	slam := math.Sqrt(lam)
	loglam := math.Log(lam)
	b := 0.931 + 2.53*slam
	a := -0.059 + 0.02483*b
	invalpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	for range transformTries {
		u := s.uniform() - 0.5
		v := s.uniform()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + lam + 0.43)
		if us >= 0.07 && v <= vr {
			return int64(k)
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		if math.Log(v)+math.Log(invalpha)-math.Log(a/(us*us)+b) <= -lam+k*loglam-lgamma(k+1) {
			return int64(k)
		}
	}
	return -1
}

// binomial is inversion for n·min(p, 1-p) < 30, Hörmann's BTRS
// transformed rejection otherwise, on min(p, 1-p) and reflected.
func binomial(s sampler, n int64, p float64) int64 {
	switch {
	case n < 0 || !(p >= 0 && p <= 1):
		return -1
	case n == 0 || p == 0:
		return 0
	case p == 1:
		return n
	}
	q := min(p, 1-p)
	k := binomialSmall(s, n, q)
	if p > 0.5 && k >= 0 {
		return n - k
	}
	return k
}

func binomialSmall(s sampler, n int64, q float64) int64 {
	nf := float64(n)
	if nf*q < 30 {
		u := s.uniform()
		px := math.Exp(nf * math.Log1p(-q))
		r := q / (1 - q)
		g := r * (nf + 1)
		cdf := px
		k := int64(0)
		for u > cdf && k < n && k < ir.InversionSteps {
			k++
			px *= g/float64(k) - r
			cdf += px
		}
		return k
	}
	spq := math.Sqrt(nf * q * (1 - q))
	b := 1.15 + 2.53*spq
	a := -0.0873 + 0.0248*b + 0.01*q
	c := nf*q + 0.5
	vr := 0.92 - 4.2/b
	alpha := (2.83 + 5.1/b) * spq
	r := q / (1 - q)
	m := math.Floor((nf + 1) * q)
	for range transformTries {
		u := s.uniform() - 0.5
		v := s.uniform()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + c)
		if k < 0 || k > nf {
			continue
		}
		if us >= 0.07 && v <= vr {
			return int64(k)
		}
		// log(f(k)/f(m)) of the binomial pmf f, through Stirling's series
		// so that it keeps its precision for huge n.
		bound := (m+0.5)*math.Log((m+1)/(r*(nf-m+1))) + (nf+1)*math.Log1p((k-m)/(nf-k+1)) +
			(k+0.5)*math.Log(r*(nf-k+1)/(k+1)) + stirlingTail(m) + stirlingTail(nf-m) - stirlingTail(k) - stirlingTail(nf-k)
		if math.Log(v*alpha/(a/(us*us)+b)) <= bound {
			return int64(k)
		}
	}
	return -1
}

// stirlingTail is log(k!) less Stirling's approximation (k+1/2)·log(k+1)
// - (k+1) + log(2π)/2: exactly for k < 10, by the series in 1/(k+1) above.
func stirlingTail(k float64) float64 {
	if k < 10 {
		return lgamma(k+1) - (k+0.5)*math.Log(k+1) + (k + 1) - 0.9189385332046728
	}
	z := 1 / (k + 1)
	z2 := z * z
	return z * (1.0/12 - z2*(1.0/360-z2*(1.0/1260)))
}

func lgamma(x float64) float64 {
	y, _ := math.Lgamma(x)
	return y
}
