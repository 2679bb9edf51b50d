package array

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// TestMiscNumPy replays testdata/misc (gen_misc.py) on every backend.
func TestMiscNumPy(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		checkCaseFile(t, "misc", func(string) bool { return true }, func(fn string, args signalArgs, in []*NpyData) []*Array {
			got := miscFixtureCall(t, d, fn, args, in)
			if args["err"] == "1" {
				require.Error(t, got.err, "%s %v", fn, args)
				return nil
			}
			return got.results
		})
	})
}

// miscResult is a case's results, or the error of the call.
type miscResult struct {
	results []*Array
	err     error
}

// arrays turns arrays into a miscResult: the first error they carry, or
// the arrays.
func arrays(as ...*Array) miscResult {
	for _, a := range as {
		if err := a.Err(); err != nil {
			return miscResult{err: err}
		}
	}
	return miscResult{results: as}
}

// dtypeResult is a dtype answer as the fixture stores it: a 0-d zero.
func dtypeResult(d *Device, dt DType, err error) miscResult {
	if err != nil {
		return miscResult{err: err}
	}
	return arrays(d.Zeros(dt))
}

// miscAlong are the Go twins of gen_misc.py's apply_along_axis functions.
var miscAlong = map[string]func(v *Array) *Array{
	"sum":    func(v *Array) *Array { return Sum(v) },
	"cumsum": func(v *Array) *Array { return CumSum(v) },
	"head2":  func(v *Array) *Array { return v.Index(To(2)) },
	"outer":  func(v *Array) *Array { return Outer(v, v) },
}

// miscOver are the Go twins of gen_misc.py's apply_over_axes functions.
var miscOver = map[string]func(a *Array, axis int) *Array{
	"sum":    func(a *Array, axis int) *Array { return Sum(a, Axis(axis)) },
	"cumsum": func(a *Array, axis int) *Array { return CumSum(a, Axis(axis)) },
	"max":    func(a *Array, axis int) *Array { return Max(a, Axis(axis)) },
}

// miscFrom are the Go twins of gen_misc.py's fromfunction functions.
var miscFrom = map[string]func(ix ...*Array) *Array{
	"lin":   func(ix ...*Array) *Array { return Add(ix[0], Mul(ix[1], 2)) },
	"prod3": func(ix ...*Array) *Array { return Sub(Mul(ix[0], ix[1]), ix[2]) },
	"dist":  func(ix ...*Array) *Array { return Sqrt(Add(Mul(ix[0], ix[0]), Mul(ix[1], ix[1]))) },
}

// miscPiece is a piecewise function of gen_misc.py: a name or c:<constant>.
func miscPiece(t *testing.T, name string) any {
	if c, ok := strings.CutPrefix(name, "c:"); ok {
		if strings.Contains(c, ".") {
			f, err := strconv.ParseFloat(c, 64)
			require.NoError(t, err)
			return f
		}
		return atoi(t, c)
	}
	return map[string]func(*Array) *Array{
		"neg":  func(v *Array) *Array { return Neg(v) },
		"sq":   func(v *Array) *Array { return Mul(v, v) },
		"half": func(v *Array) *Array { return Div(v, 2) },
	}[name]
}

