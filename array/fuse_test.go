package array

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/cugo/cugo/internal/race"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/stretchr/testify/require"
)

// unfused evaluates e op by op through the ufuncs, as the chain of calls
// written without Fuse computes it; out, if given, receives the last
// operation's result.
func unfused(e Expr, args []any, out ...*Array) *Array {
	r := unfusedNode(e.n, args, out)
	if a, ok := r.(*Array); ok {
		return a
	}
	return Scalar(r)
}

func unfusedNode(n *exprNode, args []any, out []*Array) any {
	switch {
	case n.u == nil && n.arg >= 0:
		return args[n.arg]
	case n.u == nil:
		return goValue(n.val)
	}
	var vals [3]any
	for i, a := range n.args {
		vals[i] = unfusedNode(a, args, nil)
	}
	if n.u == uCopy {
		return vals[0].(*Array).AsType(n.to)
	}
	return n.u.call(vals, out)
}

// goValue is a Go value of the scalar s.
func goValue(s scalar) any {
	switch {
	case s.kind == dtype.BoolScalar:
		return s.i != 0
	case s.kind == dtype.IntScalar && s.unsigned:
		return s.u
	case s.kind == dtype.IntScalar:
		return s.i
	case s.kind == dtype.FloatScalar:
		return real(s.c)
	}
	return s.c
}

// randomArray returns random elements of dt: small integers, both bools,
// normal floats (negative ones too, so that Sqrt and Log make NaNs).
func randomArray(t *testing.T, d *Device, r *rand.Rand, dt DType, shape ...int) *Array {
	t.Helper()
	host := make([]float64, shapeSize(shape))
	for i := range host {
		switch dt.Kind() {
		case dtype.BoolKind:
			host[i] = float64(r.IntN(2))
		case dtype.UintKind:
			host[i] = float64(r.IntN(256))
		case dtype.IntKind:
			host[i] = float64(r.IntN(201) - 100)
		default:
			host[i] = r.NormFloat64() * 4
		}
	}
	a := FromSliceOn(d, host, shape...).AsType(dt)
	require.NoError(t, a.Err())
	return a
}

// requireSame checks that fused and unfused results agree bit for bit.
func requireSame(t *testing.T, want, got *Array, msg string) {
	t.Helper()
	require.NoError(t, want.Err(), msg)
	require.NoError(t, got.Err(), msg)
	require.Equal(t, want.DType(), got.DType(), msg)
	require.Equal(t, want.Shape(), got.Shape(), msg)
	require.Equal(t, hostData(t, want), hostData(t, got), msg)
}

type fuseCase struct {
	name string
	e    Expr
	ops  []any // a DType: a random array of it; else a Go scalar
}

func fuseCases() []fuseCase {
	x, y, z := Arg(0), Arg(1), Arg(2)
	chain := x.Mul(2).Add(y.Mul(y)).Sub(1)
	s := x.Add(y)
	return []fuseCase{
		{"chain", chain, []any{Float32, Float32}},
		{"chain mixed", chain, []any{Float64, Float32}},
		{"chain f16", chain, []any{Float16, Float16}},
		{"chain bf16 f32", chain, []any{BFloat16, Float32}},
		{"chain int32", chain, []any{Int32, Int32}},
		{"chain wraps", chain, []any{Int8, Uint8}},
		{"int times float scalar", x.Mul(1.5).Add(y), []any{Int32, Int32}},
		{"where", x.Greater(y).Where(x.Sqrt(), y.Neg()), []any{Float32, Float32}},
		{"where mixed", x.Greater(y).Where(x.Log(), y.Mul(0.1)), []any{Float16, Float32}},
		{"where logical", x.Less(0.5).LogicalOr(y.IsNaN()).Where(x, 0), []any{Float32, Float64}},
		{"integer division", x.Div(y).Add(x.FloorDiv(3)).Sub(x.Mod(y.Abs().Add(1))), []any{Int16, Int16}},
		{"clip pow", x.Clip(-1, 1).Pow(2).Sqrt().Exp(), []any{Float32}},
		{"astype", x.AsType(Float16).Mul(3).Add(y), []any{Float32, Float32}},
		{"uint8 constant", x.Add(200).Mul(y), []any{Uint8, Uint8}},
		{"scalar operand", x.Mul(z).Add(y), []any{Float32, Float32, 0.5}},
		{"int scalar operand", x.Mul(z).Sub(y), []any{Int8, Int8, 3}},
		{"shared subexpression", s.Mul(s).Sub(s.Sqrt()), []any{Float32, Float32}},
		{"complex", x.AsType(Complex64).Mul(1i).Add(y).Abs(), []any{Float32, Float32}},
		{"bools", x.Greater(0).BitXor(y.Less(0)).LogicalNot(), []any{Float32, Bool}},
		{"three arrays", x.Maximum(y).Minimum(z).Hypot(1).Tanh(), []any{Float32, Float64, Float32}},
	}
}

