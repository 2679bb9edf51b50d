package nvrtc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cugo/cugo/internal/gputest"
	sym "github.com/cugo/cugo/internal/sym/nvrtc"
	"github.com/cugo/cugo/kernelcache"
)

// needNVRTC skips (or fails, under CUGO_REQUIRE=cuda) where NVRTC is absent.
// Debian's libnvrtc.so.11.2 on the development machine makes these run.
func needNVRTC(t *testing.T) {
	t.Helper()
	gputest.Need(t, "cuda", load())
}

const addSrc = `extern "C" __global__ void add(const float *a, const float *b, float *c, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) c[i] = a[i] + b[i];
}
`

const scaleSrc = `template <typename T>
__global__ void scale(T *x, T a, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] *= a;
}
`

func TestVersion(t *testing.T) {
	needNVRTC(t)
	major, minor, err := Version()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("NVRTC %d.%d", major, minor)
	lib, _ := sym.Load()
	if strings.Contains(filepath.Base(lib.File()), "libnvrtc.so.11") && major != 11 {
		t.Errorf("%s reports version %d.%d, want 11.x", lib.File(), major, minor)
	}
	if major < 11 || minor < 0 {
		t.Errorf("Version = %d.%d, want 11.0 or later", major, minor)
	}
}

func TestSupportedArchs(t *testing.T) {
	needNVRTC(t)
	archs, err := SupportedArchs()
	if err != nil {
		t.Fatal(err)
	}
	t.Log(archs)
	if !slices.IsSorted(archs) || !slices.Contains(archs, 80) {
		t.Errorf("SupportedArchs = %v, want an ascending list containing 80", archs)
	}
	for _, a := range archs {
		if a < 30 || a > 200 {
			t.Errorf("SupportedArchs holds %d, not a compute capability times ten", a)
		}
	}
}

func TestPickTargetChoice(t *testing.T) {
	nvrtc13 := []int{75, 80, 86, 87, 88, 89, 90, 100, 103, 110, 120, 121}
	nvrtc118 := []int{35, 37, 50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86, 87, 89, 90}
	cases := []struct {
		archs     []int
		device    int
		wantArch  int
		wantCUBIN bool
	}{
		{nvrtc13, 90, 90, true},
		{nvrtc13, 120, 120, true},
		{nvrtc118, 90, 90, true},
		{nvrtc118, 100, 90, false}, // Blackwell under CUDA 11.8: PTX for Hopper, JIT by the driver
		{nvrtc118, 120, 90, false},
		{nvrtc118, 89, 89, true},
		{[]int{52, 60, 70, 80}, 86, 80, false}, // same major, not listed
		{[]int{52, 60, 70, 80}, 75, 70, false},
		{nvrtc13, 61, 61, false}, // older than all: NVRTC will say so
	}
	for _, c := range cases {
		arch, cubin := pickTarget(c.archs, c.device)
		if arch != c.wantArch || cubin != c.wantCUBIN {
			t.Errorf("pickTarget(%v, %d) = %d, %v; want %d, %v", c.archs, c.device, arch, cubin, c.wantArch, c.wantCUBIN)
		}
	}
}

func TestPickTargetLoaded(t *testing.T) {
	needNVRTC(t)
	archs, err := SupportedArchs()
	if err != nil {
		t.Fatal(err)
	}
	newest := archs[len(archs)-1]
	if arch, cubin := PickTarget(newest); arch != newest || !cubin {
		t.Errorf("PickTarget(%d) = %d, %v; want a CUBIN for it", newest, arch, cubin)
	}
	if arch, cubin := PickTarget(newest + 500); arch != newest || cubin {
		t.Errorf("PickTarget(%d) = %d, %v; want PTX for %d", newest+500, arch, cubin, newest)
	}
}

// ptxText returns the PTX without its NUL, failing t if the NUL is missing.
func ptxText(t *testing.T, r *Result) string {
	t.Helper()
	if r.CUBIN {
		t.Fatal("got a CUBIN, want PTX")
	}
	if len(r.Code) == 0 || r.Code[len(r.Code)-1] != 0 || bytes.IndexByte(r.Code, 0) != len(r.Code)-1 {
		t.Fatal("PTX is not one NUL-terminated string")
	}
	return string(r.Code[:len(r.Code)-1])
}

func TestCompileSimpleKernel(t *testing.T) {
	needNVRTC(t)
	r, err := Compile(addSrc, Options{Name: "add.cu", Target: 80})
	if err != nil {
		t.Fatal(err)
	}
	ptx := ptxText(t, r)
	for _, want := range []string{".target sm_80", ".entry add(", "add.f32", "ld.global"} {
		if !strings.Contains(ptx, want) {
			t.Errorf("PTX lacks %q:\n%s", want, ptx)
		}
	}
	if r.LoweredNames != nil {
		t.Errorf("LoweredNames = %v without name expressions", r.LoweredNames)
	}
}

