package hiprtc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/gputest"
	sym "github.com/cugo/cugo/internal/sym/hiprtc"
)

// needHIPRTC skips (or fails under CUGO_REQUIRE=hip) where hiprtc is absent.
func needHIPRTC(t *testing.T) {
	t.Helper()
	_, err := sym.Load()
	gputest.Need(t, "hip", err)
}

// CDNA2 (MI200), RDNA2 and RDNA3. HIP 5.2 predates gfx1100: there the
// test checks the clear refusal (its hiprtc would abort the process).
var targets = []string{"gfx90a", "gfx1030", "gfx1100"}

// compile compiles for target, or, where the loaded hiprtc does not know
// the target, checks that Compile refuses it cleanly and skips.
func compile(t *testing.T, src string, opts Options) *Result {
	t.Helper()
	known, err := Targets()
	if err != nil {
		t.Fatalf("Targets: %v", err)
	}
	res, err := Compile(src, opts)
	if !slices.Contains(known, opts.Target) {
		if !errors.Is(err, ErrUnknownTarget) {
			t.Fatalf("Compile for unknown target %s: err = %v, want ErrUnknownTarget", opts.Target, err)
		}
		t.Skipf("this hiprtc cannot compile for %s (refused cleanly: %v)", opts.Target, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return res
}

const emAMDGPU = 224

// checkCodeObject asserts code is a 64-bit little-endian AMDGPU ELF.
func checkCodeObject(t *testing.T, code []byte) {
	t.Helper()
	if len(code) < 20 || !bytes.Equal(code[:4], []byte{0x7f, 'E', 'L', 'F'}) {
		t.Fatalf("code object is not an ELF: % x", code[:min(len(code), 16)])
	}
	if code[4] != 2 || code[5] != 1 {
		t.Fatalf("ELF class/data = %d/%d, want 64-bit little-endian", code[4], code[5])
	}
	if m := binary.LittleEndian.Uint16(code[18:]); m != emAMDGPU {
		t.Fatalf("e_machine = %d, want EM_AMDGPU (%d)", m, emAMDGPU)
	}
}

func TestLoadResolvesEverySymbol(t *testing.T) {
	needHIPRTC(t)
	lib, _ := sym.Load()
	t.Logf("hiprtc from %s", lib.File())
	for _, s := range sym.Symbols {
		if *s.Addr == 0 {
			t.Errorf("%s unresolved", s.Name)
		}
	}
}

func TestVersion(t *testing.T) {
	needHIPRTC(t)
	major, minor, err := Version()
	if err != nil {
		t.Fatal(err)
	}
	if major <= 0 {
		t.Fatalf("Version() = %d.%d", major, minor)
	}
	t.Logf("hiprtc %d.%d", major, minor)
}

const simple = `extern "C" __global__ void scale(float* x, float a, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] *= a;
}`

func TestCompileSimple(t *testing.T) {
	needHIPRTC(t)
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			res := compile(t, simple, Options{Name: "scale.hip", Options: []string{"-O3"}, Target: target})
			checkCodeObject(t, res.Code)
			if !bytes.Contains(res.Code, []byte("scale")) {
				t.Error("code object does not name kernel scale")
			}
			if !bytes.Contains(res.Code, []byte(target)) {
				t.Errorf("code object does not name target %s", target)
			}
		})
	}
}

func TestCompileTemplateNameExpression(t *testing.T) {
	needHIPRTC(t)
	src := `template <typename T> __global__ void axpy(T a, const T* x, T* y, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}`
	exprs := []string{"axpy<float>", "axpy<double>"}
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			res := compile(t, src, Options{NameExpressions: exprs, Target: target})
			checkCodeObject(t, res.Code)
			want := map[string]string{"axpy<float>": "_Z4axpyIfEvT_PKS0_PS0_i", "axpy<double>": "_Z4axpyIdEvT_PKS0_PS0_i"}
			for e, w := range want {
				got := res.LoweredNames[e]
				if got != w {
					t.Errorf("lowered %s = %q, want %q", e, got, w)
				}
				if !bytes.Contains(res.Code, []byte(got)) {
					t.Errorf("code object lacks symbol %q", got)
				}
			}
		})
	}
}

func TestCompileHeaderFromMemory(t *testing.T) {
	needHIPRTC(t)
	src := `#include "cugo_prelude.h"
extern "C" __global__ void twice(real_t* x) { x[threadIdx.x] = double_it(x[threadIdx.x]); }`
	headers := map[string]string{"cugo_prelude.h": "typedef float real_t;\n__device__ inline real_t double_it(real_t v) { return v * 2; }\n"}
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			res := compile(t, src, Options{Headers: headers, Target: target})
			checkCodeObject(t, res.Code)
		})
	}
	// Without the header the same source must fail: the header really came from memory.
	if _, err := Compile(src, Options{Target: targets[0]}); err == nil {
		t.Fatal("compiled without its header")
	}
}

var lineError = regexp.MustCompile(`:3:\d+: error: `)

func TestCompileErrorCarriesLog(t *testing.T) {
	needHIPRTC(t)
	src := "extern \"C\" __global__ void broken(float* x) {\n    x[0] = 1.0f;\n    x[1] = undefined_name;\n}\n"
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			known, _ := Targets()
			if !slices.Contains(known, target) {
				t.Skipf("this hiprtc cannot compile for %s", target)
			}
			_, err := Compile(src, Options{Name: "broken.hip", Target: target})
			var ce *CompileError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v (%T), want *CompileError", err, err)
			}
			// HIP 5.2 names the file "CompileSource" whatever the program's name.
			if !lineError.MatchString(ce.Log) || !strings.Contains(ce.Log, "undefined_name") {
				t.Fatalf("log lacks the line number or the name:\n%s", ce.Log)
			}
			if !lineError.MatchString(err.Error()) {
				t.Fatalf("error text lacks the log: %v", err)
			}
			if ce.Err == nil || !errors.Is(ce, ErrCompilation) {
				t.Fatalf("underlying error = %v, want HIPRTC_ERROR_COMPILATION", ce.Err)
			}
		})
	}
}

func TestCompileBadOption(t *testing.T) {
	needHIPRTC(t)
	_, err := Compile(simple, Options{Options: []string{"--no-such-option-cugo"}, Target: targets[0]})
	if err == nil {
		t.Fatal("an unknown option compiled")
	}
}