// TestFusedMatchesUnfused checks fused expressions against the same
// operations applied one by one: dtypes, shapes and bits, for operands of
// one shape, broadcast ones, and transposed or strided views.
func TestFusedMatchesUnfused(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		r := rand.New(rand.NewPCG(1, 2))
		layouts := []struct {
			name string
			make func(dt DType, i int) *Array
		}{
			{"contiguous", func(dt DType, _ int) *Array { return randomArray(t, d, r, dt, 6, 7) }},
			{"broadcast", func(dt DType, i int) *Array {
				return randomArray(t, d, r, dt, [][]int{{6, 7}, {7}, {6, 1}}[i%3]...)
			}},
			{"views", func(dt DType, i int) *Array {
				if i%2 == 0 {
					return randomArray(t, d, r, dt, 7, 6).Transpose()
				}
				return randomArray(t, d, r, dt, 12, 7).Index(All.Step(-2))
			}},
		}
		for _, c := range fuseCases() {
			f := Fuse(c.e)
			require.NoError(t, f.Err(), c.name)
			for _, l := range layouts {
				msg := c.name + " " + l.name
				args := make([]any, len(c.ops))
				for i, op := range c.ops {
					args[i] = op
					if dt, ok := op.(DType); ok {
						args[i] = l.make(dt, i)
					}
				}
				want := unfused(c.e, args)
				got := f.Call(args...)
				requireSame(t, want, got, msg)

				// Into a strided view of a bigger array.
				shape := want.Shape()
				out := d.Zeros(want.DType(), 2*shape[0], shape[1]).Index(All.Step(2))
				require.Same(t, out, f.Into(out, args...), msg)
				requireSame(t, want, out, msg+" (into a view)")

				// Into the first operand, where the dtypes allow it.
				if first := args[0].(*Array); first.DType() == want.DType() && l.name != "broadcast" {
					x := first.Copy()
					args[0] = x
					require.Same(t, x, f.Into(x, args...), msg)
					requireSame(t, want, x, msg+" (into x)")
				}
			}
		}
	})
}

