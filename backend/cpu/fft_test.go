package cpu

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/dsp/fourier"
)

// BenchmarkPrimeLength compares gonum's direct transform of a prime
// length (FFTPACK's O(p²) generic radix) with Bluestein's algorithm, the
// measurement behind maxDirectPrime.
func BenchmarkPrimeLength(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, p := range []int{31, 61, 67, 127, 251, 1021} {
		x := make([]complex128, p)
		for i := range x {
			x[i] = complex(r.NormFloat64(), r.NormFloat64())
		}
		for name, t := range map[string]complexFFT{"direct": gonumComplex{fourier.NewCmplxFFT(p)}, "bluestein": newBluestein(p)} {
			b.Run(fmt.Sprintf("%s/%d", name, p), func(b *testing.B) {
				for b.Loop() {
					t.forward(x)
				}
			})
		}
	}
}
