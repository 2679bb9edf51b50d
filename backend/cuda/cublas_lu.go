package cuda

import (
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/libs/cublas"
)

var _ gpu.LUBatcher = typed[float32]{}

// luHandle returns the solver's cuBLAS handle for the batched LU, made on
// the device's stream on first use (the backend holds the solver's lock
// around every call).
func (s *solver) luHandle() (*cublas.Handle, error) {
	if s.lu == nil {
		h, err := cublas.New(s.dev.ctx)
		if err != nil {
			return nil, err
		}
		if err := h.SetStream(s.dev.stream); err != nil {
			h.Close()
			return nil, err
		}
		s.lu = h
	}
	return s.lu, nil
}

func (t typed[T]) GetrfBatched(n int, ptrs, ipiv, info gpu.Ptr, batch int) error {
	h, err := t.s.luHandle()
	if err != nil {
		return err
	}
	return cublas.GetrfBatched[T](h, n, dp(ptrs), n, dp(ipiv), dp(info), batch)
}

func (t typed[T]) GetrsBatchedTrans(n, nrhs int, aPtrs, ipiv, bPtrs gpu.Ptr, batch int) error {
	h, err := t.s.luHandle()
	if err != nil {
		return err
	}
	return cublas.GetrsBatched[T](h, cublas.Trans, n, nrhs, dp(aPtrs), n, dp(ipiv), dp(bPtrs), n, batch)
}
