package cgen

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
)

var u64 = dtype.Uint64

// randomKernels are kernels of every random op, keyed by scalars 0 (key)
// and 1 (stream); the samplers read their parameters from inputs.
func randomKernels() []namedUnit {
	key, stream, ctr := ir.Param(0, u64), ir.Param(1, u64), &ir.Node{Op: ir.Counter, DType: u64}
	bits32 := ir.Apply(ir.Philox, dtype.Uint32, key, stream, ctr)
	uniform := ir.Apply(ir.Mul, dtype.Float32,
		ir.To(ir.Apply(ir.RightShift, dtype.Uint32, bits32, ir.Param(2, dtype.Uint32)), dtype.Float32), ir.Param(3, dtype.Float32))
	ks := map[string]*ir.Kernel{
		"philox32": kernel(nil, []dtype.DType{u64, u64}, bits32),
		"philox64": kernel(nil, []dtype.DType{u64, u64}, ir.Apply(ir.Philox, u64, key, stream, ctr)),
		"uniform":  kernel(nil, []dtype.DType{u64, u64, dtype.Uint32, dtype.Float32}, uniform),
		"normal":   kernel(nil, []dtype.DType{u64, u64}, ir.Apply(ir.RandomNormal, dtype.Float32, key, stream, ctr)),
		"bounded":  kernel([]dtype.DType{u64}, []dtype.DType{u64, u64}, ir.Apply(ir.RandomBounded, u64, key, stream, ctr, ir.In(0, u64))),
		"gamma": kernel([]dtype.DType{dtype.Float64}, []dtype.DType{u64, u64},
			ir.Apply(ir.RandomGamma, dtype.Float64, key, stream, ctr, ir.In(0, dtype.Float64))),
		"poisson": kernel([]dtype.DType{dtype.Float64}, []dtype.DType{u64, u64},
			ir.Apply(ir.RandomPoisson, dtype.Int64, key, stream, ctr, ir.In(0, dtype.Float64))),
		"binomial": kernel([]dtype.DType{dtype.Int64, dtype.Float64}, []dtype.DType{u64, u64},
			ir.Apply(ir.RandomBinomial, dtype.Int64, key, stream, ctr, ir.In(0, dtype.Int64), ir.In(1, dtype.Float64))),
		"vonmises": kernel([]dtype.DType{dtype.Float64}, []dtype.DType{u64, u64},
			ir.Apply(ir.RandomVonMises, dtype.Float64, key, stream, ctr, ir.In(0, dtype.Float64))),
		"zipf": kernel([]dtype.DType{dtype.Float64}, []dtype.DType{u64, u64},
			ir.Apply(ir.RandomZipf, dtype.Int64, key, stream, ctr, ir.In(0, dtype.Float64))),
		"logseries": kernel([]dtype.DType{dtype.Float64}, []dtype.DType{u64, u64},
			ir.Apply(ir.RandomLogseries, dtype.Int64, key, stream, ctr, ir.In(0, dtype.Float64))),
		"hypergeometric": kernel([]dtype.DType{dtype.Int64, dtype.Int64, dtype.Int64}, []dtype.DType{u64, u64},
			ir.Apply(ir.RandomHypergeometric, dtype.Int64, key, stream, ctr, ir.In(0, dtype.Int64), ir.In(1, dtype.Int64), ir.In(2, dtype.Int64))),
	}
	// Each kernel in the three ways of computing ir.Counter: the flat loop
	// (with its vector lanes), the strided loop and the tiles.
	var us []namedUnit
	for name, k := range ks {
		for _, l := range []Layout{{Contiguous: true, Broadcast: 1}, {NDim: 3, Index64: true}, {NDim: 2, Tiled: 1}} {
			if len(k.Inputs) == 0 {
				l.Broadcast, l.Tiled = 0, 0
			}
			us = append(us, namedUnit{name + " " + l.String(), unit{k, l}})
		}
	}
	return us
}

func TestRandomKernelsCompile(t *testing.T) {
	t.Run("cuda", func(t *testing.T) {
		kerneltest.NeedNVRTC(t)
		compileAll(t, randomKernels(), 11, CUDA, kerneltest.CompileCUDA)
	})
	t.Run("hip", func(t *testing.T) {
		kerneltest.NeedHIPRTC(t)
		compileAll(t, randomKernels(), 21, HIP, kerneltest.CompileHIP)
	})
}

