package cgen

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// The parameter list follows the package documentation: n, outputs,
// inputs, dims (strided), scalars, each at its natural alignment.
func TestParamsOrderAndSizes(t *testing.T) {
	f, h, b, z := dtype.Float32, dtype.Float16, dtype.Bool, dtype.Complex128
	k := kernel([]dtype.DType{f, h, dtype.Int8}, []dtype.DType{b, z, h},
		ir.Apply(ir.Add, f, ir.In(0, f), ir.To(ir.Param(2, h), f)),
		ir.Apply(ir.Mul, z, ir.To(ir.In(1, h), z), ir.Param(1, z)))
	type p struct {
		kind             ParamKind
		index            int
		size, align, off int
	}
	cases := []struct {
		l    Layout
		want []p
		size int
		sig  string
	}{
		{Layout{NDim: 3}, []p{
			{ParamCount, 0, 4, 4, 0}, {ParamOutput, 0, 8, 8, 8}, {ParamOutput, 1, 8, 8, 16},
			{ParamInput, 0, 8, 8, 24}, {ParamInput, 1, 8, 8, 32}, {ParamInput, 2, 8, 8, 40},
			{ParamDims, 0, 6 * 3 * 4, 4, 48},
			{ParamScalar, 0, 1, 1, 120}, {ParamScalar, 1, 16, 16, 128}, {ParamScalar, 2, 2, 2, 144},
		}, 146, "const u32 n, float *out0, c128 *out1, const float *in0, const u16 *in1, const i8 *in2, " +
			"const NAME_dims d, const u8 s0, const c128 s1, const u16 s2"},
		{Layout{Contiguous: true, Index64: true, Broadcast: 2}, []p{
			{ParamCount, 0, 8, 8, 0}, {ParamOutput, 0, 8, 8, 8}, {ParamOutput, 1, 8, 8, 16},
			{ParamInput, 0, 8, 8, 24}, {ParamInput, 1, 8, 8, 32}, {ParamInput, 2, 8, 8, 40},
			{ParamScalar, 0, 1, 1, 48}, {ParamScalar, 1, 16, 16, 64}, {ParamScalar, 2, 2, 2, 80},
		}, 82, "const u64 n, float *out0, c128 *out1, const float *in0, const u16 *in1, const i8 *in2, " +
			"const u8 s0, const c128 s1, const u16 s2"},
	}
	for _, c := range cases {
		s, err := Render(k, c.l, CUDA)
		if err != nil {
			t.Fatal(err)
		}
		var got []p
		for _, q := range s.Params {
			got = append(got, p{q.Kind, q.Index, q.Size, q.Align, q.Offset})
			if q.Kind == ParamScalar && q.DType != k.Scalars[q.Index] {
				t.Errorf("%v: scalar %d has dtype %v, want %v", c.l, q.Index, q.DType, k.Scalars[q.Index])
			}
		}
		if !equalSlices(got, c.want) || s.ParamSize != c.size {
			t.Errorf("%v: params %v (%d bytes), want %v (%d bytes)", c.l, got, s.ParamSize, c.want, c.size)
		}
		m := regexp.MustCompile(`extern "C" __global__ void ` + s.Entry + `\(([^)]*)\)`).FindStringSubmatch(s.Code)
		if m == nil {
			t.Fatalf("%v: no entry %s in\n%s", c.l, s.Entry, s.Code)
		}
		if want := strings.ReplaceAll(c.sig, "NAME", s.Entry); m[1] != want {
			t.Errorf("%v: entry parameters\n%s\nwant\n%s", c.l, m[1], want)
		}
	}
}

