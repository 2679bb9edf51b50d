package array

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// sweepCase is one line of testdata/sweep2/cases.txt (made by
// testdata/gen_sweep2.py): an operation, its arguments, its input arrays
// and NumPy's outputs, or none when NumPy raises an error.
type sweepCase struct {
	line   string
	op     string
	params map[string]string
	inputs []*NpyData
	want   []*NpyData
	error  bool
}

func sweepCases(t *testing.T) []sweepCase {
	arrays := npyStream(t, "sweep2/cases.npys")
	var cases []sweepCase
	for _, line := range fixture.Lines(t, "sweep2/cases.txt") {
		f := strings.Fields(line)
		c := sweepCase{line: line, op: f[0], params: map[string]string{}, error: f[2] == "E"}
		nin, err := strconv.Atoi(f[1])
		require.NoError(t, err, line)
		nout := 0
		if !c.error {
			nout, err = strconv.Atoi(f[2])
			require.NoError(t, err, line)
		}
		for _, kv := range f[3:] {
			k, v, _ := strings.Cut(kv, "=")
			c.params[k] = v
		}
		require.GreaterOrEqual(t, len(arrays), nin+nout, "%s: arrays missing", line)
		c.inputs, c.want = arrays[:nin], arrays[nin:nin+nout]
		arrays = arrays[nin+nout:]
		cases = append(cases, c)
	}
	require.Empty(t, arrays, "arrays left over")
	return cases
}

// sweepIndex parses a basic index: items separated by ';' (see pythonIndex).
func sweepIndex(t *testing.T, spec string) []Index {
	return pythonIndex(t, strings.Split(spec, ";"), nil)
}

// sweepScalar parses a Go scalar: kind:value with kind int, float or bool,
// or a bare number (an int unless it has a point).
func sweepScalar(t *testing.T, s string) any {
	kind, v, ok := strings.Cut(s, ":")
	if !ok {
		kind, v = "int", s
		if strings.ContainsAny(s, ".en") {
			kind = "float"
		}
	}
	switch kind {
	case "int":
		if i, err := strconv.Atoi(v); err == nil {
			return i
		}
		fallthrough
	case "uint":
		u, err := strconv.ParseUint(v, 10, 64)
		require.NoError(t, err, s)
		return u
	case "bool":
		return v == "True"
	case "complex":
		c, err := strconv.ParseComplex(strings.ReplaceAll(v, "j", "i"), 128)
		require.NoError(t, err, s)
		return c
	}
	f, err := strconv.ParseFloat(v, 64)
	require.NoError(t, err, s)
	return f
}

func sweepFloat(t *testing.T, s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, s)
	return v
}

// sweepAxes parses the axes of a function that takes them variadically:
// none (NumPy's axis=None) is no axes.
func sweepAxes(t *testing.T, s string) []int {
	if s == "none" {
		return nil
	}
	return parseInts(t, s)
}

// sweepView returns the view of a that a case's view= names, as
// testdata/npys.py's view makes it: T (transposed), rev (the last axis
// reversed), step (every other element of the last axis), or a itself.
func sweepView(t *testing.T, a *Array, v string) *Array {
	switch v {
	case "":
		return a
	case "T":
		return a.T()
	case "rev":
		return a.Index(Ellipsis, All.Step(-1))
	case "step":
		return a.Index(Ellipsis, All.Step(2))
	}
	t.Fatalf("unknown view %q", v)
	return nil
}

// sweepPattern makes the input a case's gen= names, as gen_sweep2.py's
// pattern does: base:n:dtype[:shape], base "ramp" ((7919 i mod 17) - 8) or
// "zeros", with NaN at the flat positions nan= lists and 3 at spike='s.
func sweepPattern(t *testing.T, d *Device, p map[string]string) *Array {
	f := strings.Split(p["gen"], ":")
	n := parseInts(t, f[1])[0]
	base := make([]int64, n)
	if f[0] == "ramp" {
		for i := range base {
			base[i] = int64(7919*i%17) - 8
		}
	}
	x := FromSliceOn(d, base).AsType(sweepDType(t, f[2]))
	for key, v := range map[string]any{"nan": math.NaN(), "spike": 3} {
		if p[key] != "none" {
			for _, k := range parseInts(t, p[key]) {
				require.NoError(t, x.Index(I(k)).Set(v))
			}
		}
	}
	if len(f) > 3 {
		x = x.Reshape(parseInts(t, f[3])...)
	}
	require.NoError(t, x.Err())
	return x
}

func sweepDType(t *testing.T, name string) DType {
	dt, err := dtype.Parse(name)
	require.NoError(t, err, name)
	return dt
}

var sweepReductions = map[string]func(*Array, ...ReduceOption) *Array{
	"sum": Sum, "prod": Prod, "mean": Mean, "std": Std, "var": Var, "min": Min, "max": Max,
	"argmin": ArgMin, "argmax": ArgMax, "any": AnyTrue, "all": AllTrue, "cumsum": CumSum,
	"cumprod": CumProd, "count_nonzero": CountNonzero, "nansum": NanSum, "nanmax": NanMax,
}

