package cuda

import (
	"unsafe"

	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/internal/tune"
	"github.com/cugo/cugo/libs/cusolver"
)

// potrf64 is CUGO_TUNE=linalg_potrf_64=1: Cholesky through the 64-bit
// API's cusolverDnXpotrf instead of the legacy ?potrf that CuPy calls, to
// measure which is faster on the GPU machine.
var potrf64 = tune.Int("linalg_potrf_64", 0) == 1

// xpotrfWork is Xpotrf's device workspace in elements of T; its host
// workspace is sized again by xpotrf, which allocates it.
func (t typed[T]) xpotrfWork(lower bool, n int, a gpu.Ptr) (int, error) {
	p, err := t.s.params64()
	if err != nil {
		return 0, err
	}
	device, _, err := cusolver.XpotrfBufferSize[T](t.s.h, p, fill(lower), n, dp(a), n)
	size := int(unsafe.Sizeof(*new(T)))
	return (device + size - 1) / size, err
}

func (t typed[T]) xpotrf(lower bool, n int, a, work gpu.Ptr, lwork int, info gpu.Ptr) error {
	p, err := t.s.params64()
	if err != nil {
		return err
	}
	_, host, err := cusolver.XpotrfBufferSize[T](t.s.h, p, fill(lower), n, dp(a), n)
	if err != nil {
		return err
	}
	return cusolver.Xpotrf[T](t.s.h, p, fill(lower), n, dp(a), n, dp(work), lwork*int(unsafe.Sizeof(*new(T))), make([]byte, host), dp(info))
}