func TestCompileTemplateWithNameExpressions(t *testing.T) {
	needNVRTC(t)
	exprs := []string{"&scale<float>", "&scale<double>"}
	r, err := Compile(scaleSrc, Options{Name: "scale.cu", Target: 80, NameExpressions: exprs})
	if err != nil {
		t.Fatal(err)
	}
	// Itanium mangling of void scale<T>(T*, T, int).
	want := map[string]string{"&scale<float>": "_Z5scaleIfEvPT_S0_i", "&scale<double>": "_Z5scaleIdEvPT_S0_i"}
	if fmt.Sprint(r.LoweredNames) != fmt.Sprint(want) {
		t.Errorf("LoweredNames = %v, want %v", r.LoweredNames, want)
	}
	ptx := ptxText(t, r)
	for _, name := range want {
		if !strings.Contains(ptx, ".entry "+name+"(") {
			t.Errorf("PTX has no entry %s", name)
		}
	}
	if !strings.Contains(ptx, "mul.f64") || !strings.Contains(ptx, "mul.f32") {
		t.Error("PTX lacks the float or double instantiation's multiply")
	}
}

func TestCompileWithInMemoryHeader(t *testing.T) {
	needNVRTC(t)
	src := `#include "cugo/axpy.h"
extern "C" __global__ void axpy(float a, const float *x, float *y, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = axpy_one(a, x[i], y[i]);
}
`
	headers := map[string]string{
		"cugo/axpy.h": "__device__ inline float axpy_one(float a, float x, float y) { return fmaf(a, x, y) + BIAS; }\n",
		"unused.h":    "#error never included\n",
	}
	opts := Options{Name: "axpy.cu", Target: 80, Headers: headers, Options: []string{"-DBIAS=0.25f"}}
	r, err := Compile(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	ptx := ptxText(t, r)
	if !strings.Contains(ptx, "fma.rn.f32") || !strings.Contains(ptx, "0f3E800000") { // 0.25f
		t.Errorf("PTX lacks the header's fma and the -D constant:\n%s", ptx)
	}

	opts.Headers = nil
	_, err = Compile(src, opts)
	var ce *CompileError
	if !errors.As(err, &ce) || !strings.Contains(ce.Log, "cugo/axpy.h") {
		t.Errorf("without the header: err = %v, want a CompileError naming cugo/axpy.h", err)
	}
}

func TestCompileErrorCarriesLog(t *testing.T) {
	needNVRTC(t)
	src := "extern \"C\" __global__ void broken(float *x)\n{\n    x[0] = undeclared_name;\n}\n"
	_, err := Compile(src, Options{Name: "broken.cu", Target: 80, Options: []string{"-lineinfo"}})
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v (%T), want a *CompileError", err, err)
	}
	if ce.Program != "broken.cu" || !slices.Equal(ce.Options, []string{"-arch=compute_80", "-lineinfo"}) {
		t.Errorf("CompileError names %q with %q", ce.Program, ce.Options)
	}
	if !strings.Contains(ce.Log, "broken.cu(3): error") || !strings.Contains(ce.Log, "undeclared_name") {
		t.Errorf("log lacks the line-3 error:\n%s", ce.Log)
	}
	if !strings.Contains(err.Error(), ce.Log) || !strings.Contains(err.Error(), "NVRTC_ERROR_COMPILATION") {
		t.Errorf("Error() does not show the log and the NVRTC status:\n%s", err)
	}
	var nerr *Error
	if !errors.As(err, &nerr) || nerr.Call != "nvrtcCompileProgram" || nerr.Code != 6 || !errors.Is(err, ErrCompilation) {
		t.Errorf("wrapped NVRTC error = %+v, want nvrtcCompileProgram NVRTC_ERROR_COMPILATION (6)", nerr)
	}
}

