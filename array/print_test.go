package array

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
)

// printCase is one line of testdata/print/cases.jsonl (gen_print.py):
// an array, the print options in force, and NumPy's repr and str of it.
type printCase struct {
	Name    string `json:"name"`
	DType   string `json:"dtype"`
	Shape   []int  `json:"shape"`
	Data    string `json:"data"`
	Options struct {
		Precision int  `json:"precision"`
		Threshold int  `json:"threshold"`
		EdgeItems int  `json:"edgeitems"`
		LineWidth int  `json:"linewidth"`
		Suppress  bool `json:"suppress"`
	} `json:"options"`
	Repr string `json:"repr"`
	Str  string `json:"str"`
}

func printCases(t *testing.T) []printCase {
	var cases []printCase
	sc := bufio.NewScanner(fixture.Open(t, "print/cases.jsonl"))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c printCase
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
		cases = append(cases, c)
	}
	require.NoError(t, sc.Err())
	require.Greater(t, len(cases), 50)
	return cases
}

// TestPrintMatchesNumPy compares String and Str with NumPy's repr and str
// for every array of the table, on each backend, as stored and also as a
// non-contiguous view (a transposed copy transposed back), which prints
// the same.
func TestPrintMatchesNumPy(t *testing.T) {
	cases := printCases(t)
	forEachBackend(t, func(t *testing.T, d *Device) {
		for _, c := range cases {
			dt, err := dtype.Parse(c.DType)
			require.NoError(t, err, c.Name)
			data, err := base64.StdEncoding.DecodeString(c.Data)
			require.NoError(t, err)
			o := PrintOptions(c.Options)
			a := d.fromHost("test", dt, data, c.Shape)
			require.NoError(t, a.Err())
			require.Equal(t, c.Repr, a.repr(o), "repr of %s", c.Name)
			require.Equal(t, c.Str, a.str(o), "str of %s", c.Name)
			if len(c.Shape) >= 2 {
				view := a.T().Copy().T()
				require.Equal(t, c.Repr, view.repr(o), "repr of the view of %s", c.Name)
			}
		}
	})
}

func TestPrintOptions(t *testing.T) {
	a := FromSlice([]float64{1.0 / 3, 2})
	prev, err := SetPrintOptions(PrintOptions{Precision: 3, Threshold: 1000, EdgeItems: 3, LineWidth: 75})
	require.NoError(t, err)
	require.Equal(t, DefaultPrintOptions, prev)
	require.Equal(t, "array([0.333, 2.   ])", a.String())
	require.Equal(t, 3, GetPrintOptions().Precision)
	_, err = SetPrintOptions(prev)
	require.NoError(t, err)
	require.Equal(t, "array([0.33333333, 2.        ])", a.String())

	for _, bad := range []PrintOptions{
		{Precision: -1, Threshold: 1, EdgeItems: 1, LineWidth: 1},
		{Threshold: -1, EdgeItems: 1, LineWidth: 1},
		{Threshold: 1, EdgeItems: 0, LineWidth: 1},
		{Threshold: 1, EdgeItems: 1, LineWidth: 0},
	} {
		_, err := SetPrintOptions(bad)
		require.Error(t, err, "%+v", bad)
	}
	require.Equal(t, DefaultPrintOptions, GetPrintOptions())
}

// TestPrintHugeBroadcast prints a broadcast view of 2^40 elements, which
// could never be read whole: only its corners are, in bounded time and
// memory. The expected text is NumPy 2.5's for np.broadcast_to(np.arange(4.), (2**20, 2**18, 4)).
func TestPrintHugeBroadcast(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := d.Arange(0, 4, 1, Float64).BroadcastTo(1<<20, 1<<18, 4)
		require.NoError(t, a.Err())
		_ = a.String() // compiles what a GPU needs, once
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		s := a.String()
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		block := "[[0., 1., 2., 3.],\n        [0., 1., 2., 3.],\n        [0., 1., 2., 3.],\n        ...,\n" +
			"        [0., 1., 2., 3.],\n        [0., 1., 2., 3.],\n        [0., 1., 2., 3.]]"
		want := "array([" + strings.Join([]string{block, block, block, "...", block, block, block}, ",\n\n       ") + "], shape=(1048576, 262144, 4))"
		require.Equal(t, want, s)
		require.Less(t, elapsed, 2*time.Second)
		require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "bytes allocated to print")
	})
}

