package kernel_test

import (
	"errors"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/kernel"
	"github.com/stretchr/testify/require"
)

func cpuDevice(t *testing.T) *array.Device {
	b, err := backend.Open("cpu", 0)
	require.NoError(t, err)
	return array.On(b)
}

// The CPU backend runs no C: every kind of kernel says so, in a way
// errors.Is recognises.
func TestCPUBackendRefusesKernels(t *testing.T) {
	d := cpuDevice(t)
	x := d.Linspace(0, 1, 10, array.Float32)
	k, err := kernel.NewElementwise("T x, T y", "T z", "z = (x - y) * (x - y)", "squared_diff")
	require.NoError(t, err)
	z := k.Call(x, x)
	require.ErrorIs(t, z.Err(), kernel.ErrNoCompiler)
	require.ErrorContains(t, z.Err(), "squared_diff")

	raw := kernel.NewRaw(`extern "C" __global__ void f(float *x) {}`, "f")
	require.ErrorIs(t, raw.Launch(kernel.Config{Grid: kernel.Dim{X: 1}, Block: kernel.Dim{X: 1}}, x), kernel.ErrNoCompiler)

	_, err = x.DevicePointer()
	require.ErrorContains(t, err, "no device address")
	require.ErrorContains(t, d.Wrap(1, array.Float32, []int{4}, nil).Err(), "does not take foreign memory")
}

func TestNewElementwiseRefuses(t *testing.T) {
	for _, c := range []struct{ in, out, name, want string }{
		{"float32 x y", "float32 z", "k", `"[raw] type name"`},
		{"float32", "float32 z", "k", `"[raw] type name"`},
		{"float32 x", "float32 z-1", "k", "not an identifier"},
		{"float32 x", "f-4 z", "k", "neither a dtype nor a placeholder"},
		{"float32 x", "", "k", "no output"},
		{"float32 x", "float32 z", "my kernel", "not a C identifier"},
	} {
		_, err := kernel.NewElementwise(c.in, c.out, "z = x", c.name)
		require.ErrorContains(t, err, c.want, "%q %q %q", c.in, c.out, c.name)
	}
}

// Arguments are checked before any backend is asked: their number, their
// kinds, placeholders that disagree or cannot be told, dtypes that do not
// cast safely or that kernels do not take.
func TestElementwiseArgumentErrors(t *testing.T) {
	d := cpuDevice(t)
	f32 := d.Linspace(0, 1, 6, array.Float32)
	f64 := d.Linspace(0, 1, 6, array.Float64)
	c64 := f32.AsType(array.Complex64)
	must := func(in, out string) *kernel.Elementwise {
		k, err := kernel.NewElementwise(in, out, "z = x", "k")
		require.NoError(t, err)
		return k
	}
	cases := []struct {
		k    *kernel.Elementwise
		args []any
		want string
	}{
		{must("T x, T y", "T z"), []any{f32}, "takes 2 inputs and optionally 1 outputs, got 1"},
		{must("T x, T y", "T z"), []any{f32, f64}, "type T is float32, but y is float64"},
		{must("T x", "T z"), []any{1.5}, "walks no array: give its size"},
		{must("T x", "T z"), []any{f32, kernel.Size(4)}, "a size is given only to kernels that walk no array"},
		{must("T x", "U z"), []any{f32}, "cannot tell the type U of z"},
		{must("float32 x", "float32 z"), []any{f64}, "input x is float64, the kernel takes float32"},
		{must("T x", "T z"), []any{c64}, "x is complex64: kernels take bool, integers, float32 and float64"},
		{must("raw T x", "T z"), []any{2.0}, "raw parameter x needs an *Array"},
		{must("T x", "T z"), []any{"a"}, "argument x is a string"},
		{must("T x", "T z"), []any{f32, 3}, "output z must be an *Array"},
		{must("float32 x", "float64 z"), []any{f32, f32}, "output z is float32, the kernel writes float64"},
		{must("int8 x", "int8 z"), []any{300}, "out of bounds for int8"},
		{must("T x", "T z"), []any{f32, kernel.Size(-1)}, "negative size"},
	}
	for _, c := range cases {
		err := c.k.Call(c.args...).Err()
		require.ErrorContains(t, err, c.want, "%v", c.args)
		require.False(t, errors.Is(err, kernel.ErrNoCompiler), "%v: %v", c.args, err)
	}
}

