package array

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// semanticsCase is one line of testdata/semantics/cases.jsonl, made by
// testdata/gen_semantics.py with NumPy: a ufunc, its arguments, and
// NumPy's result or error.
type semanticsCase struct {
	F      string         `json:"f"`
	Args   []semanticsArg `json:"args"`
	DType  string         `json:"dtype"`
	Values []any          `json:"values"`
	Error  bool           `json:"error"`
}

// semanticsArg is a 1-D array (DType, Values) or a Go scalar.
type semanticsArg struct {
	DType  string       `json:"dtype"`
	Values []any        `json:"values"`
	Int    *json.Number `json:"int"`
	Float  any          `json:"float"`
	Bool   *bool        `json:"bool"`
}

// jsonFloat decodes a number or "nan", "inf", "-inf".
func jsonFloat(t *testing.T, v any) float64 {
	switch v := v.(type) {
	case json.Number:
		f, err := v.Float64()
		require.NoError(t, err)
		return f
	case bool:
		if v {
			return 1
		}
		return 0
	case string:
		switch v {
		case "nan":
			return math.NaN()
		case "inf":
			return math.Inf(1)
		case "-inf":
			return math.Inf(-1)
		}
	}
	t.Fatalf("not a number: %v", v)
	return 0
}

// value makes the Go scalar or the array on d of an argument; ok is false
// for an integer no Go integer type holds.
func (a semanticsArg) value(t *testing.T, d *Device) (v any, ok bool) {
	switch {
	case a.Int != nil:
		if i, err := strconv.ParseInt(a.Int.String(), 10, 64); err == nil {
			return int(i), true
		}
		if u, err := strconv.ParseUint(a.Int.String(), 10, 64); err == nil {
			return u, true
		}
		return nil, false
	case a.Bool != nil:
		return *a.Bool, true
	case a.DType == "":
		return jsonFloat(t, a.Float), true
	}
	dt, err := dtype.Parse(a.DType)
	require.NoError(t, err)
	return semanticsArray(t, d, dt, a.Values), true
}

// semanticsArray builds a 1-D array of dtype dt from JSON values exactly.
func semanticsArray(t *testing.T, d *Device, dt DType, vals []any) *Array {
	switch dt.Kind() {
	case dtype.UintKind:
		u := make([]uint64, len(vals))
		for i, v := range vals {
			var err error
			u[i], err = strconv.ParseUint(v.(json.Number).String(), 10, 64)
			require.NoError(t, err)
		}
		return FromSliceOn(d, u).AsType(dt)
	case dtype.IntKind:
		x := make([]int64, len(vals))
		for i, v := range vals {
			var err error
			x[i], err = strconv.ParseInt(v.(json.Number).String(), 10, 64)
			require.NoError(t, err)
		}
		return FromSliceOn(d, x).AsType(dt)
	case dtype.BoolKind:
		b := make([]bool, len(vals))
		for i, v := range vals {
			b[i] = v.(bool)
		}
		return FromSliceOn(d, b)
	}
	f := make([]float64, len(vals))
	for i, v := range vals {
		f[i] = jsonFloat(t, v)
	}
	return FromSliceOn(d, f).AsType(dt)
}

// semanticsFuncs are the functions the cases name, beyond numpyUfuncs.
var semanticsFuncs = map[string]func(a ...any) *Array{
	"fmod":       func(a ...any) *Array { return Fmod(a[0], a[1]) },
	"gcd":        func(a ...any) *Array { return Gcd(a[0], a[1]) },
	"lcm":        func(a ...any) *Array { return Lcm(a[0], a[1]) },
	"heaviside":  func(a ...any) *Array { return Heaviside(a[0], a[1]) },
	"logaddexp":  func(a ...any) *Array { return Logaddexp(a[0], a[1]) },
	"logaddexp2": func(a ...any) *Array { return Logaddexp2(a[0], a[1]) },
	"nextafter":  func(a ...any) *Array { return Nextafter(a[0], a[1]) },
	"ldexp":      func(a ...any) *Array { return Ldexp(a[0], a[1]) },
	"spacing":    func(a ...any) *Array { return Spacing(a[0]) },
	"deg2rad":    func(a ...any) *Array { return Deg2rad(a[0]) },
	"sinc":       func(a ...any) *Array { return Sinc(a[0]) },
	"take":       func(a ...any) *Array { return Take(a[0].(*Array), a[1]) },
	"divmod0":    func(a ...any) *Array { q, _ := Divmod(a[0], a[1]); return q },
	"divmod1":    func(a ...any) *Array { _, r := Divmod(a[0], a[1]); return r },
	"modf0":      func(a ...any) *Array { f, _ := Modf(a[0]); return f },
	"modf1":      func(a ...any) *Array { _, i := Modf(a[0]); return i },
	"frexp0":     func(a ...any) *Array { m, _ := Frexp(a[0]); return m },
	"frexp1":     func(a ...any) *Array { _, e := Frexp(a[0]); return e },
	"rad2deg":    func(a ...any) *Array { return Rad2deg(a[0]) },
}

// TestNumPySemantics checks each case of testdata/semantics: the result's
// dtype and values (floats within 4 ulps: libm differs), or an error.
func TestNumPySemantics(t *testing.T) {
	var cases []semanticsCase
	for _, line := range fixture.Lines(t, "semantics/cases.jsonl") {
		dec := json.NewDecoder(bytes.NewReader([]byte(line)))
		dec.UseNumber()
		var c semanticsCase
		require.NoError(t, dec.Decode(&c), line)
		cases = append(cases, c)
	}
	require.Greater(t, len(cases), 1000)
	forEachBackend(t, func(t *testing.T, d *Device) {
		for i, c := range cases {
			msg := fmt.Sprintf("case %d: %s %+v", i+1, c.F, c.Args)
			args := make([]any, len(c.Args))
			goValues := true
			for k, a := range c.Args {
				args[k], goValues = a.value(t, d)
				if !goValues {
					break
				}
			}
			if !goValues {
				continue // an integer beyond 64 bits has no Go form
			}
			var got *Array
			if f, ok := semanticsFuncs[c.F]; ok {
				got = f(args...)
			} else {
				f := numpyUfuncs[c.F]
				require.NotNil(t, f, msg)
				got = f(nil, args...)
			}
			if c.Error {
				require.Error(t, got.Err(), msg)
				continue
			}
			require.NoError(t, got.Err(), msg)
			want, err := dtype.Parse(c.DType)
			require.NoError(t, err, msg)
			require.Equal(t, want, got.DType(), msg)
			exp := semanticsArray(t, d, want, c.Values)
			requireClose(t, want, hostData(t, exp), hostData(t, got), 4, msg)
		}
	})
}
