package cpu

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// keyBits undoes SortKey for every dtype, but for the values selection
// makes equal: -0.0 comes back as 0.0 and every NaN as the quiet NaN.
func TestKeyBitsInvertsSortKey(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, dt := range []dtype.DType{dtype.Bool, dtype.Int8, dtype.Int16, dtype.Int32, dtype.Int64, dtype.Uint8,
		dtype.Uint16, dtype.Uint32, dtype.Uint64, dtype.Float16, dtype.BFloat16, dtype.Float32, dtype.Float64} {
		width := dt.Size() * 8
		for range 2000 {
			bits := r.Uint64() >> (64 - width)
			if dt == dtype.Bool {
				bits &= 1
			}
			got := keyBits(dt, SortKey(dt, bits))
			sign := uint64(1) << (width - 1)
			switch mag := bits &^ sign; {
			case dt.Kind() == dtype.FloatKind && mag > infBits(dt):
				require.Equal(t, quietNaNBits(dt), got, "%v %#x", dt, bits)
			case dt.Kind() == dtype.FloatKind && mag == 0:
				require.Equal(t, uint64(0), got, "%v %#x", dt, bits)
			default:
				require.Equal(t, bits, got, "%v %#x", dt, bits)
			}
		}
	}
}

// Selection finds what a sort puts at each rank, over duplicate-heavy,
// sorted, reversed and random keys, rank sets with repeats and both
// ends, and long runs of one key (which a two-way partition would make
// quadratic).
func TestSelectRanks(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	inputs := map[string]func(n int) []uint64{
		"random":     func(n int) []uint64 { return randomKeys(r, n, math.MaxUint64) },
		"duplicates": func(n int) []uint64 { return randomKeys(r, n, 3) },
		"sorted":     func(n int) []uint64 { k := randomKeys(r, n, 1000); slices.Sort(k); return k },
		"reversed": func(n int) []uint64 {
			k := randomKeys(r, n, 1000)
			slices.Sort(k)
			slices.Reverse(k)
			return k
		},
		"constant": func(n int) []uint64 { return make([]uint64, n) },
	}
	for name, gen := range inputs {
		for _, n := range []int{1, 2, 17, 1000, 100000} {
			keys := gen(n)
			want := slices.Clone(keys)
			slices.Sort(want)
			ranks := []int{0, n / 2, n / 2, (n - 1) / 2, n - 1, r.IntN(n)}
			slices.Sort(ranks)
			selectRanks(keys, ranks)
			for _, k := range ranks {
				require.Equal(t, want[k], keys[k], "%s n=%d rank %d", name, n, k)
			}
		}
	}
}

func randomKeys(r *rand.Rand, n int, top uint64) []uint64 {
	k := make([]uint64, n)
	for i := range k {
		k[i] = r.Uint64N(top)
	}
	return k
}

// SelectRows rejects what it cannot do with an error, not a panic.
func TestSelectRowsErrors(t *testing.T) {
	b := New(0)
	in, err := b.Alloc(64)
	require.NoError(t, err)
	out, err := b.Alloc(64)
	require.NoError(t, err)
	require.ErrorContains(t, b.SelectRows(dtype.Complex64, 1, 4, in, 0, []int{0}, out), "cannot select")
	require.ErrorContains(t, b.SelectRows(dtype.Float32, 1, 4, in, 0, []int{4}, out), "out of")
	require.ErrorContains(t, b.SelectRows(dtype.Float32, 1, 4, in, 0, nil, out), "ranks")
	require.ErrorContains(t, b.SelectRows(dtype.Float64, 3, 4, in, 0, []int{0}, out), "holds no")
	require.ErrorContains(t, b.SelectRows(dtype.Float32, 1, 0, in, 0, []int{0}, out), "length 0")
	var _ backend.Selector = b
}
