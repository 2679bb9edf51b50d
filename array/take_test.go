package array

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// Bad input gives NumPy's error, prefixed with the op, on every backend
// (the index checks run where the data is).
func TestJoinAndIndexErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := d.Arange(0, 6, 1, Float64).Reshape(2, 3)
		v := d.Arange(0, 5, 1, Int32)
		require.NoError(t, a.Err())
		splitErr := func(_ []*Array, err error) error { return err }
		cases := []struct {
			err  error
			want string
		}{
			{Concatenate([]*Array{a, d.Zeros(Float64, 2, 4)}, 0).Err(), "Concatenate: all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 4"},
			{Concatenate(nil, 0).Err(), "Concatenate: need at least one array to concatenate"},
			{Concatenate([]*Array{a, v}, 0).Err(), "Concatenate: all the input arrays must have same number of dimensions, but the array at index 0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)"},
			{Concatenate([]*Array{d.Scalar(1.0), d.Scalar(2.0)}, 0).Err(), "Concatenate: zero-dimensional arrays cannot be concatenated"},
			{Concatenate([]*Array{a, a}, 2).Err(), "Concatenate: axis 2 is out of bounds for array of dimension 2"},
			{Stack(nil, 0).Err(), "Stack: need at least one array to stack"},
			{Stack([]*Array{a, a.T()}, 0).Err(), "Stack: all input arrays must have the same shape"},
			{splitErr(Split(a, 2, 1)), "Split: array split does not result in an equal division"},
			{splitErr(ArraySplit(a, 0, 1)), "ArraySplit: number sections must be larger than 0."},
			{Tile(a, -1).Err(), "Tile: negative dimensions are not allowed"},
			{Repeat(a, -1).Err(), "Repeat: negative dimensions are not allowed"},
			{RepeatEach(a, []int{1, 2}, 1).Err(), "RepeatEach: operands could not be broadcast together with shape (3,) (2,)"},
			{RepeatEach(a, []int{1, -2, 1}, 1).Err(), "RepeatEach: repeats may not contain negative values."},
			{Flip(a, 0, -2).Err(), "Flip: repeated axis"},
			{Roll(a, 1, 2).Err(), "Roll: axis 2 is out of bounds for array of dimension 2"},
			{Pad(a, [][2]int{{1, -1}}, 0).Err(), "Pad: index can't contain negative values"},
			{Pad(a, [][2]int{{1, 1}, {1, 1}, {1, 1}}, 0).Err(), "Pad: 3 pairs of pad widths for an array of 2 dimensions"},
			{Take(a, 7).Err(), "Take: index 7 is out of bounds for axis 0 with size 6"},
			{Take(a, []int{0, -9}, 1).Err(), "Take: index -9 is out of bounds for axis 1 with size 3"},
			{Take(v, d.Arange(0, 2, 1, Float32)).Err(), "Take: Cannot cast array data from dtype('float32') to dtype('int64') according to the rule 'safe'"},
			{Take(v, FromSliceOn(d, []uint64{1, 1 << 63})).Err(), "Take: index 9223372036854775808 is out of bounds"},
			{Take(d.Zeros(Float32, 0), []int{0}).Err(), "Take: cannot do a non-empty take from an empty axes."},
			{Put(a.Copy(), []int{1, 7}, 1.0), "Put: index 7 is out of bounds for axis 0 with size 6"},
			{Put(d.Zeros(Int8, 0), []int{0}, 1), "Put: cannot replace elements of an empty array"},
			{TakeAlongAxis(a, d.Arange(0, 1, 1, Int64), 1).Err(), "TakeAlongAxis: `indices` and `arr` must have the same number of dimensions"},
			{TakeAlongAxis(a, d.Full(Int64, 5, 1, 1), 1).Err(), "TakeAlongAxis: index 5 is out of bounds for axis 1 with size 3"},
			{TakeAlongAxis(a, d.Ones(Float64, 1, 1), 1).Err(), "TakeAlongAxis: `indices` must be an integer array"},
			{a.Mask(d.Ones(Bool, 3)).Err(), "Mask: boolean index did not match indexed array along dimension 0; dimension is 2 but corresponding boolean dimension is 3"},
			{a.Mask(d.Ones(Bool, 2, 3, 1)).Err(), "Mask: too many indices for array: array is 2-dimensional, but 3 were indexed"},
			{a.Mask(d.Ones(Int8, 2, 3)).Err(), "Mask: the mask is int8, not bool"},
			{a.Copy().SetMask(d.Ones(Bool, 2, 3), FromSliceOn(d, []float64{1, 2})), "SetMask: NumPy boolean array indexing assignment cannot assign 2 input values to the 6 output values where the mask is true"},
			{a.Copy().SetMask(d.Ones(Bool, 2, 3), d.Zeros(Float64, 2, 3)), "SetMask: NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has 2 dimensions"},
			{a.Copy().SetMask(d.Ones(Bool, 2), d.Zeros(Float64, 2)), "SetMask: shape mismatch: value array of shape (2,) could not be broadcast to indexing result of shape (2,3)"},
		}
		for i, c := range cases {
			require.EqualError(t, c.err, c.want, "case %d", i)
		}
	})
}