func TestCompileRejectsBadOptions(t *testing.T) {
	needNVRTC(t)
	bad := map[string]Options{
		"-arch and Target":      {Target: 80, Options: []string{"-arch=sm_80"}},
		"long -arch and Target": {Target: 80, Options: []string{"--gpu-architecture=compute_80"}},
		"CUBIN without Target":  {CUBIN: true},
		"negative Target":       {Target: -80},
	}
	for name, opts := range bad {
		if _, err := Compile(addSrc, opts); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// An architecture NVRTC does not know fails in NVRTC, with its log.
	_, err := Compile(addSrc, Options{Target: 11})
	var ce *CompileError
	if !errors.As(err, &ce) || !strings.Contains(ce.Log, "arch") {
		t.Errorf("Target 11: err = %v, want a CompileError about the architecture", err)
	}
}

func TestCompileCUBIN(t *testing.T) {
	needNVRTC(t)
	archs, err := SupportedArchs()
	if err == nil && !slices.Contains(archs, 90) {
		err = fmt.Errorf("this NVRTC cannot compile for sm_90 (it knows %v)", archs)
	}
	gputest.Need(t, "cuda", err)
	r, err := Compile(addSrc, Options{Target: 90, CUBIN: true})
	if err != nil {
		t.Fatal(err)
	}
	if !r.CUBIN || len(r.Code) < 64 || string(r.Code[:4]) != "\x7fELF" {
		t.Fatalf("not an ELF CUBIN: CUBIN=%v, %d bytes", r.CUBIN, len(r.Code))
	}
	const emCUDA = 190 // ELF e_machine of NVIDIA CUDA images
	if m := binary.LittleEndian.Uint16(r.Code[18:]); m != emCUDA {
		t.Errorf("ELF machine %d, want EM_CUDA (%d)", m, emCUDA)
	}
	if !bytes.Contains(r.Code, []byte("add\x00")) {
		t.Error("CUBIN has no symbol add")
	}
}

func TestConcurrentCompiles(t *testing.T) {
	needNVRTC(t)
	const n = 6
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			name := fmt.Sprintf("k%d", i)
			src := strings.Replace(addSrc, "void add(", "void "+name+"(", 1)
			r, err := Compile(src, Options{Target: 80})
			if err == nil && !bytes.Contains(r.Code, []byte(".entry "+name+"(")) {
				err = fmt.Errorf("PTX of %s lacks its entry", name)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Error(err)
	}
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestCompileCached(t *testing.T) {
	needNVRTC(t)
	dir := t.TempDir()
	cache := kernelcache.New(dir, quiet)
	opts := Options{Name: "scale.cu", Target: 80, NameExpressions: []string{"&scale<float>"}}
	first, err := CompileCached(cache, scaleSrc, opts)
	if err != nil {
		t.Fatal(err)
	}
	second, err := CompileCached(cache, scaleSrc, opts)
	if err != nil {
		t.Fatal(err)
	}
	if s := cache.Stats(); s.Compiles != 1 || s.MemoryHits != 1 {
		t.Errorf("stats %+v, want one compile and one memory hit", s)
	}
	fromDisk, err := CompileCached(kernelcache.New(dir, quiet), scaleSrc, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Result{second, fromDisk} {
		if !bytes.Equal(r.Code, first.Code) || r.CUBIN || fmt.Sprint(r.LoweredNames) != fmt.Sprint(first.LoweredNames) {
			t.Errorf("cached result differs: lowered %v, want %v", r.LoweredNames, first.LoweredNames)
		}
	}
	if first.LoweredNames["&scale<float>"] != "_Z5scaleIfEvPT_S0_i" {
		t.Errorf("lowered names %v", first.LoweredNames)
	}

	opts.Target = 75
	other, err := CompileCached(cache, scaleSrc, opts)
	if err != nil {
		t.Fatal(err)
	}
	if cache.Stats().Compiles != 2 || !strings.Contains(ptxText(t, other), ".target sm_75") {
		t.Error("another target was served from the cache")
	}

	_, err = CompileCached(cache, "__global__ void f() { nope }", opts)
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Errorf("cached compile of a broken source: err = %v, want a *CompileError", err)
	}
}

func BenchmarkCompileSmallPTX(b *testing.B) {
	if err := load(); err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		if _, err := Compile(addSrc, Options{Target: 80}); err != nil {
			b.Fatal(err)
		}
	}
}

// Minimal is passed only to an NVRTC that knows it, and compiles either way.
func TestMinimal(t *testing.T) {
	if err := load(); err != nil {
		gputest.Need(t, "cuda", err)
	}
	opts := Options{Name: "minimal.cu", Target: 80, Minimal: true}
	res, err := Compile(`extern "C" __global__ void k(float *x) { x[threadIdx.x] = expf(x[threadIdx.x]); }`, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Code) == 0 {
		t.Fatal("no code")
	}
	major, minor, _ := Version()
	want := major > 12 || major == 12 && minor >= 4
	if got := slices.Contains(opts.flags(), "-minimal"); got != want {
		t.Errorf("NVRTC %d.%d: -minimal passed = %v, want %v", major, minor, got, want)
	}
}
