package cublas_test

import (
	"errors"
	"fmt"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/libs/cublas"
)

// Gemm computes C = alpha·op(A)·op(B) + beta·C on column-major matrices in
// device memory, on the handle's stream. It needs a GPU, so it has no
// checked output.
func ExampleGemm() {
	dev, err := driver.DeviceGet(0)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, err := dev.PrimaryContext()
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := cublas.New(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer h.Close()
	const m, n, k = 2, 2, 2
	a, _ := ctx.MemAlloc(4 * m * k)
	b, _ := ctx.MemAlloc(4 * k * n)
	c, _ := ctx.MemAlloc(4 * m * n)
	defer ctx.MemFree(a)
	defer ctx.MemFree(b)
	defer ctx.MemFree(c)
	// (fill a and b with ctx.MemcpyHtoD)
	if err := cublas.Gemm[float32](h, cublas.NoTrans, cublas.NoTrans, m, n, k, 1, a, m, b, k, 0, c, m); err != nil {
		fmt.Println(err)
	}
}

// Arguments Go can check are refused before cuBLAS is called, with the
// error cuBLAS itself gives such arguments, so errors.Is answers the same
// either way; this needs neither the library nor a GPU.
func ExampleGemm_invalidArgument() {
	err := cublas.Gemm[float32](nil, cublas.NoTrans, cublas.NoTrans, -1, 4, 4, 1, 0, 4, 0, 4, 0, 0, 4)
	fmt.Println(errors.Is(err, cublas.ErrInvalidValue))
	fmt.Println(err)
	// Output:
	// true
	// cublas: cublasSgemm: CUBLAS_STATUS_INVALID_VALUE (7): negative size in (m, n, k) = [-1 4 4]
}
