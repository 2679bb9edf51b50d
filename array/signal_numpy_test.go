package array

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// signalArgs are the key=value arguments of a case of
// testdata/signal/cases.txt (see gen_signal.py).
type signalArgs map[string]string

func (a signalArgs) ints(t *testing.T, key string) []int {
	var out []int
	if a[key] == "" {
		return []int{}
	}
	for _, s := range strings.Split(a[key], ",") {
		out = append(out, atoi(t, s))
	}
	return out
}

func (a signalArgs) float(t *testing.T, key string) float64 {
	f, err := strconv.ParseFloat(a[key], 64)
	require.NoError(t, err, key)
	return f
}

// number is a Go number as the fixture writes it: an integer, a float
// or a complex number.
func (a signalArgs) number(t *testing.T, key string) any {
	s := a[key]
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return int(i)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	c, err := strconv.ParseComplex(s, 128)
	require.NoError(t, err, key)
	return c
}

// caseTolArgs reads the tolerance and the key=value arguments of a
// case line's fields (<function> <inputs> <results> <tolerance> k=v...).
func caseTolArgs(t *testing.T, fields []string) (float64, signalArgs) {
	tol, err := strconv.ParseFloat(fields[3], 64)
	require.NoError(t, err)
	args := signalArgs{}
	for _, kv := range fields[4:] {
		k, v, _ := strings.Cut(kv, "=")
		args[k] = v
	}
	return tol, args
}

// signalView applies a case's view= to an input.
func signalView(t *testing.T, a *Array, v string) *Array {
	switch v {
	case "", "none":
		return a
	case "step":
		return a.Index(Ellipsis, All.Step(2))
	case "rev":
		return Flip(a, -1)
	case "T":
		return a.T()
	}
	t.Fatalf("unknown view %q", v)
	return nil
}

var convModes = map[string]ConvMode{"full": ConvFull, "same": ConvSame, "valid": ConvValid}

// signalFixtureCall runs one case on arrays on d.
func signalFixtureCall(t *testing.T, d *Device, fn string, args signalArgs, in []*NpyData) []*Array {
	arg := func(k int) *Array { return signalView(t, onDevice(t, d, in[k]), args["view"]) }
	one := func(a *Array) []*Array { return []*Array{a} }
	switch fn {
	case "window":
		if args["axes"] == "none" {
			return one(SlidingWindowView(arg(0), args.ints(t, "window")))
		}
		return one(SlidingWindowView(arg(0), args.ints(t, "window"), args.ints(t, "axes")...))
	case "convolve":
		return one(Convolve(arg(0), arg(1), convModes[args["mode"]]))
	case "correlate":
		return one(Correlate(arg(0), arg(1), convModes[args["mode"]]))
	case "interp":
		var opts []InterpOption
		if _, ok := args["left"]; ok {
			opts = append(opts, InterpLeft(args.number(t, "left")))
		}
		if _, ok := args["right"]; ok {
			opts = append(opts, InterpRight(args.number(t, "right")))
		}
		if _, ok := args["period"]; ok {
			opts = append(opts, InterpPeriod(args.float(t, "period")))
		}
		return one(Interp(arg(0), onDevice(t, d, in[1]), onDevice(t, d, in[2]), opts...))
	case "trapezoid":
		axis := atoi(t, args["axis"])
		switch {
		case len(in) == 2:
			return one(Trapezoid(arg(0), onDevice(t, d, in[1]), axis))
		case args["dx"] != "":
			return one(TrapezoidDx(arg(0), args.float(t, "dx"), axis))
		}
		return one(Trapezoid(arg(0), nil, axis))
	case "gradient":
		var opts []GradientOption
		if args["spacing"] != "" {
			var h []any
			for _, s := range strings.Split(args["spacing"], ",") {
				if s == "x1" {
					h = append(h, onDevice(t, d, in[1]))
					continue
				}
				f, err := strconv.ParseFloat(s, 64)
				require.NoError(t, err)
				h = append(h, f)
			}
			opts = append(opts, GradientSpacing(h...))
		}
		if args["axes"] != "" {
			opts = append(opts, GradientAxes(args.ints(t, "axes")...))
		}
		if args["edge"] != "" {
			opts = append(opts, GradientEdgeOrder(atoi(t, args["edge"])))
		}
		return Gradient(arg(0), opts...)
	case "unwrap":
		var opts []UnwrapOption
		if args["axis"] != "" {
			opts = append(opts, UnwrapAxis(atoi(t, args["axis"])))
		}
		if args["discont"] != "" {
			opts = append(opts, UnwrapDiscont(args.float(t, "discont")))
		}
		if args["period"] != "" {
			opts = append(opts, UnwrapPeriod(args.number(t, "period")))
		}
		return one(Unwrap(arg(0), opts...))
	case "ediff1d":
		extra := func(key string, k *int) any {
			switch args[key] {
			case "":
				return nil
			case "arg":
				*k++
				return onDevice(t, d, in[*k])
			}
			return args.number(t, key)
		}
		k := 0
		begin := extra("begin", &k)
		return one(Ediff1d(arg(0), extra("end", &k), begin))
	case "nantonum":
		var opts []NanToNumOption
		if args["nan"] != "" {
			opts = append(opts, ReplaceNaN(args.float(t, "nan")))
		}
		if args["posinf"] != "" {
			opts = append(opts, ReplacePosInf(args.float(t, "posinf")))
		}
		if args["neginf"] != "" {
			opts = append(opts, ReplaceNegInf(args.float(t, "neginf")))
		}
		return one(NanToNum(arg(0), opts...))
	case "select":
		n := atoi(t, args["nconds"])
		conds := make([]*Array, n)
		for k := range conds {
			conds[k] = arg(k)
		}
		var choices []any
		for _, c := range strings.Split(args["choices"], ",") {
			if c == "arr" {
				choices = append(choices, arg(n))
				n++
				continue
			}
			args["choice"] = c
			choices = append(choices, args.number(t, "choice"))
		}
		deflt := any(nil)
		if args["default"] == "arg" {
			deflt = arg(n)
		} else {
			deflt = args.number(t, "default")
		}
		return one(Select(conds, choices, deflt))
	case "choose":
		choices := make([]*Array, len(in)-1)
		for k := range choices {
			choices[k] = arg(k + 1)
		}
		a := arg(0)
		if args["zero"] != "" {
			a = d.Zeros(Int64, 1)
		}
		mode := map[string]ChooseMode{"raise": ChooseRaise, "wrap": ChooseWrap, "clip": ChooseClip}[args["mode"]]
		return one(Choose(a, choices, mode))
	case "compress":
		axis := AxisNone
		if args["axis"] != "none" {
			axis = atoi(t, args["axis"])
		}
		return one(Compress(onDevice(t, d, in[0]), arg(1), axis))
	case "extract":
		return one(Extract(arg(0), arg(1)))
	case "flatnonzero":
		return one(Flatnonzero(arg(0)))
	case "array_equal", "array_equiv":
		var eq bool
		var err error
		if fn == "array_equal" {
			eq, err = ArrayEqual(arg(0), arg(1), args["equal_nan"] == "1")
		} else {
			eq, err = ArrayEquiv(arg(0), arg(1))
		}
		require.NoError(t, err, fn)
		return one(d.Full(Bool, eq))
	case "polyval":
		return one(Polyval(arg(0), arg(1)))
	case "isreal":
		return one(Isreal(arg(0)))
	case "iscomplex":
		return one(Iscomplex(arg(0)))
	case "real_if_close":
		return one(RealIfClose(arg(0), args.float(t, "limit")))
	}
	t.Fatalf("unknown function %q", fn)
	return nil
}

