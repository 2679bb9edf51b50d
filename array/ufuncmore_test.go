package array

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// ufuncmoreFuncs are the ufuncs of testdata/ufuncmore, as functions and
// as fused expressions.
var ufuncmoreFuncs = map[string]struct {
	call func(out []*Array, a ...any) *Array
	expr func(x ...Expr) Expr
}{
	"isposinf": {func(o []*Array, a ...any) *Array { return Isposinf(a[0], o...) }, func(x ...Expr) Expr { return x[0].Isposinf() }},
	"isneginf": {func(o []*Array, a ...any) *Array { return Isneginf(a[0], o...) }, func(x ...Expr) Expr { return x[0].Isneginf() }},
	"fabs":     {func(o []*Array, a ...any) *Array { return Fabs(a[0], o...) }, func(x ...Expr) Expr { return x[0].Fabs() }},
	"fix":      {func(o []*Array, a ...any) *Array { return Fix(a[0], o...) }, func(x ...Expr) Expr { return x[0].Fix() }},
	"i0":       {func(o []*Array, a ...any) *Array { return I0(a[0], o...) }, func(x ...Expr) Expr { return x[0].I0() }},
	"bitwise_count": {func(o []*Array, a ...any) *Array { return BitwiseCount(a[0], o...) },
		func(x ...Expr) Expr { return x[0].BitwiseCount() }},
	"float_power": {func(o []*Array, a ...any) *Array { return FloatPower(a[0], a[1], o...) },
		func(x ...Expr) Expr { return x[0].FloatPower(x[1]) }},
}

// ufuncmoreCall runs a case of testdata/ufuncmore on the arrays in.
func ufuncmoreCall(t *testing.T, fn string, args signalArgs, in []*Array) *Array {
	axis := AxisNone
	if args["axis"] != "none" && args["axis"] != "" {
		axis = atoi(t, args["axis"])
	}
	order := map[string]BitOrder{"big": BigBits, "little": LittleBits}[args["bitorder"]]
	switch fn {
	case "packbits":
		return Packbits(in[0], axis, order)
	case "unpackbits":
		if c, ok := args["count"]; ok {
			return Unpackbits(in[0], axis, order, atoi(t, c))
		}
		return Unpackbits(in[0], axis, order)
	}
	f, ok := ufuncmoreFuncs[fn]
	require.True(t, ok, fn)
	args2 := make([]any, len(in))
	for i, a := range in {
		args2[i] = a
	}
	return f.call(nil, args2...)
}

// TestUfuncmoreNumPy checks Isposinf, Isneginf, Fabs, Fix, I0,
// BitwiseCount, FloatPower, Packbits and Unpackbits against NumPy's
// answers in testdata/ufuncmore (every dtype, NaN, ±inf, ±0, 0-d, empty,
// views, broadcasting); the ufuncs also into a strided out array and
// fused, bit for bit as unfused.
func TestUfuncmoreNumPy(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		arrays := npyStream(t, "ufuncmore/cases.npys")
		for i, line := range fixture.Lines(t, "ufuncmore/cases.txt") {
			f := strings.Fields(line)
			nin, nout := atoi(t, f[1]), atoi(t, f[2])
			in, want := arrays[:nin], arrays[nin]
			arrays = arrays[nin+nout:]
			tol, args := caseTolArgs(t, f)
			msg := fmt.Sprintf("case %d: %s", i+1, line)
			xs := make([]*Array, nin)
			for k := range in {
				xs[k] = signalView(t, onDevice(t, d, in[k]), args["view"])
			}
			got := ufuncmoreCall(t, f[0], args, xs)
			require.NoError(t, got.Err(), msg)
			require.Equal(t, want.DType, got.DType(), msg)
			require.Equal(t, formatShape(want.Shape), formatShape(got.Shape()), msg)
			requireClose(t, want.DType, want.Data, hostData(t, got), tol, msg)
			u, ok := ufuncmoreFuncs[f[0]]
			if !ok {
				continue
			}
			operands, exprs := make([]any, nin), make([]Expr, nin)
			for k, x := range xs {
				operands[k], exprs[k] = x, Arg(k)
			}
			requireSame(t, got, Fuse(u.expr(exprs...)).Call(operands...), msg+" (fused)")
			if len(want.Shape) == 1 {
				n := want.Shape[0]
				out := d.Zeros(want.DType, 3*n).Index(From(1).Step(3))
				require.Same(t, out, u.call([]*Array{out}, operands...), msg)
				requireClose(t, want.DType, want.Data, hostData(t, out), tol, msg+" (out)")
			}
		}
		require.Empty(t, arrays)
	})
}

