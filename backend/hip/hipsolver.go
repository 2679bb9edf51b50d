package hip

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/libs/hipblas"
	"github.com/cugo/cugo/libs/hipsolver"
)

// NewSolver creates a hipSOLVER handle in the context, on the stream.
func (d *device) NewSolver() (gpu.Solver, error) {
	h, err := hipsolver.New(d.ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", backend.ErrUnavailable, err)
	}
	if err := h.SetStream(d.stream); err != nil {
		h.Close()
		return nil, err
	}
	params, err := hipsolver.NewGesvdjInfo()
	if err != nil {
		h.Close()
		return nil, err
	}
	return &solver{h: h, params: params, dev: d}, nil
}

// solver is gpu.Solver over libs/hipsolver.
type solver struct {
	h      *hipsolver.Handle
	params *hipsolver.GesvdjInfo // default tolerance and sweeps
	dev    *device
	lu     *hipblas.Handle // hipBLAS's batched LU, made on first use
}

// typed is the solver's gpu.Routines for one element type.
type typed[T hipsolver.Elem] struct{ s *solver }

// For returns the routines of dt.
func (s *solver) For(dt dtype.DType) (gpu.Routines, error) {
	return gpu.ByLAPACKType[gpu.Routines]("hipsolver", dt, typed[float32]{s}, typed[float64]{s}, typed[complex64]{s}, typed[complex128]{s})
}

func dp(p gpu.Ptr) hip.DevicePtr { return hip.DevicePtr(p) }

func fill(lower bool) hipsolver.Fill {
	if lower {
		return hipsolver.Lower
	}
	return hipsolver.Upper
}

func mode(vectors bool) hipsolver.EigMode {
	if vectors {
		return hipsolver.WithVectors
	}
	return hipsolver.NoVectors
}

func (t typed[T]) GetrfWork(n int, a gpu.Ptr) (int, error) {
	return hipsolver.GetrfBufferSize[T](t.s.h, n, n, dp(a), n)
}

func (t typed[T]) Getrf(n int, a, work gpu.Ptr, lwork int, ipiv, info gpu.Ptr) error {
	return hipsolver.Getrf[T](t.s.h, n, n, dp(a), n, dp(work), lwork, dp(ipiv), dp(info))
}

func (t typed[T]) GetrsWork(n, nrhs int, a, ipiv, b gpu.Ptr) (int, error) {
	return hipsolver.GetrsBufferSize[T](t.s.h, hipsolver.Trans, n, nrhs, dp(a), n, dp(ipiv), dp(b), n)
}

func (t typed[T]) GetrsTrans(n, nrhs int, a, ipiv, b, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return hipsolver.Getrs[T](t.s.h, hipsolver.Trans, n, nrhs, dp(a), n, dp(ipiv), dp(b), n, dp(work), lwork, dp(info))
}

func (t typed[T]) PotrfWork(lower bool, n int, a gpu.Ptr) (int, error) {
	return hipsolver.PotrfBufferSize[T](t.s.h, fill(lower), n, dp(a), n)
}

func (t typed[T]) Potrf(lower bool, n int, a, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return hipsolver.Potrf[T](t.s.h, fill(lower), n, dp(a), n, dp(work), lwork, dp(info))
}

func (t typed[T]) GeqrfWork(m, n int, a gpu.Ptr) (int, error) {
	return hipsolver.GeqrfBufferSize[T](t.s.h, m, n, dp(a), m)
}

func (t typed[T]) Geqrf(m, n int, a, tau, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return hipsolver.Geqrf[T](t.s.h, m, n, dp(a), m, dp(tau), dp(work), lwork, dp(info))
}

func (t typed[T]) OrgqrWork(m, n, k int, a, tau gpu.Ptr) (int, error) {
	return hipsolver.OrgqrBufferSize[T](t.s.h, m, n, k, dp(a), m, dp(tau))
}

func (t typed[T]) Orgqr(m, n, k int, a, tau, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return hipsolver.Orgqr[T](t.s.h, m, n, k, dp(a), m, dp(tau), dp(work), lwork, dp(info))
}

func (t typed[T]) SyevdWork(vectors, lower bool, n int, a, w gpu.Ptr) (int, error) {
	return hipsolver.SyevdBufferSize[T](t.s.h, mode(vectors), fill(lower), n, dp(a), n, dp(w))
}

func (t typed[T]) Syevd(vectors, lower bool, n int, a, w, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return hipsolver.Syevd[T](t.s.h, mode(vectors), fill(lower), n, dp(a), n, dp(w), dp(work), lwork, dp(info))
}

func (t typed[T]) GesvdjWork(vectors, econ bool, m, n int, a, s, u, v gpu.Ptr) (int, error) {
	return hipsolver.GesvdjBufferSize[T](t.s.h, mode(vectors), econ, m, n, dp(a), m, dp(s), dp(u), m, dp(v), n, t.s.params)
}

func (t typed[T]) Gesvdj(vectors, econ bool, m, n int, a, s, u, v, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	return hipsolver.Gesvdj[T](t.s.h, mode(vectors), econ, m, n, dp(a), m, dp(s), dp(u), m, dp(v), n, dp(work), lwork, dp(info), t.s.params)
}

var (
	_ gpu.SolverDevice = (*device)(nil)
	_ gpu.Routines     = typed[float32]{}
)