// miscScalar reads a Python scalar as gen_misc.py writes it.
func miscScalar(t *testing.T, s string) any {
	switch s {
	case "True":
		return true
	case "False":
		return false
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return int(i)
	}
	if u, err := strconv.ParseUint(s, 10, 64); err == nil {
		return u
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	c, err := strconv.ParseComplex(strings.ReplaceAll(strings.Trim(s, "()"), "j", "i"), 128)
	require.NoError(t, err, s)
	return c
}

// shareView makes the view of a shares case: index, transposition, and a
// complex array's real or imaginary part (a float view of its buffer).
func shareView(t *testing.T, base *Array, args signalArgs, name string) *Array {
	v := base.Index(parseIndex(t, strings.ReplaceAll(args[name], ",", " "))...)
	require.NoError(t, v.Err())
	if args["t"+name] == "1" {
		v = v.T()
	}
	if part := args["p"+name]; part != "" {
		strides := make([]int, len(v.strides))
		for i, s := range v.strides {
			strides[i] = 2 * s
		}
		off := 2 * v.offset
		if part == "imag" {
			off++
		}
		v = &Array{st: v.st, dt: Float64, shape: v.shape, strides: strides, offset: off}
	}
	return v
}

func miscFixtureCall(t *testing.T, d *Device, fn string, args signalArgs, in []*NpyData) miscResult {
	arg := func(k int) *Array { return onDevice(t, d, in[k]) }
	first := func() *Array {
		if len(in) == 0 {
			return nil
		}
		if args["view"] == "bcast" {
			return arg(0).BroadcastTo(2, in[0].Shape[0])
		}
		return signalView(t, arg(0), args["view"])
	}
	dt := func(key string) DType {
		if args[key] == "-" {
			return 0
		}
		dt, err := dtype.Parse(args[key])
		require.NoError(t, err)
		return dt
	}
	switch fn {
	case "window":
		m := atoi(t, args["m"])
		switch args["w"] {
		case "bartlett":
			return arrays(d.Bartlett(m))
		case "blackman":
			return arrays(d.Blackman(m))
		case "hamming":
			return arrays(d.Hamming(m))
		case "hanning":
			return arrays(d.Hanning(m))
		}
		return arrays(d.Kaiser(m, args.float(t, "beta")))
	case "apply_along":
		return arrays(ApplyAlongAxis(miscAlong[args["f"]], atoi(t, args["axis"]), first()))
	case "apply_over":
		return arrays(ApplyOverAxes(miscOver[args["f"]], first(), args.ints(t, "axes")...))
	case "fromfunction":
		return arrays(d.Fromfunction(miscFrom[args["f"]], args.ints(t, "shape"), dt("dtype")))
	case "piecewise":
		var conds []*Array
		for k := 1; k < len(in); k++ {
			conds = append(conds, arg(k))
		}
		var funcs []any
		for _, f := range strings.Split(args["funcs"], ",") {
			funcs = append(funcs, miscPiece(t, f))
		}
		return arrays(Piecewise(first(), conds, funcs))
	case "shares":
		base := d.Zeros(dt("dtype"), args.ints(t, "shape")...)
		a, b := shareView(t, base, args, "a"), shareView(t, base, args, "b")
		may, err := MayShareMemory(a, b)
		require.NoError(t, err)
		exact, err := SharesMemory(a, b, -1)
		require.NoError(t, err)
		if may {
			bounded, err := SharesMemory(a, b)
			require.NoError(t, err, "the default bound is enough")
			require.Equal(t, exact, bounded)
		}
		return arrays(FromSliceOn(d, []bool{may, exact}))
	case "sort_complex":
		return arrays(SortComplex(first()))
	case "rollaxis":
		r := Rollaxis(first(), atoi(t, args["axis"]), atoi(t, args["start"]))
		return arrays(r)
	case "mask_indices":
		f := Triu
		if args["f"] == "tril" {
			f = Tril
		}
		idx, err := d.MaskIndices(atoi(t, args["n"]), f, atoi(t, args["k"]))
		if err != nil {
			return miscResult{err: err}
		}
		return arrays(idx...)
	case "result_type":
		var ops []any
		for _, tok := range strings.Split(args["ops"], ",") {
			switch name, isArray := strings.CutPrefix(tok, "a:"); {
			case tok == "b", tok == "i", tok == "f", tok == "c":
				ops = append(ops, map[string]any{"b": true, "i": 3, "f": 1.5, "c": 1i}[tok])
			case isArray:
				dt, err := dtype.Parse(name)
				require.NoError(t, err)
				ops = append(ops, d.Ones(dt))
			default:
				dt, err := dtype.Parse(tok)
				require.NoError(t, err)
				ops = append(ops, dt)
			}
		}
		dt, err := ResultType(ops...)
		return dtypeResult(d, dt, err)
	case "min_scalar_type":
		var v any
		if len(in) > 0 {
			v = arg(0)
		} else {
			v = miscScalar(t, args["v"])
		}
		dt, err := MinScalarType(v)
		return dtypeResult(d, dt, err)
	case "common_type":
		var xs []*Array
		for k := range in {
			xs = append(xs, arg(k))
		}
		dt, err := CommonType(xs...)
		return dtypeResult(d, dt, err)
	case "require":
		x := first()
		var reqs []string
		if r := args["req"]; r != "-" {
			reqs = strings.Split(r, "")
		}
		r := Require(x, dt("dtype"), reqs...)
		if r.err != nil {
			return miscResult{err: r.err}
		}
		fortran := r.Transpose()
		shared, err := SharesMemory(r, x)
		require.NoError(t, err)
		flags := []bool{r.contiguous(), fortran.contiguous(), !r.readOnly, !shared}
		return arrays(r, FromSliceOn(d, flags))
	case "chkfinite":
		return arrays(AsarrayChkfinite(first()))
	case "binary_repr":
		num, err := strconv.ParseInt(args["num"], 10, 64)
		require.NoError(t, err)
		var s string
		if args["width"] == "" {
			s, err = BinaryRepr(num)
		} else {
			s, err = BinaryRepr(num, atoi(t, args["width"]))
		}
		if args["err"] == "1" {
			require.ErrorContains(t, err, "insufficient bit width", "%v", args)
			return miscResult{err: err}
		}
		require.NoError(t, err)
		require.Equal(t, args["want"], s, "%v", args)
		return miscResult{}
	case "base_repr":
		num, err := strconv.ParseInt(args["num"], 10, 64)
		require.NoError(t, err)
		s, err := BaseRepr(num, atoi(t, args["base"]), atoi(t, args["pad"]))
		if err != nil {
			return miscResult{err: err}
		}
		require.Equal(t, args["want"], s, "%v", args)
		return miscResult{}
	}
	t.Fatalf("unknown case %q", fn)
	return miscResult{}
}

// TestWindowsFormulas checks Hanning against their formulas in float64
// at sizes the fixture does not hold.
func TestWindowsFormulas(t *testing.T) {
	for _, m := range []int{7, 100, 1001} {
		got, err := ToSlice[float64](Hanning(m))
		require.NoError(t, err)
		for i, g := range got {
			want := 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(m-1))
			require.InDelta(t, want, g, 1e-15, "Hanning(%d)[%d]", m, i)
		}
	}
}