var sweepUnary = map[string]func(x any, out ...*Array) *Array{
	"abs": Abs, "round": Round, "exp": Exp, "log": Log, "reciprocal": Reciprocal, "conj": Conj,
}

// sweepRun runs a case's operation on its inputs (on d).
func sweepRun(t *testing.T, d *Device, c sweepCase, in []*Array) ([]*Array, error) {
	p := c.params
	one := func(a *Array) ([]*Array, error) { return []*Array{a}, a.Err() }
	switch c.op {
	case "index":
		return one(in[0].Index(sweepIndex(t, p["spec"])...))
	case "setindex":
		x := in[0].Copy()
		return []*Array{x}, sweepView(t, x, p["view"]).Index(sweepIndex(t, p["spec"])...).Set(in[1])
	case "take":
		if p["axis"] == "none" {
			return one(Take(in[0], in[1]))
		}
		return one(Take(in[0], in[1], parseInts(t, p["axis"])[0]))
	case "mask":
		return one(in[0].Mask(in[1]))
	case "setmask":
		x := in[0].Copy()
		return []*Array{x}, x.SetMask(in[1], in[2])
	case "where":
		return one(Where(in[0], in[1], in[2]))
	case "wherescalars":
		var y any = in[len(in)-1]
		if p["y"] != "in" {
			y = sweepScalar(t, p["y"])
		}
		return one(Where(in[0], sweepScalar(t, p["x"]), y))
	case "nonzero":
		return Nonzero(in[0])
	case "argwhere":
		return one(ArgWhere(in[0]))
	case "reduce":
		var opts []ReduceOption
		if p["axis"] != "none" {
			opts = append(opts, Axis(parseInts(t, p["axis"])...))
		}
		if p["keep"] == "1" {
			opts = append(opts, KeepDims())
		}
		if p["dtype"] != "none" {
			dt, err := dtype.Parse(p["dtype"])
			require.NoError(t, err)
			opts = append(opts, WithDType(dt))
		}
		if p["ddof"] != "0" {
			opts = append(opts, DDof(parseInts(t, p["ddof"])[0]))
		}
		if len(in) > 1 {
			opts = append(opts, WithWhere(in[1]))
		}
		if v, ok := p["initial"]; ok {
			opts = append(opts, WithInitial(sweepScalar(t, v)))
		}
		return one(sweepReductions[p["f"]](in[0], opts...))
	case "scalar":
		s := sweepScalar(t, p["s"])
		f := numpyUfuncs[strings.Replace(p["f"], "true_divide", "divide", 1)]
		if p["side"] == "l" {
			return one(f(nil, s, in[0]))
		}
		return one(f(nil, in[0], s))
	case "binary", "clip":
		name := strings.Replace(p["f"], "true_divide", "divide", 1)
		if c.op == "clip" {
			name = "clip"
		}
		args := make([]any, len(in))
		for i, a := range in {
			args[i] = a
		}
		if f, ok := semanticsFuncs[name]; ok {
			return one(f(args...))
		}
		return one(numpyUfuncs[name](nil, args...))
	case "unary":
		f, ok := sweepUnary[p["f"]]
		if !ok {
			g := numpyUfuncs[p["f"]]
			require.NotNil(t, g, c.line)
			f = func(x any, out ...*Array) *Array { return g(out, x) }
		}
		return one(f(in[0]))
	case "clipscalars":
		return one(Clip(in[0], sweepScalar(t, p["lo"]), sweepScalar(t, p["hi"])))
	case "astype":
		dt, err := dtype.Parse(p["dtype"])
		require.NoError(t, err)
		return one(in[0].AsType(dt))
	case "reshape":
		return one(in[0].Reshape(parseInts(t, p["shape"])...))
	case "transpose":
		if p["axes"] == "none" {
			return one(in[0].Transpose())
		}
		return one(in[0].Transpose(parseInts(t, p["axes"])...))
	case "squeeze":
		if p["axes"] == "none" {
			return one(in[0].Squeeze())
		}
		return one(in[0].Squeeze(parseInts(t, p["axes"])...))
	case "expand_dims":
		return one(in[0].ExpandDims(parseInts(t, p["axes"])...))
	case "swapaxes":
		return one(in[0].SwapAxes(parseInts(t, p["i"])[0], parseInts(t, p["j"])[0]))
	case "moveaxis":
		return one(MoveAxis(in[0], parseInts(t, p["src"]), parseInts(t, p["dst"])))
	case "broadcast_to":
		return one(in[0].BroadcastTo(parseInts(t, p["shape"])...))
	case "concatenate":
		axis := AxisNone
		if p["axis"] != "none" {
			axis = parseInts(t, p["axis"])[0]
		}
		return one(Concatenate(in, axis))
	case "stack":
		return one(Stack(in, parseInts(t, p["axis"])[0]))
	case "setscalar":
		x := in[0].Copy()
		return []*Array{x}, x.Index(From(1)).Set(sweepScalar(t, p["s"]))
	case "full":
		return one(d.Full(sweepDType(t, p["dtype"]), sweepScalar(t, p["s"]), 3))
	case "arange":
		f := func(k string) float64 { return sweepFloat(t, p[k]) }
		return one(d.Arange(f("start"), f("stop"), f("step"), sweepDType(t, p["dtype"])))
	case "setview":
		x := in[0].Copy()
		return []*Array{x}, x.Index(sweepIndex(t, p["via"])...).Index(sweepIndex(t, p["spec"])...).Set(in[1])
	case "setbroadcast":
		b := in[0].BroadcastTo(3, 4)
		return []*Array{b}, b.Index(I(0)).Set(in[1])
	case "reduceout":
		shape := []int{}
		if p["shape"] != "scalar" {
			shape = parseInts(t, p["shape"])
		}
		o := d.Full(sweepDType(t, p["out"]), 7, shape...)
		opts := []ReduceOption{Out(o)}
		if p["axis"] != "none" {
			opts = append(opts, Axis(parseInts(t, p["axis"])...))
		}
		if p["keep"] == "1" {
			opts = append(opts, KeepDims())
		}
		r := sweepReductions[p["f"]](in[0], opts...)
		if r.Err() == nil && r != o {
			return nil, fmt.Errorf("the reduction did not return out")
		}
		return one(r)
	case "repr", "str":
		s := in[0].String()
		if c.op == "str" {
			s = in[0].Str()
		}
		return one(FromSliceOn(d, []byte(s)))
	case "npysave":
		var buf bytes.Buffer
		err := in[0].Save(&buf)
		return []*Array{FromSliceOn(d, buf.Bytes())}, err
	case "npyload":
		b, err := ToSlice[uint8](in[0])
		require.NoError(t, err)
		return one(d.Load(bytes.NewReader(b)))
	case "around":
		return one(Around(in[0], parseInts(t, p["decimals"])[0]))
	case "put":
		x := in[0].Copy()
		return []*Array{x}, Put(x, in[1], in[2])
	case "take_along_axis":
		return one(TakeAlongAxis(in[0], in[1], parseInts(t, p["axis"])[0]))
	case "repeat":
		return one(Repeat(in[0], parseInts(t, p["n"])[0], sweepAxes(t, p["axis"])...))
	case "tile":
		return one(Tile(in[0], parseInts(t, p["reps"])...))
	case "roll":
		return one(Roll(in[0], parseInts(t, p["shift"])[0], sweepAxes(t, p["axes"])...))
	case "flip":
		return one(Flip(in[0], sweepAxes(t, p["axes"])...))
	case "split":
		return Split(in[0], parseInts(t, p["n"])[0], parseInts(t, p["axis"])[0])
	case "array_split":
		return ArraySplit(in[0], parseInts(t, p["n"])[0], parseInts(t, p["axis"])[0])
	case "diff":
		return one(Diff(in[0], parseInts(t, p["n"])[0], parseInts(t, p["axis"])[0]))
	case "linspace":
		return one(d.Linspace(sweepFloat(t, p["start"]), sweepFloat(t, p["stop"]), parseInts(t, p["num"])[0], sweepDType(t, p["dtype"])))
	case "eye":
		return one(d.Eye(parseInts(t, p["n"])[0], parseInts(t, p["m"])[0], parseInts(t, p["k"])[0], sweepDType(t, p["dtype"])))
	}
	t.Fatalf("unknown op: %s", c.line)
	return nil, nil
}

