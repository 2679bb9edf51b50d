package array

import (
	"github.com/cugo/cugo/dtype"
	"runtime"
	"slices"
	"unsafe"

	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// npyValues returns the little-endian bytes of n elements of dt with the
// values gen_npy.py gives them: value(i) = (i+1)·(-1)^i (·0.75 for floats,
// ·(0.75-0.75i) for complex), i+1 unsigned, i%3 == 0 for bool.
func npyValues(dt DType, n int) []byte {
	buf := []byte{}
	for i := range n {
		v := float64(i+1) * (1 - 2*float64(i%2))
		switch dt.Kind() {
		case dtype.BoolKind:
			buf = append(buf, byte(btoi(i%3 == 0)))
		case dtype.UintKind:
			buf = binary.LittleEndian.AppendUint64(buf, uint64(i+1))[:len(buf)+dt.Size()]
		case dtype.IntKind:
			buf = binary.LittleEndian.AppendUint64(buf, uint64(int64(v)))[:len(buf)+dt.Size()]
		case dtype.FloatKind, dtype.ComplexKind:
			parts := []float64{0.75 * v}
			if dt.Kind() == dtype.ComplexKind {
				parts = append(parts, -0.75*v)
			}
			for _, p := range parts {
				switch dt {
				case Float16:
					buf = binary.LittleEndian.AppendUint16(buf, uint16(dtype.F16FromFloat64(p)))
				case Float32, Complex64:
					buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(float32(p)))
				default:
					buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(p))
				}
			}
		}
	}
	return buf
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

var npyDTypes = []DType{Bool, Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32, Uint64,
	Float16, Float32, Float64, Complex64, Complex128}

// TestNpyDTypes reads every dtype, little- and big-endian, and checks that
// WriteNpy gives back NumPy's file byte for byte.
func TestNpyDTypes(t *testing.T) {
	for _, dt := range npyDTypes {
		want := npyValues(dt, 6)
		file := readFile(t, "../testdata/npy/le_"+dt.String()+".npy")
		d, err := ReadNpy(bytes.NewReader(file))
		require.NoError(t, err, dt)
		require.Equal(t, &NpyData{DType: dt, Shape: []int{2, 3}, Data: want}, d)

		var out bytes.Buffer
		require.NoError(t, WriteNpy(&out, dt, []int{2, 3}, want))
		require.Equal(t, string(file), out.String(), dt)

		if dt.Size() == 1 {
			continue
		}
		d, err = ReadNpy(bytes.NewReader(readFile(t, "../testdata/npy/be_"+dt.String()+".npy")))
		require.NoError(t, err, dt)
		require.Equal(t, &NpyData{DType: dt, Shape: []int{2, 3}, Data: want}, d, "big-endian %v", dt)
	}
}

// TestNpyShapes reads the other shapes and format versions, and writes the
// version 1.0 ones back byte for byte.
func TestNpyShapes(t *testing.T) {
	for _, c := range []struct {
		file      string
		dt        DType
		shape     []int
		identical bool // WriteNpy gives the same file
	}{
		{"scalar_float64.npy", Float64, []int{}, true},
		{"empty_int64.npy", Int64, []int{0, 3}, true},
		{"vec_uint8.npy", Uint8, []int{5}, true},
		{"big4d_float16.npy", Float16, []int{2, 1, 3, 2}, true},
		{"ndim32_bool.npy", Bool, append(slicesRepeat(1, 31), 2), true},
		{"v2_float32.npy", Float32, []int{2, 3}, false},
		{"v3_int16.npy", Int16, []int{2, 3}, false},
	} {
		file := readFile(t, "../testdata/npy/"+c.file)
		d, err := ReadNpy(bytes.NewReader(file))
		require.NoError(t, err, c.file)
		size := 1
		for _, n := range c.shape {
			size *= n
		}
		require.Equal(t, &NpyData{DType: c.dt, Shape: c.shape, Data: npyValues(c.dt, size)}, d, c.file)
		if c.identical {
			var out bytes.Buffer
			require.NoError(t, WriteNpy(&out, c.dt, c.shape, d.Data))
			require.Equal(t, string(file), out.String(), c.file)
		}
	}
}

