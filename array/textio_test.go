package array

import (
	"bytes"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend/cpu"
	"github.com/stretchr/testify/require"
)

// randomTable returns an array of random values of dt: floats over
// many magnitudes with NaN and ±inf, integers over the dtype's range.
func randomTable(t *testing.T, d *Device, rng *rand.Rand, dt DType, shape ...int) *Array {
	t.Helper()
	n := 1
	for _, s := range shape {
		n *= s
	}
	data := make([]byte, n*dt.Size())
	part := floatPart(dt)
	switch {
	case dt == Bool:
		for i := range data {
			data[i] = byte(rng.IntN(2))
		}
	case part.Kind() == Float64.Kind():
		for i := 0; i < len(data); i += part.Size() {
			v := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
			switch rng.IntN(12) {
			case 0:
				v = math.NaN()
			case 1:
				v = math.Inf(1 - 2*rng.IntN(2))
			}
			putValue(data[i:], part, floatValue(part, complex(v, 0)))
		}
	default:
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
	}
	a := d.fromHost("test", dt, data, shape)
	require.NoError(t, a.Err())
	return a
}

// floatPart is the real dtype of dt's values (of each part of complex).
func floatPart(dt DType) DType {
	switch dt {
	case Complex64:
		return Float32
	case Complex128:
		return Float64
	}
	return dt
}

// TestTextRoundTrips writes random arrays of every dtype with Savetxt
// and ToWriter and reads them back with Loadtxt, Genfromtxt and
// FromReader: with "%.18e" (and the shortest digits of "%s" for the
// Python float form) every float64 survives, every narrower float too.
func TestTextRoundTrips(t *testing.T) {
	d := On(cpu.New(2))
	rng := rand.New(rand.NewPCG(7, 11))
	for _, dt := range []DType{Float64, Float32, Float16, Complex128, Complex64, Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32, Uint64, Bool} {
		for _, shape := range [][]int{{7, 5}, {1, 4}, {6, 1}, {9}} {
			x := randomTable(t, d, rng, dt, shape...)
			want := hostData(t, x)
			msg := dt.String() + " " + formatShape(shape)
			fmtOpt := Fmt("%.18e")
			switch {
			case dt == Bool || dt.Kind() == Int8.Kind() || dt.Kind() == Uint8.Kind():
				fmtOpt = Fmt("%d")
			case dt.Kind() == Complex128.Kind():
				fmtOpt = Fmt("%.18e")
			}
			var buf bytes.Buffer
			require.NoError(t, x.Savetxt(&buf, fmtOpt, Delimiter(",")), msg)
			if dt.Kind() == Complex128.Kind() { // " (re+imj)" fields, whitespace-separated
				buf2 := bytes.ReplaceAll(buf.Bytes(), []byte(","), []byte(" "))
				buf = *bytes.NewBuffer(buf2)
			}
			var opts []TextOption
			if dt.Kind() != Complex128.Kind() {
				opts = append(opts, Delimiter(","))
			}
			got := d.Loadtxt(bytes.NewReader(buf.Bytes()), append(opts, TextDType(dt), NDMin(len(shape)))...)
			require.NoError(t, got.Err(), "%s\n%s", msg, buf.String())
			require.Equal(t, shape, got.Shape(), msg)
			requireClose(t, dt, want, hostData(t, got), 0, msg+" Loadtxt")
			if dt != Bool && dt.Kind() != Complex128.Kind() && dt.Size() < 8 || dt == Float64 {
				g := d.Genfromtxt(bytes.NewReader(buf.Bytes()), append(opts, TextDType(dt), NDMin(len(shape)))...)
				requireClose(t, dt, want, hostData(t, g), 0, msg+" Genfromtxt")
			}
			if dt.Kind() == Complex128.Kind() || dt == Bool {
				continue // NumPy's fromfile does not read tofile's "(1+2j)" or "True" either
			}
			buf.Reset()
			require.NoError(t, x.ToWriter(&buf, " ", ""), msg)
			back := d.FromReader(bytes.NewReader(buf.Bytes()), dt, -1, " ")
			requireClose(t, dt, want, hostData(t, back), 0, msg+" ToWriter text")
			buf.Reset()
			require.NoError(t, x.ToWriter(&buf, "", ""), msg)
			require.Equal(t, want, buf.Bytes(), msg)
			raw := d.FromReader(bytes.NewReader(buf.Bytes()), dt, -1, "")
			requireClose(t, dt, want, hostData(t, raw), 0, msg+" raw")
		}
	}
}