// exprUfuncs maps NumPy's ufunc names to the Expr methods.
var exprUfuncs = map[string]func(x ...Expr) Expr{
	"add": func(x ...Expr) Expr { return x[0].Add(x[1]) }, "subtract": func(x ...Expr) Expr { return x[0].Sub(x[1]) },
	"multiply": func(x ...Expr) Expr { return x[0].Mul(x[1]) }, "divide": func(x ...Expr) Expr { return x[0].Div(x[1]) },
	"floor_divide": func(x ...Expr) Expr { return x[0].FloorDiv(x[1]) }, "remainder": func(x ...Expr) Expr { return x[0].Mod(x[1]) },
	"power": func(x ...Expr) Expr { return x[0].Pow(x[1]) }, "maximum": func(x ...Expr) Expr { return x[0].Maximum(x[1]) },
	"minimum": func(x ...Expr) Expr { return x[0].Minimum(x[1]) }, "fmax": func(x ...Expr) Expr { return x[0].FMax(x[1]) },
	"fmin": func(x ...Expr) Expr { return x[0].FMin(x[1]) }, "arctan2": func(x ...Expr) Expr { return x[0].Arctan2(x[1]) },
	"hypot": func(x ...Expr) Expr { return x[0].Hypot(x[1]) }, "copysign": func(x ...Expr) Expr { return x[0].Copysign(x[1]) },
	"bitwise_and": func(x ...Expr) Expr { return x[0].BitAnd(x[1]) }, "bitwise_or": func(x ...Expr) Expr { return x[0].BitOr(x[1]) },
	"bitwise_xor": func(x ...Expr) Expr { return x[0].BitXor(x[1]) }, "left_shift": func(x ...Expr) Expr { return x[0].LeftShift(x[1]) },
	"right_shift": func(x ...Expr) Expr { return x[0].RightShift(x[1]) }, "equal": func(x ...Expr) Expr { return x[0].Equal(x[1]) },
	"not_equal": func(x ...Expr) Expr { return x[0].NotEqual(x[1]) }, "less": func(x ...Expr) Expr { return x[0].Less(x[1]) },
	"less_equal": func(x ...Expr) Expr { return x[0].LessEqual(x[1]) }, "greater": func(x ...Expr) Expr { return x[0].Greater(x[1]) },
	"greater_equal": func(x ...Expr) Expr { return x[0].GreaterEqual(x[1]) },
	"logical_and":   func(x ...Expr) Expr { return x[0].LogicalAnd(x[1]) }, "logical_or": func(x ...Expr) Expr { return x[0].LogicalOr(x[1]) },
	"logical_xor": func(x ...Expr) Expr { return x[0].LogicalXor(x[1]) },
	"negative":    func(x ...Expr) Expr { return x[0].Neg() }, "positive": func(x ...Expr) Expr { return x[0].Pos() },
	"absolute": func(x ...Expr) Expr { return x[0].Abs() }, "sign": func(x ...Expr) Expr { return x[0].Sign() },
	"reciprocal": func(x ...Expr) Expr { return x[0].Reciprocal() }, "square": func(x ...Expr) Expr { return x[0].Square() },
	"sqrt": func(x ...Expr) Expr { return x[0].Sqrt() }, "cbrt": func(x ...Expr) Expr { return x[0].Cbrt() },
	"exp": func(x ...Expr) Expr { return x[0].Exp() }, "exp2": func(x ...Expr) Expr { return x[0].Exp2() },
	"expm1": func(x ...Expr) Expr { return x[0].Expm1() }, "log": func(x ...Expr) Expr { return x[0].Log() },
	"log2": func(x ...Expr) Expr { return x[0].Log2() }, "log10": func(x ...Expr) Expr { return x[0].Log10() },
	"log1p": func(x ...Expr) Expr { return x[0].Log1p() }, "sin": func(x ...Expr) Expr { return x[0].Sin() },
	"cos": func(x ...Expr) Expr { return x[0].Cos() }, "tan": func(x ...Expr) Expr { return x[0].Tan() },
	"arcsin": func(x ...Expr) Expr { return x[0].Arcsin() }, "arccos": func(x ...Expr) Expr { return x[0].Arccos() },
	"arctan": func(x ...Expr) Expr { return x[0].Arctan() }, "sinh": func(x ...Expr) Expr { return x[0].Sinh() },
	"cosh": func(x ...Expr) Expr { return x[0].Cosh() }, "tanh": func(x ...Expr) Expr { return x[0].Tanh() },
	"arcsinh": func(x ...Expr) Expr { return x[0].Arcsinh() }, "arccosh": func(x ...Expr) Expr { return x[0].Arccosh() },
	"arctanh": func(x ...Expr) Expr { return x[0].Arctanh() }, "floor": func(x ...Expr) Expr { return x[0].Floor() },
	"ceil": func(x ...Expr) Expr { return x[0].Ceil() }, "trunc": func(x ...Expr) Expr { return x[0].Trunc() },
	"rint": func(x ...Expr) Expr { return x[0].Rint() }, "isnan": func(x ...Expr) Expr { return x[0].IsNaN() },
	"isinf": func(x ...Expr) Expr { return x[0].IsInf() }, "isfinite": func(x ...Expr) Expr { return x[0].IsFinite() },
	"signbit": func(x ...Expr) Expr { return x[0].Signbit() }, "logical_not": func(x ...Expr) Expr { return x[0].LogicalNot() },
	"invert": func(x ...Expr) Expr { return x[0].Invert() }, "conjugate": func(x ...Expr) Expr { return x[0].Conj() },
	"where": func(x ...Expr) Expr { return x[0].Where(x[1], x[2]) }, "clip": func(x ...Expr) Expr { return x[0].Clip(x[1], x[2]) },
}

