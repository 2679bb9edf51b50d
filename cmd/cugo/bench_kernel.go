package main

import (
	"errors"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/kernel"
)

func init() {
	workloads = append(workloads,
		workload{"elementwise_kernel_f32_64M", "GB/s", onGPU(benchElementwiseKernel)},
		workload{"reduction_kernel_l2_f32_64M", "GB/s", onGPU(benchReductionKernel)},
		workload{"small_kernel_1k", "us", onGPU(benchSmallKernel)},
	)
}

// onGPU makes a workload of user kernels absent where the backend runs
// no C (the CPU).
func onGPU(measure func(e *benchEnv) (float64, error)) func(e *benchEnv) (float64, error) {
	return func(e *benchEnv) (float64, error) {
		v, err := measure(e)
		if errors.Is(err, kernel.ErrNoCompiler) {
			return 0, errNotHere
		}
		return v, err
	}
}

// axpyKernel is the user kernel of the kernel workloads, as CuPy's
// ElementwiseKernel("float32 x, float32 y", "float32 z", ...).
func axpyKernel() (*kernel.Elementwise, error) {
	return kernel.NewElementwise("float32 x, float32 y", "float32 z", "z = x * 2.0f + y * y - 1.0f", "axpy")
}

func benchElementwiseKernel(e *benchEnv) (float64, error) {
	k, err := axpyKernel()
	if err != nil {
		return 0, err
	}
	x, y, out := e.random(1, e.n), e.random(2, e.n), e.dev.Empty(array.Float32, e.n)
	defer x.Free()
	defer y.Free()
	defer out.Free()
	d, err := e.deviceTime(50, func() error { return k.Call(x, y, out).Err() })
	return gbs(3*4*e.n, d), err
}

func benchReductionKernel(e *benchEnv) (float64, error) {
	l2, err := kernel.NewReduction("float32 x", "float32 y", "x * x", "a + b", "y = sqrt(a)", "0", "l2norm")
	if err != nil {
		return 0, err
	}
	x := e.random(1, e.n)
	defer x.Free()
	d, err := e.deviceTime(50, func() error {
		r := l2.Call(x)
		defer r.Free()
		return r.Err()
	})
	return gbs(4*e.n, d), err
}

func benchSmallKernel(e *benchEnv) (float64, error) {
	k, err := axpyKernel()
	if err != nil {
		return 0, err
	}
	x, y, out := e.random(1, 1024), e.random(2, 1024), e.dev.Empty(array.Float32, 1024)
	d, err := e.hostTime(20000, func() error { return k.Call(x, y, out).Err() })
	return float64(d.Nanoseconds()) / 1e3, err
}
