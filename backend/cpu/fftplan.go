package cpu

import (
	"math"
	"math/cmplx"
	"sync"

	"gonum.org/v1/gonum/dsp/fourier"

	"github.com/cugo/cugo/backend"
)

// linePlan transforms lines of one length and kind, with its own buffers:
// one per goroutine (gonum's plans keep work arrays).
type linePlan struct {
	kind    backend.FFTKind
	n       int
	inverse bool
	c       []complex128 // the complex line: n, or n/2+1 for R2C and C2R
	r       []float64    // the real line of R2C and C2R
	cplx    complexFFT
	real    realFFT
}

// linePlans keeps the plans of finished passes for reuse, keyed by
// planKey: making one computes its twiddle factors (a fifth of the time
// of a single transform of 2^18 points).
var linePlans sync.Map

type planKey struct {
	kind backend.FFTKind
	n    int
}

// getLinePlan returns a plan for lines of n points, reused where one is free.
func getLinePlan(kind backend.FFTKind, inverse bool, n int) *linePlan {
	pool, _ := linePlans.LoadOrStore(planKey{kind, n}, &sync.Pool{})
	p, _ := pool.(*sync.Pool).Get().(*linePlan)
	if p == nil {
		p = newLinePlan(kind, n)
	}
	p.inverse = inverse
	return p
}

// putLinePlan hands p back for reuse.
func putLinePlan(p *linePlan) {
	pool, _ := linePlans.Load(planKey{p.kind, p.n})
	pool.(*sync.Pool).Put(p)
}

func newLinePlan(kind backend.FFTKind, n int) *linePlan {
	p := &linePlan{kind: kind, n: n}
	if kind == backend.C2C {
		p.c, p.cplx = make([]complex128, n), newComplexFFT(n)
	} else {
		p.c, p.r, p.real = make([]complex128, n/2+1), make([]float64, n), newRealFFT(n)
	}
	return p
}

// complexFFT transforms a complex line in place, unnormalized.
type complexFFT interface {
	forward(x []complex128)
	inverse(x []complex128)
}

// realFFT maps n reals to their n/2+1 non-negative frequencies and back
// (the imaginary parts of the zero and, for even n, the n/2 frequency are
// ignored, as a Hermitian spectrum has none), unnormalized.
type realFFT interface {
	forward(dst []complex128, src []float64)
	inverse(dst []float64, src []complex128)
}

// maxDirectPrime is the largest prime factor that gonum's mixed-radix
// FFTPACK transforms directly: its cost grows with the square of a prime
// factor, so longer primes go through Bluestein's algorithm, whose cost is
// three power-of-two transforms of at least 2n-1 points. The two cross
// between 67 (direct 2x faster) and 127 (Bluestein 1.7x faster; 12x at
// 1021): BenchmarkPrimeLength.
const maxDirectPrime = 100

func newComplexFFT(n int) complexFFT {
	if largestPrimeFactor(n) > maxDirectPrime {
		return newBluestein(n)
	}
	return gonumComplex{fourier.NewCmplxFFT(n)}
}

// newRealFFT uses gonum's real transform only for lengths of factors 2, 3
// and 5, which it has dedicated passes for: its generic pass for other
// primes loses digits (relative errors of 1e-14 at 43 and 2e-14 at 97,
// against 1e-15 for the complex transform), so those lengths go through a
// complex transform.
func newRealFFT(n int) realFFT {
	if largestPrimeFactor(n) > 5 {
		return &realByComplex{newComplexFFT(n), make([]complex128, n)}
	}
	return gonumReal{fourier.NewFFT(n)}
}

func largestPrimeFactor(n int) int {
	p := 1
	for f := 2; f*f <= n; f++ {
		for n%f == 0 {
			p, n = f, n/f
		}
	}
	return max(p, n)
}

type gonumComplex struct{ t *fourier.CmplxFFT }

func (g gonumComplex) forward(x []complex128) { g.t.Coefficients(x, x) }
func (g gonumComplex) inverse(x []complex128) { g.t.Sequence(x, x) }

type gonumReal struct{ t *fourier.FFT }

func (g gonumReal) forward(dst []complex128, src []float64) { g.t.Coefficients(dst, src) }
func (g gonumReal) inverse(dst []float64, src []complex128) { g.t.Sequence(dst, src) }

// realByComplex computes a real transform as a complex one of the same
// length, for the lengths that go through Bluestein's algorithm.
type realByComplex struct {
	c    complexFFT
	work []complex128
}

func (r *realByComplex) forward(dst []complex128, src []float64) {
	for i, v := range src {
		r.work[i] = complex(v, 0)
	}
	r.c.forward(r.work)
	copy(dst, r.work)
}

func (r *realByComplex) inverse(dst []float64, src []complex128) {
	n := len(r.work)
	r.work[0] = complex(real(src[0]), 0)
	for k := 1; k < (n+1)/2; k++ {
		r.work[k], r.work[n-k] = src[k], cmplx.Conj(src[k])
	}
	if n%2 == 0 {
		r.work[n/2] = complex(real(src[n/2]), 0)
	}
	r.c.inverse(r.work)
	for i := range dst {
		dst[i] = real(r.work[i])
	}
}

// bluestein computes a transform of any length n as a convolution with a
// chirp, exp(-iπk²/n), through power-of-two transforms of length m ≥ 2n-1.
type bluestein struct {
	chirp  []complex128 // exp(-iπk²/n) for k < n
	filter []complex128 // the transform of the conjugate chirp wrapped to m, divided by m
	t      *fourier.CmplxFFT
	work   []complex128
}

func newBluestein(n int) *bluestein {
	m := 1
	for m < 2*n-1 {
		m <<= 1
	}
	b := &bluestein{
		chirp:  make([]complex128, n),
		filter: make([]complex128, m),
		t:      fourier.NewCmplxFFT(m),
		work:   make([]complex128, m),
	}
	for k := range n {
		// k² mod 2n keeps the angle exact for large k.
		kk := uint64(k) * uint64(k) % uint64(2*n)
		s, c := math.Sincos(-math.Pi * float64(kk) / float64(n))
		b.chirp[k] = complex(c, s)
		b.filter[k] = cmplx.Conj(b.chirp[k])
		if k > 0 {
			b.filter[m-k] = b.filter[k]
		}
	}
	b.t.Coefficients(b.filter, b.filter)
	for i := range b.filter {
		b.filter[i] /= complex(float64(m), 0)
	}
	return b
}

func (b *bluestein) forward(x []complex128) {
	w := b.work
	for k, v := range x {
		w[k] = v * b.chirp[k]
	}
	clear(w[len(x):])
	b.t.Coefficients(w, w)
	for i, f := range b.filter {
		w[i] *= f
	}
	b.t.Sequence(w, w)
	for k := range x {
		x[k] = w[k] * b.chirp[k]
	}
}

// inverse is the forward transform of the conjugate, conjugated.
func (b *bluestein) inverse(x []complex128) {
	for i, v := range x {
		x[i] = cmplx.Conj(v)
	}
	b.forward(x)
	for i, v := range x {
		x[i] = cmplx.Conj(v)
	}
}
