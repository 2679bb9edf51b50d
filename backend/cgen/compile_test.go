package cgen

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
)

// Every generated kernel must compile: NVRTC (Debian's 11.x on the
// development machine) checks the C without a GPU.

var allDTypes = []dtype.DType{dtype.Bool, dtype.Int8, dtype.Int16, dtype.Int32, dtype.Int64,
	dtype.Uint8, dtype.Uint16, dtype.Uint32, dtype.Uint64, dtype.Float16, dtype.BFloat16,
	dtype.Float32, dtype.Float64, dtype.Complex64, dtype.Complex128}

var testLayouts = []Layout{
	{Contiguous: true},
	{Contiguous: true, Index64: true},
	{Contiguous: true, Broadcast: 1},
	{NDim: 1}, {NDim: 2}, {NDim: 3}, {NDim: 4},
	{NDim: 1, Index64: true}, {NDim: 2, Index64: true}, {NDim: 3, Index64: true}, {NDim: 4, Index64: true},
	{NDim: 2, Tiled: 1}, {NDim: 2, Tiled: 1, Index64: true},
}

// namedUnit is a kernel to compile, with a name for failures.
type namedUnit struct {
	name string
	unit
}

func kernel(inputs, scalars []dtype.DType, outputs ...*ir.Node) *ir.Kernel {
	return &ir.Kernel{Inputs: inputs, Scalars: scalars, Outputs: outputs}
}

// opKernels is one kernel per op and argument dtype Render accepts.
func opKernels() []namedUnit {
	var us []namedUnit
	add := func(name string, k *ir.Kernel) {
		l := testLayouts[len(us)%len(testLayouts)]
		if len(k.Inputs) == 0 {
			l.Broadcast, l.Tiled = 0, 0
		}
		us = append(us, namedUnit{name + " " + l.String(), unit{k, l}})
	}
	for _, op := range ir.Ops(1) {
		for _, d := range allDTypes {
			if ir.Accepts(op, d) {
				add(fmt.Sprintf("%v(%v)", op, d), kernel([]dtype.DType{d}, nil, ir.Apply(op, ir.ResultType(op, d), ir.In(0, d))))
			}
		}
	}
	for _, op := range ir.Ops(2) {
		for _, d := range allDTypes {
			if ir.Accepts(op, d) {
				add(fmt.Sprintf("%v(%v)", op, d), kernel([]dtype.DType{d, d}, nil,
					ir.Apply(op, ir.ResultType(op, d), ir.In(0, d), ir.In(1, d))))
			}
		}
	}
	for _, d := range allDTypes {
		add(fmt.Sprintf("Where(%v)", d), kernel([]dtype.DType{dtype.Bool, d, d}, nil,
			ir.Apply(ir.Where, d, ir.In(0, dtype.Bool), ir.In(1, d), ir.In(2, d))))
		for _, s := range allDTypes {
			add(fmt.Sprintf("Cast(%v->%v)", s, d), kernel([]dtype.DType{s}, nil, ir.To(ir.In(0, s), d)))
		}
		// a scalar parameter of each type, into an op and straight to an output
		add(fmt.Sprintf("Add(%v, scalar)", d), kernel([]dtype.DType{d}, []dtype.DType{dtype.Float64, d},
			ir.Apply(ir.Add, d, ir.In(0, d), ir.Param(1, d)), ir.To(ir.Param(0, dtype.Float64), d)))
	}
	return us
}

// mixedKernels combine half, bfloat16 and complex nodes, shared subtrees,
// several outputs, unused inputs and scalars.
func mixedKernels() []namedUnit {
	h, bf, f, c, z := dtype.Float16, dtype.BFloat16, dtype.Float32, dtype.Complex64, dtype.Complex128
	a, b := ir.In(0, h), ir.In(1, bf)
	ab := ir.Apply(ir.Mul, f, ir.To(a, f), ir.To(b, f)) // shared by both outputs
	zc := ir.Apply(ir.Exp, c, ir.Apply(ir.Mul, c, ir.To(ab, c), ir.Param(0, c)))
	k1 := kernel([]dtype.DType{h, bf, dtype.Int64}, []dtype.DType{c, dtype.Bool},
		ir.Apply(ir.Where, h, ir.Apply(ir.Less, dtype.Bool, a, ir.To(b, h)),
			ir.Apply(ir.Sqrt, h, a), ir.To(ab, h)),
		ir.To(ir.Apply(ir.Pow, z, ir.To(zc, z), ir.To(ab, z)), bf),
		ir.Apply(ir.Abs, f, zc))
	x := ir.In(0, bf)
	k2 := kernel([]dtype.DType{bf, h}, nil,
		ir.Apply(ir.Add, bf, ir.Apply(ir.Mul, bf, x, x), ir.To(ir.In(1, h), bf)),
		ir.Apply(ir.IsNaN, dtype.Bool, ir.Apply(ir.FloorDiv, h, ir.In(1, h), ir.To(x, h))))
	var us []namedUnit
	for i, l := range testLayouts {
		us = append(us, namedUnit{"mixed1 " + l.String(), unit{k1, l}}, namedUnit{fmt.Sprintf("mixed2 %v", l), unit{k2, testLayouts[(i+3)%len(testLayouts)]}})
	}
	return us
}

