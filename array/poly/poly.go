// Package poly is NumPy's polynomial functions (np.poly, np.roots,
// np.polyadd... np.polyfit) for cugo arrays, on the arrays' backend.
// A polynomial is a 1-d array of coefficients, highest power first, as in
// NumPy; array.Polyval evaluates one.
//
//	NumPy                                     cugo
//	np.poly(r)                                poly.FromRoots(r)  (roots, or a square matrix)
//	np.roots(p)                               poly.Roots(p)
//	np.polyadd(a, b), np.polysub(a, b)        poly.Add(a, b), poly.Sub(a, b)
//	np.polymul(a, b)                          poly.Mul(a, b)
//	q, r = np.polydiv(u, v)                   q, r := poly.Div(u, v)
//	np.polyder(p, m)                          poly.Der(p, m)
//	np.polyint(p, m, k)                       poly.Int(p, m, k)  (nil k: zeros)
//	np.polyfit(x, y, deg, rcond, w=w)         poly.Fit(x, y, deg, poly.Rcond(rcond), poly.Weights(w))
//	np.polyfit(x, y, deg, full=True)          p, resid, rank, sv, rcond := poly.FitFull(x, y, deg)
//	np.polyfit(x, y, deg, cov=True)           p, cov := poly.FitCov(x, y, deg, poly.CovScaled)
//	np.polyfit(x, y, deg, cov="unscaled")     p, cov := poly.FitCov(x, y, deg, poly.CovUnscaled)
//	np.polyval(p, x)                          array.Polyval(p, x)
//
// Dtypes are NumPy 2's: Add, Sub and Mul promote the two arrays; Der
// multiplies by int64 powers (float32 becomes float64, integers stay
// integers); Int divides by them (float64 or complex128); Div computes in
// the inexact dtype the two promote to; FromRoots gives float64 for
// integer roots and float32, complex64... for those dtypes, real where the
// roots come in conjugate pairs; Roots gives the real dtype where every root
// is real, else the complex one; Fit gives float64 (complex128 for complex
// data), as NumPy's float64 Vandermonde matrix does for float32 x.
//
// Fit solves its least-squares problem with linalg.Lstsq and Roots and
// FromRoots (of a matrix) find eigenvalues with linalg.Eigvals, on the
// backend's solver (gonum on the CPU, cuSOLVER or hipSOLVER on a GPU);
// where the backend has no general eigensolver (hipSOLVER, cuSOLVER before
// 11.7), the eigenvalues of the companion matrix, as small as the
// polynomial, are found on the CPU and copied back. The rest is array arithmetic on the device; Div,
// Roots, FromRoots and Fit read a few values back (the remainder's leading
// terms, the positions of the nonzero coefficients, whether the roots are
// real, whether the data are finite) to shape their results as NumPy does.
//
// A 0-d array is a polynomial of one coefficient (or one root), as NumPy's
// atleast_1d makes it; np.poly and np.roots, whose dispatch refuses 0-d
// arrays, raise there instead.
//
// Errors are sticky, as in package array, and bad input is an error where
// NumPy raises, never a panic. Where NumPy warns instead:
//   - polyfit's RankWarning (the Vandermonde matrix has rank < deg+1):
//     Fit returns the coefficients, as NumPy does; FitFull's rank tells.
//   - data holding NaN or infinity, for which NumPy's polyfit raises
//     LinAlgError ("SVD did not converge in Linear Least Squares") or
//     returns NaN depending on its LAPACK: Fit is an error matching
//     linalg.ErrLinAlg, and so is an all-zero column of the Vandermonde
//     matrix (x all zero, or all weights zero), where NumPy divides by 0.
//   - Div by a polynomial whose leading coefficient is 0 gives infinities
//     and NaN, as NumPy does.
package poly

import (
	"fmt"

	"github.com/cugo/cugo/array"
)

// errorf is an error of the function op of this package.
func errorf(op, format string, args ...any) error {
	return fmt.Errorf("poly."+op+": "+format, args...)
}

// vector is a as NumPy's atleast_1d makes it, which must then be 1-d.
func vector(op, name string, a *array.Array) (*array.Array, error) {
	if err := a.Err(); err != nil {
		return nil, err
	}
	switch a.NDim() {
	case 0:
		return a.Reshape(1), nil
	case 1:
		return a, nil
	}
	return nil, errorf(op, "%s must be a 1-d array of coefficients, not %d-d", name, a.NDim())
}

// Add returns the sum of two polynomials (np.polyadd): the shorter is
// padded with leading zeros, and the dtypes promote as in array.Add.
func Add(a1, a2 *array.Array) *array.Array { return combine("Add", array.Add, a1, a2) }

// Sub returns the difference a1 - a2 of two polynomials (np.polysub).
func Sub(a1, a2 *array.Array) *array.Array { return combine("Sub", array.Sub, a1, a2) }

