package cgen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
)

// userKernels are user kernels of each shape CuPy documents (type
// placeholders, raw neighbour access, scalars, several outputs, a
// preamble, bool and integer operands), each for every test layout.
func userKernels(v Vendor) []*Source {
	f, d, i32, b := dtype.Float32, dtype.Float64, dtype.Int32, dtype.Bool
	ks := []*ir.CKernel{
		{Name: "squared_diff", Inputs: []ir.CParam{{Name: "x", DType: f}, {Name: "y", DType: f}},
			Outputs: []ir.CParam{{Name: "z", DType: f}}, Types: []ir.CParam{{Name: "T", DType: f}},
			Body: "z = (x - y) * (x - y)"},
		{Name: "neighbour", Inputs: []ir.CParam{{Name: "x", DType: d}}, Raw: []ir.CParam{{Name: "r", DType: d}},
			Outputs: []ir.CParam{{Name: "y", DType: d}},
			Body:    "y = x + r[_ind.size() - i - 1]"},
		{Name: "mixed", Inputs: []ir.CParam{{Name: "p", DType: b}, {Name: "n", DType: i32}},
			Scalars:  []ir.CParam{{Name: "a", DType: d}, {Name: "k", DType: dtype.Uint8}},
			Outputs:  []ir.CParam{{Name: "lo", DType: i32}, {Name: "hi", DType: d}, {Name: "flag", DType: b}},
			Raw:      []ir.CParam{{Name: "log", DType: dtype.Int64, Out: true}},
			Preamble: "__device__ double twice(double v) { return 2 * v; }",
			Body: `if (p) { lo = n + k; } else { lo = -n; }
hi = twice(a) * n; // a comment with z = 1
flag = n > 0;
if (i == 0) log[0] = _ind.size();`},
		// only raw outputs: the loop runs over the inputs (or a size)
		{Name: "scatter", Inputs: []ir.CParam{{Name: "x", DType: f}, {Name: "at", DType: i32}},
			Raw:  []ir.CParam{{Name: "y", DType: f, Out: true}},
			Body: "y[at] = x * 2.0f"},
		// per-thread code: a scale read once, a count added once
		{Name: "scaled_count", Inputs: []ir.CParam{{Name: "x", DType: f}}, Outputs: []ir.CParam{{Name: "y", DType: f}},
			Raw:     []ir.CParam{{Name: "scale", DType: f}, {Name: "count", DType: dtype.Uint64, Out: true}},
			Scalars: []ir.CParam{{Name: "b", DType: f}}, Types: []ir.CParam{{Name: "T", DType: f}},
			LoopPrep:  "const T s = scale[0] + b; unsigned long long done = 0",
			Body:      "y = x * s; done++",
			AfterLoop: "atomicAdd((unsigned long long *)count, done)"},
		{Name: "iota", Raw: []ir.CParam{{Name: "y", DType: d, Out: true}}, Body: "y[i] = (double)i / _ind.size()"},
	}
	var srcs []*Source
	for _, k := range ks {
		for _, l := range testLayouts {
			if len(k.Inputs) < 64 && (l.Broadcast>>len(k.Inputs) != 0 || l.Tiled>>len(k.Inputs) != 0) {
				continue
			}
			if len(k.Inputs)+len(k.Outputs) == 0 && !l.Contiguous {
				continue // a size, no array to walk: the flat loop only
			}
			s, err := RenderC(k, l, v)
			if err != nil {
				panic(fmt.Sprintf("%s %v: %v", k.Name, l, err))
			}
			srcs = append(srcs, s)
		}
	}
	return srcs
}

func TestUserKernelsCompile(t *testing.T) {
	for _, c := range []struct {
		v       Vendor
		need    func(testing.TB)
		compile func(string) error
	}{{CUDA, kerneltest.NeedNVRTC, kerneltest.CompileCUDA}, {HIP, kerneltest.NeedHIPRTC, kerneltest.CompileHIP}} {
		t.Run(c.v.String(), func(t *testing.T) {
			c.need(t)
			var srcs []kerneltest.Source
			for _, s := range userKernels(c.v) {
				srcs = append(srcs, kerneltest.Source{Name: s.Entry, Code: s.Code})
			}
			kerneltest.CompileAll(t, srcs, c.compile)
		})
	}
}

