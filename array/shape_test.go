package array

import (
	"github.com/cugo/cugo/internal/fixture"

	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func parseInts(t *testing.T, s string) []int {
	t.Helper()
	if s = strings.TrimSpace(s); s == "-" {
		return []int{}
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(f)
		require.NoError(t, err, s)
		out = append(out, n)
	}
	return out
}

// parseIndex reads the index items of testdata/shape.txt.
func parseIndex(t *testing.T, s string) []Index {
	t.Helper()
	var idx []Index
	for _, f := range strings.Fields(s) {
		switch {
		case f == "-":
		case f == "new":
			idx = append(idx, NewAxis)
		case f == "...":
			idx = append(idx, Ellipsis)
		case f[0] == 'i':
			n, err := strconv.Atoi(f[1:])
			require.NoError(t, err)
			idx = append(idx, I(n))
		default:
			parts := strings.Split(f[1:], ":")
			require.Len(t, parts, 3, f)
			var v [3]int
			for i, p := range parts {
				if p != "" {
					var err error
					v[i], err = strconv.Atoi(p)
					require.NoError(t, err)
				}
			}
			s := All
			switch {
			case parts[0] != "" && parts[1] != "":
				s = S(v[0], v[1])
			case parts[0] != "":
				s = From(v[0])
			case parts[1] != "":
				s = To(v[1])
			}
			if parts[2] != "" {
				s = s.Step(v[2])
			}
			idx = append(idx, s)
		}
	}
	return idx
}

// TestShapeMatchesNumPy replays testdata/shape.txt (gen_shape.py): NumPy's
// views for basic indexing and reshape, and its broadcasting results.
func TestShapeMatchesNumPy(t *testing.T) {
	counts := map[string]int{}
	for _, line := range fixture.Lines(t, "shape.txt") {
		op, rest, _ := strings.Cut(line, " ")
		f := strings.Split(rest, " | ")
		counts[op]++
		switch op {
		case "index":
			shape, strides := parseInts(t, f[0]), parseInts(t, f[1])
			gotShape, gotStrides, gotOff, err := applyIndex(shape, strides, 0, parseIndex(t, f[2])...)
			if msg, isErr := strings.CutPrefix(f[3], "err "); isErr {
				require.EqualError(t, err, msg, line)
				continue
			}
			require.NoError(t, err, line)
			require.Equal(t, parseInts(t, strings.TrimPrefix(f[3], "ok ")), gotShape, line)
			require.Equal(t, parseInts(t, f[4]), gotStrides, line)
			require.Equal(t, parseInts(t, f[5])[0], gotOff, line)
		case "reshape":
			shape, strides, newShape := parseInts(t, f[0]), parseInts(t, f[1]), parseInts(t, f[2])
			got, ok := reshapeStrides(shape, strides, newShape)
			if f[3] == "copy" {
				require.False(t, ok, line)
				continue
			}
			require.True(t, ok, line)
			require.Equal(t, parseInts(t, strings.TrimPrefix(f[3], "view ")), got, line)
		case "broadcast":
			var shapes [][]int
			for _, s := range strings.Fields(f[0]) {
				shapes = append(shapes, parseInts(t, s))
			}
			got, err := Broadcast(shapes...)
			if msg, isErr := strings.CutPrefix(f[1], "err "); isErr {
				require.EqualError(t, err, msg, line)
				continue
			}
			require.NoError(t, err, line)
			require.Equal(t, parseInts(t, strings.TrimPrefix(f[1], "ok ")), got, line)
		default:
			t.Fatalf("unknown case %q", line)
		}
	}
	require.Equal(t, map[string]int{"index": 400, "reshape": 200, "broadcast": 100}, counts)
}

func TestBroadcast(t *testing.T) {
	got, err := Broadcast([]int{2, 1, 3}, []int{4, 1}, []int{})
	require.NoError(t, err)
	require.Equal(t, []int{2, 4, 3}, got)
	got, err = Broadcast()
	require.NoError(t, err)
	require.Equal(t, []int{}, got)
	_, err = Broadcast([]int{2, 3}, []int{4})
	require.EqualError(t, err, "operands could not be broadcast together with shapes (2,3) (4,)")
	_, err = Broadcast([]int{0}, []int{2})
	require.EqualError(t, err, "operands could not be broadcast together with shapes (0,) (2,)")
	_, err = Broadcast([]int{}, []int{3}, []int{2, 1})
	require.NoError(t, err)
}

func TestContiguousStrides(t *testing.T) {
	require.Equal(t, []int{12, 4, 1}, contiguousStrides([]int{2, 3, 4}))
	require.Equal(t, []int{}, contiguousStrides([]int{}))
	require.Equal(t, []int{2, 2, 1}, contiguousStrides([]int{3, 0, 2}))
	require.Equal(t, []int{1, 1}, contiguousStrides([]int{5, 1}))
}

func TestBroadcastStrides(t *testing.T) {
	got, err := broadcastStrides([]int{3, 1}, []int{1, 7}, []int{2, 3, 4})
	require.NoError(t, err)
	require.Equal(t, []int{0, 1, 0}, got)
	got, err = broadcastStrides([]int{}, []int{}, []int{2})
	require.NoError(t, err)
	require.Equal(t, []int{0}, got)
	_, err = broadcastStrides([]int{2, 3}, []int{3, 1}, []int{4, 3})
	require.EqualError(t, err, "operands could not be broadcast together with remapped shapes [original->remapped]: (2,3) and requested shape (4,3)")
	_, err = broadcastStrides([]int{1, 3}, []int{3, 1}, []int{3})
	require.Error(t, err)
}

func TestNormalizeAxis(t *testing.T) {
	for _, c := range [][3]int{{0, 2, 0}, {1, 2, 1}, {-1, 2, 1}, {-2, 2, 0}} {
		got, err := NormalizeAxis(c[0], c[1])
		require.NoError(t, err)
		require.Equal(t, c[2], got)
	}
	_, err := NormalizeAxis(3, 2)
	require.EqualError(t, err, "axis 3 is out of bounds for array of dimension 2")
	_, err = NormalizeAxis(-3, 2)
	require.EqualError(t, err, "axis -3 is out of bounds for array of dimension 2")
	_, err = NormalizeAxis(0, 0)
	require.EqualError(t, err, "axis 0 is out of bounds for array of dimension 0")
}

func TestInferShape(t *testing.T) {
	ok := []struct{ size, shape, want []int }{
		{[]int{6}, []int{-1, 3}, []int{2, 3}},
		{[]int{6}, []int{2, -1}, []int{2, 3}},
		{[]int{6}, []int{6}, []int{6}},
		{[]int{1}, []int{}, []int{}},
		{[]int{0}, []int{0, -1, 2}, nil},
		{[]int{0}, []int{3, 0}, []int{3, 0}},
	}
	for _, c := range ok {
		got, err := inferShape(c.size[0], c.shape)
		if c.want == nil {
			require.EqualError(t, err, "cannot reshape array of size 0 into shape (0,-1,2)")
			continue
		}
		require.NoError(t, err)
		require.Equal(t, c.want, got)
	}
	for _, c := range []struct {
		size  int
		shape []int
		msg   string
	}{
		{6, []int{4}, "cannot reshape array of size 6 into shape (4,)"},
		{7, []int{-1, 3}, "cannot reshape array of size 7 into shape (-1,3)"},
		{6, []int{-1, -1}, "can only specify one unknown dimension"},
		{6, []int{-2, 3}, "negative dimensions not allowed"},
		{6, []int{1 << 40, 1 << 40}, "cannot reshape array of size 6 into shape (1099511627776,1099511627776)"},
	} {
		_, err := inferShape(c.size, c.shape)
		require.EqualError(t, err, c.msg)
	}
	shape := []int{-1, 2}
	_, _ = inferShape(4, shape)
	require.Equal(t, []int{-1, 2}, shape, "the argument is not modified")
}

func TestReshapeStrides(t *testing.T) {
	// A transposed (3,2) array: column-major memory.
	_, ok := reshapeStrides([]int{3, 2}, []int{1, 3}, []int{6})
	require.False(t, ok)
	got, ok := reshapeStrides([]int{3, 2}, []int{1, 3}, []int{3, 1, 2})
	require.True(t, ok)
	require.Equal(t, []int{1, 6, 3}, got) // as NumPy: a size-1 axis takes any stride
	// Every other row of a (4,3) array: rows stay contiguous.
	got, ok = reshapeStrides([]int{2, 3}, []int{6, 1}, []int{2, 3, 1})
	require.True(t, ok)
	require.Equal(t, []int{6, 1, 1}, got)
	_, ok = reshapeStrides([]int{2, 3}, []int{6, 1}, []int{6})
	require.False(t, ok)
	_, ok = reshapeStrides([]int{2, 3}, []int{3, 1}, []int{5})
	require.False(t, ok, "sizes differ")
	got, ok = reshapeStrides([]int{0, 3}, []int{9, 9}, []int{3, 0})
	require.True(t, ok)
	require.Equal(t, []int{1, 1}, got)
}

func TestCollapseDims(t *testing.T) {
	shape, strides := collapseDims([]int{2, 3, 4}, []int{12, 4, 1}, []int{0, 0, 0})
	require.Equal(t, []int{24}, shape)
	require.Equal(t, [][]int{{1}, {0}}, strides)
	// The second operand broadcasts along axis 1: axes 1 and 2 merge for
	// both, axis 0 cannot merge for the broadcast one.
	shape, strides = collapseDims([]int{2, 3, 4}, []int{12, 4, 1}, []int{4, 0, 1})
	require.Equal(t, []int{2, 3, 4}, shape)
	require.Equal(t, [][]int{{12, 4, 1}, {4, 0, 1}}, strides)
	shape, strides = collapseDims([]int{1, 5, 1, 2}, []int{7, 2, 9, 1})
	require.Equal(t, []int{10}, shape)
	require.Equal(t, [][]int{{1}}, strides)
	shape, strides = collapseDims([]int{1, 1}, []int{3, 3})
	require.Equal(t, []int{}, shape)
	require.Equal(t, [][]int{{}}, strides)
	shape, strides = collapseDims([]int{4, 0}, []int{1, 1}, []int{0, 0})
	require.Equal(t, []int{0}, shape)
	require.Equal(t, [][]int{{0}, {0}}, strides)
}

func TestApplyIndex(t *testing.T) {
	shape, strides := []int{3, 4}, []int{4, 1}
	s, st, off, err := applyIndex(shape, strides, 10, I(-1), All.Step(-2))
	require.NoError(t, err)
	require.Equal(t, []int{2}, s)
	require.Equal(t, []int{-2}, st)
	require.Equal(t, 10+8+3, off)
	s, st, off, err = applyIndex(shape, strides, 0, Ellipsis, NewAxis, From(1), NewAxis)
	require.NoError(t, err)
	require.Equal(t, []int{3, 1, 3, 1}, s)
	require.Equal(t, []int{4, 0, 1, 0}, st)
	require.Equal(t, 1, off)
	s, _, off, err = applyIndex(shape, strides, 0, To(-1), S(10, 20))
	require.NoError(t, err)
	require.Equal(t, []int{2, 0}, s)
	require.Equal(t, 0, off, "an empty slice points at its axis start")

	for _, c := range []struct {
		idx []Index
		msg string
	}{
		{[]Index{I(5)}, "index 5 is out of bounds for axis 0 with size 3"},
		{[]Index{All, I(-5)}, "index -5 is out of bounds for axis 1 with size 4"},
		{[]Index{I(0), I(0), I(0)}, "too many indices for array: array is 2-dimensional, but 3 were indexed"},
		{[]Index{Ellipsis, I(0), Ellipsis}, "an index can only have a single ellipsis ('...')"},
		{[]Index{All.Step(0)}, "slice step cannot be zero"},
		{[]Index{nil}, "nil index"},
	} {
		_, _, _, err := applyIndex(shape, strides, 0, c.idx...)
		require.EqualError(t, err, c.msg)
	}
	_, _, _, err = applyIndex(shape, []int{1}, 0)
	require.EqualError(t, err, "shape (3,4) and 1 strides do not match")
}

// A 0-d array's shape is empty and not nil (nil means an error), however
// it was made: NumPy's () for a created scalar and a full reduction alike.
func TestZeroDimShapeIsEmpty(t *testing.T) {
	d := DefaultDevice()
	for _, a := range []*Array{d.Zeros(Int64), d.Scalar(1.5), d.Ones(Float32, 2).Sum()} {
		require.NoError(t, a.Err())
		require.Equal(t, []int{}, a.Shape())
	}
}