func TestRandomRejectsBadOperands(t *testing.T) {
	key, ctr := ir.Param(0, u64), &ir.Node{Op: ir.Counter, DType: u64}
	for name, k := range map[string]*ir.Kernel{
		"philox float":  kernel(nil, []dtype.DType{u64}, ir.Apply(ir.Philox, dtype.Float32, key, key, ctr)),
		"gamma int":     kernel(nil, []dtype.DType{u64}, ir.Apply(ir.RandomGamma, dtype.Float64, key, key, ctr, key)),
		"poisson float": kernel([]dtype.DType{dtype.Float64}, []dtype.DType{u64}, ir.Apply(ir.RandomPoisson, dtype.Float64, key, key, ctr, ir.In(0, dtype.Float64))),
		"bounded arity": kernel(nil, []dtype.DType{u64}, ir.Apply(ir.RandomBounded, u64, key, key, ctr)),
		"normal f64":    kernel(nil, []dtype.DType{u64}, ir.Apply(ir.RandomNormal, dtype.Float64, key, key, ctr)),
		"zipf float":    kernel([]dtype.DType{dtype.Float64}, []dtype.DType{u64}, ir.Apply(ir.RandomZipf, dtype.Float64, key, key, ctr, ir.In(0, dtype.Float64))),
		"hypergeometric float": kernel([]dtype.DType{dtype.Float64}, []dtype.DType{u64},
			ir.Apply(ir.RandomHypergeometric, dtype.Int64, key, key, ctr, ir.In(0, dtype.Float64), ir.In(0, dtype.Float64), ir.In(0, dtype.Float64))),
	} {
		if _, err := Render(k, Layout{Contiguous: true}, CUDA); err == nil {
			t.Errorf("%s: rendered without an error", name)
		}
	}
}

