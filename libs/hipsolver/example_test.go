package hipsolver_test

import (
	"errors"
	"fmt"

	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/libs/hipsolver"
)

// Getrf factors A into P·L·U, and Getrs solves A·X = B with the factors,
// on column-major matrices in device memory; unlike cuSOLVER, both take a
// workspace. It needs a GPU, so it has no checked output.
func ExampleGetrf() {
	dev, err := hip.DeviceGet(0)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, err := dev.PrimaryContext()
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := hipsolver.New(ctx)
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
	// (fill a and b with hip.CopyHtoD)
	lwork, err := hipsolver.GetrfBufferSize[float64](h, n, n, a, n)
	if err != nil {
		fmt.Println(err)
		return
	}
	lworkSolve, err := hipsolver.GetrsBufferSize[float64](h, hipsolver.NoTrans, n, nrhs, a, n, ipiv, b, n)
	if err != nil {
		fmt.Println(err)
		return
	}
	lwork = max(lwork, lworkSolve, 1)
	work, _ := ctx.MemAlloc(8 * lwork)
	defer ctx.MemFree(work)
	if err := hipsolver.Getrf[float64](h, n, n, a, n, work, lwork, ipiv, info); err != nil {
		fmt.Println(err)
		return
	}
	// (info is 0, or i > 0 when U(i, i) is zero: read it with hip.CopyDtoH)
	if err := hipsolver.Getrs[float64](h, hipsolver.NoTrans, n, nrhs, a, n, ipiv, b, n, work, lwork, info); err != nil {
		fmt.Println(err)
	}
}

// Arguments Go can check are refused before hipSOLVER is called, with the
// error hipSOLVER itself gives such arguments, so errors.Is answers the
// same either way; this needs neither the library nor a GPU.
func ExampleGetrf_invalidArgument() {
	err := hipsolver.Getrf[float32](nil, 4, 4, 0, 2, 0, 0, 0, 0)
	fmt.Println(errors.Is(err, hipsolver.ErrInvalidValue))
	fmt.Println(err)
	// Output:
	// true
	// hipsolver: hipsolverSgetrf: HIPSOLVER_STATUS_INVALID_VALUE (3): lda = 2 is less than max(1, 4)
}
