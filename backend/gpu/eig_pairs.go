package gpu

import (
	"encoding/binary"
	"math"
	"math/cmplx"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// The eigenvalues of a real matrix are real or come in conjugate pairs,
// and LAPACK's real geev (what NumPy calls) returns them so: a pair is
// adjacent, exact (w[j+1] == conj(w[j]), v[:, j+1] == conj(v[:, j])),
// positive imaginary part first, and a real eigenvalue has a zero
// imaginary part. The complex geev we run instead gives each member of a
// pair on its own, with rounding (real parts that differ in the last
// bits, so that np.sort orders the pair differently from NumPy) and real
// eigenvalues with a tiny imaginary part. pairConjugates restores the
// real convention. It runs on the host: geev has just synchronised (its
// info is read back), and copying the n eigenvalues and n² vector
// elements is small beside geev's O(n³) work.

// pairRealEigen applies pairConjugates to the batch results of a real
// matrix's complex geev: w, and vr (column-major vectors) unless nil.
func (b *Backend) pairRealEigen(cdt dtype.DType, batch, n int, w, vr backend.Buffer) error {
	size := cdt.Size()
	wb := make([]byte, batch*n*size)
	if err := b.Read(wb, w, 0); err != nil {
		return err
	}
	var vb []byte
	if vr != nil {
		vb = make([]byte, batch*n*n*size)
		if err := b.Read(vb, vr, 0); err != nil {
			return err
		}
	}
	wc, vc := decodeComplex(wb, size), decodeComplex(vb, size)
	eps := math.Pow(2, -52)
	if cdt == dtype.Complex64 {
		eps = math.Pow(2, -23)
	}
	for i := range batch {
		var vi []complex128
		if vc != nil {
			vi = vc[i*n*n : (i+1)*n*n]
		}
		pairConjugates(wc[i*n:(i+1)*n], vi, eps)
	}
	encodeComplex(wb, wc, size)
	if err := b.Write(w, 0, wb); err != nil {
		return err
	}
	if vr == nil {
		return nil
	}
	encodeComplex(vb, vc, size)
	return b.Write(vr, 0, vb)
}

// pairConjugates rewrites the n eigenvalues w and, unless v is nil, the
// column-major n×n eigenvectors v of one real matrix, computed in complex
// arithmetic with epsilon eps, as real LAPACK gives them (see above). An
// eigenvalue whose imaginary part is within 16·n·eps of the largest
// magnitude is real and has it set to zero (its vector is left as
// computed: any multiple of it is as valid). Every other one is paired
// with the nearest non-real value of opposite sign within √eps of the
// largest magnitude of its conjugate (one with none is left alone); the pair takes the place of
// its first member, as the average (w[j] + conj(w[k]))/2 with a positive
// imaginary part, followed by its conjugate, and the vector of the member
// with the positive imaginary part, followed by its conjugate.
func pairConjugates(w, v []complex128, eps float64) {
	n := len(w)
	scale := 0.0
	for _, x := range w {
		scale = max(scale, cmplx.Abs(x))
	}
	tiny := 16 * float64(n) * eps * scale
	used := make([]bool, n)
	ow := make([]complex128, 0, n)
	var ov []complex128
	if v != nil {
		ov = make([]complex128, 0, n*n)
	}
	col := func(j int) []complex128 { return v[j*n : (j+1)*n] }
	for j, x := range w {
		if used[j] {
			continue
		}
		used[j] = true
		k := -1
		if math.Abs(imag(x)) > tiny {
			k = nearestConjugate(w, used, x, tiny, math.Sqrt(eps)*scale)
		}
		if k < 0 {
			if math.Abs(imag(x)) <= tiny {
				x = complex(real(x), 0)
			}
			ow = append(ow, x)
			if v != nil {
				ov = append(ov, col(j)...)
			}
			continue
		}
		used[k] = true
		up := j // the member with the positive imaginary part
		if imag(x) < 0 {
			up = k
		}
		m := (x + cmplx.Conj(w[k])) / 2
		m = complex(real(m), math.Abs(imag(m)))
		ow = append(ow, m, cmplx.Conj(m))
		if v != nil {
			ov = append(ov, col(up)...)
			for _, e := range col(up) {
				ov = append(ov, cmplx.Conj(e))
			}
		}
	}
	copy(w, ow)
	copy(v, ov)
}

// nearestConjugate returns the unused index k whose w[k] has an imaginary
// part beyond tiny of the sign opposite to x's and is nearest to conj(x),
// no farther than within; else -1.
func nearestConjugate(w []complex128, used []bool, x complex128, tiny, within float64) int {
	best, dist := -1, within
	for k, y := range w {
		if used[k] || math.Signbit(imag(y)) == math.Signbit(imag(x)) || math.Abs(imag(y)) <= tiny {
			continue
		}
		if d := cmplx.Abs(y - cmplx.Conj(x)); d <= dist {
			best, dist = k, d
		}
	}
	return best
}

// decodeComplex reads little-endian complex64 (size 8) or complex128
// (size 16) elements.
func decodeComplex(b []byte, size int) []complex128 {
	if b == nil {
		return nil
	}
	out := make([]complex128, len(b)/size)
	for i := range out {
		p := b[i*size:]
		if size == 8 {
			out[i] = complex(float64(math.Float32frombits(binary.LittleEndian.Uint32(p))), float64(math.Float32frombits(binary.LittleEndian.Uint32(p[4:]))))
		} else {
			out[i] = complex(math.Float64frombits(binary.LittleEndian.Uint64(p)), math.Float64frombits(binary.LittleEndian.Uint64(p[8:])))
		}
	}
	return out
}

// encodeComplex writes x into b as decodeComplex reads it.
func encodeComplex(b []byte, x []complex128, size int) {
	for i, c := range x {
		p := b[i*size:]
		if size == 8 {
			binary.LittleEndian.PutUint32(p, math.Float32bits(float32(real(c))))
			binary.LittleEndian.PutUint32(p[4:], math.Float32bits(float32(imag(c))))
		} else {
			binary.LittleEndian.PutUint64(p, math.Float64bits(real(c)))
			binary.LittleEndian.PutUint64(p[8:], math.Float64bits(imag(c)))
		}
	}
}