// TestFusedUfuncsNumPy checks every ufunc method of Expr, fused alone,
// against NumPy's fixture output, and bit for bit against the ufunc.
func TestFusedUfuncsNumPy(t *testing.T) {
	cases := ufuncCases(t)
	forEachBackend(t, func(t *testing.T, d *Device) {
		for i, c := range cases {
			msg := c.String(i)
			build := exprUfuncs[c.name]
			require.NotNil(t, build, msg)
			args := make([]any, len(c.inputs))
			xs := make([]Expr, len(c.inputs))
			for k, in := range c.inputs {
				args[k], xs[k] = onDevice(t, d, in), Arg(k)
			}
			got := Fuse(build(xs...)).Call(args...)
			require.NoError(t, got.Err(), msg)
			require.Equal(t, c.want.DType, got.DType(), msg)
			requireClose(t, c.want.DType, c.want.Data, hostData(t, got), c.tol, msg)
			requireSame(t, numpyUfuncs[c.name](nil, args...), got, msg)
		}
	})
}

// TestFusedKernelsCompile compiles with NVRTC (no GPU needed) the CUDA
// kernels of the fused test expressions, contiguous and strided.
func TestFusedKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	for _, c := range fuseCases() {
		codes := make([]uint32, len(c.ops))
		for i, op := range c.ops {
			if dt, ok := op.(DType); ok {
				codes[i] = uint32(dt)
			} else {
				s, _ := scalarOf(op)
				codes[i] = scalarCode + uint32(s.kind)
			}
		}
		l := Fuse(c.e).loop(codes, 0)
		require.NoError(t, l.err, c.name)
		for _, layout := range []cgen.Layout{{Contiguous: true}, {NDim: 2}} {
			src, err := cgen.Render(l.kernel, layout, cgen.CUDA)
			require.NoError(t, err, c.name)
			_, err = kerneltest.CUDA(src.Code)
			require.NoError(t, err, "%s %v: %s", c.name, layout, l.kernel.Key())
		}
	}
}

// TestFusedOutCast checks Into an array of another dtype: the last
// operation's same_kind cast, as its out argument gives.
func TestFusedOutCast(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		r := rand.New(rand.NewPCG(3, 4))
		a, b := randomArray(t, d, r, Float32, 5), randomArray(t, d, r, Float32, 5)
		e := Arg(0).Mul(2).Add(Arg(1))
		f := Fuse(e)
		for _, dt := range []DType{Float64, Float16, Complex64} {
			want := unfused(e, []any{a, b}, d.Empty(dt, 5))
			requireSame(t, want, f.Into(d.Empty(dt, 5), a, b), dt.String())
		}
		want := unfused(e, []any{a, b}, d.Empty(Int32, 5))
		got := f.Into(d.Empty(Int32, 5), a, b)
		require.EqualError(t, got.Err(), want.Err().Error())
		require.EqualError(t, got.Err(), "Add: cannot cast ufunc 'add' output from float32 to int32 with casting rule 'same_kind'")
	})
}

