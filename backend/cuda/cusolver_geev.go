package cuda

import (
	"errors"
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/libs/cusolver"
	"github.com/cugo/cugo/loader"
)

var _ gpu.Geever = typed[complex64]{}

// params64 returns the solver's 64-bit API settings, made on first use
// (the backend holds the solver's lock around every call).
func (s *solver) params64() (*cusolver.Params, error) {
	if s.geev == nil {
		p, err := cusolver.NewParams()
		if err != nil {
			return nil, err
		}
		s.geev = p
	}
	return s.geev, nil
}

// geevParams is params64 for Eig.
func (s *solver) geevParams() (*cusolver.Params, error) {
	p, err := s.params64()
	return p, geevErr(err)
}

// geevErr says that a cuSOLVER without Xgeev cannot run Eig.
func geevErr(err error) error {
	if errors.Is(err, loader.ErrNotSupported) {
		return fmt.Errorf("general eigenproblems are %w by this cuSOLVER (cusolverDnXgeev needs CUDA 12.6 or later): %w", backend.ErrUnsupported, err)
	}
	return err
}

func (t typed[T]) GeevWork(vectors bool, n int, a, w, vr gpu.Ptr) (device, host int, err error) {
	p, err := t.s.geevParams()
	if err != nil {
		return 0, 0, err
	}
	device, host, err = cusolver.GeevBufferSize[T](t.s.h, p, mode(vectors), n, dp(a), n, dp(w), dp(vr), max(1, n))
	return device, host, geevErr(err)
}

func (t typed[T]) Geev(vectors bool, n int, a, w, vr, work gpu.Ptr, lwork int, host []byte, info gpu.Ptr) error {
	p, err := t.s.geevParams()
	if err != nil {
		return err
	}
	return geevErr(cusolver.Geev[T](t.s.h, p, mode(vectors), n, dp(a), n, dp(w), dp(vr), max(1, n), dp(work), lwork, host, dp(info)))
}
