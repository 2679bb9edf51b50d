package array

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// sortSemanticsCall runs one case of testdata/sortsem/cases.txt (see
// gen_sortsem.py) on arrays on d: f is the case's line, in its inputs.
// It returns the results; a case that NumPy refuses is checked to fail
// here with the message it names.
func sortSemanticsCall(t *testing.T, d *Device, f []string, in []*NpyData) []*Array {
	arg := func(k int) *Array { return onDevice(t, d, in[k]) }
	a := arg(0)
	switch f[1] {
	case "colrev":
		a = a.Index(All, All.Step(-1))
	case "T":
		a = a.T()
	}
	f = append(f[:2:2], f[4:]...) // the function, the view, then its arguments
	switch f[0] {
	case "sort":
		return []*Array{Sort(a, sortFixtureAxis(t, f[2]))}
	case "argsort":
		return []*Array{ArgSort(a, sortFixtureAxis(t, f[2]))}
	case "argpartition":
		return []*Array{ArgPartition(a, atoi(t, f[2]), sortFixtureAxis(t, f[3]))}
	case "partition":
		var kths []int
		for _, s := range strings.Split(f[2], ",") {
			kths = append(kths, atoi(t, s))
		}
		axis := sortFixtureAxis(t, f[3])
		var kth any = kths
		if len(kths) == 1 {
			kth = kths[0]
		}
		p, idx := Partition(a, kth, axis), ArgPartition(a, kth, axis)
		if axis == AxisNone {
			a, axis = a.Ravel(), 0
		}
		require.Equal(t, hostData(t, p), hostData(t, TakeAlongAxis(a, idx, axis)), "ArgPartition gives Partition")
		if a.Size() == 0 {
			return []*Array{p}
		}
		ax, err := NormalizeAxis(axis, a.NDim())
		require.NoError(t, err)
		n := a.Shape()[ax]
		var out []*Array
		for _, k := range kths {
			requirePartitioned(t, p, k, axis)
			out = append(out, Take(p, d.Scalar(int64((k+n)%n)), axis))
		}
		return out
	case "lexsort":
		keys := make([]*Array, len(in))
		for k := range keys {
			keys[k] = arg(k)
		}
		return []*Array{Lexsort(keys)}
	case "searchsorted":
		side := map[string]Side{"left": Left, "right": Right}[f[2]]
		var sorter *Array
		if len(in) == 3 {
			sorter = arg(2)
		}
		got := SearchSorted(a, arg(1), side, sorter)
		if len(f) > 3 && f[3] == "error" {
			require.ErrorContains(t, got.Err(), strings.Join(f[4:], " "))
			return nil
		}
		return []*Array{got}
	case "unique_distinct_nan":
		r := UniqueAll(a, DistinctNaN())
		values, counts := UniqueCounts(a, DistinctNaN())
		require.Equal(t, hostData(t, r.Values), hostData(t, values), "UniqueCounts")
		require.Equal(t, hostData(t, r.Counts), hostData(t, counts), "UniqueCounts")
		_, inverse := UniqueInverse(a, DistinctNaN())
		require.Equal(t, hostData(t, r.Inverse), hostData(t, inverse), "UniqueInverse")
		return []*Array{UniqueValues(a, DistinctNaN()), r.Indices, r.Inverse, r.Counts}
	case "isin_invert":
		return []*Array{Isin(a, arg(1), Inverted())}
	case "in1d_invert":
		return []*Array{In1d(a, arg(1), Inverted())}
	case "isin_unique":
		return []*Array{Isin(a, arg(1), AssumeUnique())}
	case "intersect1d":
		return []*Array{Intersect1d(a, arg(1))}
	case "intersect1d_indices":
		v, ia, ib := Intersect1dIndices(a, arg(1))
		return []*Array{v, ia, ib}
	case "setdiff1d_unique":
		return []*Array{Setdiff1d(a, arg(1), AssumeUnique())}
	case "intersect1d_unique":
		return []*Array{Intersect1d(a, arg(1), AssumeUnique())}
	case "setxor1d_unique":
		return []*Array{Setxor1d(a, arg(1), AssumeUnique())}
	case "union1d":
		return []*Array{Union1d(a, arg(1))}
	case "setxor1d":
		return []*Array{Setxor1d(a, arg(1))}
	case "setdiff1d":
		return []*Array{Setdiff1d(a, arg(1))}
	}
	t.Fatalf("unknown case %q", strings.Join(f, " "))
	return nil
}

// TestSortSemanticsNumPy checks the corners of sorting, partition,
// searching and the set functions against NumPy's results in
// testdata/sortsem: the indices of 0-d arrays, empty views, partitions
// at several positions, searches across dtypes and with bad sorters,
// and the set functions' keyword arguments, results and dtypes.
func TestSortSemanticsNumPy(t *testing.T) {
	arrays := npyStream(t, "sortsem/cases.npys")
	lines := fixture.Lines(t, "sortsem/cases.txt")
	forEachBackend(t, func(t *testing.T, d *Device) {
		rest := arrays
		for _, line := range lines {
			f := strings.Fields(line)
			nin, nout := atoi(t, f[2]), atoi(t, f[3])
			in, want := rest[:nin], rest[nin:nin+nout]
			rest = rest[nin+nout:]
			got := sortSemanticsCall(t, d, f, in)
			require.Len(t, got, nout, line)
			for k, g := range got {
				msg := fmt.Sprintf("%s (result %d)", line, k)
				require.NoError(t, g.Err(), msg)
				require.Equal(t, want[k].DType, g.DType(), msg)
				require.True(t, slices.Equal(want[k].Shape, g.Shape()), "%s: shape %v, want %v", msg, g.Shape(), want[k].Shape)
				requireClose(t, want[k].DType, want[k].Data, hostData(t, g), 0, msg)
			}
		}
		require.Empty(t, rest)
	})
}

