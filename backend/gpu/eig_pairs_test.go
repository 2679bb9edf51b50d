package gpu

import (
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPairConjugates feeds pairConjugates what a complex geev gives for a
// real matrix with eigenvalues 1±3i, 2, 4±i and -0.5: pairs apart and
// negative member first, real parts a few ulps apart, real eigenvalues
// with a tiny imaginary part. It must give real LAPACK's layout.
func TestPairConjugates(t *testing.T) {
	const n, eps, d = 6, 0x1p-52, 3e-15
	w := []complex128{1 - 3i + d, 2 + 1e-16i, 4 - 1i, -0.5 - 1e-16i, 1 + 3i - d, 4 + 1i}
	rng := rand.New(rand.NewPCG(1, 2))
	v := make([]complex128, n*n)
	for i := range v {
		v[i] = complex(rng.NormFloat64(), rng.NormFloat64())
	}
	col := func(x []complex128, j int) []complex128 { return append([]complex128(nil), x[j*n:(j+1)*n]...) }
	conj := func(x []complex128) []complex128 {
		out := make([]complex128, len(x))
		for i, e := range x {
			out[i] = cmplx.Conj(e)
		}
		return out
	}
	// The pair's vector is the positive member's (input column 4, 5).
	wantV := [][]complex128{col(v, 4), conj(col(v, 4)), col(v, 1), col(v, 5), conj(col(v, 5)), col(v, 3)}
	wantW := []complex128{1 + 3i, 1 - 3i, 2, 4 + 1i, 4 - 1i, -0.5}

	pairConjugates(w, v, eps)
	for j, want := range wantW {
		require.InDelta(t, 0, cmplx.Abs(w[j]-want), 1e-14, "w[%d] = %v, want %v", j, w[j], want)
		require.Equal(t, wantV[j], col(v, j), "column %d", j)
	}
	require.Equal(t, cmplx.Conj(w[0]), w[1], "exact pair")
	require.Equal(t, 1.0, real(w[0]), "average of the pair's real parts")
	require.Equal(t, cmplx.Conj(w[3]), w[4], "exact pair")
	require.Equal(t, 0.0, imag(w[2]))
	require.Equal(t, 0.0, imag(w[5]))

	// Without vectors, in float32: a complex value with no partner near
	// its conjugate is left alone.
	w = []complex128{5 + 1i, 2 - 1e-7i, 3 - 1i}
	pairConjugates(w, nil, 0x1p-23)
	require.Equal(t, []complex128{5 + 1i, 2, 3 - 1i}, w)
	pairConjugates(nil, nil, eps) // n = 0
}
