package cusolver_test

import (
	"errors"
	"fmt"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/libs/cusolver"
)

// Getrf factors A into P·L·U, and Getrs solves A·X = B with the factors,
// on column-major matrices in device memory. It needs a GPU, so it has no
// checked output.
func ExampleGetrf() {
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
	h, err := cusolver.New(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer h.Close()
	const n, nrhs = 3, 1
	a, _ := ctx.MemAlloc(8 * n * n)
	b, _ := ctx.MemAlloc(8 * n * nrhs)
	ipiv, _ := ctx.MemAlloc(4 * n)
	info, _ := ctx.MemAlloc(4)
	defer ctx.MemFree(a)
	defer ctx.MemFree(b)
	defer ctx.MemFree(ipiv)
	defer ctx.MemFree(info)
	// (fill a and b with ctx.MemcpyHtoD)
	lwork, err := cusolver.GetrfBufferSize[float64](h, n, n, a, n)
	if err != nil {
		fmt.Println(err)
		return
	}
	work, _ := ctx.MemAlloc(8 * max(lwork, 1))
	defer ctx.MemFree(work)
	if err := cusolver.Getrf[float64](h, n, n, a, n, work, ipiv, info); err != nil {
		fmt.Println(err)
		return
	}
	// (info is 0, or i > 0 when U(i, i) is zero: read it with ctx.MemcpyDtoH)
	if err := cusolver.Getrs[float64](h, cusolver.NoTrans, n, nrhs, a, n, ipiv, b, n, info); err != nil {
		fmt.Println(err)
	}
}

// Arguments Go can check are refused before cuSOLVER is called, with the
// error cuSOLVER itself gives such arguments, so errors.Is answers the
// same either way; this needs neither the library nor a GPU.
func ExampleGetrf_invalidArgument() {
	err := cusolver.Getrf[float32](nil, 4, 4, 0, 2, 0, 0, 0)
	fmt.Println(errors.Is(err, cusolver.ErrInvalidValue))
	fmt.Println(err)
	// Output:
	// true
	// cusolver: cusolverDnSgetrf: CUSOLVER_STATUS_INVALID_VALUE (3): lda = 2 is less than max(1, 4)
}
