package array

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/stretchr/testify/require"
)

// forEachBackend runs f on the CPU backend and on each GPU backend that
// opens (a GPU that does not open skips, or fails under CUGO_REQUIRE).
func forEachBackend(t *testing.T, f func(t *testing.T, d *Device)) {
	gputest.EachBackend(t, func(t *testing.T, b backend.Backend) { f(t, On(b)) })
}

// npyStream reads every array of a testdata file of concatenated .npy files.
func npyStream(t *testing.T, name string) []*NpyData {
	t.Helper()
	r := fixture.Open(t, name)
	var out []*NpyData
	for {
		d, err := ReadNpy(r)
		if errors.Is(err, io.EOF) {
			return out
		}
		require.NoError(t, err)
		out = append(out, d)
	}
}

// npyCase is a line of a fixture's cases, split into fields, with its
// arrays: the second field counts the inputs, and one output follows them.
type npyCase struct {
	fields []string
	inputs []*NpyData
	want   *NpyData
}

// npyCases reads the cases of the fixture name: a line each in name.txt,
// their arrays in turn in name.npys.
func npyCases(t *testing.T, name string) []npyCase {
	t.Helper()
	arrays := npyStream(t, name+".npys")
	var cases []npyCase
	for _, line := range fixture.Lines(t, name+".txt") {
		f := strings.Fields(line)
		nin, err := strconv.Atoi(f[1])
		require.NoError(t, err, line)
		require.Greater(t, len(arrays), nin, "%s: arrays missing", line)
		cases = append(cases, npyCase{f, arrays[:nin], arrays[nin]})
		arrays = arrays[nin+1:]
	}
	require.Empty(t, arrays, "arrays left over")
	return cases
}

// onDevice makes an array of a fixture's data on d.
func onDevice(t *testing.T, d *Device, n *NpyData) *Array {
	t.Helper()
	a := d.fromHost("test", n.DType, n.Data, n.Shape)
	require.NoError(t, a.Err())
	return a
}

// hostData reads a's elements in C order.
func hostData(t *testing.T, a *Array) []byte {
	t.Helper()
	require.NoError(t, a.Err())
	data, err := a.hostBytes("test")
	require.NoError(t, err)
	return data
}

// epsilon is the distance from 1 to the next value of a float dtype.
func epsilon(dt DType) float64 {
	switch dt {
	case Float16:
		return 0x1p-10
	case BFloat16:
		return 0x1p-7
	case Float32, Complex64:
		return 0x1p-23
	}
	return 0x1p-52
}

// requireClose checks that got holds want's elements: integers and bools
// exactly, floats within tol epsilons of max(|want|, 1) (exactly, with the
// sign of zero, if tol is 0), NaN where want is NaN.
func requireClose(t *testing.T, dt DType, want, got []byte, tol float64, msg string) {
	t.Helper()
	require.Equal(t, len(want), len(got), msg)
	if dt.Kind() < dtype.FloatKind {
		require.Equal(t, want, got, msg)
		return
	}
	size := dt.Size()
	parts := 1
	if dt.Kind() == dtype.ComplexKind {
		parts, size = 2, size/2
	}
	for i := 0; i < len(want); i += size {
		w, g := floatAt(dt, want[i:i+size]), floatAt(dt, got[i:i+size])
		at := fmt.Sprintf("%s: element %d: want %v, got %v", msg, i/size/parts, w, g)
		switch {
		case math.IsNaN(w):
			require.True(t, math.IsNaN(g), at)
		case tol == 0 || math.IsInf(w, 0):
			require.Equal(t, w, g, at)
			require.Equal(t, math.Signbit(w), math.Signbit(g), at)
		default:
			require.InDelta(t, w, g, tol*epsilon(dt)*math.Max(math.Abs(w), 1), at)
		}
	}
}

// pythonIndex parses an indexing expression written item by item as
// Python writes it (3, -1, 1:4, ::-1, None, ...), with @ for the next of
// arrays (an Idx item).
func pythonIndex(t *testing.T, items []string, arrays []*Array) []Index {
	var idx []Index
	for _, s := range items {
		switch {
		case s == "@":
			idx, arrays = append(idx, Idx(arrays[0])), arrays[1:]
		case s == "...":
			idx = append(idx, Ellipsis)
		case s == "None":
			idx = append(idx, NewAxis)
		case strings.Contains(s, ":"):
			parts := strings.Split(s, ":")
			var sl Slice
			for i, p := range parts {
				if p == "" {
					continue
				}
				v, err := strconv.Atoi(p)
				require.NoError(t, err, s)
				switch i {
				case 0:
					sl.start, sl.hasStart = v, true
				case 1:
					sl.stop, sl.hasStop = v, true
				default:
					sl = sl.Step(v)
				}
			}
			idx = append(idx, sl)
		default:
			v, err := strconv.Atoi(s)
			require.NoError(t, err, s)
			idx = append(idx, I(v))
		}
	}
	return idx
}
