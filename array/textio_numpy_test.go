package array

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// textioCase is one line of testdata/textio/cases.jsonl (gen_textio.py).
type textioCase struct {
	Func    string         `json:"func"`
	Input   string         `json:"input"`
	Kwargs  map[string]any `json:"kwargs"`
	Expect  string         `json:"expect"`
	Error   bool           `json:"error"`
	Message string         `json:"message"`
}

func textioCases(t *testing.T) []textioCase {
	var cases []textioCase
	sc := bufio.NewScanner(fixture.Open(t, "textio/cases.jsonl"))
	for sc.Scan() {
		var c textioCase
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c), sc.Text())
		cases = append(cases, c)
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, cases)
	return cases
}

// jsonInts reads a JSON number or list of numbers.
func jsonInts(v any) []int {
	if l, ok := v.([]any); ok {
		out := make([]int, len(l))
		for i, x := range l {
			out[i] = int(x.(float64))
		}
		return out
	}
	return []int{int(v.(float64))}
}

func jsonStrings(v any) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		return []string{v}
	}
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// textOptions translates NumPy's keyword arguments into options.
func textOptions(t *testing.T, kw map[string]any) []TextOption {
	var opts []TextOption
	for k, v := range kw {
		switch k {
		case "dtype":
			dt, err := dtype.Parse(v.(string))
			require.NoError(t, err)
			opts = append(opts, TextDType(dt))
		case "delimiter":
			opts = append(opts, Delimiter(v.(string)))
		case "comments":
			opts = append(opts, Comments(jsonStrings(v)...))
		case "quotechar":
			opts = append(opts, QuoteChar([]rune(v.(string))[0]))
		case "skiprows":
			opts = append(opts, SkipRows(jsonInts(v)[0]))
		case "skip_header":
			opts = append(opts, SkipHeader(jsonInts(v)[0]))
		case "skip_footer":
			opts = append(opts, SkipFooter(jsonInts(v)[0]))
		case "usecols":
			opts = append(opts, UseCols(jsonInts(v)...))
		case "max_rows":
			opts = append(opts, MaxRows(jsonInts(v)[0]))
		case "ndmin":
			opts = append(opts, NDMin(jsonInts(v)[0]))
		case "unpack":
			require.True(t, v.(bool))
			opts = append(opts, Unpack())
		case "filling_values":
			var fill []any
			for _, x := range jsonInts(v) {
				fill = append(fill, x)
			}
			if _, list := v.([]any); list && len(fill) == 1 {
				t.Fatalf("a one-value list of filling values is NumPy's first column only")
			}
			opts = append(opts, FillingValues(fill...))
		case "fmt":
			opts = append(opts, Fmt(jsonStrings(v)...))
		case "newline":
			opts = append(opts, Newline(v.(string)))
		case "header":
			opts = append(opts, Header(v.(string)))
		case "footer":
			opts = append(opts, Footer(v.(string)))
		default:
			t.Fatalf("keyword %s not translated", k)
		}
	}
	return opts
}

// requireSameArray checks got against NumPy's result: dtype, shape and
// elements exactly (NaN for NaN).
func requireSameArray(t *testing.T, want *NpyData, got *Array, msg string) {
	t.Helper()
	require.NoError(t, got.Err(), msg)
	require.Equal(t, want.DType, got.DType(), msg)
	require.Equal(t, want.Shape, got.Shape(), msg)
	requireClose(t, want.DType, want.Data, hostData(t, got), 0, msg)
}

func readNpyFixture(t *testing.T, name string) *NpyData {
	n, err := ReadNpy(fixture.Open(t, filepath.Join("textio", name)))
	require.NoError(t, err)
	return n
}

// TestTextIOMatchesNumPy runs every case of gen_textio.py: Loadtxt,
// Genfromtxt and FromReader against NumPy's arrays, Savetxt and ToWriter
// byte for byte against NumPy's output, Frombuffer against both, and
// NumPy's errors as errors.
func TestTextIOMatchesNumPy(t *testing.T) {
	d := On(cpu.New(2))
	for _, c := range textioCases(t) {
		msg := fmt.Sprintf("%s(%s, %v)", c.Func, c.Input, c.Kwargs)
		path := fixture.Path(filepath.Join("textio", c.Input))
		switch c.Func {
		case "loadtxt", "genfromtxt", "fromfile", "frombuffer":
			var got *Array
			switch c.Func {
			case "loadtxt":
				got = d.LoadtxtFile(path, textOptions(t, c.Kwargs)...)
			case "genfromtxt":
				got = d.GenfromtxtFile(path, textOptions(t, c.Kwargs)...)
			default:
				got = rawRead(t, d, c, path)
			}
			if c.Error {
				require.Error(t, got.Err(), "%s: NumPy raised %q", msg, c.Message)
				continue
			}
			requireSameArray(t, readNpyFixture(t, c.Expect), got, msg)
		case "savetxt", "tofile":
			x := d.fromNpy("test", readNpyFixture(t, c.Input))
			var buf bytes.Buffer
			var err error
			if c.Func == "savetxt" {
				err = x.Savetxt(&buf, textOptions(t, c.Kwargs)...)
			} else {
				sep, _ := c.Kwargs["sep"].(string)
				format, _ := c.Kwargs["format"].(string)
				err = x.ToWriter(&buf, sep, format)
			}
			if c.Error {
				require.Error(t, err, "%s: NumPy raised %q", msg, c.Message)
				continue
			}
			require.NoError(t, err, msg)
			want, err := os.ReadFile(fixture.Path(filepath.Join("textio", c.Expect)))
			require.NoError(t, err)
			require.Equal(t, string(want), buf.String(), msg)
		default:
			t.Fatalf("unknown function %s", c.Func)
		}
	}
}

// rawRead runs a fromfile or frombuffer case.
func rawRead(t *testing.T, d *Device, c textioCase, path string) *Array {
	dt := Float64
	if s, ok := c.Kwargs["dtype"].(string); ok {
		var err error
		dt, err = dtype.Parse(s)
		require.NoError(t, err)
	}
	count := -1
	if v, ok := c.Kwargs["count"]; ok {
		count = jsonInts(v)[0]
	}
	if c.Func == "fromfile" {
		return d.Fromfile(path, dt, count, c.Kwargs["sep"].(string), 0)
	}
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	return d.Frombuffer(raw, dt, count, jsonInts(c.Kwargs["offset"])[0])
}
