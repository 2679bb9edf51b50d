package gpu

import (
	"encoding/binary"
	"fmt"
	"math"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// Solver is a vendor's dense LAPACK (cuSOLVER, hipSOLVER) on the device's
// stream.
type Solver interface {
	// For returns the routines of dt, or an error wrapping
	// backend.ErrUnsupported.
	For(dt dtype.DType) (Routines, error)
}

// Routines are a Solver's routines for one dtype: column-major matrices,
// LAPACK's conventions, LAPACK's info written to device memory (one
// int32). Workspaces are the caller's, sized by the *Work queries in
// elements. lower selects LAPACK's lower triangle.
type Routines interface {
	GetrfWork(n int, a Ptr) (int, error)
	Getrf(n int, a, work Ptr, lwork int, ipiv, info Ptr) error
	// GetrsTrans solves Aᵀ·X = B with Getrf's factors of A (B is n×nrhs);
	// its workspace is 0 elements where the library needs none (cuSOLVER).
	GetrsWork(n, nrhs int, a, ipiv, b Ptr) (int, error)
	GetrsTrans(n, nrhs int, a, ipiv, b, work Ptr, lwork int, info Ptr) error
	PotrfWork(lower bool, n int, a Ptr) (int, error)
	Potrf(lower bool, n int, a, work Ptr, lwork int, info Ptr) error
	GeqrfWork(m, n int, a Ptr) (int, error)
	Geqrf(m, n int, a, tau, work Ptr, lwork int, info Ptr) error
	// Orgqr is orgqr for real dtypes, ungqr for complex ones.
	OrgqrWork(m, n, k int, a, tau Ptr) (int, error)
	Orgqr(m, n, k int, a, tau, work Ptr, lwork int, info Ptr) error
	// Syevd is syevd for real dtypes, heevd for complex ones; w is real.
	SyevdWork(vectors, lower bool, n int, a, w Ptr) (int, error)
	Syevd(vectors, lower bool, n int, a, w, work Ptr, lwork int, info Ptr) error
	// Gesvdj is the Jacobi SVD: s real, U m×m or m×k, V (not Vᴴ) n×n or
	// n×k with econ.
	GesvdjWork(vectors, econ bool, m, n int, a, s, u, v Ptr) (int, error)
	Gesvdj(vectors, econ bool, m, n int, a, s, u, v, work Ptr, lwork int, info Ptr) error
}

// SolverDevice is implemented by devices whose vendor has a dense solver
// library; a missing library is an error wrapping backend.ErrUnavailable.
type SolverDevice interface {
	NewSolver() (Solver, error)
}

// solverState is the backend's solver handle, made on first use; a handle
// is not safe for concurrent use, so calls hold mu.
type solverState struct {
	mu     sync.Mutex
	handle Solver
}

var _ backend.Linalg = (*Backend)(nil)

// withSolver runs f with the backend's solver routines for dt, creating
// the solver on first use.
func (b *Backend) withSolver(op string, dt dtype.DType, f func(s Routines) error) error {
	sd, ok := b.dev.(SolverDevice)
	if !ok {
		return fmt.Errorf("%s: %s: dense linear algebra is %w on this device", b.kind, op, backend.ErrUnsupported)
	}
	b.solver.mu.Lock()
	defer b.solver.mu.Unlock()
	if b.solver.handle == nil {
		s, err := sd.NewSolver()
		if err != nil {
			return fmt.Errorf("%s: %s: %w", b.kind, op, err)
		}
		b.solver.handle = s
	}
	r, err := b.solver.handle.For(dt)
	if err == nil {
		err = f(r)
	}
	if err != nil {
		return fmt.Errorf("%s: %s: %w", b.kind, op, err)
	}
	return nil
}

// mats is a batch of size-element matrices of dt in a buffer.
type mats struct {
	ptr  Ptr
	step Ptr // bytes from one matrix to the next
}

func (m mats) at(i int) Ptr { return m.ptr + Ptr(i)*m.step }

// matsOf checks that buf holds batch matrices of size elements of dt.
func (b *Backend) matsOf(buf backend.Buffer, dt dtype.DType, batch, size int) (mats, error) {
	bb, err := b.live(buf)
	if err == nil {
		err = span(0, batch*size*dt.Size(), bb.size)
	}
	if err != nil {
		return mats{}, err
	}
	return mats{bb.ptr, Ptr(size * dt.Size())}, nil
}

// scratch allocates temporary device buffers and frees them all at once.
type scratch struct {
	b    *Backend
	bufs []backend.Buffer
}

func (s *scratch) alloc(bytes int) (Ptr, backend.Buffer, error) {
	buf, err := s.b.Alloc(max(bytes, 1))
	if err != nil {
		return 0, nil, err
	}
	s.bufs = append(s.bufs, buf)
	return buf.(*buffer).ptr, buf, nil
}

// workspace sizes a routine's workspace with its query (in elements of
// dt) and allocates it.
func (s *scratch) workspace(dt dtype.DType, query func() (int, error)) (Ptr, int, error) {
	lwork, err := query()
	if err != nil {
		return 0, 0, err
	}
	p, _, err := s.alloc(lwork * dt.Size())
	return p, lwork, err
}

func (s *scratch) free() {
	for _, buf := range s.bufs {
		s.b.Free(buf)
	}
}

// infos reads batch int32 infos and returns the MatrixError of the first
// matrix whose info is positive (fails) or, for a negative one, an error
// naming the argument LAPACK refused.
func (b *Backend) infos(buf backend.Buffer, batch int, fail error) error {
	raw := make([]byte, 4*batch)
	if err := b.Read(raw, buf, 0); err != nil {
		return err
	}
	for i := range batch {
		switch info := int32(binary.LittleEndian.Uint32(raw[4*i:])); {
		case info > 0:
			return &backend.MatrixError{Index: i, Err: fail}
		case info < 0:
			return fmt.Errorf("matrix %d: argument %d refused by the solver", i, -info)
		}
	}
	return nil
}

// relayout writes into dst the batch rows×cols matrices of src, element
// (m, r, c) of src at m*in[0] + r*in[1] + c*in[2], as C-ordered matrices,
// conjugated with conj: the changes of layout between our row-major
// arrays and LAPACK's column-major ones.
func (b *Backend) relayout(dt dtype.DType, batch, rows, cols int, dst, src backend.Buffer, in [3]int, conj bool) error {
	k := copyKernel(dt)
	if conj && dt.Kind() == dtype.ComplexKind {
		k = conjKernel(dt)
	}
	return b.relayoutWith(k, batch, rows, cols, dst, src, in)
}

// relayoutWith is relayout through the one-input kernel k, which may
// convert the dtype.
func (b *Backend) relayoutWith(k *ir.Kernel, batch, rows, cols int, dst, src backend.Buffer, in [3]int) error {
	if batch == 0 || rows == 0 || cols == 0 {
		return nil
	}
	out := backend.Operand{Buf: dst, DType: k.Outputs[0].DType, Strides: []int{rows * cols, cols, 1}}
	from := backend.Operand{Buf: src, DType: k.Inputs[0], Strides: in[:]}
	return b.Elementwise(k, []int{batch, rows, cols}, []backend.Operand{out}, []backend.Operand{from}, nil)
}

// columnMajor are the strides of batch column-major matrices with leading
// dimension ld, step elements apart.
func columnMajor(ld, step int) [3]int { return [3]int{step, 1, ld} }

var conjKernels sync.Map // dtype.DType → *ir.Kernel

func conjKernel(dt dtype.DType) *ir.Kernel {
	k, _ := conjKernels.LoadOrStore(dt, &ir.Kernel{Inputs: []dtype.DType{dt}, Outputs: []*ir.Node{ir.Apply(ir.Conj, dt, ir.In(0, dt))}})
	return k.(*ir.Kernel)
}

// LU factors each matrix in place. The buffer read column-major is Aᵀ, whose
// LU factors give det(A) as well.
func (b *Backend) LU(dt dtype.DType, batch, n int, a, piv backend.Buffer) error {
	return b.withSolver("LU", dt, func(s Routines) error {
		ma, err := b.matsOf(a, dt, batch, n*n)
		if err != nil {
			return err
		}
		mp, err := b.matsOf(piv, dtype.Int32, batch, n)
		if err != nil || batch == 0 || n == 0 {
			return err
		}
		sc := &scratch{b: b}
		defer sc.free()
		if lb, ok := batched[LUBatcher](s, batch, n); ok {
			info, _, err := sc.alloc(4 * batch)
			if err == nil {
				_, err = b.getrfBatched(sc, lb, n, ma, mp.ptr, info, batch)
			}
			return err
		}
		work, lwork, err := sc.workspace(dt, func() (int, error) { return s.GetrfWork(n, ma.at(0)) })
		if err != nil {
			return err
		}
		info, _, err := sc.alloc(4)
		if err != nil {
			return err
		}
		for i := range batch {
			if err := s.Getrf(n, ma.at(i), work, lwork, mp.at(i), info); err != nil {
				return err
			}
		}
		return nil
	})
}

// Solve overwrites each B with A⁻¹B: the LU factors of Aᵀ (the buffer as
// it is) solve A·X = B through getrs with transposition, on B and X in
// column-major copies.
func (b *Backend) Solve(dt dtype.DType, batch, n, nrhs int, a, rhs backend.Buffer) error {
	return b.withSolver("Solve", dt, func(s Routines) error {
		ma, err := b.matsOf(a, dt, batch, n*n)
		if err != nil {
			return err
		}
		if _, err := b.matsOf(rhs, dt, batch, n*nrhs); err != nil || batch == 0 || n == 0 {
			return err
		}
		sc := &scratch{b: b}
		defer sc.free()
		cm, cmBuf, err := sc.alloc(batch * n * nrhs * dt.Size())
		if err != nil {
			return err
		}
		// B column-major is the row-major nrhs×n matrix Bᵀ
		if err := b.relayout(dt, batch, nrhs, n, cmBuf, rhs, columnMajor(nrhs, n*nrhs), false); err != nil {
			return err
		}
		mb := mats{cm, Ptr(n * nrhs * dt.Size())}
		if lb, ok := batched[LUBatcher](s, batch, n); ok {
			if err := b.solveBatched(sc, lb, n, nrhs, ma, mb, batch); err != nil {
				return err
			}
			return b.relayout(dt, batch, n, nrhs, rhs, cmBuf, columnMajor(n, n*nrhs), false)
		}
		work, lwork, err := sc.workspace(dt, func() (int, error) { return s.GetrfWork(n, ma.at(0)) })
		if err != nil {
			return err
		}
		ipiv, _, err := sc.alloc(4 * n)
		if err != nil {
			return err
		}
		info, infoBuf, err := sc.alloc(4 * batch)
		if err != nil {
			return err
		}
		rsInfo, _, err := sc.alloc(4) // getrs's, which would overwrite getrf's
		if err != nil {
			return err
		}
		rsWork, rsLwork, err := sc.workspace(dt, func() (int, error) { return s.GetrsWork(n, nrhs, ma.at(0), ipiv, mb.at(0)) })
		if err != nil {
			return err
		}
		for i := range batch {
			if err := s.Getrf(n, ma.at(i), work, lwork, ipiv, info+Ptr(4*i)); err != nil {
				return err
			}
			if err := s.GetrsTrans(n, nrhs, ma.at(i), ipiv, mb.at(i), rsWork, rsLwork, rsInfo); err != nil {
				return err
			}
		}
		if err := b.infos(infoBuf, batch, backend.ErrSingular); err != nil {
			return err
		}
		return b.relayout(dt, batch, n, nrhs, rhs, cmBuf, columnMajor(n, n*nrhs), false)
	})
}

// Cholesky: the buffer read column-major is conj(A) = Uᴴ·U with U = Lᵀ,
// so the upper factorization leaves L in our row-major lower triangle.
func (b *Backend) Cholesky(dt dtype.DType, batch, n int, a backend.Buffer) error {
	return b.withSolver("Cholesky", dt, func(s Routines) error {
		ma, err := b.matsOf(a, dt, batch, n*n)
		if err != nil || batch == 0 || n == 0 {
			return err
		}
		sc := &scratch{b: b}
		defer sc.free()
		info, infoBuf, err := sc.alloc(4 * batch)
		if err != nil {
			return err
		}
		if err := b.potrfEach(sc, s, dt, batch, n, ma, info); err != nil {
			return err
		}
		return b.infos(infoBuf, batch, backend.ErrNotPositiveDefinite)
	})
}

// columnMajorCopy returns a scratch copy of the batch m×n row-major
// matrices of a in column-major order (leading dimension m).
func (b *Backend) columnMajorCopy(sc *scratch, dt dtype.DType, batch, m, n int, a backend.Buffer) (mats, backend.Buffer, error) {
	p, buf, err := sc.alloc(batch * m * n * dt.Size())
	if err == nil {
		err = b.relayout(dt, batch, n, m, buf, a, columnMajor(n, m*n), false)
	}
	return mats{p, Ptr(m * n * dt.Size())}, buf, err
}

// QR runs geqrf and orgqr on a column-major copy and lays R and Q out
// row-major (R's strict lower triangle keeps the reflectors: see
// backend.Linalg).
func (b *Backend) QR(dt dtype.DType, batch, m, n int, a, q, r backend.Buffer, complete bool) error {
	return b.withSolver("QR", dt, func(s Routines) error {
		k := min(m, n)
		qCols, rRows := k, k
		if complete {
			qCols, rRows = m, m
		}
		if _, err := b.matsOf(r, dt, batch, rRows*n); err != nil {
			return err
		}
		if q != nil {
			if _, err := b.matsOf(q, dt, batch, m*qCols); err != nil {
				return err
			}
		}
		if _, err := b.matsOf(a, dt, batch, m*n); err != nil || batch == 0 || m == 0 {
			return err
		}
		sc := &scratch{b: b}
		defer sc.free()
		ca, caBuf, taus, _, err := b.geqrf(s, sc, dt, batch, m, n, a)
		if err != nil {
			return err
		}
		info, _, err := sc.alloc(4)
		if err != nil {
			return err
		}
		if err := b.relayout(dt, batch, rRows, n, r, caBuf, columnMajor(m, m*n), false); err != nil {
			return err
		}
		if q == nil || qCols == 0 {
			return nil
		}
		if k == 0 { // no reflectors (n = 0): the complete Q is the identity, which orgqr refuses to make
			return b.writeIdentities(q, dt, batch, m)
		}
		// Q's columns: the reflectors' matrix itself, or an m×m copy of it
		cq, cqBuf := ca, caBuf
		if qCols > n {
			p, buf, err := sc.alloc(batch * m * qCols * dt.Size())
			if err != nil {
				return err
			}
			cq, cqBuf = mats{p, Ptr(m * qCols * dt.Size())}, buf
			for i := range batch {
				if err := b.Copy(cqBuf, i*m*qCols*dt.Size(), caBuf, i*m*n*dt.Size(), m*n*dt.Size()); err != nil {
					return err
				}
			}
		}
		work, lwork, err := sc.workspace(dt, func() (int, error) { return s.OrgqrWork(m, qCols, k, cq.at(0), taus.at(0)) })
		if err != nil {
			return err
		}
		for i := range batch {
			if err := s.Orgqr(m, qCols, k, cq.at(i), taus.at(i), work, lwork, info); err != nil {
				return err
			}
		}
		return b.relayout(dt, batch, m, qCols, q, cqBuf, columnMajor(m, int(cq.step)/dt.Size()), false)
	})
}

// geqrf runs geqrf on a column-major copy of the batch m×n matrices of a,
// which it returns with the reflectors' scalars (max(1, min(m, n)) apart).
func (b *Backend) geqrf(s Routines, sc *scratch, dt dtype.DType, batch, m, n int, a backend.Buffer) (ca mats, caBuf backend.Buffer, taus mats, tauBuf backend.Buffer, err error) {
	k := min(m, n)
	if ca, caBuf, err = b.columnMajorCopy(sc, dt, batch, m, n, a); err != nil {
		return
	}
	tau, tauBuf, err := sc.alloc(batch * max(k, 1) * dt.Size())
	if err != nil {
		return
	}
	taus = mats{tau, Ptr(max(k, 1) * dt.Size())}
	info, _, err := sc.alloc(4)
	if err != nil || k == 0 {
		return
	}
	work, lwork, err := sc.workspace(dt, func() (int, error) { return s.GeqrfWork(m, n, ca.at(0)) })
	if err != nil {
		return
	}
	for i := range batch {
		if err = s.Geqrf(m, n, ca.at(i), taus.at(i), work, lwork, info); err != nil {
			return
		}
	}
	return
}

// SVD runs the Jacobi SVD (gesvdj) on a column-major copy; U is laid out
// row-major and Vᴴ is V's column-major buffer read row-major, conjugated.
func (b *Backend) SVD(dt dtype.DType, batch, m, n int, a, sv, u, vh backend.Buffer, full bool) error {
	return b.withSolver("SVD", dt, func(s Routines) error {
		k := min(m, n)
		uCols, vCols := k, k
		if full {
			uCols, vCols = m, n
		}
		vectors := u != nil
		if _, err := b.matsOf(a, dt, batch, m*n); err != nil {
			return err
		}
		ms, err := b.matsOf(sv, backend.RealDType(dt), batch, k)
		if err != nil || batch == 0 || k == 0 && !vectors {
			return err
		}
		sc := &scratch{b: b}
		defer sc.free()
		if k == 0 { // the vectors of an empty matrix: identities
			return b.identities(dt, batch, u, uCols, vh, vCols)
		}
		ca, _, err := b.columnMajorCopy(sc, dt, batch, m, n, a)
		if err != nil {
			return err
		}
		// the columns of U and V the solver writes: the batched one writes
		// them all, and the first uCols and vCols are the ones asked for
		sb, oneCall := batched[SVDBatcher](s, batch, m, n)
		uStored, vStored := uCols, vCols
		if oneCall {
			uStored, vStored = m, n
		}
		cu, cuBuf, err := sc.alloc(batch * m * uStored * dt.Size())
		if err != nil {
			return err
		}
		cv, cvBuf, err := sc.alloc(batch * n * vStored * dt.Size())
		if err != nil {
			return err
		}
		us, vs := mats{cu, Ptr(m * uStored * dt.Size())}, mats{cv, Ptr(n * vStored * dt.Size())}
		info, infoBuf, err := sc.alloc(4 * batch)
		if err != nil {
			return err
		}
		if oneCall {
			err = b.gesvdjBatched(sc, sb, dt, vectors, m, n, ca, ms, us, vs, info, batch)
		} else {
			err = b.gesvdjEach(sc, s, dt, vectors, !full, m, n, ca, ms, us, vs, info, batch)
		}
		if err != nil {
			return err
		}
		if err := b.infos(infoBuf, batch, backend.ErrNoConvergence); err != nil || !vectors {
			return err
		}
		if err := b.relayout(dt, batch, m, uCols, u, cuBuf, columnMajor(m, m*uStored), false); err != nil {
			return err
		}
		return b.relayout(dt, batch, vCols, n, vh, cvBuf, [3]int{n * vStored, n, 1}, true)
	})
}

// identities writes batch identity matrices of side uSide into u and of
// side vSide into vh (the vectors of an empty matrix).
func (b *Backend) identities(dt dtype.DType, batch int, u backend.Buffer, uSide int, vh backend.Buffer, vSide int) error {
	for _, o := range []struct {
		buf  backend.Buffer
		side int
	}{{u, uSide}, {vh, vSide}} {
		if o.side == 0 {
			continue
		}
		host := make([]byte, batch*o.side*o.side*dt.Size())
		for i := range batch {
			for d := range o.side {
				putOne(host[((i*o.side+d)*o.side+d)*dt.Size():], dt)
			}
		}
		if err := b.Write(o.buf, 0, host); err != nil {
			return err
		}
	}
	return nil
}

// putOne writes 1 of dt (float32, float64, complex64 or complex128) at p.
func putOne(p []byte, dt dtype.DType) {
	switch dt {
	case dtype.Float32, dtype.Complex64:
		binary.LittleEndian.PutUint32(p, 0x3f800000)
	default:
		binary.LittleEndian.PutUint64(p, 0x3ff0000000000000)
	}
}

// Eigh runs syevd (heevd) on the buffer as it is, conj(A) column-major: the
// triangle NumPy calls lower is LAPACK's upper there, the eigenvalues are
// A's and the eigenvectors conj(V)'s, laid out row-major conjugated.
func (b *Backend) Eigh(dt dtype.DType, batch, n int, a, w backend.Buffer, lower, vectors bool) error {
	return b.withSolver("Eigh", dt, func(s Routines) error {
		ma, err := b.matsOf(a, dt, batch, n*n)
		if err != nil {
			return err
		}
		mw, err := b.matsOf(w, backend.RealDType(dt), batch, n)
		if err != nil || batch == 0 || n == 0 {
			return err
		}
		sc := &scratch{b: b}
		defer sc.free()
		info, infoBuf, err := sc.alloc(4 * batch)
		if err != nil {
			return err
		}
		if err := b.eighEach(sc, s, dt, batch, n, ma, mw, !lower, vectors, info); err != nil {
			return err
		}
		if err := b.infos(infoBuf, batch, backend.ErrNoConvergence); err != nil || !vectors {
			return err
		}
		_, zBuf, err := sc.alloc(batch * n * n * dt.Size())
		if err == nil {
			err = b.Copy(zBuf, 0, a, 0, batch*n*n*dt.Size())
		}
		if err != nil {
			return err
		}
		return b.relayout(dt, batch, n, n, a, zBuf, columnMajor(n, n*n), true)
	})
}

// writeIdentities fills buf with batch m×m identity matrices of dt (a
// real or complex float type), from the host: they are small where the
// solvers cannot make them.
func (b *Backend) writeIdentities(buf backend.Buffer, dt dtype.DType, batch, m int) error {
	one := make([]byte, dt.Size())
	switch dt {
	case dtype.Float32, dtype.Complex64:
		binary.LittleEndian.PutUint32(one, math.Float32bits(1))
	default:
		binary.LittleEndian.PutUint64(one, math.Float64bits(1))
	}
	host := make([]byte, batch*m*m*dt.Size())
	for i := range batch * m {
		copy(host[(i*m+i%m)*dt.Size():], one)
	}
	return b.Write(buf, 0, host)
}