// TestSignalNumPy checks the signal functions against NumPy's answers
// in testdata/signal: sliding windows of every shape, Convolve and
// Correlate in every dtype and mode with filters of every method (direct,
// windows in blocks, FFT) and NaN/inf, Interp with its bounds, NaN,
// infinite values, periods and complex values, Trapezoid, Gradient with
// scalar and coordinate spacing and both edge orders, Unwrap with float
// and integer periods, Ediff1d and NanToNum, Select, Choose, Compress,
// Extract, Flatnonzero, ArrayEqual, ArrayEquiv, Polyval, Isreal,
// Iscomplex and RealIfClose, on views as well.
func TestSignalNumPy(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		checkSignalCases(t, d, func(string) bool { return true })
	})
}

// checkSignalCases runs the cases of testdata/signal whose function
// keep accepts on d.
func checkSignalCases(t *testing.T, d *Device, keep func(fn string) bool) {
	checkCaseFile(t, "signal", keep, func(fn string, args signalArgs, in []*NpyData) []*Array {
		return signalFixtureCall(t, d, fn, args, in)
	})
}

// checkCaseFile runs the cases of testdata/<dir>/cases.txt whose
// function keep accepts through call and compares its results with
// NumPy's. A line is <function> <inputs> <results> <tolerance>
// [key=value ...]: see gen_signal.py.
func checkCaseFile(t *testing.T, dir string, keep func(fn string) bool, call func(fn string, args signalArgs, in []*NpyData) []*Array) {
	arrays := npyStream(t, dir+"/cases.npys")
	for _, line := range fixture.Lines(t, dir+"/cases.txt") {
		f := strings.Fields(line)
		nin, nout := atoi(t, f[1]), atoi(t, f[2])
		in, want := arrays[:nin], arrays[nin:nin+nout]
		arrays = arrays[nin+nout:]
		if !keep(f[0]) {
			continue
		}
		tol, args := caseTolArgs(t, f)
		got := call(f[0], args, in)
		require.Len(t, got, nout, line)
		for k, g := range got {
			msg := fmt.Sprintf("%s (result %d)", line, k)
			require.NoError(t, g.Err(), msg)
			require.Equal(t, want[k].DType, g.DType(), msg)
			require.Equal(t, formatShape(want[k].Shape), formatShape(g.Shape()), msg)
			requireClose(t, want[k].DType, want[k].Data, hostData(t, g), tol, msg)
		}
	}
	require.Empty(t, arrays)
}