// TestSweepNumPy checks each case of testdata/sweep2 against NumPy: an
// error where NumPy raises one, else each output's dtype, shape and
// values (floats within 8 ulps of max(|want|, 1): means, variances and
// libm functions round differently).
func TestSweepNumPy(t *testing.T) {
	cases := sweepCases(t)
	require.Greater(t, len(cases), 500)
	forEachBackend(t, func(t *testing.T, d *Device) {
		for i, c := range cases {
			t.Run(strconv.Itoa(i+1), func(t *testing.T) {
				msg := fmt.Sprintf("case %d: %s", i+1, c.line)
				in := make([]*Array, len(c.inputs))
				for k, n := range c.inputs {
					in[k] = onDevice(t, d, n)
				}
				if c.params["gen"] != "" {
					in = []*Array{sweepPattern(t, d, c.params)}
				}
				if c.op != "setindex" && len(in) > 0 {
					in[0] = sweepView(t, in[0], c.params["view"])
				}
				got, err := sweepRun(t, d, c, in)
				if c.error {
					require.Error(t, err, msg)
					return
				}
				require.NoError(t, err, msg)
				require.Len(t, got, len(c.want), msg)
				for k, w := range c.want {
					require.Equal(t, w.DType, got[k].DType(), msg)
					require.Equal(t, formatShape(w.Shape), formatShape(got[k].Shape()), msg)
					requireClose(t, w.DType, w.Data, hostData(t, got[k]), 8, msg)
				}
			})
		}
	})
}
