package array

import (
	"fmt"
	"math"
	"math/cmplx"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

type binaryFunc = func(x, y any, out ...*Array) *Array
type unaryFunc = func(x any, out ...*Array) *Array

// numpyUfuncs maps NumPy's ufunc names to ours, with out.
var numpyUfuncs = map[string]func(out []*Array, args ...any) *Array{}

func init() {
	bin := map[string]binaryFunc{"add": Add, "subtract": Sub, "multiply": Mul, "divide": Div,
		"floor_divide": FloorDiv, "remainder": Mod, "power": Pow, "maximum": Maximum, "minimum": Minimum,
		"fmax": FMax, "fmin": FMin, "arctan2": Arctan2, "hypot": Hypot, "copysign": Copysign,
		"bitwise_and": BitAnd, "bitwise_or": BitOr, "bitwise_xor": BitXor, "left_shift": LeftShift,
		"right_shift": RightShift, "equal": Equal, "not_equal": NotEqual, "less": Less,
		"less_equal": LessEqual, "greater": Greater, "greater_equal": GreaterEqual,
		"logical_and": LogicalAnd, "logical_or": LogicalOr, "logical_xor": LogicalXor}
	un := map[string]unaryFunc{"negative": Neg, "positive": Pos, "absolute": Abs, "sign": Sign,
		"reciprocal": Reciprocal, "square": Square, "sqrt": Sqrt, "cbrt": Cbrt, "exp": Exp, "exp2": Exp2,
		"expm1": Expm1, "log": Log, "log2": Log2, "log10": Log10, "log1p": Log1p, "sin": Sin, "cos": Cos,
		"tan": Tan, "arcsin": Arcsin, "arccos": Arccos, "arctan": Arctan, "sinh": Sinh, "cosh": Cosh,
		"tanh": Tanh, "arcsinh": Arcsinh, "arccosh": Arccosh, "arctanh": Arctanh, "floor": Floor,
		"ceil": Ceil, "trunc": Trunc, "rint": Rint, "isnan": IsNaN, "isinf": IsInf, "isfinite": IsFinite,
		"signbit": Signbit, "logical_not": LogicalNot, "invert": Invert, "conjugate": Conj}
	for name, f := range bin {
		numpyUfuncs[name] = func(out []*Array, a ...any) *Array { return f(a[0], a[1], out...) }
	}
	for name, f := range un {
		numpyUfuncs[name] = func(out []*Array, a ...any) *Array { return f(a[0], out...) }
	}
	numpyUfuncs["where"] = func(out []*Array, a ...any) *Array { return Where(a[0], a[1], a[2], out...) }
	numpyUfuncs["clip"] = func(out []*Array, a ...any) *Array { return Clip(a[0], a[1], a[2], out...) }
}

type ufuncCase struct {
	name   string
	tol    float64
	inputs []*NpyData
	want   *NpyData
}

func ufuncCases(t *testing.T) []ufuncCase {
	var cases []ufuncCase
	for _, c := range npyCases(t, "array/ufuncs") {
		tol, err := strconv.ParseFloat(c.fields[2], 64)
		require.NoError(t, err, c.fields)
		cases = append(cases, ufuncCase{c.fields[0], tol, c.inputs, c.want})
	}
	return cases
}

func (c ufuncCase) String(i int) string {
	var dts []string
	for _, in := range c.inputs {
		dts = append(dts, in.DType.String()+formatShape(in.Shape))
	}
	return fmt.Sprintf("case %d: %s(%s)", i, c.name, strings.Join(dts, ", "))
}

// TestUfuncsNumPy checks every ufunc against NumPy's output: its dtype and
// values, on contiguous inputs, on negative-step views, into a strided
// out view, and into out aliasing the first input.
func TestUfuncsNumPy(t *testing.T) {
	cases := ufuncCases(t)
	forEachBackend(t, func(t *testing.T, d *Device) {
		for i, c := range cases {
			msg := c.String(i)
			f := numpyUfuncs[c.name]
			require.NotNil(t, f, msg)
			args := make([]any, len(c.inputs))
			for k, in := range c.inputs {
				args[k] = onDevice(t, d, in)
			}
			got := f(nil, args...)
			require.NoError(t, got.Err(), msg)
			require.Equal(t, c.want.DType, got.DType(), msg)
			require.Equal(t, c.want.Shape, got.Shape(), msg)
			requireClose(t, c.want.DType, c.want.Data, hostData(t, got), c.tol, msg)
			if len(c.want.Shape) != 1 {
				continue
			}
			// The same through views: inputs read backwards from every other
			// element, out every third element of a bigger array.
			n := c.want.Shape[0]
			views := make([]any, len(args))
			for k, a := range args {
				big := d.Empty(a.(*Array).DType(), 2*n)
				views[k] = big.Index(All.Step(-2))
				require.NoError(t, views[k].(*Array).Set(a), msg)
			}
			out := d.Zeros(c.want.DType, 3*n).Index(From(1).Step(3))
			require.Same(t, out, f([]*Array{out}, views...), msg)
			requireClose(t, c.want.DType, c.want.Data, hostData(t, out), c.tol, msg+" (views)")
			// out aliasing the first input, where the dtypes allow it.
			if first := args[0].(*Array); first.DType() == c.want.DType {
				x := first.Copy()
				args[0] = x
				require.Same(t, x, f([]*Array{x}, args...), msg)
				requireClose(t, c.want.DType, c.want.Data, hostData(t, x), c.tol, msg+" (out=x)")
			}
		}
	})
}

// TestWeakScalars checks NEP 50 promotion with Go scalars and NumPy 2's
// errors for integers out of range.
func TestWeakScalars(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		i8 := FromSliceOn(d, []int8{1, -2, 100})
		f32 := FromSliceOn(d, []float32{1.5, -2, 4})
		b := FromSliceOn(d, []bool{true, false, true})
		u8 := FromSliceOn(d, []uint8{1, 2, 255})
		for _, c := range []struct {
			got  *Array
			dt   DType
			want string
		}{
			{Add(i8, 1), Int8, "array([  2,  -1, 101], dtype=int8)"},
			{Add(i8, 27), Int8, "array([ 28,  25, 127], dtype=int8)"},
			{Add(i8, 1.5), Float64, "array([  2.5,  -0.5, 101.5])"},
			{Mul(f32, 2), Float32, "array([ 3., -4.,  8.], dtype=float32)"},
			{Add(b, 1), Int64, "array([2, 1, 2])"},
			{Add(b, true), Bool, "array([ True,  True,  True])"},
			{Add(f32, 1i), Complex64, "array([ 1.5+1.j, -2. +1.j,  4. +1.j], dtype=complex64)"},
			{Add(u8, 1), Uint8, "array([2, 3, 0], dtype=uint8)"},
			{Div(i8, 2), Float64, "array([ 0.5, -1. , 50. ])"},
			{Pow(f32, 2), Float32, "array([ 2.25,  4.  , 16.  ], dtype=float32)"},
			{Less(u8, 2), Bool, "array([ True, False, False])"},
			{Sub(1, f32), Float32, "array([-0.5,  3. , -3. ], dtype=float32)"},
			{Add(2, 3), Int64, "array(5)"},
			{Sqrt(4.0), Float64, "array(2.)"},
			// a complex Go number's truth, as bool(1j)
			{LogicalAnd(i8, 1i), Bool, "array([ True,  True,  True])"},
			{LogicalOr(b, 0i), Bool, "array([ True, False,  True])"},
			{LogicalXor(2+1i, f32), Bool, "array([False, False, False])"},
			{d.Full(Bool, 0.5i, 2), Bool, "array([ True,  True])"},
			{Gcd(b, 6), Int64, "array([1, 6, 1])"},
			// a real Go number is a 0-d array to np.imag and np.angle
			{Imag(3), Int64, "array(0)"},
			{Angle(-2.0), Float64, "array(3.14159265)"},
			{Angle(2), Float64, "array(0.)"},
		} {
			require.NoError(t, c.got.Err(), c.want)
			require.Equal(t, c.dt, c.got.DType(), c.want)
			require.Equal(t, c.want, c.got.String())
		}
		for _, c := range []struct {
			got  *Array
			want string
		}{
			{Add(i8, 300), "Add: Go integer 300 out of bounds for int8"},
			{Add(u8, -1), "Add: Go integer -1 out of bounds for uint8"},
			{Pow(FromSliceOn(d, []int32{2}), -1), "Pow: Integers to negative integer powers are not allowed."},
			{Sub(b, true), "Sub: numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead"},
			{Gcd(b, b), "Gcd: ufunc 'gcd' did not contain a loop with signature matching types (bool, bool) -> None"},
			{Lcm(b, FromSliceOn(d, []bool{true})), "Lcm: ufunc 'lcm' did not contain a loop with signature matching types (bool, bool) -> None"},
			{Neg(b), "Neg: the numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead"},
			{Add(i8, "x"), "Add: operand 1 has unsupported type string (want *Array or a Go number or bool)"},
		} {
			require.EqualError(t, c.got.Err(), c.want)
		}
	})
}

// TestSincComplex checks Sinc of complex numbers against NumPy's formula
// evaluated in complex128 here: sin(πx)/(πx), 1 at 0, in x's dtype.
func TestSincComplex(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		xs := []complex128{1.5 + 1i, -2, 0, 7.25 - 2i, 0.5i, -0.3 + 0.1i}
		for _, dt := range []DType{Complex64, Complex128} {
			got, err := ToSlice[complex128](Sinc(FromSliceOn(d, xs).AsType(dt)).AsType(Complex128))
			require.NoError(t, err)
			for i, x := range xs {
				want := complex(1, 0)
				if x != 0 {
					want = cmplx.Sin(math.Pi*x) / (math.Pi * x)
				}
				tol := 1e-12
				if dt == Complex64 {
					tol = 1e-5
				}
				require.InDelta(t, 0, cmplx.Abs(got[i]-want), tol*math.Max(1, cmplx.Abs(want)), "%v sinc(%v)", dt, x)
			}
		}
		one, err := Item[complex128](Sinc(0.5i))
		require.NoError(t, err)
		require.InDelta(t, real(cmplx.Sinh(math.Pi/2)/(math.Pi/2)), real(one), 1e-12)
	})
}