// TestFusedErrors checks that errors name the operation as the unfused
// chain does, and the fused call's own errors.
func TestFusedErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		r := rand.New(rand.NewPCG(5, 6))
		x, y := Arg(0), Arg(1)
		f23, f4 := randomArray(t, d, r, Float32, 2, 3), randomArray(t, d, r, Float32, 4)
		i8, i32 := randomArray(t, d, r, Int8, 3), randomArray(t, d, r, Int32, 3)
		b := randomArray(t, d, r, Bool, 3)
		for _, c := range []struct {
			e    Expr
			args []any
			out  *Array
			want string
		}{
			{x.Mul(2).Add(y.Mul(y)), []any{f23, f4}, nil,
				"Add: operands could not be broadcast together with shapes (2,3) (4,)"},
			{x.Mul(2).BitAnd(y), []any{f23, f23}, nil,
				"BitAnd: ufunc 'bitwise_and' not supported for float32"},
			{x.Greater(0).Sub(true), []any{i8}, nil,
				"Sub: numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead"},
			{x.Add(300), []any{i8}, nil, "Add: Go integer 300 out of bounds for int8"},
			{x.Mul(y), []any{i8, -1000}, nil, "Mul: Go integer -1000 out of bounds for int8"},
			{x.Pow(-1), []any{i32}, nil, "Pow: Integers to negative integer powers are not allowed."},
			{x.Neg(), []any{b}, nil,
				"Neg: the numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead"},
			{x.Add(y).Sqrt(), []any{f23, f23}, d.Empty(Float32, 3),
				"Sqrt: non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2,3)"},
		} {
			want, got := unfused(c.e, c.args), Fuse(c.e).Call(c.args...)
			if c.out != nil {
				want, got = unfused(c.e, c.args, c.out), Fuse(c.e).Into(c.out, c.args...)
			}
			require.EqualError(t, want.Err(), c.want)
			require.EqualError(t, got.Err(), c.want)
		}

		freed := randomArray(t, d, r, Float32, 3)
		freed.Free()
		other := On(nopBackend{}).Empty(Float32, 3)
		for _, c := range []struct {
			got  *Array
			want string
		}{
			{Fuse(x.Add(y)).Call(f4), "Fused: 1 operands given, the expression takes 2"},
			{Fuse(x.Add(y)).Call(f4, "s"), "Fused: operand 1 has unsupported type string (want *Array or a Go number or bool)"},
			{Fuse(x.Add(f4)).Call(f4), "Add: operand 1 has unsupported type *array.Array (want Expr or a Go number or bool)"},
			{Fuse(x.Add(Expr{})).Call(f4), "Add: operand 1 is the zero Expr (use Arg)"},
			{Fuse(Arg(-1).Neg()).Call(), "Arg: negative index -1"},
			{Fuse(x).Call(f4), "Fuse: the expression has no operation"},
			{Fuse(Expr{}).Call(), "Fuse: zero Expr"},
			{Fuse(x.Add(y)).Call(2, 3), "Add: a fused operation needs an array operand, got only Go scalars"},
			{Fuse(x.Add(y)).Call(f4, f23.Sub("a")), "Sub: operand 1 has unsupported type string (want *Array or a Go number or bool)"},
			{Fuse(x.Add(y)).Call(f4, freed), "Fused: array: use of a freed array"},
			{Fuse(x.Add(y)).Call(f4, other), "Fused: operands live on different devices " + deviceName(d) + " and nop:0"},
			{Fuse(x.Add(1)).Into(nil, f4), "Fused: array: nil array"},
			{Fuse(x.AsType(Float16)).Into(d.Empty(Float32, 4), f4), "AsType: the output has dtype float32, the expression gives float16"},
			{Fuse(x.AsType(0)).Call(f4), "AsType: invalid dtype DType(0)"},
		} {
			require.EqualError(t, c.got.Err(), c.want)
		}
	})
}

func deviceName(d *Device) string {
	dev := d.Backend().Device()
	return fmt.Sprintf("%s:%d", dev.Kind, dev.Ordinal)
}

// kernelRecorder is a backend that records the kernels it is asked to run.
type launchRecorder struct {
	nopBackend
	kernels []*ir.Kernel
	scalars [][]ir.Value
}

func (r *launchRecorder) Elementwise(k *ir.Kernel, _ []int, _, _ []backend.Operand, vals []ir.Value) error {
	r.kernels = append(r.kernels, k)
	r.scalars = append(r.scalars, append([]ir.Value(nil), vals...))
	return nil
}