// TestFileForms goes through the path forms of the readers and writers.
func TestFileForms(t *testing.T) {
	d := On(cpu.New(2))
	dir := t.TempDir()
	x := FromSliceOn(d, []float64{1.5, -2, 3.25, 4, 0.125, 6}, 2, 3)
	txt := filepath.Join(dir, "x.txt")
	require.NoError(t, x.SavetxtFile(txt, Fmt("%g"), Delimiter(",")))
	text, err := os.ReadFile(txt)
	require.NoError(t, err)
	require.Equal(t, "1.5,-2,3.25\n4,0.125,6\n", string(text))
	requireClose(t, Float64, hostData(t, x), hostData(t, d.LoadtxtFile(txt, Delimiter(","))), 0, "LoadtxtFile")
	requireClose(t, Float64, hostData(t, x), hostData(t, d.GenfromtxtFile(txt, Delimiter(","))), 0, "GenfromtxtFile")
	bin := filepath.Join(dir, "x.bin")
	require.NoError(t, x.Tofile(bin, "", ""))
	got := d.Fromfile(bin, Float64, -1, "", 8)
	requireClose(t, Float64, hostData(t, x)[8:], hostData(t, got), 0, "Fromfile offset")
	require.ErrorContains(t, d.Fromfile(bin, Float64, -1, "", 49).Err(), "outside the file")
	require.ErrorContains(t, d.Fromfile(bin, Float64, -1, " ", 8).Err(), "only permitted for binary")
	require.Equal(t, []int{2}, d.Fromfile(bin, Float64, 2, "", 0).Shape())
	require.Equal(t, []int{6}, d.Fromfile(bin, Float64, 100, "", 0).Shape(), "count past the end reads what there is")
	require.Equal(t, []int{3}, d.Fromfile(bin, Int16, -1, "", 42).Shape(), "a partial last element is left out")
	for _, err := range []error{
		d.LoadtxtFile(filepath.Join(dir, "none")).Err(),
		d.GenfromtxtFile(filepath.Join(dir, "none")).Err(),
		d.Fromfile(filepath.Join(dir, "none"), Float64, -1, "", 0).Err(),
		x.SavetxtFile(filepath.Join(dir, "no", "such")),
		x.Tofile(filepath.Join(dir, "no", "such"), "", ""),
	} {
		require.ErrorIs(t, err, os.ErrNotExist)
	}
}

// TestLoadtxtQuotedOverLines reads a quoted field that runs over a line
// end, as NumPy's reader does (the field keeps the newline, so it is no
// number) and a doubled quote.
func TestLoadtxtQuotedOverLines(t *testing.T) {
	a := Loadtxt(strings.NewReader("\"1\n2\",3\n"), Delimiter(","), QuoteChar('"'))
	require.ErrorContains(t, a.Err(), `"1\n2"`)
	require.ErrorContains(t, a.Err(), "line 1")
	b := Loadtxt(strings.NewReader("\"\"\"\"\n"), QuoteChar('"'), TextDType(Int8))
	require.ErrorContains(t, b.Err(), `"\""`)
	c := Loadtxt(strings.NewReader("1,2\n\"3\"\n"), Delimiter(","), QuoteChar('"'))
	require.ErrorContains(t, c.Err(), "from 2 to 1 at row 2 (line 2)")
}

