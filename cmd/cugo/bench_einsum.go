package main

import "github.com/cugo/cugo/array"

// benchEinsumBMM times "bij,bjk->bik" on 64 float32 matrices of side
// e.side/16 (512 at full size, 64 small) into a new array: TFLOP/s of
// 2·64·n³ flops. The contraction should be one strided-batched GEMM.
func benchEinsumBMM(e *benchEnv) (float64, error) {
	const batch = 64
	n := e.side / 16
	x := e.random(1, batch, n, n)
	defer x.Free()
	d, err := e.deviceTime(20, func() error {
		r := array.Einsum("bij,bjk->bik", x, x)
		defer r.Free()
		return r.Err()
	})
	return 2 * batch * float64(n) * float64(n) * float64(n) / d.Seconds() / 1e12, err
}
