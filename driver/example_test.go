package driver_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/nvrtc"
)

// A kernel from source to result: compile with NVRTC, load into the
// device's primary context, launch, copy back. It needs a GPU, so it has
// no checked output.
func Example() {
	const src = `extern "C" __global__ void scale(float *x, float a, int n) {
	int i = blockIdx.x * blockDim.x + threadIdx.x;
	if (i < n) x[i] *= a;
}`
	dev, err := driver.DeviceGet(0)
	if err != nil {
		fmt.Println(err) // errors.Is(err, driver.ErrNoDevice) on a machine without a GPU
		return
	}
	cc, _, _ := dev.ComputeCapability()
	target, cubin := nvrtc.PickTarget(cc * 10)
	res, err := nvrtc.Compile(src, nvrtc.Options{Target: target, CUBIN: cubin})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, err := dev.PrimaryContext()
	if err != nil {
		fmt.Println(err)
		return
	}
	mod, err := ctx.LoadModule(res.Code)
	if err != nil {
		fmt.Println(err)
		return
	}
	scale, err := mod.Function("scale")
	if err != nil {
		fmt.Println(err)
		return
	}
	const n = 4
	host := make([]byte, 4*n)
	for i := range n {
		binary.LittleEndian.PutUint32(host[4*i:], math.Float32bits(float32(i)))
	}
	x, err := ctx.MemAlloc(len(host))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ctx.MemFree(x)
	if err := ctx.MemcpyHtoD(x, host); err != nil {
		fmt.Println(err)
		return
	}
	// grid, block, shared memory, stream (nil: the NULL stream), then the
	// kernel's parameters; Y and Z of 0 mean 1.
	if err := scale.Launch(driver.Dim3{X: 1}, driver.Dim3{X: 32}, 0, nil, x, float32(10), int32(n)); err != nil {
		fmt.Println(err)
		return
	}
	if err := ctx.MemcpyDtoH(host, x); err != nil { // waits for the kernel
		fmt.Println(err)
		return
	}
	for i := range n {
		fmt.Print(math.Float32frombits(binary.LittleEndian.Uint32(host[4*i:])), " ")
	}
	fmt.Println()
}

// Every failed call is a *driver.Error (the error shape of every cugo
// vendor binding): the library, the call, the code and its name. Sentinels
// match by library and code, so a CUDA out-of-memory is not a HIP one.
func Example_errors() {
	err := fmt.Errorf("allocating the workspace: %w", driver.ErrOutOfMemory)
	fmt.Println(errors.Is(err, driver.ErrOutOfMemory), errors.Is(err, hip.ErrOutOfMemory))
	var e *driver.Error
	if errors.As(err, &e) {
		fmt.Println(e.Library, e.Code, e.Name)
	}
	// Output:
	// true false
	// cuda 2 CUDA_ERROR_OUT_OF_MEMORY
}