func slicesRepeat(v, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// TestNpyFortran checks that Fortran-ordered files keep their data order
// and that Strides reads it as the right array.
func TestNpyFortran(t *testing.T) {
	for _, c := range []struct {
		file string
		dt   DType
	}{
		{"fortran_int32.npy", Int32}, {"fortran_complex64.npy", Complex64}, {"fortran_be_float64.npy", Float64},
	} {
		d, err := ReadNpy(bytes.NewReader(readFile(t, "../testdata/npy/"+c.file)))
		require.NoError(t, err, c.file)
		require.True(t, d.FortranOrder)
		require.Equal(t, []int{2, 3}, d.Shape)
		require.Equal(t, []int{1, 2}, d.Strides())
		want, w := npyValues(c.dt, 6), c.dt.Size()
		for r := range 2 {
			for col := range 3 {
				off := r*d.Strides()[0] + col*d.Strides()[1]
				require.Equal(t, want[(r*3+col)*w:(r*3+col+1)*w], d.Data[off*w:(off+1)*w], "%s[%d,%d]", c.file, r, col)
			}
		}
	}
	d := &NpyData{Shape: []int{2, 0, 3}, FortranOrder: true}
	require.Equal(t, []int{1, 2, 2}, d.Strides())
	d.FortranOrder = false
	require.Equal(t, []int{3, 3, 1}, d.Strides())
}

func TestNpyErrors(t *testing.T) {
	le := readFile(t, "../testdata/npy/le_float32.npy")
	_, err := ReadNpy(bytes.NewReader(le[:len(le)-12]))
	require.EqualError(t, err, "npy: data is 12 bytes, shape (2,3) float32 needs 24")
	_, err = ReadNpy(bytes.NewReader(readFile(t, "../testdata/npy/unicode_U5.npy")))
	require.EqualError(t, err, "npy: unsupported descr '<U5'")
	_, err = ReadNpy(bytes.NewReader(readFile(t, "../testdata/npy/structured.npy")))
	require.ErrorContains(t, err, "npy: unsupported descr [('a', '<i4')")

	header := func(version byte, dict string, data ...byte) []byte {
		b := []byte("\x93NUMPY")
		b = append(b, version, 0)
		if version == 1 {
			b = binary.LittleEndian.AppendUint16(b, uint16(len(dict)))
		} else {
			b = binary.LittleEndian.AppendUint32(b, uint32(len(dict)))
		}
		return append(append(b, dict...), data...)
	}
	for _, c := range []struct {
		file []byte
		msg  string // "" if it must read
	}{
		{header(1, `{"shape": (2,), 'fortran_order':False,'descr':'>u2'}`+"\n", 0, 1, 0, 2), ""},
		{header(1, `{'descr': '<f8', 'fortran_order': False, 'shape': (), }`), "npy: data is 0 bytes, shape () float64 needs 8"},
		{header(1, `{'descr': '<f8', 'fortran_order': False, 'shape': (0, 0), }`), ""},
		{[]byte("\x93NUMPZ\x01\x00"), "npy: not a .npy file (bad magic string)"},
		{[]byte("\x93NU"), "npy: reading magic: unexpected EOF"},
		{[]byte("\x93NUMPY\x04\x00"), "npy: unsupported format version 4.0"},
		{[]byte("\x93NUMPY\x01\x00\x10"), "npy: reading header length: unexpected EOF"},
		{[]byte("\x93NUMPY\x02\x00\xff\xff\xff\xff"), "npy: header of 4294967295 bytes is too long"},
		{header(1, `{'descr': '<f8'`)[:15], "npy: reading header: unexpected EOF"},
		{header(1, `{'descr': '<f8', 'fortran_order': False, 'shape': (3), }`), "shape is not a tuple of integers"},
		{header(1, `{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }`), "npy: shape (-1,) float64: negative dimensions are not allowed"},
		{header(1, `{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }`), "fortran_order is not True or False"},
		{header(1, `{'descr': '<f8', 'shape': (1,), }`), "want keys 'descr', 'fortran_order' and 'shape'"},
		{header(1, `{'descr': '<f8', 'descr': '<f8', 'shape': (1,), }`), "repeated key descr"},
		{header(1, `{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}`), "unexpected key x"},
		{header(1, `{'descr': '<f8', 'fortran_order': False, 'shape': (1,) }x`), "trailing characters"},
		{header(1, `{'descr': '<f3', 'fortran_order': False, 'shape': (1,), }`), "npy: unsupported descr '<f3'"},
		{header(1, `{'descr': '<V2', 'fortran_order': False, 'shape': (1,), }`), "npy: unsupported descr '<V2'"},
		{header(1, `{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999, 99999999999), }`), "npy: shape (99999999999,99999999999) float64: array is too big"},
		{header(3, `{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }`+"\xff"), "npy: header is not valid UTF-8"},
	} {
		d, err := ReadNpy(bytes.NewReader(c.file))
		if c.msg == "" {
			require.NoError(t, err, string(c.file))
			require.NotNil(t, d)
			continue
		}
		require.ErrorContains(t, err, c.msg, string(c.file))
	}
	d, err := ReadNpy(bytes.NewReader(header(1, `{"shape": (2,), 'fortran_order':False,'descr':'>u2'}`+"\n", 0, 1, 0, 2)))
	require.NoError(t, err)
	require.Equal(t, []byte{1, 0, 2, 0}, d.Data)
}

func TestWriteNpyErrors(t *testing.T) {
	var out bytes.Buffer
	require.EqualError(t, WriteNpy(&out, Float32, []int{2, 3}, make([]byte, 12)),
		"npy: data is 12 bytes, shape (2,3) float32 needs 24")
	require.EqualError(t, WriteNpy(&out, BFloat16, []int{1}, make([]byte, 2)),
		"npy: bfloat16 has no NumPy dtype; convert it (to float32, say) before saving")
	require.EqualError(t, WriteNpy(&out, Int8, slicesRepeat(1, 65), make([]byte, 1)),
		"npy: 65 dimensions, NumPy allows at most 64")
	require.ErrorContains(t, WriteNpy(&out, Int8, []int{-1}, nil), "negative dimensions")
	require.EqualError(t, WriteNpy(failWriter{}, Int8, []int{1}, []byte{1}), "npy: disk full")
	require.Zero(t, out.Len(), "nothing is written on error")
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestNpyRoundTrip writes every dtype and shape kind and reads it back.
func TestNpyRoundTrip(t *testing.T) {
	for _, dt := range npyDTypes {
		for _, shape := range [][]int{{}, {0}, {7}, {2, 1, 3}, {1, 4, 0, 2}} {
			size := 1
			for _, n := range shape {
				size *= n
			}
			data := npyValues(dt, size)
			var buf bytes.Buffer
			require.NoError(t, WriteNpy(&buf, dt, shape, data))
			require.Zero(t, (buf.Len()-len(data))%64, "header aligned to 64 bytes")
			buf.WriteString("trailing bytes are left in the reader")
			d, err := ReadNpy(&buf)
			require.NoError(t, err)
			require.Equal(t, &NpyData{DType: dt, Shape: shape, Data: data}, d)
			require.Equal(t, "trailing bytes are left in the reader", buf.String())
		}
	}
}

// FuzzReadNpy feeds ReadNpy arbitrary bytes, starting from NumPy's files:
// it must never panic, and what it accepts must be consistent and survive
// a write and a read.
func FuzzReadNpy(f *testing.F) {
	files, err := filepath.Glob("../testdata/npy/*.npy")
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed files: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(npyFile(`{'descr': '<u1', 'fortran_order': False, 'shape': (1152921504606846976,), }`, 1, 2))
	f.Add(npyFile(`{'descr': '<f4', 'fortran_order': False, 'shape': (0, 4611686018427387905, 4), }`))
	f.Add(npyFile(`{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }`, 0, 2, 255))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ReadNpy(bytes.NewReader(b))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "npy: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		if d.DType == Bool && slices.ContainsFunc(d.Data, func(b byte) bool { return b > 1 }) {
			t.Fatalf("bool data holds bytes other than 0 and 1: %v", d.Data)
		}
		need, err := dataSize(d.Shape, d.DType)
		if err != nil || need != len(d.Data) {
			t.Fatalf("shape %v %v with %d bytes of data (%v)", d.Shape, d.DType, len(d.Data), err)
		}
		var buf bytes.Buffer
		if err := WriteNpy(&buf, d.DType, d.Shape, d.Data); err != nil {
			t.Fatalf("cannot write back what was read: %v", err)
		}
		d2, err := ReadNpy(&buf)
		if err != nil {
			t.Fatalf("cannot read back what was written: %v", err)
		}
		d.FortranOrder = false
		require.Equal(t, d, d2)
	})
}