// TestFusedKernelCache checks that a fused call is one launch, that its
// constants are parameters, and that the kernel is resolved once per
// structure and dtypes: later calls, and expressions with other constant
// values, reuse it without building anything.
func TestFusedKernelCache(t *testing.T) {
	rec := &launchRecorder{}
	d := On(rec)
	a, b, out := d.Empty(Float32, 64), d.Empty(Float32, 64), d.Empty(Float32, 64)
	x, y := Arg(0), Arg(1)
	f := Fuse(x.Mul(2).Add(y.Mul(y)).Sub(1))
	require.NoError(t, f.Into(out, a, b).Err())
	require.NoError(t, f.Into(out, a, b).Err())
	require.NoError(t, Fuse(x.Mul(3).Add(y.Mul(y)).Sub(7)).Into(out, a, b).Err())
	require.Len(t, rec.kernels, 3, "one launch a call")
	k := rec.kernels[0]
	require.Same(t, k, rec.kernels[1])
	require.Same(t, k, rec.kernels[2], "other constants share the kernel")
	require.Equal(t, []DType{Float32, Float32}, k.Inputs)
	require.Equal(t, []DType{Float32, Float32}, k.Scalars, "the constants 2 and 1 are float32 parameters")
	two, one := floatValue(Float32, 2), floatValue(Float32, 1)
	require.Equal(t, []ir.Value{two, one}, rec.scalars[0])
	require.Equal(t, []ir.Value{floatValue(Float32, 3), floatValue(Float32, 7)}, rec.scalars[2])

	require.NoError(t, f.Call(d.Empty(Float64, 64), b).Err())
	require.NotSame(t, k, rec.kernels[3], "other dtypes, another kernel")
	require.Equal(t, []DType{Float64, Float32}, rec.kernels[3].Inputs)

	require.Len(t, *f.loops.Load(), 2)
	nop := On(nopBackend{})
	a, b, out = nop.Empty(Float32, 64), nop.Empty(Float32, 64), nop.Empty(Float32, 64)
	allocs := testing.AllocsPerRun(100, func() { f.Into(out, a, b) })
	if !race.Enabled {
		require.Zero(t, allocs, "a cached call allocates nothing")
	}
	require.Len(t, *f.loops.Load(), 2, "nor resolves anything")
}

func BenchmarkFusedDispatch(b *testing.B) {
	d := On(nopBackend{})
	x, y, out := d.Empty(Float32, 1024), d.Empty(Float32, 1024), d.Empty(Float32, 1024)
	f := Fuse(Arg(0).Mul(2).Add(Arg(1).Mul(Arg(1))).Sub(1))
	b.Run("Into(out,x,y)", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f.Into(out, x, y)
		}
	})
	b.Run("Call(x,y)", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f.Call(x, y)
		}
	})
	m, v, mout := d.Empty(Float32, 32, 32), d.Empty(Float32, 32), d.Empty(Float32, 32, 32)
	b.Run("Into(out,m,row)", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f.Into(mout, m, v)
		}
	})
	b.Run("unfused chain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			x.Mul(2).Add(y.Mul(y)).Sub(1)
		}
	})
}

func ExampleFuse() {
	x, y := Arg(0), Arg(1)
	f := Fuse(x.Mul(2).Add(y.Mul(y)).Sub(1)) // one kernel, no temporaries
	a := FromSlice([]float32{1, 2, 3})
	b := FromSlice([]float32{0.5, 1, 2})
	fmt.Println(f.Call(a, b))

	// Go scalars may be operands too: weak, as in any ufunc, and kernel
	// parameters, so every value reuses the kernel.
	axpy := Fuse(Arg(0).Mul(Arg(1)).Add(Arg(2)))
	fmt.Println(axpy.Call(0.5, a, b))
	// Output:
	// array([1.25, 4.  , 9.  ], dtype=float32)
	// array([1. , 2. , 3.5], dtype=float32)
}
