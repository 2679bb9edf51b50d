package cpu

import (
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// The CPU's dense linear algebra is gonum's pure-Go LAPACK, which works on
// row-major float64 matrices as the array package stores them: float32
// matrices are widened for the call and rounded back. gonum has no complex
// routines: complex matrices go through zlinalg.go.

var lapack64 gonum.Implementation

var _ backend.Linalg = (*Backend)(nil)

// LU factors each matrix in place (P·A = L·U) and writes 1-based pivots.
func (b *Backend) LU(dt dtype.DType, batch, n int, a, piv backend.Buffer) error {
	p, err := int32sOf("LU", piv, batch*n)
	if err != nil {
		return err
	}
	if isComplex(dt) {
		return b.zLU(dt, batch, n, a, p)
	}
	ma, err := matricesOf[float64]("LU", dt, a, batch, n*n)
	if err != nil {
		return err
	}
	return b.eachMatrix("LU", batch, func(i int, w *scratch) error {
		x := ma.load(i, &w.a)
		ipiv := reuse(&w.ipiv, n)
		if n > 0 {
			lapack64.Dgetrf(n, n, x, n, ipiv)
		}
		for j, r := range ipiv {
			p[i*n+j] = int32(r + 1)
		}
		ma.store(i, x)
		return nil
	})
}

// Solve overwrites each B with A⁻¹B.
func (b *Backend) Solve(dt dtype.DType, batch, n, nrhs int, a, rhs backend.Buffer) error {
	if isComplex(dt) {
		return b.zSolve(dt, batch, n, nrhs, a, rhs)
	}
	ma, err := matricesOf[float64]("Solve", dt, a, batch, n*n)
	if err != nil {
		return err
	}
	mb, err := matricesOf[float64]("Solve", dt, rhs, batch, n*nrhs)
	if err != nil {
		return err
	}
	return b.eachMatrix("Solve", batch, func(i int, w *scratch) error {
		if n == 0 {
			return nil
		}
		x, y := ma.load(i, &w.a), mb.load(i, &w.b)
		ipiv := reuse(&w.ipiv, n)
		if !lapack64.Dgetrf(n, n, x, n, ipiv) {
			return backend.ErrSingular
		}
		if nrhs > 0 {
			lapack64.Dgetrs(blas.NoTrans, n, nrhs, x, n, ipiv, y, nrhs)
		}
		mb.store(i, y)
		return nil
	})
}

// Cholesky overwrites each matrix with its lower Cholesky factor.
func (b *Backend) Cholesky(dt dtype.DType, batch, n int, a backend.Buffer) error {
	if isComplex(dt) {
		return b.zCholesky(dt, batch, n, a)
	}
	ma, err := matricesOf[float64]("Cholesky", dt, a, batch, n*n)
	if err != nil {
		return err
	}
	return b.eachMatrix("Cholesky", batch, func(i int, w *scratch) error {
		if n == 0 {
			return nil
		}
		x := ma.load(i, &w.a)
		if !lapack64.Dpotrf(blas.Lower, n, x, n) {
			return backend.ErrNotPositiveDefinite
		}
		ma.store(i, x)
		return nil
	})
}

// QR writes Q (unless q is nil) and R of each matrix.
func (b *Backend) QR(dt dtype.DType, batch, m, n int, a, q, r backend.Buffer, complete bool) error {
	k := min(m, n)
	qCols, rRows := k, k
	if complete {
		qCols, rRows = m, m
	}
	if isComplex(dt) {
		return b.zQR(dt, batch, m, n, a, q, r, qCols, rRows)
	}
	ma, err := matricesOf[float64]("QR", dt, a, batch, m*n)
	if err != nil {
		return err
	}
	mr, err := matricesOf[float64]("QR", dt, r, batch, rRows*n)
	if err != nil {
		return err
	}
	var mq matrices[float64]
	if q != nil {
		if mq, err = matricesOf[float64]("QR", dt, q, batch, m*qCols); err != nil {
			return err
		}
	}
	return b.eachMatrix("QR", batch, func(i int, w *scratch) error {
		x := ma.load(i, &w.a)
		tau := reuse(&w.tau, k)
		if k > 0 {
			work := w.work(func(work []float64, lwork int) { lapack64.Dgeqrf(m, n, x, n, tau, work, lwork) })
			lapack64.Dgeqrf(m, n, x, n, tau, work, len(work))
		}
		rr := reuse(&w.b, rRows*n)
		clear(rr)
		for row := range min(rRows, k) {
			copy(rr[row*n+row:(row+1)*n], x[row*n+row:(row+1)*n])
		}
		mr.store(i, rr)
		if q == nil || m == 0 {
			return nil
		}
		qq := reuse(&w.c, m*qCols)
		clear(qq)
		for row := range m {
			copy(qq[row*qCols:row*qCols+min(n, qCols)], x[row*n:row*n+min(n, qCols)])
		}
		if qCols > 0 {
			work := w.work(func(work []float64, lwork int) { lapack64.Dorgqr(m, qCols, k, qq, qCols, tau, work, lwork) })
			lapack64.Dorgqr(m, qCols, k, qq, qCols, tau, work, len(work))
		}
		mq.store(i, qq)
		return nil
	})
}

// SVD writes the singular values and, unless u is nil, the vectors.
func (b *Backend) SVD(dt dtype.DType, batch, m, n int, a, s, u, vh backend.Buffer, full bool) error {
	k := min(m, n)
	uCols, vRows, job := k, k, lapack.SVDStore
	if full {
		uCols, vRows, job = m, n, lapack.SVDAll
	}
	if u == nil {
		uCols, vRows, job = 0, 0, lapack.SVDNone
	}
	if isComplex(dt) {
		return b.zSVD(dt, batch, m, n, a, s, u, vh, uCols, vRows)
	}
	ma, err := matricesOf[float64]("SVD", dt, a, batch, m*n)
	if err != nil {
		return err
	}
	ms, err := matricesOf[float64]("SVD", backend.RealDType(dt), s, batch, k)
	if err != nil {
		return err
	}
	var mu, mv matrices[float64]
	if u != nil {
		if mu, err = matricesOf[float64]("SVD", dt, u, batch, m*uCols); err != nil {
			return err
		}
		if mv, err = matricesOf[float64]("SVD", dt, vh, batch, vRows*n); err != nil {
			return err
		}
	}
	return b.eachMatrix("SVD", batch, func(i int, w *scratch) error {
		x := ma.load(i, &w.a)
		sv, uu, vv := reuse(&w.tau, k), reuse(&w.b, m*uCols), reuse(&w.c, vRows*n)
		switch finite(x) {
		case hasNaN:
			return backend.ErrNoConvergence
		case hasInf: // LAPACK's answer: NaN everywhere
			fillNaN(sv)
			fillNaN(uu)
			fillNaN(vv)
		default:
			svd := func(work []float64, lwork int) bool {
				return lapack64.Dgesvd(job, job, m, n, x, n, sv, uu, max(1, uCols), vv, max(1, n), work, lwork)
			}
			if k > 0 {
				work := w.work(func(work []float64, lwork int) { svd(work, lwork) })
				if !svd(work, len(work)) {
					return backend.ErrNoConvergence
				}
			}
			if k == 0 { // the vectors of an empty matrix: an identity
				setIdentity(uu, uCols)
				setIdentity(vv, vRows)
			}
		}
		ms.store(i, sv)
		if u != nil {
			mu.store(i, uu)
			mv.store(i, vv)
		}
		return nil
	})
}

// Eigh writes the eigenvalues and, with vectors, the eigenvectors.
func (b *Backend) Eigh(dt dtype.DType, batch, n int, a, w backend.Buffer, lower, vectors bool) error {
	if isComplex(dt) {
		return b.zEigh(dt, batch, n, a, w, lower, vectors)
	}
	ma, err := matricesOf[float64]("Eigh", dt, a, batch, n*n)
	if err != nil {
		return err
	}
	mw, err := matricesOf[float64]("Eigh", backend.RealDType(dt), w, batch, n)
	if err != nil {
		return err
	}
	uplo, job := blas.Upper, lapack.EVNone
	if lower {
		uplo = blas.Lower
	}
	if vectors {
		job = lapack.EVCompute
	}
	return b.eachMatrix("Eigh", batch, func(i int, sc *scratch) error {
		if n == 0 {
			return nil
		}
		x := ma.load(i, &sc.a)
		ev := reuse(&sc.tau, n)
		if triangleFinite(x, n, lower) {
			work := sc.work(func(work []float64, lwork int) { lapack64.Dsyev(job, uplo, n, x, n, ev, work, lwork) })
			if !lapack64.Dsyev(job, uplo, n, x, n, ev, work, len(work)) {
				return backend.ErrNoConvergence
			}
		} else { // LAPACK's answer: NaN everywhere
			fillNaN(ev)
			fillNaN(x)
		}
		mw.store(i, ev)
		if vectors {
			ma.store(i, x)
		}
		return nil
	})
}

// scratch is one goroutine's working memory, reused across its matrices.
type scratch struct {
	a, b, c, tau, sv, ws []float64
	za, zb, zc, ztau     []complex128
	ipiv                 []int
}

// work sizes the LAPACK workspace through query (a call with lwork -1 that
// leaves the optimal size in work[0]) and returns it.
func (s *scratch) work(query func(work []float64, lwork int)) []float64 {
	var size [1]float64
	query(size[:], -1)
	return reuse(&s.ws, max(1, int(size[0])))
}

// eachMatrix runs f for each matrix of a batch over the backend's
// goroutines. The error is a *backend.MatrixError for the first failing
// matrix; a panic of gonum (which checks its arguments by panicking) is
// returned as an error naming op.
func (b *Backend) eachMatrix(op string, batch int, f func(i int, w *scratch) error) error {
	workers := max(1, min(b.workers, batch))
	fails := make([]int, workers) // each worker's first failing matrix
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for g := range workers {
		fails[g] = batch
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					errs[g] = fmt.Errorf("cpu: %s: %v", op, p)
				}
			}()
			var w scratch
			for i := g; i < batch; i += workers {
				if err := f(i, &w); err != nil && i < fails[g] {
					fails[g], errs[g] = i, err
				}
			}
		})
	}
	wg.Wait()
	first := -1
	for g, err := range errs {
		if err != nil && (first < 0 || fails[g] < fails[first]) {
			first = g
		}
	}
	if first < 0 {
		return nil
	}
	if fails[first] == batch { // a panic
		return errs[first]
	}
	return &backend.MatrixError{Index: fails[first], Err: errs[first]}
}