// The benchmark's kernel must load and store 16-byte vectors, and must
// not read its output.
func TestUserKernelVectorises(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	f := dtype.Float32
	k := &ir.CKernel{Name: "axpy", Inputs: []ir.CParam{{Name: "x", DType: f}, {Name: "y", DType: f}},
		Outputs: []ir.CParam{{Name: "z", DType: f}}, Body: "z = x * 2.0f + y * y - 1.0f"}
	s, err := RenderC(k, Layout{Contiguous: true}, CUDA)
	if err != nil {
		t.Fatal(err)
	}
	r, err := kerneltest.CUDA(s.Code)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"ld.global.v4.f32", "st.global.v4.f32"} {
		if !strings.Contains(string(r.Code), w) {
			t.Errorf("PTX has no %s", w)
		}
	}
	if n := strings.Count(string(r.Code), "ld.global.v4.f32"); n != 2 {
		t.Errorf("%d vector loads, want 2 (x and y; z is only written)", n)
	}
}

func TestReadsOutputs(t *testing.T) {
	outs := []ir.CParam{{Name: "z"}, {Name: "w"}}
	for body, want := range map[string]bool{
		"z = x; w = y":                             false,
		"z = x * 2.0f; w = 1e-3f":                  false,
		"z = x; /* w += 1 */ w = 0":                false,
		"z = x":                                    true, // w left unwritten
		"z = x; w = z":                             true,
		"z += x; w = 1":                            true,
		"if (x > 0) z = x; w = 1":                  true,
		"if (x > 0) { z = x; } w = 1":              true,
		"z = x; w = 1; z == 2":                     true,
		"z = x; w = 1; z <<= 1":                    true,
		"z = x; w = 1; f(z)":                       true,
		"z = w = 1":                                true,
		"z = x; w = x ? 1 : 0":                     false,
		"z = x; w = 1; const char *s = \"z += 1\"": false,
	} {
		if got := readsOutputs(body, outs); got != want {
			t.Errorf("readsOutputs(%q) = %v, want %v", body, got, want)
		}
	}
}

func TestRenderCRefuses(t *testing.T) {
	f := dtype.Float32
	base := func() *ir.CKernel {
		return &ir.CKernel{Name: "k", Inputs: []ir.CParam{{Name: "x", DType: f}}, Outputs: []ir.CParam{{Name: "y", DType: f}}, Body: "y = x"}
	}
	cases := map[string]func(k *ir.CKernel){
		"not a C identifier":    func(k *ir.CKernel) { k.Name = "2k" },
		"appears twice":         func(k *ir.CKernel) { k.Outputs[0].Name = "x" },
		"i and names":           func(k *ir.CKernel) { k.Inputs[0].Name = "i" },
		"do not take float16":   func(k *ir.CKernel) { k.Inputs[0].DType = dtype.Float16 },
		"do not take complex64": func(k *ir.CKernel) { k.Outputs[0].DType = dtype.Complex64 },
		"no output":             func(k *ir.CKernel) { k.Outputs = nil },
		"no output parameters":  func(k *ir.CKernel) { k.Outputs, k.Raw = nil, []ir.CParam{{Name: "r", DType: f}} },
		"uses the name r,":      func(k *ir.CKernel) { k.LoopPrep = "float r = 1" },
		"uses the name out0,":   func(k *ir.CKernel) { k.LoopPrep = "float scale = 2; out0 = 0" },
		"uses the name tid,":    func(k *ir.CKernel) { k.LoopPrep, k.Body = "int tid = 0", "y = x + tid" },
	}
	for want, change := range cases {
		k := base()
		change(k)
		if _, err := RenderC(k, Layout{Contiguous: true}, CUDA); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v", want, err)
		}
	}
	sized := &ir.CKernel{Name: "k", Raw: []ir.CParam{{Name: "y", DType: f, Out: true}}, Body: "y[i] = 1"}
	if _, err := RenderC(sized, Layout{NDim: 1}, CUDA); err == nil || !strings.Contains(err.Error(), "walks no array") {
		t.Errorf("a strided layout of a kernel without operands: error %v", err)
	}
}
