package cuda

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/libs/cublas"
	"github.com/cugo/cugo/libs/cusolver"
)

// NewSolver creates a cuSOLVER handle in the context, on the stream.
func (d *device) NewSolver() (gpu.Solver, error) {
	h, err := cusolver.New(d.ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", backend.ErrUnavailable, err)
	}
	if err := h.SetStream(d.stream); err != nil {
		h.Close()
		return nil, err
	}
	params, err := cusolver.NewGesvdjInfo()
	if err != nil {
		h.Close()
		return nil, err
	}
	return &solver{h: h, params: params, dev: d}, nil
}

// solver is gpu.Solver over libs/cusolver.
type solver struct {
	h      *cusolver.Handle
	params *cusolver.GesvdjInfo // default tolerance and sweeps
	geev   *cusolver.Params     // the 64-bit API's settings (Eig), made on first use
	syevj  *cusolver.SyevjInfo  // syevjBatched's settings (defaults), made on first use
	dev    *device
	lu     *cublas.Handle // cuBLAS's batched LU, made on first use
}

// typed is the solver's gpu.Routines for one element type.
type typed[T cusolver.Elem] struct{ s *solver }

// For returns the routines of dt.
func (s *solver) For(dt dtype.DType) (gpu.Routines, error) {
	return gpu.ByLAPACKType[gpu.Routines]("cusolver", dt, typed[float32]{s}, typed[float64]{s}, typed[complex64]{s}, typed[complex128]{s})
}

func dp(p gpu.Ptr) driver.DevicePtr { return driver.DevicePtr(p) }

func fill(lower bool) cusolver.Fill {
	if lower {
		return cusolver.Lower
	}
	return cusolver.Upper
}

func mode(vectors bool) cusolver.EigMode {
	if vectors {
		return cusolver.WithVectors
	}
	return cusolver.NoVectors
}

func (t typed[T]) GetrfWork(n int, a gpu.Ptr) (int, error) {
	return cusolver.GetrfBufferSize[T](t.s.h, n, n, dp(a), n)
}

func (t typed[T]) Getrf(n int, a, work gpu.Ptr, _ int, ipiv, info gpu.Ptr) error {
	return cusolver.Getrf[T](t.s.h, n, n, dp(a), n, dp(work), dp(ipiv), dp(info))
}

// GetrsWork is 0: cuSOLVER's getrs needs no workspace.
func (t typed[T]) GetrsWork(n, nrhs int, a, ipiv, b gpu.Ptr) (int, error) { return 0, nil }

func (t typed[T]) GetrsTrans(n, nrhs int, a, ipiv, b, _ gpu.Ptr, _ int, info gpu.Ptr) error {
	return cusolver.Getrs[T](t.s.h, cusolver.Trans, n, nrhs, dp(a), n, dp(ipiv), dp(b), n, dp(info))
}

func (t typed[T]) PotrfWork(lower bool, n int, a gpu.Ptr) (int, error) {
	return cusolver.PotrfBufferSize[T](t.s.h, fill(lower), n, dp(a), n)
}

func (t typed[T]) Potrf(lower bool, n int, a, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return cusolver.Potrf[T](t.s.h, fill(lower), n, dp(a), n, dp(work), lwork, dp(info))
}

func (t typed[T]) GeqrfWork(m, n int, a gpu.Ptr) (int, error) {
	return cusolver.GeqrfBufferSize[T](t.s.h, m, n, dp(a), m)
}

func (t typed[T]) Geqrf(m, n int, a, tau, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return cusolver.Geqrf[T](t.s.h, m, n, dp(a), m, dp(tau), dp(work), lwork, dp(info))
}

func (t typed[T]) OrgqrWork(m, n, k int, a, tau gpu.Ptr) (int, error) {
	return cusolver.OrgqrBufferSize[T](t.s.h, m, n, k, dp(a), m, dp(tau))
}

func (t typed[T]) Orgqr(m, n, k int, a, tau, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return cusolver.Orgqr[T](t.s.h, m, n, k, dp(a), m, dp(tau), dp(work), lwork, dp(info))
}

func (t typed[T]) SyevdWork(vectors, lower bool, n int, a, w gpu.Ptr) (int, error) {
	return cusolver.SyevdBufferSize[T](t.s.h, mode(vectors), fill(lower), n, dp(a), n, dp(w))
}

func (t typed[T]) Syevd(vectors, lower bool, n int, a, w, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return cusolver.Syevd[T](t.s.h, mode(vectors), fill(lower), n, dp(a), n, dp(w), dp(work), lwork, dp(info))
}

func (t typed[T]) GesvdjWork(vectors, econ bool, m, n int, a, s, u, v gpu.Ptr) (int, error) {
	return cusolver.GesvdjBufferSize[T](t.s.h, mode(vectors), econ, m, n, dp(a), m, dp(s), dp(u), m, dp(v), n, t.s.params)
}

func (t typed[T]) Gesvdj(vectors, econ bool, m, n int, a, s, u, v, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return cusolver.Gesvdj[T](t.s.h, mode(vectors), econ, m, n, dp(a), m, dp(s), dp(u), m, dp(v), n, dp(work), lwork, dp(info), t.s.params)
}

var (
	_ gpu.SolverDevice = (*device)(nil)
	_ gpu.Routines     = typed[float32]{}
)