// TestPrintLargeReadsEdges prints a 32 MiB array: only its edges are read.
func TestPrintLargeReadsEdges(t *testing.T) {
	a := Arange(0, 1<<23, 1, Float32)
	require.NoError(t, a.Err())
	defer a.Free()
	_ = a.String()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s := a.String()
	runtime.ReadMemStats(&after)
	require.Equal(t, "array([0.000000e+00, 1.000000e+00, 2.000000e+00, ..., 8.388605e+06,\n"+
		"       8.388606e+06, 8.388607e+06], shape=(8388608,), dtype=float32)", s)
	require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20))
}

func TestPrintErrors(t *testing.T) {
	bad := FromSlice([]float32{1, 2}).Add(FromSlice([]float32{1, 2, 3}))
	require.Contains(t, bad.String(), "array(<Add: operands could not be broadcast")
	require.Contains(t, bad.Str(), "<Add: operands could not be broadcast")
	require.Contains(t, fmt.Sprintf("%.2f", bad), "could not be broadcast")
	var nilArray *Array
	require.Equal(t, "array(<array: nil array>)", nilArray.String())
	freed := FromSlice([]float32{1})
	freed.Free()
	require.Contains(t, freed.String(), "freed")
}

// TestFormatVerbs checks the fmt verbs against Go's formatting of each
// element, in Str's layout.
func TestFormatVerbs(t *testing.T) {
	f := FromSlice([]float64{1.0 / 3, -2, 1e6, 0.5}, 2, 2)
	i := FromSlice([]int16{-3, 100, 7})
	for _, c := range []struct {
		format string
		a      *Array
		want   string
	}{
		{"%v", f, f.String()},
		{"%s", i, i.String()},
		{"%.3f", f, "[[      0.333      -2.000]\n [1000000.000       0.500]]"},
		{"%g", f, "[[0.3333333333333333                 -2]\n [             1e+06                0.5]]"},
		{"%8.2e", i, "[-3.00e+00  1.00e+02  7.00e+00]"},
		{"%d", i, "[ -3 100   7]"},
		{"%x", i, "[-3 64  7]"},
		{"%05d", i, "[-0003 00100 00007]"},
		{"%t", FromSlice([]bool{true, false}), "[ true false]"},
		{"%.1f", FromSlice([]complex64{1 + 2i}), "[(1.0+2.0i)]"},
		{"%.2f", Scalar(2.5), "2.50"},
		{"%d", f, "%!d(*array.Array=float64)"},
		{"%t", i, "%!t(*array.Array=int16)"},
		{"%.1f", Zeros(Float32, 0, 3), "[]"},
	} {
		require.Equal(t, c.want, fmt.Sprintf(c.format, c.a), c.format)
	}
	require.Equal(t, "x = array([1, 2], dtype=int32)\n", fmt.Sprintln("x =", FromSlice([]int32{1, 2})))
}

// TestPrintBFloat16: NumPy has no bfloat16; cugo prints it as NumPy prints
// its other floats, with the shortest digits that read back as the same
// bfloat16 (bfloat16(0.1) is 0.10009765625, printed 0.1).
func TestPrintBFloat16(t *testing.T) {
	a := FromSlice([]float32{1, 0.1, 3, -2.5}).AsType(BFloat16)
	require.Equal(t, "array([ 1. ,  0.1,  3. , -2.5], dtype=bfloat16)", a.String())
	require.Equal(t, "0.1", a.Index(I(1)).Str())
	require.Equal(t, "array([1.e+00, 3.e+38], dtype=bfloat16)", FromSlice([]float32{1, 3e38}).AsType(BFloat16).String())
}
