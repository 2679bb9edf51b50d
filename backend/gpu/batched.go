package gpu

import (
	"encoding/binary"
	"slices"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// SmallBatcher is implemented by Routines whose library factors a stack
// of small matrices in one call (cuSOLVER's potrfBatched and
// syevjBatched), which beats a call per matrix by far for thousands of
// 8×8 matrices. The matrices are column-major and n·n elements apart, w's
// vectors n apart, info batch int32.
type SmallBatcher interface {
	// PotrfBatched factors the matrices whose device addresses are the
	// batch uint64 at ptrs.
	PotrfBatched(lower bool, n int, ptrs, info Ptr, batch int) error
	SyevjBatchedWork(vectors, lower bool, n int, a, w Ptr, batch int) (int, error)
	SyevjBatched(vectors, lower bool, n int, a, w, work Ptr, lwork int, info Ptr, batch int) error
}

// smallSide is the largest side factored by the batched routines: the
// limit of syevjBatched and gesvdjBatched, where cuBLAS's getrfBatched
// keeps a matrix in one block, and where a call per matrix stops being
// mostly launch overhead.
const smallSide = 32

// batched returns s as the batched routines R if it offers them and the
// stack is worth a batched call: more than one matrix, no side above
// smallSide.
func batched[R any](s Routines, batch int, sides ...int) (R, bool) {
	r, ok := s.(R)
	return r, ok && batch > 1 && slices.Max(sides) <= smallSide
}

// potrfEach factors each matrix of ma (Potrf's upper triangle, see
// Cholesky), writing batch infos at info.
func (b *Backend) potrfEach(sc *scratch, s Routines, dt dtype.DType, batch, n int, ma mats, info Ptr) error {
	if bs, ok := batched[SmallBatcher](s, batch, n); ok {
		ptrs, err := b.matrixAddresses(sc, ma, batch)
		if err != nil {
			return err
		}
		return bs.PotrfBatched(false, n, ptrs, info, batch)
	}
	work, lwork, err := sc.workspace(dt, func() (int, error) { return s.PotrfWork(false, n, ma.at(0)) })
	if err != nil {
		return err
	}
	for i := range batch {
		if err := s.Potrf(false, n, ma.at(i), work, lwork, info+Ptr(4*i)); err != nil {
			return err
		}
	}
	return nil
}

// eighEach runs the Hermitian eigensolver on each matrix of ma, reading
// LAPACK's lower triangle or else its upper one (syevj batched for a stack
// of small ones, else syevd per matrix), eigenvalues into mw, writing
// batch infos at info.
func (b *Backend) eighEach(sc *scratch, s Routines, dt dtype.DType, batch, n int, ma, mw mats, lower, vectors bool, info Ptr) error {
	if bs, ok := batched[SmallBatcher](s, batch, n); ok {
		work, lwork, err := sc.workspace(dt, func() (int, error) { return bs.SyevjBatchedWork(vectors, lower, n, ma.ptr, mw.ptr, batch) })
		if err != nil {
			return err
		}
		return bs.SyevjBatched(vectors, lower, n, ma.ptr, mw.ptr, work, lwork, info, batch)
	}
	work, lwork, err := sc.workspace(dt, func() (int, error) { return s.SyevdWork(vectors, lower, n, ma.at(0), mw.at(0)) })
	if err != nil {
		return err
	}
	for i := range batch {
		if err := s.Syevd(vectors, lower, n, ma.at(i), mw.at(i), work, lwork, info+Ptr(4*i)); err != nil {
			return err
		}
	}
	return nil
}

// matrixAddresses writes the device addresses of the batch matrices of ma
// into scratch device memory, as the pointer-array routines take them.
func (b *Backend) matrixAddresses(sc *scratch, ma mats, batch int) (Ptr, error) {
	p, buf, err := sc.alloc(8 * batch)
	if err != nil {
		return 0, err
	}
	host := make([]byte, 8*batch)
	for i := range batch {
		binary.LittleEndian.PutUint64(host[8*i:], uint64(ma.at(i)))
	}
	return p, b.Write(buf, 0, host)
}

// LUBatcher is implemented by Routines whose vendor BLAS factors and solves
// a stack of small matrices in one call (cuBLAS's getrfBatched and
// getrsBatched), where cuSOLVER's getrf takes several launches per matrix.
// ptrs, aPtrs and bPtrs are device arrays of batch matrix addresses
// (column-major n×n, or n×nrhs for B); ipiv holds n int32 per matrix, info
// batch int32.
type LUBatcher interface {
	GetrfBatched(n int, ptrs, ipiv, info Ptr, batch int) error
	// GetrsBatchedTrans solves Aᵀ·X = B with GetrfBatched's factors of A.
	GetrsBatchedTrans(n, nrhs int, aPtrs, ipiv, bPtrs Ptr, batch int) error
}

// getrfBatched factors the batch matrices of ma with lb, pivots into ipiv
// and infos into info, returning the device array of their addresses.
func (b *Backend) getrfBatched(sc *scratch, lb LUBatcher, n int, ma mats, ipiv, info Ptr, batch int) (Ptr, error) {
	ptrs, err := b.matrixAddresses(sc, ma, batch)
	if err != nil {
		return 0, err
	}
	return ptrs, lb.GetrfBatched(n, ptrs, ipiv, info, batch)
}

// solveBatched overwrites the column-major right-hand sides mb with
// A⁻¹B through lb (see Solve), returning the MatrixError of the first
// singular matrix.
func (b *Backend) solveBatched(sc *scratch, lb LUBatcher, n, nrhs int, ma, mb mats, batch int) error {
	ipiv, _, err := sc.alloc(4 * n * batch)
	if err != nil {
		return err
	}
	info, infoBuf, err := sc.alloc(4 * batch)
	if err != nil {
		return err
	}
	aPtrs, err := b.getrfBatched(sc, lb, n, ma, ipiv, info, batch)
	if err != nil {
		return err
	}
	if nrhs > 0 { // no right-hand sides: the factorization alone says which matrix is singular
		bPtrs, err := b.matrixAddresses(sc, mb, batch)
		if err == nil {
			err = lb.GetrsBatchedTrans(n, nrhs, aPtrs, ipiv, bPtrs, batch)
		}
		if err != nil {
			return err
		}
	}
	return b.infos(infoBuf, batch, backend.ErrSingular)
}

// SVDBatcher is implemented by Routines whose library computes the SVDs
// of a stack of small matrices (m, n <= 32) in one call (cuSOLVER's
// gesvdjBatched). The matrices are column-major, one after another; U is
// m×m and V n×n (all their columns, whatever the caller keeps), s min(m, n)
// apart, info batch int32.
type SVDBatcher interface {
	GesvdjBatchedWork(vectors bool, m, n int, a, s, u, v Ptr, batch int) (int, error)
	GesvdjBatched(vectors bool, m, n int, a, s, u, v, work Ptr, lwork int, info Ptr, batch int) error
}

// gesvdjBatched runs the SVDs of the matrices of ma in one call of sb.
func (b *Backend) gesvdjBatched(sc *scratch, sb SVDBatcher, dt dtype.DType, vectors bool, m, n int, ma, ms, us, vs mats, info Ptr, batch int) error {
	work, lwork, err := sc.workspace(dt, func() (int, error) {
		return sb.GesvdjBatchedWork(vectors, m, n, ma.ptr, ms.ptr, us.ptr, vs.ptr, batch)
	})
	if err != nil {
		return err
	}
	return sb.GesvdjBatched(vectors, m, n, ma.ptr, ms.ptr, us.ptr, vs.ptr, work, lwork, info, batch)
}

// gesvdjEach runs the Jacobi SVD of each matrix of ma (econ keeps
// min(m, n) columns of U and V), writing batch infos at info.
func (b *Backend) gesvdjEach(sc *scratch, s Routines, dt dtype.DType, vectors, econ bool, m, n int, ma, ms, us, vs mats, info Ptr, batch int) error {
	work, lwork, err := sc.workspace(dt, func() (int, error) { return s.GesvdjWork(vectors, econ, m, n, ma.at(0), ms.at(0), us.at(0), vs.at(0)) })
	if err != nil {
		return err
	}
	for i := range batch {
		if err := s.Gesvdj(vectors, econ, m, n, ma.at(i), ms.at(i), us.at(i), vs.at(i), work, lwork, info+Ptr(4*i)); err != nil {
			return err
		}
	}
	return nil
}