// npyFile builds a version-1 .npy file from a header dict and data.
func npyFile(dict string, data ...byte) []byte {
	b := append([]byte("\x93NUMPY"), 1, 0)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(dict)))
	return append(append(b, dict...), data...)
}

// TestHostileNpy checks that files whose headers lie are rejected cheaply
// and that bool bytes other than 0 and 1 never become invalid Go bools.
func TestHostileNpy(t *testing.T) {
	// A short file claiming 2^60 bytes fails at its end, having taken little memory.
	liar := npyFile(`{'descr': '<u1', 'fortran_order': False, 'shape': (1152921504606846976,), }`, make([]byte, 40)...)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadNpy(bytes.NewReader(liar))
	runtime.ReadMemStats(&after)
	require.ErrorContains(t, err, "npy: data is 40 bytes, shape (1152921504606846976,) uint8 needs 1152921504606846976")
	require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(4<<20), "bytes allocated to reject a lying header")

	// A zero-length axis does not make absurd other lengths acceptable.
	for _, shape := range []string{"(0, 4611686018427387905, 4)", "(4611686018427387905, 4, 0)", "(0, 9223372036854775807, 9223372036854775807)"} {
		_, err := ReadNpy(bytes.NewReader(npyFile(`{'descr': '<f4', 'fortran_order': False, 'shape': ` + shape + `, }`)))
		require.ErrorContains(t, err, "array is too big", shape)
		a := Load(bytes.NewReader(npyFile(`{'descr': '<f4', 'fortran_order': False, 'shape': ` + shape + `, }`)))
		require.ErrorContains(t, a.Err(), "Load: npy: shape", shape)
	}

	// Bool bytes other than 0 and 1 read as true, and as valid Go bools.
	a := Load(bytes.NewReader(npyFile(`{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }`, 0, 1, 2, 255)))
	got, err := ToSlice[bool](a)
	require.NoError(t, err)
	require.Equal(t, []bool{false, true, true, true}, got)
	for i, v := range got {
		require.Equal(t, v, !!v, "element %d", i)
		require.LessOrEqual(t, *(*uint8)(unsafe.Pointer(&got[i])), uint8(1), "element %d is not a valid Go bool", i)
	}
	item, err := Item[bool](a.Index(I(3)))
	require.NoError(t, err)
	require.True(t, item)
	require.Equal(t, int64(3), itemOf[int64](t, a.Sum()))
}

func itemOf[T Element](t *testing.T, a *Array) T {
	t.Helper()
	v, err := Item[T](a)
	require.NoError(t, err)
	return v
}