// TestTextOptionErrors checks the options' own errors.
func TestTextOptionErrors(t *testing.T) {
	in := "1 2\n3 4\n"
	for _, c := range []struct {
		a    *Array
		want string
	}{
		{Loadtxt(strings.NewReader(in), NDMin(3)), "ndmin"},
		{Loadtxt(strings.NewReader(in), SkipRows(-1)), "nonnegative"},
		{Loadtxt(strings.NewReader(in), MaxRows(-2)), "nonnegative"},
		{Loadtxt(strings.NewReader(in), Delimiter("::")), "single character"},
		{Loadtxt(strings.NewReader(in), Delimiter("")), "single character"},
		{Loadtxt(strings.NewReader(in), Delimiter("\n")), "newline"},
		{Loadtxt(strings.NewReader(in), Comments("")), "empty"},
		{Loadtxt(strings.NewReader(in), Comments(" ")), "incompatible"},
		{Loadtxt(strings.NewReader(in), QuoteChar('#')), "incompatible"},
		{Loadtxt(strings.NewReader(in), Comments("#", ";"), Delimiter(";")), "delimiter"},
		{Loadtxt(strings.NewReader(in), Encoding("latin-1")), "utf-8"},
		{Loadtxt(strings.NewReader(in), Header("h")), "does not apply"},
		{Loadtxt(strings.NewReader(in), TextOption{}), "zero TextOption"},
		{Loadtxt(strings.NewReader(in), TextDType(BFloat16+100)), "unsupported dtype"},
		{Loadtxt(nil), "nil reader"},
		{Genfromtxt(nil), "nil reader"},
		{Genfromtxt(strings.NewReader(in), Comments("#", "!")), "one string"},
		{Genfromtxt(strings.NewReader(in), MaxRows(0)), "at least 1"},
		{Genfromtxt(strings.NewReader(in), QuoteChar('"')), "does not apply"},
		{Genfromtxt(strings.NewReader("1 2\n3\n"), SkipFooter(-1)), "nonnegative"},
		{Genfromtxt(strings.NewReader("1 x\n"), FillingValues("a")), "not a Go number"},
		{Genfromtxt(strings.NewReader("1 x\n"), TextDType(Int8), FillingValues(1000)), "out of bounds"},
		{Genfromtxt(strings.NewReader("1 x\n"), TextDType(Float64), FillingValues(1i)), "complex"},
		{FromReader(nil, Float64, -1, ""), "nil reader"},
		{FromReader(strings.NewReader("1"), DType(0), -1, ""), "invalid dtype"},
		{FromReader(strings.NewReader("300"), Int8, -1, " "), "out of range"},
		{Frombuffer(nil, DType(0), -1, 0), "invalid dtype"},
	} {
		require.ErrorContains(t, c.a.Err(), c.want)
	}
	x := FromSlice([]float64{1, 2})
	for _, c := range []struct {
		err  error
		want string
	}{
		{x.Savetxt(nil), "nil writer"},
		{x.Savetxt(io.Discard, SkipRows(1)), "does not apply"},
		{x.Savetxt(io.Discard, Comments("#", "!")), "one prefix"},
		{x.Savetxt(io.Discard, Fmt("%")), "incomplete"},
		{x.Savetxt(io.Discard, Fmt("%*d")), "unsupported"},
		{x.Savetxt(io.Discard, Fmt("%.99999999d")), "too large"},
		{FromSlice([]complex64{1}).Savetxt(io.Discard, Fmt("%x")), "integer is required"},
		{x.Savetxt(io.Discard, Fmt("%x")), "integer is required"},
		{x.ToWriter(nil, "", ""), "nil writer"},
		{x.ToWriter(io.Discard, " ", "%d %d"), "one conversion"},
		{x.ToWriter(io.Discard, " ", "%y"), "unsupported"},
		{FromSlice([]complex128{1}).ToWriter(io.Discard, " ", "%f"), "must be real"},
		{(*Array)(nil).Savetxt(io.Discard), "nil"},
		{(*Array)(nil).ToWriter(io.Discard, "", ""), "nil"},
		{(*Array)(nil).Tofile("x", "", ""), "nil"},
		{(*Array)(nil).SavetxtFile("x"), "nil"},
	} {
		require.ErrorContains(t, c.err, c.want, c.want)
	}
	var buf bytes.Buffer
	require.NoError(t, FromSlice([]complex64{1 - 2.5i}).Savetxt(&buf, Fmt("%d")))
	require.Equal(t, " (1-2j)\n", buf.String(), "Python's %d of a float truncates it")
}

// errReader fails after giving some input.
type errReader struct{ data string }