// matrices gives access in the wide type W (float64 or complex128) to a
// batch of equally sized matrices in a host buffer: the buffer itself for
// float64 and complex128, widened copies for float32 and complex64.
type matrices[W float64 | complex128] struct {
	wide []W
	f32  []float32
	c64  []complex64
	size int // elements per matrix
}

func matricesOf[W float64 | complex128](op string, dt dtype.DType, buf backend.Buffer, batch, size int) (matrices[W], error) {
	var zero W
	_, complexW := any(zero).(complex128)
	if (dt.Kind() == dtype.ComplexKind) != complexW || (dt != dtype.Float32 && dt != dtype.Float64 && dt != dtype.Complex64 && dt != dtype.Complex128) {
		return matrices[W]{}, fmt.Errorf("cpu: %s: %v is %w by the CPU backend's linear algebra", op, dt, backend.ErrUnsupported)
	}
	mem, err := buffer(buf)
	if err != nil {
		return matrices[W]{}, fmt.Errorf("cpu: %s: %w", op, err)
	}
	n := batch * size
	if batch < 0 || size < 0 || n*dt.Size() > len(mem) {
		return matrices[W]{}, fmt.Errorf("cpu: %s: %d matrices of %d %v elements do not fit a %d-byte buffer", op, batch, size, dt, len(mem))
	}
	m := matrices[W]{size: size}
	switch {
	case n == 0:
	case dt == dtype.Float32:
		m.f32 = view[float32](mem)[:n]
	case dt == dtype.Complex64:
		m.c64 = view[complex64](mem)[:n]
	default:
		m.wide = view[W](mem)[:n]
	}
	return m, nil
}