// An index out of range leaves a written by Put only at valid indices,
// and the op's later calls still work (the GPU's error is not sticky).
func TestIndexErrorLeavesBackendUsable(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := d.Zeros(Int64, 4)
		require.Error(t, Take(a, []int{9}).Err())
		require.Error(t, Put(a, []int{2, -5}, int64(3)))
		got, err := ToSlice[int64](Take(a, []int{2, 1}))
		require.NoError(t, err)
		require.Equal(t, []int64{3, 0}, got)
	})
}

// Compaction over many blocks and chunks: the positions must come back
// in order, where a GPU computes them block by block.
func TestNonzeroLargeMatchesHost(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 255, 256, 257, 1<<20 + 13} {
		mask := make([]bool, n)
		var want []int64
		for i := range mask {
			if mask[i] = rng.IntN(7) == 0; mask[i] {
				want = append(want, int64(i))
			}
		}
		forEachBackend(t, func(t *testing.T, d *Device) {
			idx, err := Nonzero(FromSliceOn(d, mask))
			require.NoError(t, err)
			got, err := ToSlice[int64](idx[0])
			require.NoError(t, err)
			if want == nil {
				want = []int64{}
			}
			require.Equal(t, want, got, "n=%d", n)
			// the same positions gathered back are all true
			sel, err := ToSlice[bool](FromSliceOn(d, mask).Mask(FromSliceOn(d, mask)))
			require.NoError(t, err)
			require.Len(t, sel, len(want))
			for _, s := range sel {
				require.True(t, s)
			}
		})
	}
}

// Take of random indices over a large strided view, against a host loop.
func TestTakeLargeMatchesHost(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const rows, cols = 300, 700
	data := make([]float32, rows*cols)
	for i := range data {
		data[i] = rng.Float32()
	}
	idx := make([]int, 5000)
	for i := range idx {
		idx[i] = rng.IntN(2*rows) - rows
	}
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := FromSliceOn(d, data, rows, cols).T() // (cols, rows), strided
		got, err := ToSlice[float32](Take(a, idx, 1))
		require.NoError(t, err)
		require.Len(t, got, cols*len(idx))
		for c := range cols {
			for j, i := range idx {
				if i < 0 {
					i += rows
				}
				if got[c*len(idx)+j] != data[i*cols+c] {
					t.Fatalf("element (%d, %d): got %v, want %v", c, j, got[c*len(idx)+j], data[i*cols+c])
				}
			}
		}
	})
}

// Indices and masks that share the written array's memory are read
// before anything is written, as NumPy's a[a] = v and put(a, a, v).
func TestIndexingIntoItself(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := FromSliceOn(d, []int64{3, 0, 1, 2})
		require.NoError(t, Put(a, a, FromSliceOn(d, []int64{7, 8, 9, 6})))
		got, err := ToSlice[int64](a)
		require.NoError(t, err)
		require.Equal(t, []int64{8, 9, 6, 7}, got) // np.put(a, a, [7, 8, 9, 6])

		m := FromSliceOn(d, []bool{true, false, true})
		require.NoError(t, m.SetMask(m, false))
		gotm, err := ToSlice[bool](m)
		require.NoError(t, err)
		require.Equal(t, []bool{false, false, false}, gotm)
	})
}
