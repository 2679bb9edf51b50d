package gpu

import (
	"encoding/binary"

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
// limit of syevjBatched, and where a call per matrix stops being mostly
// launch overhead.
const smallSide = 32

// batcher returns s as a SmallBatcher if it is one and the stack is
// worth a batched call.
func batcher(s Routines, batch, n int) (SmallBatcher, bool) {
	bs, ok := s.(SmallBatcher)
	return bs, ok && batch > 1 && n <= smallSide
}

// potrfEach factors each matrix of ma (Potrf's upper triangle, see
// Cholesky), writing batch infos at info.
func (b *Backend) potrfEach(sc *scratch, s Routines, dt dtype.DType, batch, n int, ma mats, info Ptr) error {
	if bs, ok := batcher(s, batch, n); ok {
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
	if bs, ok := batcher(s, batch, n); ok {
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
