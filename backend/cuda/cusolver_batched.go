package cuda

import (
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/libs/cusolver"
)

var _ gpu.SmallBatcher = typed[float32]{}

func (t typed[T]) PotrfBatched(lower bool, n int, ptrs, info gpu.Ptr, batch int) error {
	return cusolver.PotrfBatched[T](t.s.h, fill(lower), n, dp(ptrs), n, dp(info), batch)
}

// syevjParams returns the solver's syevj settings, made on first use (the
// backend holds the solver's lock around every call).
func (s *solver) syevjParams() (*cusolver.SyevjInfo, error) {
	if s.syevj == nil {
		p, err := cusolver.NewSyevjInfo()
		if err != nil {
			return nil, err
		}
		s.syevj = p
	}
	return s.syevj, nil
}

func (t typed[T]) SyevjBatchedWork(vectors, lower bool, n int, a, w gpu.Ptr, batch int) (int, error) {
	p, err := t.s.syevjParams()
	if err != nil {
		return 0, err
	}
	return cusolver.SyevjBatchedBufferSize[T](t.s.h, mode(vectors), fill(lower), n, dp(a), n, dp(w), p, batch)
}

func (t typed[T]) SyevjBatched(vectors, lower bool, n int, a, w, work gpu.Ptr, lwork int, info gpu.Ptr, batch int) error {
	p, err := t.s.syevjParams()
	if err != nil {
		return err
	}
	return cusolver.SyevjBatched[T](t.s.h, mode(vectors), fill(lower), n, dp(a), n, dp(w), dp(work), lwork, dp(info), p, batch)
}

var _ gpu.SVDBatcher = typed[float32]{}

func (t typed[T]) GesvdjBatchedWork(vectors bool, m, n int, a, s, u, v gpu.Ptr, batch int) (int, error) {
	return cusolver.GesvdjBatchedBufferSize[T](t.s.h, mode(vectors), m, n, dp(a), m, dp(s), dp(u), m, dp(v), n, t.s.params, batch)
}

func (t typed[T]) GesvdjBatched(vectors bool, m, n int, a, s, u, v, work gpu.Ptr, lwork int, info gpu.Ptr, batch int) error {
	return cusolver.GesvdjBatched[T](t.s.h, mode(vectors), m, n, dp(a), m, dp(s), dp(u), m, dp(v), n, dp(work), lwork, dp(info), t.s.params, batch)
}