// TestRandomHelpersMatchCPU compiles the random helpers with the host's
// C++ compiler (CUDA's qualifiers defined away) and compares their
// results with the CPU backend's on the same (key, stream, element):
// Philox words and bounded integers bit for bit, the samplers' integers
// exactly and gamma variates to 1e-12 relative (the host libm and Go's
// math differ in the last bits).
func TestRandomHelpersMatchCPU(t *testing.T) {
	cxx, err := exec.LookPath("c++")
	if err != nil {
		t.Skip("no host C++ compiler:", err)
	}
	const key, stream, n = 0x0123456789abcdef, 77, 300
	spans := []uint64{0, 1, 2, 6, 1000, 1<<32 - 1, 1 << 32, 1<<63 + 12345, math.MaxUint64 - 1, math.MaxUint64}
	shapes := []float64{0, 0.05, 0.5, 1, 2.5, 30, 1e6, -1, math.NaN()}
	lams := []float64{0, 0.3, 4, 9.99, 10, 57.5, 1e7, -2}
	trials := []struct {
		n int64
		p float64
	}{{0, 0.5}, {1, 0.5}, {20, 0.3}, {100, 0.2}, {100, 0.9}, {1000, 0.5}, {1 << 40, 1e-3}, {50, 1}, {50, 0}, {-1, 0.5}, {10, 1.5}}

	var c strings.Builder
	c.WriteString(hostShims + typedefs)
	need := helperSet{}
	for _, h := range []string{"philox", "random_bounded", "random_gamma", "random_poisson", "random_binomial"} {
		need.add(h)
	}
	for _, h := range helpers {
		if need[h.name] {
			c.WriteString(h.cuda)
		}
	}
	fmt.Fprintf(&c, "int main(void) {\n  const u64 key = %dull, stream = %dull;\n", uint64(key), stream)
	fmt.Fprintf(&c, "  for (u64 i = 0; i < %d; i++) printf(\"%%llu %%llu\\n\", (u64)philox32(key, stream, i), philox64(key, stream, i));\n", n)
	for _, r := range spans {
		fmt.Fprintf(&c, "  for (u64 i = 0; i < 8; i++) printf(\"%%llu\\n\", random_bounded(sampler_(key, stream, i), %dull));\n", r)
	}
	for _, a := range shapes {
		fmt.Fprintf(&c, "  for (u64 i = 0; i < 8; i++) printf(\"%%.17g\\n\", random_gamma(sampler_(key, stream, i), %s));\n", cDouble(a))
	}
	for _, l := range lams {
		fmt.Fprintf(&c, "  for (u64 i = 0; i < 8; i++) printf(\"%%lld\\n\", random_poisson(sampler_(key, stream, i), %s));\n", cDouble(l))
	}
	for _, b := range trials {
		fmt.Fprintf(&c, "  for (u64 i = 0; i < 8; i++) printf(\"%%lld\\n\", random_binomial(sampler_(key, stream, i), %dll, %s));\n", b.n, cDouble(b.p))
	}
	c.WriteString("  return 0;\n}\n")
	next := hostLines(t, cxx, c.String())
	keyed := func(outDT dtype.DType, ins []dtype.DType, op func(key, stream, ctr *ir.Node) *ir.Node) *ir.Kernel {
		return &ir.Kernel{Inputs: ins, Scalars: []dtype.DType{u64, u64},
			Outputs: []*ir.Node{op(ir.Param(0, u64), ir.Param(1, u64), &ir.Node{Op: ir.Counter, DType: u64})}}
	}
	cpuRun := func(k *ir.Kernel, count int, ins ...[]byte) []byte {
		return runRandomCPU(t, k, count, []ir.Value{{key}, {stream}}, ins...)
	}
	w32 := cpuRun(keyed(dtype.Uint32, nil, func(k, s, c *ir.Node) *ir.Node { return ir.Apply(ir.Philox, dtype.Uint32, k, s, c) }), n)
	w64 := cpuRun(keyed(u64, nil, func(k, s, c *ir.Node) *ir.Node { return ir.Apply(ir.Philox, u64, k, s, c) }), n)
	for i := range n {
		want := fmt.Sprintf("%d %d", binary.LittleEndian.Uint32(w32[4*i:]), binary.LittleEndian.Uint64(w64[8*i:]))
		if got := next(); got != want {
			t.Fatalf("word %d: C %s, CPU %s", i, got, want)
		}
	}
	repeat := func(v uint64) []byte {
		b := make([]byte, 64)
		for i := range 8 {
			binary.LittleEndian.PutUint64(b[8*i:], v)
		}
		return b
	}
	for _, r := range spans {
		got := cpuRun(keyed(u64, []dtype.DType{u64}, func(k, s, c *ir.Node) *ir.Node {
			return ir.Apply(ir.RandomBounded, u64, k, s, c, ir.In(0, u64))
		}), 8, repeat(r))
		for i := range 8 {
			if c, g := next(), strconv.FormatUint(binary.LittleEndian.Uint64(got[8*i:]), 10); c != g {
				t.Errorf("bounded(%d) element %d: C %s, CPU %s", r, i, c, g)
			}
		}
	}
	for _, a := range shapes {
		got := cpuRun(keyed(dtype.Float64, []dtype.DType{dtype.Float64}, func(k, s, c *ir.Node) *ir.Node {
			return ir.Apply(ir.RandomGamma, dtype.Float64, k, s, c, ir.In(0, dtype.Float64))
		}), 8, repeat(math.Float64bits(a)))
		for i := range 8 {
			cv, g := parseCFloat(t, next()), math.Float64frombits(binary.LittleEndian.Uint64(got[8*i:]))
			if !sameFloat(cv, g) {
				t.Errorf("gamma(%g) element %d: C %v, CPU %v", a, i, cv, g)
			}
		}
	}
	ints := func(name string, got []byte) {
		for i := range 8 {
			if c, g := next(), strconv.FormatInt(int64(binary.LittleEndian.Uint64(got[8*i:])), 10); c != g {
				t.Errorf("%s element %d: C %s, CPU %s", name, i, c, g)
			}
		}
	}
	for _, l := range lams {
		ints(fmt.Sprintf("poisson(%g)", l), cpuRun(keyed(dtype.Int64, []dtype.DType{dtype.Float64}, func(k, s, c *ir.Node) *ir.Node {
			return ir.Apply(ir.RandomPoisson, dtype.Int64, k, s, c, ir.In(0, dtype.Float64))
		}), 8, repeat(math.Float64bits(l))))
	}
	for _, b := range trials {
		ints(fmt.Sprintf("binomial(%d, %g)", b.n, b.p), cpuRun(keyed(dtype.Int64, []dtype.DType{dtype.Int64, dtype.Float64}, func(k, s, c *ir.Node) *ir.Node {
			return ir.Apply(ir.RandomBinomial, dtype.Int64, k, s, c, ir.In(0, dtype.Int64), ir.In(1, dtype.Float64))
		}), 8, repeat(uint64(b.n)), repeat(math.Float64bits(b.p))))
	}
}

