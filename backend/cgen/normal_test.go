package cgen

import (
	"encoding/binary"
	"fmt"
	"math"
	"os/exec"
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
)

// TestRandomNormalKernelsRunOnHost runs the float32 normal kernel, flat
// (vector lanes and tail) and strided (rows of 128 floats, every
// other one written), with the host's C++ compiler
// standing in for the GPU, and requires the CPU backend's bits for every
// element: the normals are defined by float32 operations both sides do
// alike.
func TestRandomNormalKernelsRunOnHost(t *testing.T) {
	cxx, err := exec.LookPath("c++")
	if err != nil {
		t.Skip("no host C++ compiler:", err)
	}
	const key, stream = 0x9e3779b97f4a7c15, 12
	const rows, cols = 41, 37 // an odd count: the flat kernel's tail runs too
	n := rows * cols
	k := kernel(nil, []dtype.DType{u64, u64},
		ir.Apply(ir.RandomNormal, dtype.Float32, ir.Param(0, u64), ir.Param(1, u64), &ir.Node{Op: ir.Counter, DType: u64}))
	srcs, err := renderModule([]unit{{k, Layout{Contiguous: true}}, {k, Layout{NDim: 2}}}, CUDA)
	if err != nil {
		t.Fatal(err)
	}
	var c strings.Builder
	c.WriteString(hostShims + bitShims + srcs[0].Code)
	c.WriteString("#define RUN(call) gridDim.x = 3; blockDim.x = 64; " +
		"for (blockIdx.x = 0; blockIdx.x < 3; blockIdx.x++) for (threadIdx.x = 0; threadIdx.x < 64; threadIdx.x++) call;\n")
	fmt.Fprintf(&c, "int main(void) {\n  static float o[%d], s[%d * 128];\n", n, rows)
	fmt.Fprintf(&c, "  RUN(%s(%d, o, %dull, %d));\n", srcs[0].Entry, n, uint64(key), stream)
	fmt.Fprintf(&c, "  %s_dims d = {{%d, %d}, {{128, 2}}};\n", srcs[1].Entry, rows, cols)
	fmt.Fprintf(&c, "  RUN(%s(%d, s, d, %dull, %d));\n", srcs[1].Entry, n, uint64(key), stream)
	fmt.Fprintf(&c, "  for (int i = 0; i < %d; i++) printf(\"%%u %%u\\n\", __float_as_uint(o[i]), __float_as_uint(s[i / %d * 128 + i %% %d * 2]));\n", n, cols, cols)
	c.WriteString("  return 0;\n}\n")
	lines := runHost(t, cxx, c.String())
	if len(lines) != n {
		t.Fatalf("%d lines of output, want %d", len(lines), n)
	}
	raw := runRandomCPU(t, k, n, []ir.Value{{key}, {stream}})
	for i := range n {
		want := binary.LittleEndian.Uint32(raw[4*i:])
		if got := lines[i]; got != fmt.Sprintf("%d %d", want, want) {
			t.Fatalf("element %d: flat and strided kernels give bits %s, the CPU %d (%v)", i, got, want, math.Float32frombits(want))
		}
	}
}

// bitShims are CUDA's float bit casts for the host.
const bitShims = `#include <string.h>
static inline unsigned __float_as_uint(float f) { unsigned u; memcpy(&u, &f, 4); return u; }
static inline float __uint_as_float(unsigned u) { float f; memcpy(&f, &u, 4); return f; }
`

// TestRandomNormalPTXSharesPairs compiles the contiguous float32 normal
// kernel with NVRTC and requires one square root per pair of elements
// (two in the vector loop of four, one in the tail) and no division:
// the unrolled lanes must share their pair's work, which a change in the
// C's shape can silently undo (it did once, doubling the angle's
// polynomials).
func TestRandomNormalPTXSharesPairs(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	k := kernel(nil, []dtype.DType{u64, u64},
		ir.Apply(ir.RandomNormal, dtype.Float32, ir.Param(0, u64), ir.Param(1, u64), &ir.Node{Op: ir.Counter, DType: u64}))
	src, err := Render(k, Layout{Contiguous: true}, CUDA)
	if err != nil {
		t.Fatal(err)
	}
	r, err := kerneltest.CUDA(src.Code)
	if err != nil {
		t.Fatal(err)
	}
	ptx := string(r.Code)
	sqrts, fmas := strings.Count(ptx, "sqrt.rn.f32"), strings.Count(ptx, "fma.rn.f32")
	if sqrts != 3 || strings.Contains(ptx, "div.") {
		t.Errorf("PTX has %d square roots (want 3) and divisions: %v", sqrts, strings.Contains(ptx, "div."))
	}
	// 15 fmas a pair: 9 for the log, 6 for the sine and cosine
	if want := 3 * 15; fmas != want {
		t.Errorf("PTX has %d fmas, want %d", fmas, want)
	}
}
