package poly

import (
	"cmp"
	"errors"
	"slices"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/linalg"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
)

// eigvals is linalg.Eigvals of the square matrix a, computed on the CPU
// and copied back where a's backend has no general eigensolver
// (hipSOLVER; cuSOLVER before 11.7): the matrices of Roots and FromRoots
// are as small as the polynomials are long.
func eigvals(a *array.Array) *array.Array {
	w := linalg.Eigvals(a)
	if !errors.Is(w.Err(), backend.ErrUnsupported) {
		return w
	}
	return linalg.Eigvals(a.To(cpu.Shared())).To(a.Backend())
}

// FromRoots returns the monic polynomial whose roots are r (np.poly): r is
// a 1-d array of roots, or a non-empty square matrix, whose eigenvalues
// are then the roots (its characteristic polynomial). Roots of float32,
// complex64, float64 or complex128 keep their dtype; others compute in
// float64. A complex result whose roots come in conjugate pairs (exactly:
// the roots equal their conjugates as a multiset) is returned real, as
// NumPy does; so is a matrix's characteristic polynomial. No roots give the
// 0-d float64 1, as NumPy's returns the number 1.0.
func FromRoots(r *array.Array) *array.Array {
	const op = "FromRoots"
	if err := r.Err(); err != nil {
		return array.Failed(errorf(op, "%w", err))
	}
	if r.NDim() == 0 {
		r = r.Reshape(1)
	}
	var z *array.Array
	switch s := r.Shape(); {
	case len(s) == 2 && s[0] == s[1] && s[0] != 0:
		z = eigvals(r)
	case len(s) == 1:
		z = r.AsType(rootType(r.DType()))
	default:
		return array.Failed(errorf(op, "input must be 1d or non-empty square 2d array, not of shape %v", s))
	}
	if err := z.Err(); err != nil {
		return array.Failed(errorf(op, "%w", err))
	}
	d := array.On(r.Backend())
	if z.Size() == 0 {
		return d.Full(array.Float64, 1)
	}
	// a(x)·(x - z) for each root z: shift a up a power, subtract z·a
	// (padded after the product, so that an infinite or NaN root leaves
	// the leading coefficient alone, as np.convolve does).
	a := d.Ones(z.DType(), 1)
	for i := range z.Size() {
		a = array.Pad(a, [][2]int{{0, 1}}, 0).Sub(array.Pad(z.Index(array.I(i)).Mul(a), [][2]int{{1, 0}}, 0))
	}
	if z.DType().Kind() != dtype.ComplexKind {
		return a
	}
	zs, err := array.ToSlice[complex128](z.AsType(array.Complex128))
	if err != nil {
		return array.Failed(err)
	}
	if conjugateClosed(zs) {
		return array.Real(a).Copy()
	}
	return a
}

// rootType is the dtype np.poly computes 1-d roots of dt in: NumPy's
// mintypecode over float32, float64, complex64, complex128, else float64.
func rootType(dt dtype.DType) dtype.DType {
	switch dt {
	case dtype.Float32, dtype.Complex64, dtype.Complex128:
		return dt
	}
	return dtype.Float64
}

// conjugateClosed reports whether z and its conjugates are the same
// multiset (NaN equals nothing, as in NumPy's comparison of sorted arrays).
func conjugateClosed(z []complex128) bool {
	conj := make([]complex128, len(z))
	for i, v := range z {
		conj[i] = complex(real(v), -imag(v))
	}
	order := func(a, b complex128) int {
		return cmp.Or(cmp.Compare(real(a), real(b)), cmp.Compare(imag(a), imag(b)))
	}
	z = slices.Clone(z)
	slices.SortFunc(z, order)
	slices.SortFunc(conj, order)
	for i := range z {
		if z[i] != conj[i] {
			return false
		}
	}
	return true
}

// Roots returns the roots of the polynomial with coefficients p (np.roots),
// in no particular order: the eigenvalues of its companion matrix, after
// leading zeros are dropped and trailing ones become roots at 0 (appended
// last). Integer and bool coefficients compute in float64; float16 is
// refused, as NumPy's linalg refuses it. The roots are real (float32 or
// float64) where p is real and every eigenvalue's imaginary part is
// exactly 0, else complex; a polynomial of zeros, or a constant, has no
// roots but those at 0, in float64.
func Roots(p *array.Array) *array.Array {
	const op = "Roots"
	p, err := vector(op, "p", p)
	if err != nil {
		return array.Failed(err)
	}
	d := array.On(p.Backend())
	nz, err := array.ToSlice[int64](array.Flatnonzero(p))
	if err != nil {
		return array.Failed(err)
	}
	if len(nz) == 0 {
		return d.Empty(array.Float64, 0)
	}
	first, last := int(nz[0]), int(nz[len(nz)-1])
	trailing := p.Size() - 1 - last
	p = p.Index(array.S(first, last+1))
	if k := p.DType().Kind(); k != dtype.FloatKind && k != dtype.ComplexKind {
		p = p.AsType(array.Float64)
	}
	roots := d.Empty(array.Float64, 0)
	if n := p.Size(); n > 1 {
		top := p.Index(array.S(1, n)).Neg().Div(p.Index(array.I(0))).Reshape(1, n-1)
		companion := array.Concatenate([]*array.Array{top, d.Eye(n-2, n-1, 0, p.DType())}, 0)
		if roots = eigvals(companion); roots.Err() != nil {
			return array.Failed(errorf(op, "%w", roots.Err()))
		}
		if p.DType().Kind() != dtype.ComplexKind {
			allReal, err := array.Item[bool](array.AllTrue(array.Equal(array.Imag(roots), 0)))
			if err != nil {
				return array.Failed(err)
			}
			if allReal {
				roots = array.Real(roots).Copy()
			}
		}
	}
	return array.Concatenate([]*array.Array{roots, d.Zeros(roots.DType(), trailing)}, 0)
}
