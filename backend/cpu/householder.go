package cpu

import (
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

var _ backend.HouseholderQR = (*Backend)(nil)

// Geqrf writes each matrix's geqrf output, transposed, and its scalars:
// gonum's Dgeqrf for real matrices, zgeqrf for complex ones.
func (b *Backend) Geqrf(dt dtype.DType, batch, m, n int, a, h, tau backend.Buffer) error {
	if isComplex(dt) {
		return geqrfEach(b, dt, batch, m, n, a, h, tau, func(x, t []complex128, _ *scratch) { zgeqrf(m, n, x, t) })
	}
	return geqrfEach(b, dt, batch, m, n, a, h, tau, func(x, t []float64, w *scratch) {
		if len(t) > 0 {
			work := w.work(func(work []float64, lwork int) { lapack64.Dgeqrf(m, n, x, n, t, work, lwork) })
			lapack64.Dgeqrf(m, n, x, n, t, work, len(work))
		}
	})
}

// geqrfEach runs factor (geqrf of a row-major m×n matrix into it and the
// scalars) on each matrix of a and writes its transpose into h and its
// scalars into tau.
func geqrfEach[W float64 | complex128](b *Backend, dt dtype.DType, batch, m, n int, a, h, tau backend.Buffer, factor func(x, tau []W, w *scratch)) error {
	k := min(m, n)
	ma, err := matricesOf[W]("QR", dt, a, batch, m*n)
	if err != nil {
		return err
	}
	mh, err := matricesOf[W]("QR", dt, h, batch, n*m)
	if err != nil {
		return err
	}
	mt, err := matricesOf[W]("QR", dt, tau, batch, k)
	if err != nil {
		return err
	}
	return b.eachMatrix("QR", batch, func(i int, w *scratch) error {
		s := slots[W](w)
		x := ma.load(i, s[0])
		t, ht := reuse(s[1], k), reuse(s[2], n*m)
		factor(x, t, w)
		for r := range m {
			for c := range n {
				ht[c*m+r] = x[r*n+c]
			}
		}
		mh.store(i, ht)
		mt.store(i, t)
		return nil
	})
}

// slots are three of w's work slices of elements W.
func slots[W float64 | complex128](w *scratch) [3]*[]W {
	if s, ok := any([3]*[]float64{&w.a, &w.b, &w.c}).([3]*[]W); ok {
		return s
	}
	return any([3]*[]complex128{&w.za, &w.zb, &w.zc}).([3]*[]W)
}