func combine(op string, f func(x, y any, out ...*array.Array) *array.Array, a1, a2 *array.Array) *array.Array {
	a1, err := vector(op, "a1", a1)
	if err != nil {
		return array.Failed(err)
	}
	a2, err = vector(op, "a2", a2)
	if err != nil {
		return array.Failed(err)
	}
	n1, n2 := a1.Size(), a2.Size()
	// Leading zeros of each operand's own dtype, as NumPy's.
	a1 = array.Pad(a1, [][2]int{{max(n2-n1, 0), 0}}, 0)
	a2 = array.Pad(a2, [][2]int{{max(n1-n2, 0), 0}}, 0)
	return f(a1, a2)
}

// Mul returns the product of two polynomials (np.polymul): their
// convolution once leading zeros are dropped (a polynomial of zeros is
// [0]), in the dtype the two promote to.
func Mul(a1, a2 *array.Array) *array.Array {
	const op = "Mul"
	a1, err := trimmed(op, "a1", a1)
	if err != nil {
		return array.Failed(err)
	}
	a2, err = trimmed(op, "a2", a2)
	if err != nil {
		return array.Failed(err)
	}
	return array.Convolve(a1, a2, array.ConvFull)
}

// trimmed is a as np.poly1d keeps its coefficients: 1-d, without leading
// zeros, [0] if nothing is left.
func trimmed(op, name string, a *array.Array) (*array.Array, error) {
	a, err := vector(op, name, a)
	if err != nil {
		return nil, err
	}
	a = array.TrimZeros(a, "f")
	if err := a.Err(); err != nil {
		return nil, err
	}
	if a.Size() == 0 {
		return array.On(a.Backend()).Zeros(a.DType(), 1), nil
	}
	return a, nil
}

// Der returns the m-th derivative of p (np.polyder): each step multiplies
// by the int64 powers, so integers stay integers and float32 becomes
// float64, as in NumPy. Differentiating a constant leaves no coefficients
// (an empty array), as NumPy's does; m = 0 returns p.
func Der(p *array.Array, m int) *array.Array {
	const op = "Der"
	if m < 0 {
		return array.Failed(errorf(op, "order of derivative must be positive (see Int), not %d", m))
	}
	p, err := onlyVector(op, p)
	if err != nil {
		return array.Failed(err)
	}
	// After len(p) steps nothing is left to differentiate (the first step
	// sets the dtype).
	for range min(m, max(p.Size(), 1)) {
		n := p.Size() - 1
		p = p.Index(array.S(0, max(n, 0))).Mul(powers(p, n))
	}
	return p
}

// onlyVector checks that p is 1-d, as NumPy's len(p) needs (no atleast_1d).
func onlyVector(op string, p *array.Array) (*array.Array, error) {
	if err := p.Err(); err != nil {
		return nil, err
	}
	if p.NDim() != 1 {
		return nil, errorf(op, "p must be a 1-d array of coefficients, not %d-d", p.NDim())
	}
	return p, nil
}

// powers is n, n-1, ..., 1 as int64 on p's device (empty for n <= 0).
func powers(p *array.Array, n int) *array.Array {
	return array.On(p.Backend()).Arange(float64(max(n, 0)), 0, -1, array.Int64)
}

// maxIntegrations bounds Int's m: each integration is a step over all the
// coefficients (NumPy recurses once per step and stops near 1000).
const maxIntegrations = 1 << 16

// Int returns the m-th antiderivative of p (np.polyint): each step
// divides by the powers and appends the next integration constant of k,
// the lowest-order term last. k is nil (constants 0), one value (a 0-d
// or length-1 array, used for every step), or m or more values; its
// dtype promotes with the result's (float64, or complex128 for complex p
// or k). m = 0 returns p; m is at most 65536.
func Int(p *array.Array, m int, k *array.Array) *array.Array {
	const op = "Int"
	if m < 0 {
		return array.Failed(errorf(op, "order of integral must be positive (see Der), not %d", m))
	}
	if m > maxIntegrations {
		return array.Failed(errorf(op, "order of integral %d is above %d", m, maxIntegrations))
	}
	if err := p.Err(); err != nil {
		return array.Failed(errorf(op, "%w", err))
	}
	if m == 0 {
		return p
	}
	p, err := onlyVector(op, p)
	if err != nil {
		return array.Failed(err)
	}
	d := array.On(p.Backend())
	if k == nil {
		k = d.Zeros(array.Float64, m)
	}
	if k, err = vector(op, "k", k); err != nil {
		return array.Failed(err)
	}
	if k.Size() == 1 && m > 1 {
		k = k.Mul(d.Ones(array.Float64, m))
	}
	if k.Size() < m {
		return array.Failed(errorf(op, "k must be a scalar or a rank-1 array of length 1 or >m, not of length %d for m = %d", k.Size(), m))
	}
	for i := range m {
		p = array.Concatenate([]*array.Array{p.Div(powers(p, p.Size())), k.Index(array.S(i, i+1))}, 0)
	}
	return p
}