// load returns matrix i: the buffer itself where it holds W, else a
// widened copy in *tmp.
func (m matrices[W]) load(i int, tmp *[]W) []W {
	lo, hi := i*m.size, (i+1)*m.size
	if m.f32 == nil && m.c64 == nil {
		return m.wide[lo:hi]
	}
	x := reuse(tmp, m.size)
	switch x := any(x).(type) {
	case []float64:
		for j, v := range m.f32[lo:hi] {
			x[j] = float64(v)
		}
	case []complex128:
		for j, v := range m.c64[lo:hi] {
			x[j] = complex128(v)
		}
	}
	return x
}

// store writes x as matrix i (nothing to do where x is the buffer itself).
func (m matrices[W]) store(i int, x []W) {
	lo, hi := i*m.size, (i+1)*m.size
	switch x := any(x).(type) {
	case []float64:
		if m.f32 != nil {
			for j, v := range x {
				m.f32[lo+j] = float32(v)
			}
			return
		}
	case []complex128:
		if m.c64 != nil {
			for j, v := range x {
				m.c64[lo+j] = complex64(v)
			}
			return
		}
	}
	if dst := m.wide[lo:hi]; len(x) > 0 && &dst[0] != &x[0] {
		copy(dst, x)
	}
}

func int32sOf(op string, buf backend.Buffer, n int) ([]int32, error) {
	mem, err := buffer(buf)
	if err == nil && n*4 > len(mem) {
		err = fmt.Errorf("%d pivots do not fit a %d-byte buffer", n, len(mem))
	}
	if err != nil {
		return nil, fmt.Errorf("cpu: %s: %w", op, err)
	}
	if n == 0 {
		return nil, nil
	}
	return view[int32](mem)[:n], nil
}

