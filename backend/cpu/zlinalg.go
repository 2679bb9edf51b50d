package cpu

import (
	"math"
	"math/cmplx"
	"slices"

	"gonum.org/v1/gonum/lapack"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Complex matrices. gonum's LAPACK is real, so LU, Cholesky and QR are
// the textbook algorithms in complex128 (partial pivoting; Householder
// reflectors with LAPACK's sign convention, so that Q and R are LAPACK's),
// and the Hermitian eigenproblem and the SVD go through gonum on the real
// matrix [[Re, -Im], [Im, Re]] of twice the size, whose eigenvalues and
// singular values are the complex matrix's, each twice, and whose vectors
// (x, y) are the complex vectors x + iy.

// zgetrf factors the n×n row-major a in place (P·A = L·U, unit L) and
// reports whether every pivot is non-zero.
func zgetrf(n int, a []complex128, ipiv []int) bool {
	ok := true
	for k := range n {
		p := k
		for i := k + 1; i < n; i++ {
			if abs1(a[i*n+k]) > abs1(a[p*n+k]) {
				p = i
			}
		}
		ipiv[k] = p
		if a[p*n+k] == 0 {
			ok = false
			continue
		}
		if p != k {
			swapRows(a, n, k, p)
		}
		inv := 1 / a[k*n+k]
		for i := k + 1; i < n; i++ {
			l := a[i*n+k] * inv
			a[i*n+k] = l
			if l != 0 {
				for j := k + 1; j < n; j++ {
					a[i*n+j] -= l * a[k*n+j]
				}
			}
		}
	}
	return ok
}

// abs1 is |re| + |im|, LAPACK's pivot size for complex matrices.
func abs1(z complex128) float64 { return math.Abs(real(z)) + math.Abs(imag(z)) }

func swapRows[T any](a []T, cols, i, j int) {
	ri, rj := a[i*cols:(i+1)*cols], a[j*cols:(j+1)*cols]
	for c := range ri {
		ri[c], rj[c] = rj[c], ri[c]
	}
}

// zgetrs overwrites the n×nrhs row-major b with A⁻¹B from zgetrf's factors.
func zgetrs(n, nrhs int, lu []complex128, ipiv []int, b []complex128) {
	for k, p := range ipiv {
		if p != k {
			swapRows(b, nrhs, k, p)
		}
	}
	for i := range n { // L y = b
		for k := range i {
			if l := lu[i*n+k]; l != 0 {
				for c := range nrhs {
					b[i*nrhs+c] -= l * b[k*nrhs+c]
				}
			}
		}
	}
	for i := n - 1; i >= 0; i-- { // U x = y
		for k := i + 1; k < n; k++ {
			if u := lu[i*n+k]; u != 0 {
				for c := range nrhs {
					b[i*nrhs+c] -= u * b[k*nrhs+c]
				}
			}
		}
		inv := 1 / lu[i*n+i]
		for c := range nrhs {
			b[i*nrhs+c] *= inv
		}
	}
}

// zpotrf overwrites the lower triangle of the Hermitian n×n a with L of
// A = L·Lᴴ (leaving the upper one) and reports whether A is positive
// definite.
func zpotrf(n int, a []complex128) bool {
	for j := range n {
		d := real(a[j*n+j])
		for k := range j {
			l := a[j*n+k]
			d -= real(l)*real(l) + imag(l)*imag(l)
		}
		if d <= 0 || math.IsNaN(d) {
			return false
		}
		d = math.Sqrt(d)
		a[j*n+j] = complex(d, 0)
		for i := j + 1; i < n; i++ {
			s := a[i*n+j]
			for k := range j {
				s -= a[i*n+k] * cmplx.Conj(a[j*n+k])
			}
			a[i*n+j] = s / complex(d, 0)
		}
	}
	return true
}

// zgeqrf overwrites the m×n row-major a with R (on and above the diagonal)
// and the Householder vectors of A = Q·R below it, their scalars in tau,
// as LAPACK's zgeqrf: H = I - tau·v·vᴴ with v[0] = 1, R's diagonal real.
func zgeqrf(m, n int, a, tau []complex128) {
	for k := range min(m, n) {
		beta, t, div := reflector(a[k*n+k], columnNorm(a, n, k, k+1, m))
		if tau[k] = t; t == 0 {
			continue
		}
		for i := k + 1; i < m; i++ {
			a[i*n+k] /= div
		}
		a[k*n+k] = complex(beta, 0)
		// Hᴴ applied to the columns right of k: A -= conj(tau)·v·(vᴴA).
		for j := k + 1; j < n; j++ {
			w := a[k*n+j]
			for i := k + 1; i < m; i++ {
				w += cmplx.Conj(a[i*n+k]) * a[i*n+j]
			}
			w *= cmplx.Conj(tau[k])
			a[k*n+j] -= w
			for i := k + 1; i < m; i++ {
				a[i*n+j] -= a[i*n+k] * w
			}
		}
	}
}

// reflector is LAPACK zlarfg's elementary reflector H = I - tau·v·vᴴ for
// the vector (alpha, x) with ‖x‖ = xnorm: v = (1, x/div) and
// Hᴴ·(alpha, x) = (beta, 0), beta real. Where x is zero and alpha real, H
// is the identity: tau is 0 (and beta and div mean nothing). |div| ≥
// |beta| ≥ ‖x‖, so dividing by it never overflows, and no square is
// formed, so tiny vectors do not underflow to zero.
func reflector(alpha complex128, xnorm float64) (beta float64, tau, div complex128) {
	if xnorm == 0 && imag(alpha) == 0 {
		return real(alpha), 0, 1
	}
	beta = -math.Copysign(math.Hypot(cmplx.Abs(alpha), xnorm), real(alpha))
	return beta, complex((beta-real(alpha))/beta, -imag(alpha)/beta), alpha - complex(beta, 0)
}

// columnNorm is the 2-norm of rows from..to-1 of column col of the
// row-major a with n columns, without underflow or overflow.
func columnNorm(a []complex128, n, col, from, to int) float64 {
	var s float64
	for i := from; i < to; i++ {
		s = math.Hypot(s, cmplx.Abs(a[i*n+col]))
	}
	return s
}

// zungqr writes into the m×cols row-major q the first cols columns of
// Q = H(0)·H(1)···H(k-1) from zgeqrf's m×n a and tau.
func zungqr(m, n, cols int, a, tau, q []complex128) {
	clear(q)
	for i := range min(m, cols) {
		q[i*cols+i] = 1
	}
	for k := len(tau) - 1; k >= 0; k-- {
		for j := range cols { // Q -= tau·v·(vᴴQ), v = (1, a[k+1:, k])
			w := q[k*cols+j]
			for i := k + 1; i < m; i++ {
				w += cmplx.Conj(a[i*n+k]) * q[i*cols+j]
			}
			w *= tau[k]
			q[k*cols+j] -= w
			for i := k + 1; i < m; i++ {
				q[i*cols+j] -= a[i*n+k] * w
			}
		}
	}
}

// realForm writes the 2r×2c real matrix [[Re A, -Im A], [Im A, Re A]] of
// the r×c complex a into x.
func realForm(r, c int, a []complex128, x []float64) {
	w := 2 * c
	for i := range r {
		for j := range c {
			re, im := real(a[i*c+j]), imag(a[i*c+j])
			x[i*w+j], x[i*w+c+j] = re, -im
			x[(i+r)*w+j], x[(i+r)*w+c+j] = im, re
		}
	}
}

// complexColumns writes want orthonormal complex vectors x + iy, made of
// the columns cand of the 2r×cols real matrix z (row-major), as columns
// before..before+want of the r×dcols complex out, orthogonal to its
// columns from..before. Each pick is the candidate that keeps the most
// norm once the columns already written are projected out (Gram-Schmidt
// with pivoting), so that the two real vectors (x, y) and (-y, x) of one
// complex vector never give two columns.
func complexColumns(r, cols int, z []float64, cand []int, out []complex128, dcols, from, before, want int) {
	vecs := make([][]complex128, len(cand))
	for k, j := range cand {
		v := make([]complex128, r)
		for i := range r {
			v[i] = complex(z[i*cols+j], z[(i+r)*cols+j])
		}
		vecs[k] = v
	}
	project := func(d int) { // remove column d of out from every candidate
		for _, v := range vecs {
			if v == nil {
				continue
			}
			var dot complex128
			for i := range r {
				dot += cmplx.Conj(out[i*dcols+d]) * v[i]
			}
			for i := range r {
				v[i] -= dot * out[i*dcols+d]
			}
		}
	}
	for d := from; d < before; d++ {
		project(d)
	}
	for d := before; d < before+want; d++ {
		best, bestNorm := -1, -1.0
		for k, v := range vecs {
			if v != nil {
				if nv := norm(v); nv > bestNorm {
					best, bestNorm = k, nv
				}
			}
		}
		v := vecs[best]
		vecs[best] = nil
		for i := range r {
			out[i*dcols+d] = v[i] / complex(bestNorm, 0)
		}
		project(d)
	}
}

func norm(v []complex128) float64 {
	var s float64
	for _, z := range v {
		s += real(z)*real(z) + imag(z)*imag(z)
	}
	return math.Sqrt(s)
}

// clusters splits the indices [0, len(vals)) of sorted values into runs of
// values within tol of their neighbours.
func clusters(vals []float64, tol float64) [][2]int {
	var runs [][2]int
	start := 0
	for i := 1; i <= len(vals); i++ {
		if i == len(vals) || math.Abs(vals[i]-vals[i-1]) > tol {
			runs = append(runs, [2]int{start, i})
			start = i
		}
	}
	return runs
}

// spread is the clustering tolerance of values whose largest magnitude is
// big: eigenvalues and singular values of the real form agree in pairs to
// rounding.
func spread(vals []float64) float64 {
	big := 0.0
	for _, v := range vals {
		big = max(big, math.Abs(v))
	}
	return 1e-10 * max(big, math.SmallestNonzeroFloat64)
}

// zheev computes the eigenvalues (ascending) of the n×n Hermitian a, read
// from its lower or upper triangle, and with vectors overwrites a with the
// eigenvectors as columns. It reports convergence.
func zheev(n int, a []complex128, w []float64, lower, vectors bool, sc *scratch) bool {
	for i := range n { // the full Hermitian matrix from the triangle
		a[i*n+i] = complex(real(a[i*n+i]), 0)
		for j := range i {
			if lower {
				a[j*n+i] = cmplx.Conj(a[i*n+j])
			} else {
				a[i*n+j] = cmplx.Conj(a[j*n+i])
			}
		}
	}
	m := 2 * n
	x := reuse(&sc.a, m*m)
	realForm(n, n, a, x)
	ev := reuse(&sc.b, m)
	job := lapack.EVNone
	if vectors {
		job = lapack.EVCompute
	}
	work := sc.work(func(work []float64, lwork int) { lapack64.Dsyev(job, 'L', m, x, m, ev, work, lwork) })
	if !lapack64.Dsyev(job, 'L', m, x, m, ev, work, len(work)) {
		return false
	}
	for k := range n {
		w[k] = (ev[2*k] + ev[2*k+1]) / 2
	}
	if !vectors {
		return true
	}
	col := 0
	for _, c := range clusters(ev, spread(ev)) {
		cand := make([]int, 0, c[1]-c[0])
		for j := c[0]; j < c[1]; j++ {
			cand = append(cand, j)
		}
		want := (c[1] - c[0]) / 2
		complexColumns(n, m, x, cand, a, n, col, col, want)
		col += want
	}
	return true
}

// zgesvd computes the singular values (descending) of the m×n complex a and,
// with uCols > 0, the vectors: u m×uCols and vh vRows×n.
func zgesvd(m, n int, a []complex128, s []float64, u []complex128, uCols int, vh []complex128, vRows int, sc *scratch) bool {
	k := min(m, n)
	rm, rn := 2*m, 2*n
	x := reuse(&sc.a, rm*rn)
	realForm(m, n, a, x)
	sv := reuse(&sc.tau, 2*k)
	vectors := uCols > 0 || vRows > 0
	job, ru, rv := lapack.SVDNone, 0, 0
	if vectors {
		job, ru, rv = lapack.SVDAll, rm, rn
	}
	uu, vt := reuse(&sc.b, rm*ru), reuse(&sc.c, rv*rn)
	svd := func(work []float64, lwork int) bool {
		return lapack64.Dgesvd(job, job, rm, rn, x, rn, sv, uu, max(1, ru), vt, max(1, rn), work, lwork)
	}
	if k > 0 {
		work := sc.work(func(work []float64, lwork int) { svd(work, lwork) })
		if !svd(work, len(work)) {
			return false
		}
	}
	for i := range k {
		s[i] = (sv[2*i] + sv[2*i+1]) / 2
	}
	if !vectors {
		return true
	}
	if k == 0 { // the vectors of an empty matrix: an identity
		setIdentity(u, uCols)
		setIdentity(vh, vRows)
		return true
	}
	// V's columns are vt's rows: transpose vt into a 2n×2n column layout.
	v := make([]float64, rn*rn)
	for i := range rn {
		for j := range rn {
			v[j*rn+i] = vt[i*rn+j]
		}
	}
	vc := make([]complex128, n*n) // V as columns, then vh = Vᴴ's rows
	uc := make([]complex128, m*m)
	tol := spread(sv)
	col := 0
	for _, c := range clusters(sv, tol) {
		want := (c[1] - c[0]) / 2
		if sv[c[0]] <= tol { // the null spaces: filled below
			break
		}
		cand := make([]int, 0, c[1]-c[0])
		for j := c[0]; j < c[1]; j++ {
			cand = append(cand, j)
		}
		complexColumns(n, rn, v, cand, vc, n, col, col, want)
		// u = A·v/σ for the vectors picked (σ is one value in the cluster)
		for d := col; d < col+want; d++ {
			sigma := complex(s[d], 0)
			for i := range m {
				var acc complex128
				for j := range n {
					acc += a[i*n+j] * vc[j*n+d]
				}
				uc[i*m+d] = acc / sigma
			}
		}
		col += want
	}
	fillNull(n, rn, v, vc, col)
	fillNull(m, rm, uu, uc, col)
	for i := range m {
		copy(u[i*uCols:(i+1)*uCols], uc[i*m:i*m+uCols])
	}
	for i := range vRows {
		for j := range n {
			vh[i*n+j] = cmplx.Conj(vc[j*n+i])
		}
	}
	return true
}

// fillNull completes the first done columns of the r×r unitary out with
// complex vectors from the columns of the 2r×cols real z.
func fillNull(r, cols int, z []float64, out []complex128, done int) {
	cand := make([]int, cols)
	for j := range cand {
		cand[j] = j
	}
	complexColumns(r, cols, z, cand, out, r, 0, done, r-done)
}

func isComplex(dt dtype.DType) bool { return dt.Kind() == dtype.ComplexKind }

func (b *Backend) zLU(dt dtype.DType, batch, n int, a backend.Buffer, p []int32) error {
	ma, err := matricesOf[complex128]("LU", dt, a, batch, n*n)
	if err != nil {
		return err
	}
	return b.eachMatrix("LU", batch, func(i int, w *scratch) error {
		x := ma.load(i, &w.za)
		ipiv := reuse(&w.ipiv, n)
		zgetrf(n, x, ipiv)
		for j, r := range ipiv {
			p[i*n+j] = int32(r + 1)
		}
		ma.store(i, x)
		return nil
	})
}

func (b *Backend) zSolve(dt dtype.DType, batch, n, nrhs int, a, rhs backend.Buffer) error {
	ma, err := matricesOf[complex128]("Solve", dt, a, batch, n*n)
	if err != nil {
		return err
	}
	mb, err := matricesOf[complex128]("Solve", dt, rhs, batch, n*nrhs)
	if err != nil {
		return err
	}
	return b.eachMatrix("Solve", batch, func(i int, w *scratch) error {
		x, y := ma.load(i, &w.za), mb.load(i, &w.zb)
		ipiv := reuse(&w.ipiv, n)
		if !zgetrf(n, x, ipiv) {
			return backend.ErrSingular
		}
		zgetrs(n, nrhs, x, ipiv, y)
		mb.store(i, y)
		return nil
	})
}

func (b *Backend) zCholesky(dt dtype.DType, batch, n int, a backend.Buffer) error {
	ma, err := matricesOf[complex128]("Cholesky", dt, a, batch, n*n)
	if err != nil {
		return err
	}
	return b.eachMatrix("Cholesky", batch, func(i int, w *scratch) error {
		x := ma.load(i, &w.za)
		if !zpotrf(n, x) {
			return backend.ErrNotPositiveDefinite
		}
		ma.store(i, x)
		return nil
	})
}

func (b *Backend) zQR(dt dtype.DType, batch, m, n int, a, q, r backend.Buffer, qCols, rRows int) error {
	k := min(m, n)
	ma, err := matricesOf[complex128]("QR", dt, a, batch, m*n)
	if err != nil {
		return err
	}
	mr, err := matricesOf[complex128]("QR", dt, r, batch, rRows*n)
	if err != nil {
		return err
	}
	var mq matrices[complex128]
	if q != nil {
		if mq, err = matricesOf[complex128]("QR", dt, q, batch, m*qCols); err != nil {
			return err
		}
	}
	return b.eachMatrix("QR", batch, func(i int, w *scratch) error {
		x := ma.load(i, &w.za)
		tau := reuse(&w.ztau, k)
		zgeqrf(m, n, x, tau)
		rr := reuse(&w.zb, rRows*n)
		clear(rr)
		for row := range min(rRows, k) {
			copy(rr[row*n+row:(row+1)*n], x[row*n+row:(row+1)*n])
		}
		mr.store(i, rr)
		if q != nil {
			qq := reuse(&w.zc, m*qCols)
			zungqr(m, n, qCols, x, tau, qq)
			mq.store(i, qq)
		}
		return nil
	})
}

func (b *Backend) zSVD(dt dtype.DType, batch, m, n int, a, s, u, vh backend.Buffer, uCols, vRows int) error {
	k := min(m, n)
	ma, err := matricesOf[complex128]("SVD", dt, a, batch, m*n)
	if err != nil {
		return err
	}
	ms, err := matricesOf[float64]("SVD", backend.RealDType(dt), s, batch, k)
	if err != nil {
		return err
	}
	var mu, mv matrices[complex128]
	if u != nil {
		if mu, err = matricesOf[complex128]("SVD", dt, u, batch, m*uCols); err != nil {
			return err
		}
		if mv, err = matricesOf[complex128]("SVD", dt, vh, batch, vRows*n); err != nil {
			return err
		}
	}
	return b.eachMatrix("SVD", batch, func(i int, w *scratch) error {
		x := ma.load(i, &w.za)
		sv, uu, vv := reuse(&w.sv, k), reuse(&w.zb, m*uCols), reuse(&w.zc, vRows*n)
		switch {
		case slices.ContainsFunc(x, cmplx.IsNaN):
			return backend.ErrNoConvergence
		case slices.ContainsFunc(x, cmplx.IsInf): // LAPACK's answer: NaN everywhere
			fillNaN(sv)
			nan := cmplx.NaN()
			for _, z := range [][]complex128{uu, vv} {
				for j := range z {
					z[j] = nan
				}
			}
		case !zgesvd(m, n, x, sv, uu, uCols, vv, vRows, w):
			return backend.ErrNoConvergence
		}
		ms.store(i, sv)
		if u != nil {
			mu.store(i, uu)
			mv.store(i, vv)
		}
		return nil
	})
}

func (b *Backend) zEigh(dt dtype.DType, batch, n int, a, w backend.Buffer, lower, vectors bool) error {
	ma, err := matricesOf[complex128]("Eigh", dt, a, batch, n*n)
	if err != nil {
		return err
	}
	mw, err := matricesOf[float64]("Eigh", backend.RealDType(dt), w, batch, n)
	if err != nil {
		return err
	}
	return b.eachMatrix("Eigh", batch, func(i int, sc *scratch) error {
		if n == 0 {
			return nil
		}
		x := ma.load(i, &sc.za)
		ev := reuse(&sc.sv, n)
		if slices.ContainsFunc(x, func(z complex128) bool { return cmplx.IsNaN(z) || cmplx.IsInf(z) }) {
			fillNaN(ev) // LAPACK's answer: NaN everywhere
			nan := cmplx.NaN()
			for j := range x {
				x[j] = nan
			}
		} else if !zheev(n, x, ev, lower, vectors, sc) {
			return backend.ErrNoConvergence
		}
		mw.store(i, ev)
		if vectors {
			ma.store(i, x)
		}
		return nil
	})
}
