// Package kerneltest compiles generated kernels without a GPU, for the
// tests of the code generators and the backends: NVRTC to compute_80 PTX
// and hiprtc to a gfx90a code object (Debian's NVRTC 11 and HIP 5, which
// CI installs), with the options every cugo kernel is compiled with. It
// also holds the small IR kernels that several packages' tests launch.
package kerneltest

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/hiprtc"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/nvrtc"
)

// NeedNVRTC skips t (or fails it, under CUGO_REQUIRE=cuda) where NVRTC
// does not load.
func NeedNVRTC(t testing.TB) {
	t.Helper()
	_, _, err := nvrtc.Version()
	gputest.Need(t, "cuda", err)
}

// NeedHIPRTC skips t (or fails it, under CUGO_REQUIRE=hip) where hiprtc
// does not load.
func NeedHIPRTC(t testing.TB) {
	t.Helper()
	_, _, err := hiprtc.Version()
	gputest.Need(t, "hip", err)
}

// CUDATarget is the architecture CUDA test compiles target: the newest
// that Debian's NVRTC 11 knows.
const CUDATarget = 80

// CUDA compiles code with NVRTC to CUDATarget PTX, with the options of
// every cugo kernel.
func CUDA(code string) (*nvrtc.Result, error) {
	return nvrtc.Compile(code, nvrtc.Options{Target: CUDATarget, Options: []string{nvrtc.NoContraction}})
}

// HIP compiles code with hiprtc for the gfx target (gfx90a, CDNA with
// wavefronts of 64, if empty), with the options of every cugo kernel.
func HIP(code, target string) (*hiprtc.Result, error) {
	if target == "" {
		target = "gfx90a"
	}
	return hiprtc.Compile(code, hiprtc.Options{Target: target, Options: []string{hiprtc.NoContraction}})
}

// CompileCUDA is CUDA for CompileAll.
func CompileCUDA(code string) error {
	_, err := CUDA(code)
	return err
}

// CompileHIP is HIP for gfx90a, for CompileAll.
func CompileHIP(code string) error {
	_, err := HIP(code, "")
	return err
}

// Source is a translation unit to compile, named for failure messages
// (the kernels it holds, say).
type Source struct{ Name, Code string }

// CompileAll compiles the sources in parallel, one per core, and reports
// each failure with the source's name.
func CompileAll(t testing.TB, srcs []Source, compile func(code string) error) {
	t.Helper()
	var (
		wg   sync.WaitGroup
		sem  = make(chan struct{}, runtime.GOMAXPROCS(0))
		mu   sync.Mutex
		errs []string
	)
	for _, s := range srcs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := compile(s.Code); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Sprintf("%s:\n%v", s.Name, err))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for _, e := range errs {
		t.Error(e)
	}
}

// FirstLines returns the first n lines of code, to name a module in a
// failure message.
func FirstLines(code string, n int) string {
	lines := strings.SplitN(code, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], " ")
}

// AddScaled is out0 = in0*s0 + in1 over float32 (s0 float32), and
// out1 = in1 < in0: a kernel with two inputs, a scalar and two outputs of
// different dtypes.
func AddScaled() *ir.Kernel {
	f := dtype.Float32
	return &ir.Kernel{
		Inputs:  []dtype.DType{f, f},
		Scalars: []dtype.DType{f},
		Outputs: []*ir.Node{
			ir.Apply(ir.Add, f, ir.Apply(ir.Mul, f, ir.In(0, f), ir.Param(0, f)), ir.In(1, f)),
			ir.Apply(ir.Less, dtype.Bool, ir.In(1, f), ir.In(0, f)),
		},
	}
}
