package nvrtc_test

import (
	"errors"
	"fmt"

	"github.com/cugo/cugo/nvrtc"
)

// Compile turns CUDA C++ into PTX (or a CUBIN) without a GPU; a source
// with errors gives a *CompileError carrying NVRTC's log. It needs the
// NVRTC library, so it has no checked output.
func ExampleCompile() {
	res, err := nvrtc.Compile(`extern "C" __global__ void add(float *x, float y) { *x += y; }`,
		nvrtc.Options{Target: 80, Options: []string{nvrtc.NoContraction}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(res.Code) > 0, res.CUBIN)

	_, err = nvrtc.Compile(`extern "C" __global__ void broken() { undeclared(); }`, nvrtc.Options{Target: 80})
	var ce *nvrtc.CompileError
	if errors.As(err, &ce) {
		fmt.Println(errors.Is(err, nvrtc.ErrCompilation), ce.Log)
	}
}

// NVRTC's errors have the shape of every cugo vendor binding: library,
// call, numeric code and its name, matched with errors.Is.
func Example_errors() {
	fmt.Println(nvrtc.ErrCompilation)
	fmt.Println(errors.Is(fmt.Errorf("building kernels: %w", nvrtc.ErrCompilation), nvrtc.ErrCompilation))
	// Output:
	// nvrtc: NVRTC_ERROR_COMPILATION (6)
	// true
}