func (r *errReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestTextHostileInput gives the readers input that must fail cleanly:
// no panic, an error naming the problem, memory bounded by the input.
func TestTextHostileInput(t *testing.T) {
	d := On(cpu.New(2))
	defer func(n int) { maxTextLine = n }(maxTextLine)
	maxTextLine = 1 << 16
	long := strings.Repeat("1", maxTextLine+10)
	for _, c := range []struct {
		a    *Array
		want string
	}{
		{d.Loadtxt(strings.NewReader(long)), "longer than"},
		{d.Genfromtxt(strings.NewReader("1\n" + long)), "line 2 is longer than"},
		{d.Loadtxt(strings.NewReader("\""+strings.Repeat("1\n", maxTextLine/2+2)), QuoteChar('"')), "longer than"},
		{d.Loadtxt(strings.NewReader("1 2\n3 \xff\n")), "line 2 is not valid UTF-8"},
		{d.Loadtxt(strings.NewReader("1 2\x00\n")), `"2\x00"`},
		{d.Loadtxt(&errReader{"1 2\n"}), "disk on fire"},
		{d.Genfromtxt(&errReader{"1 2\n"}), "disk on fire"},
		{d.FromReader(&errReader{"1 2\n"}, Float64, -1, " "), "disk on fire"},
		{d.FromReader(&errReader{"1 2\n"}, Float64, -1, ""), "disk on fire"},
		{d.FromReader(strings.NewReader("1"), Float64, math.MaxInt/4, ""), "too large"},
		{d.Loadtxt(strings.NewReader(strings.Repeat("9", 400)+"\n"), TextDType(Int64)), "could not convert"},
		{d.Loadtxt(strings.NewReader("1 " + strings.Repeat("x", 300))), "..."},
	} {
		require.ErrorContains(t, c.a.Err(), c.want)
	}
	require.NoError(t, d.Loadtxt(strings.NewReader(strings.Repeat("1e5 ", 1000)+"\n")).Err())
	failing := &Device{err: errors.New("broken device")}
	for _, a := range []*Array{
		failing.Loadtxt(strings.NewReader("1")), failing.Genfromtxt(strings.NewReader("1")),
		failing.FromReader(strings.NewReader("1"), Float64, -1, ""), failing.Frombuffer(nil, Float64, -1, 0),
	} {
		require.ErrorContains(t, a.Err(), "broken device")
	}
}

// TestFromReaderCount checks the count forms: text stops after count
// elements whatever follows, raw data reads at most count elements.
func TestFromReaderCount(t *testing.T) {
	got := FromReader(strings.NewReader("1,2,3,garbage"), Int32, 3, ",")
	require.Equal(t, []int32{1, 2, 3}, mustSlice[int32](t, got))
	got = FromReader(strings.NewReader("1,2"), Int32, 0, ",")
	require.Equal(t, []int{0}, got.Shape())
	raw := FromReader(bytes.NewReader([]byte{1, 0, 2, 0, 3}), Int16, 1, "")
	require.Equal(t, []int16{1}, mustSlice[int16](t, raw))
	b := Frombuffer([]byte{0, 7, 1}, Bool, -1, 0)
	require.Equal(t, []bool{false, true, true}, mustSlice[bool](t, b))
}

func mustSlice[T Element](t *testing.T, a *Array) []T {
	t.Helper()
	v, err := ToSlice[T](a)
	require.NoError(t, err)
	return v
}

// TestLoadtxtNoColumns reads no column, as usecols=[] does: a
// rows-by-zero array.
func TestLoadtxtNoColumns(t *testing.T) {
	a := Loadtxt(strings.NewReader("1 2\n3 4\n5 6\n"), UseCols())
	require.NoError(t, a.Err())
	require.Equal(t, []int{3, 0}, a.Shape())
	g := Genfromtxt(strings.NewReader("1 2\n3 4\n5 6\n"), UseCols())
	require.Equal(t, []int{3, 2}, g.Shape())
}

// TestGenfromtxtInvalidLines names the first ten lines of another
// length and counts the rest.
func TestGenfromtxtInvalidLines(t *testing.T) {
	in := "1 2\n" + strings.Repeat("3\n", 25)
	err := Genfromtxt(strings.NewReader(in)).Err()
	require.ErrorContains(t, err, "line 2 (got 1 columns instead of 2)")
	require.ErrorContains(t, err, "line 11 (got 1 columns instead of 2)")
	require.NotContains(t, err.Error(), "line 12 ")
	require.ErrorContains(t, err, "and 15 more lines")
	require.NoError(t, Genfromtxt(strings.NewReader(in), SkipFooter(25)).Err(), "the footer's lines are not checked")
}

// BenchmarkLoadtxtCSV reads a CSV of 20000 rows of 10 float64 values.
func BenchmarkLoadtxtCSV(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	var sb strings.Builder
	for range 20000 {
		for j := range 10 {
			if j > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(strconv.FormatFloat(rng.NormFloat64()*1e3, 'g', -1, 64))
		}
		sb.WriteByte('\n')
	}
	text := sb.String()
	d := On(cpu.New(2))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if err := d.Loadtxt(strings.NewReader(text), Delimiter(",")).Err(); err != nil {
			b.Fatal(err)
		}
	}
}