// compileAll renders the units in batches (one translation unit each) and
// compiles the batches in parallel.
func compileAll(t *testing.T, us []namedUnit, batch int, v Vendor, compile func(code string) error) {
	t.Helper()
	var srcs []kerneltest.Source
	for start := 0; start < len(us); start += batch {
		part := us[start:min(start+batch, len(us))]
		units := make([]unit, len(part))
		names := make([]string, len(part))
		for i, u := range part {
			units[i], names[i] = u.unit, u.name
		}
		rendered, err := renderModule(units, v)
		if err != nil {
			t.Errorf("render batch at %d: %v", start, err)
			continue
		}
		srcs = append(srcs, kerneltest.Source{Name: "kernels " + strings.Join(names, ", "), Code: rendered[0].Code})
	}
	kerneltest.CompileAll(t, srcs, compile)
}

func TestEveryOpCompiles(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	us := opKernels()
	t0 := time.Now()
	compileAll(t, us, 80, CUDA, kerneltest.CompileCUDA)
	t.Logf("%d kernels compiled in %v", len(us), time.Since(t0))
}

func TestMixedKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	compileAll(t, mixedKernels(), 8, CUDA, kerneltest.CompileCUDA)
}

func TestEveryOpRendersForHIP(t *testing.T) {
	for _, u := range append(opKernels(), mixedKernels()...) {
		s, err := Render(u.k, u.l, HIP)
		if err != nil {
			t.Fatalf("%s: %v", u.name, err)
		}
		if strings.Contains(s.Code, "asm(") {
			t.Fatalf("%s: HIP source has inline PTX:\n%s", u.name, s.Code)
		}
	}
}

// addF32 is the typical small kernel: out = in0 + in1 in float32.
func addF32() *ir.Kernel {
	f := dtype.Float32
	return kernel([]dtype.DType{f, f}, nil, ir.Apply(ir.Add, f, ir.In(0, f), ir.In(1, f)))
}

// The flat path must use 16-byte loads and stores (the copy-bandwidth
// ceiling needs them), for every element size.
func TestContiguousKernelsVectorise(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	h, b := dtype.Float16, dtype.Bool
	cases := []struct {
		k    *ir.Kernel
		want []string
	}{
		{addF32(), []string{"ld.global.v4.f32", "st.global.v4.f32"}},
		{kernel([]dtype.DType{h, h}, nil, ir.Apply(ir.Add, h, ir.In(0, h), ir.In(1, h))), []string{"ld.global.v4", "st.global.v4"}},
		{kernel([]dtype.DType{b, b}, nil, ir.Apply(ir.LogicalXor, b, ir.In(0, b), ir.In(1, b))), []string{"ld.global.v4", "st.global.v4"}},
	}
	for _, c := range cases {
		s, err := Render(c.k, Layout{Contiguous: true}, CUDA)
		if err != nil {
			t.Fatal(err)
		}
		r, err := kerneltest.CUDA(s.Code)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(string(r.Code), w) {
				t.Errorf("%s: PTX has no %s:\n%s", c.k.Key(), w, r.Code)
			}
		}
	}
}

// TestCompileTime reports what a cold compile of a typical small kernel
// costs (timings are not asserted: see BenchmarkCompileAddF32).
func TestCompileTime(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	s, err := Render(addF32(), Layout{Contiguous: true}, CUDA)
	if err != nil {
		t.Fatal(err)
	}
	var ds []time.Duration
	for range 5 {
		t0 := time.Now()
		if _, err := kerneltest.CUDA(s.Code); err != nil {
			t.Fatal(err)
		}
		ds = append(ds, time.Since(t0))
	}
	slices.Sort(ds)
	t.Logf("add f32 contiguous, %d bytes of C: NVRTC compute_80 PTX median %v (min %v)", len(s.Code), ds[2], ds[0])
}

func BenchmarkCompileAddF32(b *testing.B) {
	kerneltest.NeedNVRTC(b)
	for _, l := range []Layout{{Contiguous: true}, {NDim: 3}} {
		s, err := Render(addF32(), l, CUDA)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(l.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := kerneltest.CUDA(s.Code); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