func TestRawArgumentErrors(t *testing.T) {
	d := cpuDevice(t)
	x := d.Linspace(0, 1, 6, array.Float32)
	one := kernel.Config{Grid: kernel.Dim{X: 1}, Block: kernel.Dim{X: 32}}
	k := kernel.NewRaw("", "f", kernel.Signature("raw float32 x, int32 n"))
	require.ErrorContains(t, k.Launch(one, x), "takes 2 arguments, got 1")
	require.ErrorContains(t, k.Launch(one, x.AsType(array.Float64), 3), "is a float64 array, the kernel takes raw float32")
	require.ErrorContains(t, k.Launch(one, x, x), "is a float32 array, the kernel takes int32")
	require.ErrorContains(t, k.Launch(one, 1.0, 3), "is a Go float64, the kernel takes raw float32")
	require.ErrorContains(t, k.Launch(one, x, 1<<40), "out of bounds for int32")
	require.ErrorContains(t, k.Launch(kernel.Config{Block: kernel.Dim{X: 1}}, x, 3), "grid: dimension 0")
	require.ErrorContains(t, kernel.NewRaw("", "f", kernel.Signature("raw x")).Launch(one), "signature")
	require.ErrorContains(t, kernel.NewRaw("", "f").Launch(one, struct{}{}), "not an *Array or a Go number")
}

func TestReductionErrors(t *testing.T) {
	d := cpuDevice(t)
	x := d.Linspace(0, 1, 6, array.Float32)
	l2, err := kernel.NewReduction("T x", "T y", "x * x", "a + b", "y = sqrt(a)", "0", "l2norm")
	require.NoError(t, err)
	require.ErrorIs(t, l2.Call(x).Err(), kernel.ErrNoCompiler)
	require.ErrorContains(t, l2.Call().Err(), "takes 1 inputs and optionally 1 output, got 0")
	require.ErrorContains(t, l2.Call(x.AsType(array.Complex64)).Err(), "kernels take bool, integers, float32 and float64")
	two, err := kernel.NewReduction("T x, T y", "T z", "x * y", "a + b", "", "0", "dot")
	require.NoError(t, err)
	require.ErrorIs(t, two.Call(x, x).Err(), kernel.ErrNoCompiler)
	require.ErrorContains(t, two.Call(x, x.AsType(array.Float64)).Err(), "type T is float32, but y is float64")
	for _, c := range []struct{ in, out, mapExpr, identity, want string }{
		{"T x", "T y, T z", "x", "0", "one output parameter"},
		{"T cugo_mapped", "T y", "x", "0", "is taken"},
		{"", "T y", "x", "0", "no input parameters"},
		{"T x", "T y", "x", "", "needs map and reduce expressions and an identity"},
	} {
		_, err := kernel.NewReduction(c.in, c.out, c.mapExpr, "a + b", "", c.identity, "r")
		require.ErrorContains(t, err, c.want)
	}
}

// Per-thread code belongs to elementwise kernels: a reduction refuses it.
func TestUserLoopPrepOnReductionRefused(t *testing.T) {
	for _, o := range []kernel.Option{kernel.LoopPrep("int a = 0"), kernel.AfterLoop("(void)0")} {
		_, err := kernel.NewReduction("T x", "T y", "x", "a + b", "y = a", "0", "sum", o)
		require.ErrorContains(t, err, "LoopPrep and AfterLoop apply to elementwise kernels")
	}
}