// TestUfuncmoreScalarsAndMethods checks Go scalar operands (weak, as
// Python's in NumPy 2) and the method forms against NumPy's reprs.
func TestUfuncmoreScalarsAndMethods(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		f32 := FromSliceOn(d, []float32{-2, 0.5, float32(math.Inf(-1))})
		i8 := FromSliceOn(d, []int8{-128, 7, -1})
		for _, c := range []struct {
			got  *Array
			want string
		}{
			{FloatPower(f32, 2), "array([4.  , 0.25,  inf])"},
			{FloatPower(2, -1), "array(0.5)"},
			{FloatPower(i8, 1i), "array([ 0.00601485-0.04279327j, -0.36637844+0.93046593j,\n        0.04321392+0.j        ])"},
			{f32.FloatPower(f32), "array([0.25      , 0.70710678, 0.        ])"},
			{Isposinf(math.Inf(1)), "array(True)"},
			{f32.Isneginf(), "array([False, False,  True])"},
			{f32.Fabs(), "array([2. , 0.5, inf], dtype=float32)"},
			{i8.Fabs(), "array([128.,   7.,   1.], dtype=float16)"},
			{Fix(-2.5), "array(-2.)"},
			{f32.Fix(), "array([ -2.,   0., -inf], dtype=float32)"},
			{I0(0), "array(1.)"},
			{i8.BitwiseCount(), "array([1, 3, 1], dtype=uint8)"},
			{BitwiseCount(-1), "array(1, dtype=uint8)"},
		} {
			require.NoError(t, c.got.Err(), c.want)
			require.Equal(t, c.want, c.got.String())
		}
		// NumPy leaves the count beyond an empty input's bits uninitialized;
		// they are zeros, as for any other input.
		empty := Unpackbits(d.Zeros(Uint8, 0, 2), 0, BigBits, 3)
		require.Equal(t, "array([[0, 0],\n       [0, 0],\n       [0, 0]], dtype=uint8)", empty.String())
		require.InDelta(t, 2.2795853023360673, item(t, f32.Index(I(0)).I0()), 1e-6)
	})
}

func item(t *testing.T, a *Array) float64 {
	v, err := Item[float64](a)
	require.NoError(t, err)
	return v
}

// TestUfuncmoreErrors checks NumPy 2's refusals: complex operands of
// isposinf, isneginf, fabs, fix and i0, floats of bitwise_count, out
// arrays the result does not cast to, and packbits' and unpackbits'
// dtypes, axes and counts.
func TestUfuncmoreErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		z := FromSliceOn(d, []complex64{1, 2})
		f := FromSliceOn(d, []float64{1, 2})
		u8 := FromSliceOn(d, []uint8{1, 2})
		for _, c := range []struct {
			got  *Array
			want string
		}{
			{Isposinf(z), "Isposinf: This operation is not supported for complex64 values because it would be ambiguous."},
			{Isneginf(z), "Isneginf: This operation is not supported for complex64 values because it would be ambiguous."},
			{Isposinf(1i), "Isposinf: This operation is not supported for complex128 values because it would be ambiguous."},
			{Fabs(z), "Fabs: ufunc 'fabs' not supported for complex64"},
			{Fix(z), "Fix: ufunc 'fix' not supported for complex64"},
			{I0(z), "I0: i0 not supported for complex values"},
			{BitwiseCount(f), "BitwiseCount: ufunc 'bitwise_count' not supported for float64"},
			{BitwiseCount(1.5), "BitwiseCount: ufunc 'bitwise_count' not supported for float64"},
			{FloatPower(f, 2, u8), "FloatPower: cannot cast ufunc 'float_power' output from float64 to uint8 with casting rule 'same_kind'"},
			{FloatPower(z, f, d.Empty(Float64, 2)), "FloatPower: cannot cast ufunc 'float_power' output from complex128 to float64 with casting rule 'same_kind'"},
			{Fabs(f, d.Empty(Float64, 3)), "Fabs: non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2,)"},
			{Packbits(f, 0, BigBits), "Packbits: Expected an input array of integer or boolean data type, got float64"},
			{Packbits(z, AxisNone, BigBits), "Packbits: Expected an input array of integer or boolean data type, got complex64"},
			{Packbits(u8, 1, BigBits), "Packbits: axis 1 is out of bounds for array of dimension 1"},
			{Packbits(d.Zeros(Bool), 0, BigBits), "Packbits: axis 0 is out of bounds for array of dimension 0"},
			{Packbits(u8, 0, BitOrder(2)), "Packbits: 'order' must be either 'little' or 'big'"},
			{Unpackbits(FromSliceOn(d, []int8{1}), 0, BigBits), "Unpackbits: Expected an input array of unsigned byte data type, got int8"},
			{Unpackbits(u8, 0, BigBits, -17), "Unpackbits: -count larger than number of elements"},
			{Unpackbits(u8, 0, BigBits, 1, 2), "Unpackbits: 2 counts given, want at most 1"},
			{Unpackbits(u8, -2, LittleBits), "Unpackbits: axis -2 is out of bounds for array of dimension 1"},
			{Unpackbits(nil, 0, BigBits), "Unpackbits: " + ErrNil.Error()},
		} {
			require.EqualError(t, c.got.Err(), c.want)
		}
	})
}
