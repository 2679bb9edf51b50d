package array

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// TestAdvancedIndexNumPy checks Index and SetIndex with integer and
// boolean arrays against NumPy (testdata/advindex): where the arrays'
// axes go, broadcasting, negative entries, views, empty selections,
// IndexError's cases, and writes of scalars and broadcast arrays.
func TestAdvancedIndexNumPy(t *testing.T) { checkAdvancedIndexCases(t, "advindex") }

// checkAdvancedIndexCases runs the get, set and error cases of
// testdata/<dir>, as gen_advindex.py writes them, on every backend.
func checkAdvancedIndexCases(t *testing.T, dir string) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		arrays := npyStream(t, dir+"/cases.npys")
		for n, line := range fixture.Lines(t, dir+"/cases.txt") {
			f := strings.Fields(line)
			msg := fmt.Sprintf("case %d: %s", n+1, line)
			nidx := strings.Count(line, "@")
			x := onDevice(t, d, arrays[0])
			var ix []*Array
			for _, a := range arrays[1 : 1+nidx] {
				ix = append(ix, onDevice(t, d, a))
			}
			arrays = arrays[1+nidx:]
			idx := pythonIndex(t, f[1:], ix)
			switch f[0] {
			case "get":
				want := arrays[0]
				arrays = arrays[1:]
				got := x.Index(idx...)
				require.NoError(t, got.Err(), msg)
				require.Equal(t, want.DType, got.DType(), msg)
				require.Equal(t, formatShape(want.Shape), formatShape(got.Shape()), msg)
				require.Equal(t, want.Data, hostData(t, got), msg)
			case "set":
				values, want := onDevice(t, d, arrays[0]), arrays[1]
				arrays = arrays[2:]
				if values.NDim() == 0 {
					require.NoError(t, x.SetIndex(scalarOf0d(t, values), idx...), msg)
				} else {
					require.NoError(t, x.SetIndex(values, idx...), msg)
				}
				require.Equal(t, want.Data, hostData(t, x), msg)
			case "error":
				got := x.Index(idx...)
				require.Error(t, got.Err(), msg)
				require.Contains(t, got.Err().Error(), "Index: ", msg)
				require.Error(t, x.SetIndex(0, idx...), msg)
			}
		}
		require.Empty(t, arrays)
	})
}

// scalarOf0d is a 0-d fixture array as the Go number NumPy's Python
// scalar stands for.
func scalarOf0d(t *testing.T, a *Array) any {
	if a.DType().Kind() == dtype.FloatKind {
		v, err := Item[float64](a)
		require.NoError(t, err)
		return v
	}
	v, err := Item[int64](a)
	require.NoError(t, err)
	return int(v)
}

// TestAdvancedIndexErrors checks the messages of bad index arrays and
// values, and that nothing is written after an error.
func TestAdvancedIndexErrors(t *testing.T) {
	d := DefaultDevice()
	a := FromSliceOn(d, []float64{1, 2, 3, 4, 5, 6}, 2, 3)
	for _, c := range []struct {
		got  *Array
		want string
	}{
		{a.Index(Idx([]int{2})), "Index: index 2 is out of bounds for axis 0 with size 2"},
		{a.Index(All, Idx([]int{-4})), "Index: index -4 is out of bounds for axis 1 with size 3"},
		{a.Index(Idx(a)), "Index: arrays used as indices must be of integer (or boolean) type, not float64"},
		{a.Index(Idx("x")), "Index: index array of type string"},
		{a.Index(Idx(nil)), "Index: nil index array"},
		{a.Index(Idx([]bool{true, false, true})), "Index: boolean index did not match indexed array along axis 0; size of axis is 2 but size of corresponding boolean axis is 3"},
		{a.Index(Idx([]int{0, 1}), Idx([]int{0, 1, 2})), "Index: shape mismatch: indexing arrays could not be broadcast together"},
		{a.Index(Idx([]int{0}), Idx([]int{0}), Idx([]int{0})), "too many indices for array"},
	} {
		require.ErrorContains(t, c.got.Err(), c.want)
	}
	err := a.SetIndex(FromSliceOn(d, []float64{1, 2, 3}), Idx([]int{0, 1}), Idx([]int{0, 1}))
	require.ErrorContains(t, err, "SetIndex: shape mismatch: value array of shape (3,) could not be broadcast to indexing result of shape (2,)")
	require.ErrorContains(t, a.BroadcastTo(4, 2, 3).SetIndex(0, Idx([]int{1})), "read-only")
	got, err := ToSlice[float64](a)
	require.NoError(t, err)
	require.Equal(t, []float64{1, 2, 3, 4, 5, 6}, got)
	// Basic expressions write through the view.
	require.NoError(t, a.SetIndex(9.5, All, S(1, 3)))
	got, _ = ToSlice[float64](a)
	require.Equal(t, []float64{1, 9.5, 9.5, 4, 9.5, 9.5}, got)
}

// TestSetIndexPositions checks the positions SetIndex writes, computed
// from the index arrays, against the view's flat positions gathered
// through the same plan, for expressions that mix arrays (adjacent or
// not, broadcast, negative, a mask) with slices, integers, new axes and
// the ellipsis.
func TestSetIndexPositions(t *testing.T) {
	d := On(cpu.New(0))
	a := d.Zeros(Float64, 4, 5, 6, 3)
	ix := func(v ...int) Index { return Idx(v) }
	col := Idx(FromSliceOn(d, []int64{1, -1, 0}, 3, 1))
	mask := make([]bool, 6)
	mask[1], mask[4] = true, true
	for _, idx := range [][]Index{
		{ix(1, 3)},
		{All, ix(0, 4, 4)},
		{ix(2, 0), ix(1, 3)},
		{col, All, ix(2, 5, 1)},
		{ix(1), S(1, 4), ix(0, 2)},
		{Ellipsis, ix(2, 0)},
		{NewAxis, All, ix(4, -5), All, I(2)},
		{S(1, 3), All, Idx(mask)},
		{I(3), ix(1, 2), All, ix(0, 2)},
		{All.Step(2), col, ix(5, 0)},
	} {
		p, err := a.planAdvanced("test", idx)
		require.NoError(t, err, "%v", idx)
		want, err := ToSlice[int64](p.gather(d.Arange(0, float64(p.view.Size()), 1, Int64).Reshape(p.view.shape...)))
		require.NoError(t, err)
		got := p.positions()
		require.Equal(t, a.Index(idx...).Shape(), got.Shape(), "%v", idx)
		values, err := ToSlice[int64](got)
		require.NoError(t, err)
		require.Equal(t, want, values, "%v", idx)
	}
}