// Bad arguments to the partitions, SearchSorted and the set functions
// fail with errors that name the function and the argument.
func TestSortSemanticsErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		x := FromSliceOn(d, []float64{3, 1, 2})
		require.ErrorContains(t, Partition(x, []int{0, 3}, -1).Err(), "kth(=3) out of bounds (3)")
		require.ErrorContains(t, ArgPartition(x, []int{-4}, 0).Err(), "kth(=-4) out of bounds (3)")
		require.ErrorContains(t, Partition(x, []int{}, -1).Err(), "Partition: kth is an empty list")
		require.ErrorContains(t, ArgPartition(x, 1.5, -1).Err(), "ArgPartition: kth is a float64, want a Go integer")
		require.ErrorContains(t, ArgPartition(x, FromSliceOn(d, []float64{1}), -1).Err(), "ArgPartition: kth must be integers, not float64")
		require.ErrorContains(t, Partition(x, FromSliceOn(d, []int8{}), -1).Err(), "Partition: kth is an empty list")
		require.ErrorContains(t, Partition(x, FromSliceOn(d, []int8{2, 3}), -1).Err(), "kth(=3) out of bounds (3)")
		// kth of other integer types, as NumPy takes any integer array
		want, err := ToSlice[float64](Partition(x, []int{0, 2}, -1))
		require.NoError(t, err)
		for _, kth := range []any{[]int64{0, 2}, FromSliceOn(d, []uint8{2, 0}), FromSliceOn(d, []int32{0, 2}, 2, 1)} {
			got, err := ToSlice[float64](Partition(x, kth, -1))
			require.NoError(t, err, "%v", kth)
			require.Equal(t, want, got, "%v", kth)
		}
		got, err := ToSlice[int64](ArgPartition(x, int16(1), -1))
		require.NoError(t, err)
		require.Equal(t, int64(2), got[1])
		require.ErrorContains(t, Partition(d.Scalar(2.0), 0, -1).Err(), "axis -1 is out of bounds")
		require.ErrorContains(t, ArgPartition(d.Scalar(2.0), 0, 1).Err(), "axis 1 is out of bounds for array of dimension 1")
		require.ErrorContains(t, SearchSorted(x, x, Side(2), nil).Err(), "SearchSorted: side must be Left or Right")
		require.ErrorContains(t, SearchSorted(x, x, Left, FromSliceOn(d, []bool{true, false, true})).Err(),
			"sorter must only contain integers")
		require.ErrorContains(t, SearchSorted(x, x, Left, FromSliceOn(d, []int32{0, 1, 2}, 1, 3)).Err(), "sorter.size must equal a.size")
		require.ErrorContains(t, SearchSorted(x, x, Left, FromSliceOn(d, []uint8{0, 3, 1})).Err(), "sorter index out of range")
		var nilArray *Array
		for name, f := range map[string]func(a, b *Array, opts ...SetOption) *Array{"Isin": Isin, "In1d": In1d,
			"Intersect1d": Intersect1d, "Setdiff1d": Setdiff1d, "Setxor1d": Setxor1d} {
			require.ErrorIs(t, f(x, nilArray).Err(), ErrNil)
			require.ErrorContains(t, f(nilArray, x, AssumeUnique()).Err(), name+": ")
		}
		require.ErrorContains(t, Union1d(nilArray, x).Err(), "Union1d: ")
		v, ia, ib := Intersect1dIndices(x, nilArray)
		for _, r := range []*Array{v, ia, ib} {
			require.ErrorContains(t, r.Err(), "Intersect1dIndices: ")
		}
		require.ErrorContains(t, UniqueAxis(nilArray, 0).Values.Err(), "UniqueAxis: array: nil array")
	})
}

// An empty view whose offset lies past its (empty) buffer, as
// np.zeros((0, 5))[:, ::-1] and its ravel, copies, joins and searches as
// any empty array: nothing to copy, results of NumPy's shapes.
func TestEmptyViewPastItsBuffer(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		x := d.Zeros(Float64, 0, 5).Index(All, All.Step(-1))
		flat := x.Ravel()
		y := FromSliceOn(d, []float64{1, 2, 3})
		require.Equal(t, []int{0}, flat.Copy().Shape())
		require.Equal(t, []float64{1, 2, 3}, toSlice[float64](t, Concatenate([]*Array{flat, y}, 0)))
		require.Equal(t, []int{0, 5}, SearchSorted(y, x, Right, nil).Shape())
		require.Equal(t, []int64{0, 0, 0}, toSlice[int64](t, SearchSorted(flat, y, Left, nil)))
		require.Equal(t, []bool{false, false, false}, toSlice[bool](t, Isin(y, x)))
		require.Equal(t, []float64{1, 2, 3}, toSlice[float64](t, Setdiff1d(y, x, AssumeUnique())))
		require.Equal(t, []float64{1, 2, 3}, toSlice[float64](t, Union1d(x, y)))
	})
}
