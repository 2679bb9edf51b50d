package array

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var padModes = map[string]PadMode{
	"constant": PadConstant, "edge": PadEdge, "linear_ramp": PadLinearRamp, "maximum": PadMaximum, "mean": PadMean,
	"median": PadMedian, "minimum": PadMinimum, "reflect": PadReflect, "symmetric": PadSymmetric, "wrap": PadWrap,
}

// padPairs parses gen_pad.py's pairs ("1,2;3,0"), nil for "-".
func padPairs(t *testing.T, s string) [][2]int {
	if s == "-" {
		return nil
	}
	var out [][2]int
	for _, p := range strings.Split(s, ";") {
		lo, hi, ok := strings.Cut(p, ",")
		require.True(t, ok, s)
		out = append(out, [2]int{atoi(t, lo), atoi(t, hi)})
	}
	return out
}

// padFixtureCall runs one case of testdata/pad/cases.txt (see
// gen_pad.py): <mode>/<widths>/<values>/<stat lengths>/<odd>/<view>.
func padFixtureCall(t *testing.T, d *Device, name string, in []*NpyData) []*Array {
	f := strings.Split(name, "/")
	require.Len(t, f, 6, name)
	mode, ok := padModes[f[0]]
	require.True(t, ok, name)
	a := onDevice(t, d, in[0])
	switch f[5] {
	case "T":
		a = a.T()
	case "rev":
		a = a.Index(Ellipsis, All.Step(-1))
	}
	var opts []PadOption
	if v := padPairs(t, f[2]); v != nil {
		var values [][2]any
		for _, p := range v {
			values = append(values, [2]any{p[0], p[1]})
		}
		opts = append(opts, PadValues(values...))
	}
	if s := padPairs(t, f[3]); s != nil {
		opts = append(opts, PadStatLength(s...))
	}
	if odd, err := strconv.ParseBool(f[4]); err == nil && odd {
		opts = append(opts, PadOdd())
	}
	return []*Array{PadWith(a, padPairs(t, f[1]), mode, opts...)}
}

// TestPadNumPy checks PadWith against np.pad (testdata/pad, NumPy 2's
// answers): every mode over ten dtypes, 1- to 3-d arrays, transposed and
// reversed views, per-axis widths wider than the axis, constant and end
// values, stat lengths, odd reflection, an axis of one element and an
// empty array.
func TestPadNumPy(t *testing.T) { checkCaseFixtures(t, "pad", padFixtureCall) }

// TestPadErrors checks the arguments np.pad refuses, in NumPy's words,
// and that Pad is PadWith's constant mode.
func TestPadErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		x := FromSliceOn(d, []int32{1, 2, 5, -3, 8})
		empty := d.Zeros(Float64, 0, 3)
		for _, c := range []struct {
			got  *Array
			want string
		}{
			{PadWith(x, [][2]int{{-1, 1}}, PadEdge), "PadWith: index can't contain negative values"},
			{PadWith(x, [][2]int{{1, 1}, {1, 1}}, PadEdge), "PadWith: 2 pairs of pad widths for an array of 1 dimensions"},
			{PadWith(x, [][2]int{{1, 1}}, PadMode(42)), "PadWith: mode PadMode(42) is not supported"},
			{PadWith(x, [][2]int{{1, 1}}, PadEdge, PadOdd()), "PadWith: PadOdd does not apply to mode 'edge'"},
			{PadWith(x, [][2]int{{1, 1}}, PadWrap, PadValues([2]any{1, 2})), "PadWith: PadValues does not apply to mode 'wrap'"},
			{PadWith(x, [][2]int{{1, 1}}, PadReflect, PadStatLength([2]int{1, 1})), "PadWith: PadStatLength does not apply to mode 'reflect'"},
			{PadWith(x, [][2]int{{1, 1}}, PadMean, PadStatLength([2]int{1, -1})), "PadWith: index can't contain negative values"},
			{PadWith(x, [][2]int{{1, 1}}, PadMaximum, PadStatLength([2]int{0, 1})), "PadWith: stat_length of 0 yields no value for padding"},
			{PadWith(x, [][2]int{{1, 1}}, PadConstant, PadValues([2]any{1, 2}, [2]any{3, 4})), "PadWith: 2 pairs of values for an array of 1 dimensions"},
			{PadWith(x, [][2]int{{1, 1}}, PadConstant, PadValues([2]any{1, 300i})), "can't convert complex"},
			{PadWith(empty, [][2]int{{1, 0}, {0, 0}}, PadReflect), "PadWith: can't extend empty axis 0 using modes other than 'constant' or 'empty'"},
			{PadWith(nil, [][2]int{{1, 1}}, PadEdge), "PadWith: array: nil array"},
			{Pad(x, [][2]int{{-1, 1}}, 0), "Pad: index can't contain negative values"},
		} {
			require.ErrorContains(t, c.got.Err(), c.want)
		}
		want, err := ToSlice[int32](PadWith(x, [][2]int{{2, 1}}, PadConstant, PadValues([2]any{7, 7})))
		require.NoError(t, err)
		got, err := ToSlice[int32](Pad(x, [][2]int{{2, 1}}, 7))
		require.NoError(t, err)
		require.Equal(t, want, got)
		require.Equal(t, []int32{7, 7, 1, 2, 5, -3, 8, 7}, got)
		// PadEmpty gives the shape; no widths give a copy
		require.Equal(t, []int{1, 7}, PadWith(empty.Reshape(3, 0).T(), [][2]int{{1, 0}, {2, 2}}, PadEmpty).Shape())
		same := PadWith(x, [][2]int{{0, 0}}, PadWrap)
		require.NoError(t, same.Set(0))
		v, err := ToSlice[int32](x)
		require.NoError(t, err)
		require.Equal(t, []int32{1, 2, 5, -3, 8}, v)
		require.Equal(t, "linear_ramp", PadLinearRamp.String())
	})
}