type finiteness int

const (
	allFinite finiteness = iota
	hasInf
	hasNaN
)

func finite(x []float64) finiteness {
	f := allFinite
	for _, v := range x {
		if math.IsNaN(v) {
			return hasNaN
		}
		if math.IsInf(v, 0) {
			f = hasInf
		}
	}
	return f
}

// triangleFinite reports whether the triangle of the n×n matrix x that an
// eigensolver reads holds only finite values.
func triangleFinite(x []float64, n int, lower bool) bool {
	for r := range n {
		lo, hi := r, n
		if lower {
			lo, hi = 0, r+1
		}
		if finite(x[r*n+lo:r*n+hi]) != allFinite {
			return false
		}
	}
	return true
}

func setIdentity[T float64 | complex128](x []T, n int) {
	clear(x)
	for i := range n {
		x[i*n+i] = 1
	}
}

func fillNaN(x []float64) {
	for i := range x {
		x[i] = math.NaN()
	}
}

// reuse resizes *p to n elements, reusing its memory where it is enough.
func reuse[T any](p *[]T, n int) []T {
	*p = resizePanel(*p, n)
	return *p
}

// Eig computes eigenvalues and right eigenvectors with gonum's Dgeev, or
// for complex matrices zeig.go's solver (gonum has no complex geev).
func (b *Backend) Eig(dt dtype.DType, batch, n int, a, w, v backend.Buffer) error {
	if isComplex(dt) {
		return b.zEig(dt, batch, n, a, w, v)
	}
	ma, err := matricesOf[float64]("Eig", dt, a, batch, n*n)
	if err != nil {
		return err
	}
	cdt := backend.ComplexDType(dt)
	mw, err := matricesOf[complex128]("Eig", cdt, w, batch, n)
	if err != nil {
		return err
	}
	var mv matrices[complex128]
	job := lapack.RightEVNone
	if v != nil {
		if mv, err = matricesOf[complex128]("Eig", cdt, v, batch, n*n); err != nil {
			return err
		}
		job = lapack.RightEVCompute
	}
	return b.eachMatrix("Eig", batch, func(i int, sc *scratch) error {
		if n == 0 {
			return nil
		}
		x := ma.load(i, &sc.a)
		wr, wi, vr := reuse(&sc.tau, n), reuse(&sc.sv, n), reuse(&sc.b, n*n)
		if finite(x) != allFinite {
			return backend.ErrNoConvergence
		}
		geev := func(work []float64, lwork int) int {
			return lapack64.Dgeev(lapack.LeftEVNone, job, n, x, n, wr, wi, nil, 1, vr, n, work, lwork)
		}
		work := sc.work(func(work []float64, lwork int) { geev(work, lwork) })
		if geev(work, len(work)) > 0 {
			return backend.ErrNoConvergence
		}
		ww := reuse(&sc.za, n)
		for j := range n {
			ww[j] = complex(wr[j], wi[j])
		}
		mw.store(i, ww)
		if v == nil {
			return nil
		}
		// A conjugate pair j, j+1 has its vector's real part in column j
		// and imaginary part in column j+1.
		vv := reuse(&sc.zb, n*n)
		for j := 0; j < n; j++ {
			if wi[j] == 0 {
				for r := range n {
					vv[r*n+j] = complex(vr[r*n+j], 0)
				}
				continue
			}
			for r := range n {
				re, im := vr[r*n+j], vr[r*n+j+1]
				vv[r*n+j], vv[r*n+j+1] = complex(re, im), complex(re, -im)
			}
			j++
		}
		mv.store(i, vv)
		return nil
	})
}
