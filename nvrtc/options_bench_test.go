package nvrtc

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkCompileOptions times one small elementwise kernel (the shape
// cugo generates) compiled for sm_90 under several option sets, to pick
// the fastest cold compile that keeps the code's speed.
func BenchmarkCompileOptions(b *testing.B) {
	if err := load(); err != nil || !hasMinimal() {
		b.Skip("needs NVRTC 12.4 or later")
	}
	src := `typedef unsigned int u32; typedef unsigned long long u64;
static __device__ __forceinline__ void k_elem(float &o0, const float x0, const float s0) { o0 = x0 * s0; }
extern "C" __global__ void k(const u32 n, float *out0, const float *in0, const float s0) {
  const u32 tid = blockIdx.x * blockDim.x + threadIdx.x, step = gridDim.x * blockDim.x;
  for (u32 i = tid; i < n; i += step) k_elem(out0[i], in0[i], s0);
}
`
	for _, set := range [][]string{
		{},
		{"-minimal"},
		{"-minimal", "-std=c++11"},
		{"-minimal", "-std=c++03"},
		{"-minimal", "-Xptxas", "-O1"},
		{"-minimal", "-dopt=on"},
	} {
		b.Run(strings.Join(append([]string{"opts"}, set...), " "), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				// a fresh program each time: a comment makes the source new
				_, err := Compile(src+fmt.Sprintf("// %d\n", i), Options{Target: 90, CUBIN: true, Options: append([]string{NoContraction}, set...)})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
