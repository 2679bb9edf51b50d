package hip

import (
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/libs/hipblas"
)

var _ gpu.LUBatcher = typed[float32]{}

// luHandle returns the solver's hipBLAS handle for the batched LU, made on
// the device's stream on first use (the backend holds the solver's lock
// around every call).
func (s *solver) luHandle() (*hipblas.Handle, error) {
	if s.lu == nil {
		h, err := hipblas.New(s.dev.ctx)
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
	return hipblas.GetrfBatched[T](h, n, dp(ptrs), n, dp(ipiv), dp(info), batch)
}

func (t typed[T]) GetrsBatchedTrans(n, nrhs int, aPtrs, ipiv, bPtrs gpu.Ptr, batch int) error {
	h, err := t.s.luHandle()
	if err != nil {
		return err
	}
	return hipblas.GetrsBatched[T](h, hipblas.Trans, n, nrhs, dp(aPtrs), n, dp(ipiv), dp(bPtrs), n, batch)
}