func cDouble(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NAN"
	case math.IsInf(x, 1):
		return "INFINITY"
	case math.IsInf(x, -1):
		return "-INFINITY"
	case x == 0 && math.Signbit(x):
		return "-0.0" // C's -0 is the int 0
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// runRandomCPU runs k over count contiguous elements on the CPU backend
// with the given inputs (count elements each) and returns the output's bytes.
func runRandomCPU(t *testing.T, k *ir.Kernel, count int, scalars []ir.Value, ins ...[]byte) []byte {
	t.Helper()
	b := cpu.New(0)
	var operands []backend.Operand
	for i, in := range ins {
		buf, _ := b.Alloc(len(in))
		defer b.Free(buf)
		if err := b.Write(buf, 0, in); err != nil {
			t.Fatal(err)
		}
		operands = append(operands, backend.Operand{Buf: buf, DType: k.Inputs[i], Strides: []int{1}})
	}
	d := k.Outputs[0].DType
	ob, _ := b.Alloc(count * d.Size())
	defer b.Free(ob)
	if err := b.Elementwise(k, []int{count}, []backend.Operand{{Buf: ob, DType: d, Strides: []int{1}}}, operands, scalars); err != nil {
		t.Fatal(err)
	}
	raw := make([]byte, count*d.Size())
	if err := b.Read(raw, ob, 0); err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestRandomKernelsRunOnHost runs whole generated kernels, flat (with
// their vector lanes and tail), strided and tiled, with the host's C++
// compiler standing in for the GPU (the threads of a grid run one after
// another; a flat or strided grid of 3 blocks of 64 threads, so that the
// grid-stride loops go round; each tile twice, so that the second run
// finds the shared memory the first filled), and compares every element
// with the CPU backend's: each layout must give element i the words of
// counter i.
func TestRandomKernelsRunOnHost(t *testing.T) {
	cxx, err := exec.LookPath("c++")
	if err != nil {
		t.Skip("no host C++ compiler:", err)
	}
	const key, stream = 0xfeedface12345678, 3
	const rows, cols = 37, 29 // the strided launch; its output has strides (64, 2)
	n := rows * cols
	kernels := []*ir.Kernel{}
	for _, dt := range []dtype.DType{dtype.Uint32, u64} {
		kernels = append(kernels, kernel(nil, []dtype.DType{u64, u64},
			ir.Apply(ir.Philox, dt, ir.Param(0, u64), ir.Param(1, u64), &ir.Node{Op: ir.Counter, DType: u64})))
	}
	// The tiled kernel adds an input of zeros read through the tiles.
	tiledK := kernel([]dtype.DType{u64}, []dtype.DType{u64, u64}, ir.Apply(ir.Add, u64, ir.In(0, u64),
		ir.Apply(ir.Philox, u64, ir.Param(0, u64), ir.Param(1, u64), &ir.Node{Op: ir.Counter, DType: u64})))
	var units []unit
	for _, k := range kernels {
		units = append(units, unit{k, Layout{Contiguous: true}}, unit{k, Layout{NDim: 2}})
	}
	units = append(units, unit{tiledK, Layout{NDim: 2, Tiled: 1}})
	srcs, err := renderModule(units, CUDA)
	if err != nil {
		t.Fatal(err)
	}
	var c strings.Builder
	c.WriteString(hostShims)
	c.WriteString(srcs[0].Code)
	fmt.Fprintf(&c, "static u64 flat[%d], strided[%d * 64];\n", n, rows)
	c.WriteString("#define RUN(call) gridDim.x = 3; blockDim.x = 64; " +
		"for (blockIdx.x = 0; blockIdx.x < 3; blockIdx.x++) for (threadIdx.x = 0; threadIdx.x < 64; threadIdx.x++) call;\n")
	c.WriteString("#define TILES(call) for (blockIdx.y = 0; blockIdx.y < 2; blockIdx.y++) for (blockIdx.x = 0; blockIdx.x < 1; blockIdx.x++) " +
		"for (int pass = 0; pass < 2; pass++) for (threadIdx.y = 0; threadIdx.y < 8; threadIdx.y++) for (threadIdx.x = 0; threadIdx.x < 32; threadIdx.x++) call;\n")
	c.WriteString("int main(void) {\n")
	for i, k := range kernels {
		T := storage(k.Outputs[0].DType)
		fmt.Fprintf(&c, "  { static %s o[%d], s[%d * 64];\n", T, n, rows)
		fmt.Fprintf(&c, "    RUN(%s(%d, o, %dull, %d));\n", srcs[2*i].Entry, n, uint64(key), stream)
		fmt.Fprintf(&c, "    %s_dims d = {{%d, %d}, {{64, 2}}};\n", srcs[2*i+1].Entry, rows, cols)
		fmt.Fprintf(&c, "    RUN(%s(%d, s, d, %dull, %d));\n", srcs[2*i+1].Entry, n, uint64(key), stream)
		fmt.Fprintf(&c, "    for (int i = 0; i < %d; i++) printf(\"%%llu %%llu\\n\", (u64)o[i], (u64)s[i / %d * 64 + i %% %d * 2]);\n  }\n", n, cols, cols)
	}
	// The tiled launch: (rows, cols) with the input transposed (strides
	// (1, rows)) and the output C-ordered.
	fmt.Fprintf(&c, "  { static u64 zeros[%d], o[%d];\n", n, n)
	fmt.Fprintf(&c, "    %s_dims d = {{%d, %d}, {{%d, 1}, {1, %d}}};\n", srcs[4].Entry, rows, cols, cols, rows)
	fmt.Fprintf(&c, "    TILES(%s(%d, o, zeros, d, %dull, %d));\n", srcs[4].Entry, n, uint64(key), stream)
	fmt.Fprintf(&c, "    for (int i = 0; i < %d; i++) printf(\"%%llu\\n\", o[i]);\n  }\n", n)
	c.WriteString("  return 0;\n}\n")
	lines := runHost(t, cxx, c.String())
	if len(lines) != 3*n {
		t.Fatalf("%d lines of output, want %d", len(lines), 3*n)
	}
	for j, k := range kernels {
		d := k.Outputs[0].DType
		raw := runRandomCPU(t, k, n, []ir.Value{{key}, {stream}})
		for i := range n {
			var w [8]byte
			copy(w[:], raw[i*d.Size():(i+1)*d.Size()])
			want := binary.LittleEndian.Uint64(w[:])
			if got := lines[j*n+i]; got != fmt.Sprintf("%d %d", want, want) {
				t.Fatalf("%v element %d: flat and strided kernels give %s, the CPU %d", d, i, got, want)
			}
			if got := lines[2*n+i]; d == u64 && got != strconv.FormatUint(want, 10) {
				t.Fatalf("element %d: the tiled kernel gives %s, the CPU %d", i, got, want)
			}
		}
	}
}

// hostShims let CUDA C compile as host C++: qualifiers defined away, the
// thread indices as globals (the caller runs the threads one after
// another), CUDA's integer intrinsics in plain C.
const hostShims = `#include <stdio.h>
#include <string.h>
#include <math.h>
#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static
#define __syncthreads()
struct dim { unsigned x, y, z; };
static dim blockIdx, blockDim, gridDim, threadIdx;
static inline unsigned __umulhi(unsigned a, unsigned b) { return (unsigned)(((unsigned long long)a * b) >> 32); }
static inline unsigned long long __umul64hi(unsigned long long a, unsigned long long b) {
  return (unsigned long long)(((unsigned __int128)a * b) >> 64);
}
static inline double __longlong_as_double(long long v) { double d; memcpy(&d, &v, sizeof d); return d; }
static inline float __int_as_float(int v) { float f; memcpy(&f, &v, sizeof f); return f; }
`

// runHost compiles a C++ program with the host compiler cxx (no
// floating-point contraction, as the GPU kernels are compiled), runs it
// and returns the lines it prints.
func runHost(t *testing.T, cxx, code string) []string {
	t.Helper()
	dir := t.TempDir()
	src, bin := filepath.Join(dir, "prog.cc"), filepath.Join(dir, "prog")
	if err := os.WriteFile(src, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(cxx, "-O1", "-ffp-contract=off", "-o", bin, src).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s\n%s", cxx, err, out, code)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}