func equalSlices[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestVecIsSixteenBytesOfTheSmallestWalkedElement(t *testing.T) {
	f, h, b, z, d := dtype.Float32, dtype.Float16, dtype.Bool, dtype.Complex128, dtype.Float64
	cases := []struct {
		k    *ir.Kernel
		l    Layout
		want int
	}{
		{addF32(), Layout{Contiguous: true}, 4},
		{kernel([]dtype.DType{f}, nil, ir.To(ir.In(0, f), h)), Layout{Contiguous: true}, 8},
		{kernel([]dtype.DType{d}, nil, ir.To(ir.In(0, d), b)), Layout{Contiguous: true}, 16},
		{kernel([]dtype.DType{z}, nil, ir.Apply(ir.Neg, z, ir.In(0, z))), Layout{Contiguous: true}, 1},
		// a broadcast bool input is read once, not walked
		{kernel([]dtype.DType{b, d, d}, nil, ir.Apply(ir.Where, d, ir.In(0, b), ir.In(1, d), ir.In(2, d))), Layout{Contiguous: true, Broadcast: 1}, 2},
		// an unused int8 input is not walked either
		{kernel([]dtype.DType{dtype.Int8, d}, nil, ir.Apply(ir.Neg, d, ir.In(1, d))), Layout{Contiguous: true}, 2},
		{addF32(), Layout{NDim: 2}, 1},
	}
	for _, c := range cases {
		s, err := Render(c.k, c.l, CUDA)
		if err != nil {
			t.Fatal(err)
		}
		if s.Vec != c.want {
			t.Errorf("%s %v: Vec = %d, want %d", c.k.Key(), c.l, s.Vec, c.want)
		}
	}
}

func TestEntryNames(t *testing.T) {
	a, err := Render(addF32(), Layout{Contiguous: true}, CUDA)
	if err != nil {
		t.Fatal(err)
	}
	same, _ := Render(addF32(), Layout{Contiguous: true}, HIP)
	wide, _ := Render(addF32(), Layout{Contiguous: true, Index64: true}, CUDA)
	f := dtype.Float32
	sub, _ := Render(kernel([]dtype.DType{f, f}, nil, ir.Apply(ir.Sub, f, ir.In(0, f), ir.In(1, f))), Layout{Contiguous: true}, CUDA)
	if !regexp.MustCompile(`^cugo_[0-9a-f]{16}$`).MatchString(a.Entry) {
		t.Errorf("entry %q is not cugo_ and 16 hex digits", a.Entry)
	}
	if same.Entry != a.Entry {
		t.Errorf("the same kernel and layout have entries %s and %s", a.Entry, same.Entry)
	}
	if wide.Entry == a.Entry || sub.Entry == a.Entry {
		t.Errorf("different kernels share entry %s", a.Entry)
	}
}

// A module carries only what its kernels use, and no header.
func TestSourceCarriesOnlyUsedHelpers(t *testing.T) {
	s, err := Render(addF32(), Layout{Contiguous: true}, CUDA)
	if err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"#include", "h2f", "bf2f", "c64", "floordiv", "asm"} {
		if strings.Contains(s.Code, absent) {
			t.Errorf("add f32 source contains %q:\n%s", absent, s.Code)
		}
	}
	h := dtype.Float16
	k := kernel([]dtype.DType{h, h}, nil, ir.Apply(ir.Mod, h, ir.In(0, h), ir.In(1, h)))
	cu, _ := Render(k, Layout{NDim: 1}, CUDA)
	hip, _ := Render(k, Layout{NDim: 1}, HIP)
	for _, want := range []string{"cvt.rn.f16.f32", "mod_f32"} {
		if !strings.Contains(cu.Code, want) {
			t.Errorf("float16 mod CUDA source lacks %q", want)
		}
	}
	if strings.Contains(hip.Code, "asm") || !strings.Contains(hip.Code, "_Float16") || !strings.Contains(hip.Code, "mod_f32") {
		t.Errorf("float16 mod HIP source should convert through _Float16 without asm:\n%s", hip.Code)
	}
	if strings.Contains(cu.Code, "floordiv_f32") || strings.Contains(cu.Code, "vec<") {
		t.Errorf("float16 mod strided source carries unused helpers:\n%s", cu.Code)
	}
}

// Float16 nodes round at each node; exact ones (Neg, Where, Maximum) do not.
func TestHalfNodesRound(t *testing.T) {
	h := dtype.Float16
	a, b := ir.In(0, h), ir.In(1, h)
	k := kernel([]dtype.DType{h, h}, nil, ir.Apply(ir.Neg, h, ir.Apply(ir.Add, h, ir.Apply(ir.Mul, h, a, b), a)))
	s, err := Render(k, Layout{Contiguous: true}, CUDA)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(s.Code, "= rh("); n != 2 {
		t.Errorf("a*b+a then negated rounds %d times, want 2:\n%s", n, s.Code)
	}
}

func TestRenderErrors(t *testing.T) {
	f, i := dtype.Float32, dtype.Int32
	good := addF32()
	many := kernel(slices.Repeat([]dtype.DType{dtype.Bool}, 9), nil, ir.In(8, dtype.Bool)) // 9 bool inputs
	cases := []struct {
		name string
		k    *ir.Kernel
		l    Layout
		want string
	}{
		{"nil kernel", nil, Layout{Contiguous: true}, "nil kernel"},
		{"no outputs", &ir.Kernel{Inputs: []dtype.DType{f}}, Layout{Contiguous: true}, "no outputs"},
		{"mixed argument dtypes", kernel([]dtype.DType{f, i}, nil, ir.Apply(ir.Add, f, ir.In(0, f), ir.In(1, i))), Layout{Contiguous: true}, "different dtypes"},
		{"op on a dtype it lacks", kernel([]dtype.DType{i}, nil, ir.Apply(ir.Sin, i, ir.In(0, i))), Layout{Contiguous: true}, "sin is not defined for int32"},
		{"wrong result dtype", kernel([]dtype.DType{f, f}, nil, ir.Apply(ir.Less, f, ir.In(0, f), ir.In(1, f))), Layout{Contiguous: true}, "gives bool"},
		{"where without bool", kernel([]dtype.DType{f, f}, nil, ir.Apply(ir.Where, f, ir.In(0, f), ir.In(1, f), ir.In(1, f))), Layout{Contiguous: true}, "bool condition"},
		{"bad dtype", kernel([]dtype.DType{99}, nil, ir.In(0, 99)), Layout{Contiguous: true}, "invalid dtype"},
		{"contiguous with NDim", good, Layout{Contiguous: true, NDim: 2}, "NDim 0"},
		{"strided without NDim", good, Layout{}, "NDim in 1.."},
		{"strided broadcast", good, Layout{NDim: 1, Broadcast: 1}, "Broadcast applies"},
		{"broadcast of a missing input", good, Layout{Contiguous: true, Broadcast: 4}, "inputs the kernel lacks"},
		{"too many parameters", many, Layout{NDim: 64, Index64: true}, "exceed"},
	}
	for _, c := range cases {
		_, err := Render(c.k, c.l, CUDA)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "cgen: render") {
			t.Errorf("%s: error %v, want one starting \"cgen: render\" containing %q", c.name, err, c.want)
		}
	}
}
