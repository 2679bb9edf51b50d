package cpu

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// numpyLess is NumPy's sort order of float64: NaN last, -0.0 equal to 0.0.
func numpyCompare(a, b float64) int {
	switch {
	case math.IsNaN(a) && math.IsNaN(b):
		return 0
	case math.IsNaN(a):
		return 1
	case math.IsNaN(b):
		return -1
	}
	return cmp.Compare(a+0, b+0) // +0 turns -0.0 into 0.0
}

// SortRows agrees with a stable comparison sort in NumPy's order, on
// rows long enough to be sorted by all goroutines together and on many
// short rows, for float64 with NaN, ±inf, ±0 and repeats.
func TestSortRowsMatchesStableSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	b := New(4)
	specials := []float64{math.NaN(), math.Copysign(math.NaN(), -1), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1)}
	for _, shape := range [][2]int{{1, 200_000}, {3, 70_000}, {5000, 7}, {1, 20}, {2, 0}, {0, 5}} {
		rows, n := shape[0], shape[1]
		vals := make([]float64, rows*n)
		for i := range vals {
			switch r.IntN(4) {
			case 0:
				vals[i] = specials[r.IntN(len(specials))]
			case 1:
				vals[i] = float64(r.IntN(5))
			default:
				vals[i] = r.NormFloat64()
			}
		}
		in := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(vals))), 8*len(vals))
		src, keys, idx := mustAlloc(t, b, len(in)), mustAlloc(t, b, len(in)), mustAlloc(t, b, len(in))
		require.NoError(t, b.Write(src, 0, in))
		require.NoError(t, b.SortRows(dtype.Float64, rows, n, src, 0, keys, idx))
		gotKeys, gotIdx := view[uint64](memOf(keys)), view[int64](memOf(idx))
		for row := range rows {
			perm := make([]int64, n)
			for i := range perm {
				perm[i] = int64(i)
			}
			rv := vals[row*n : (row+1)*n]
			slices.SortStableFunc(perm, func(x, y int64) int { return numpyCompare(rv[x], rv[y]) })
			require.True(t, slices.Equal(perm, gotIdx[row*n:(row+1)*n]), "row %d of %d", row, n)
			for i, p := range perm {
				require.Equal(t, math.Float64bits(rv[p]), gotKeys[row*n+i])
			}
		}
	}
}

func mustAlloc(t *testing.T, b *Backend, n int) backend.Buffer {
	buf, err := b.Alloc(n)
	require.NoError(t, err)
	return buf
}

// SortKey orders every pair of float32 values as NumPy does.
func TestSortKeyOrder(t *testing.T) {
	vals := []float32{float32(math.Inf(-1)), -3.5, -1, -1e-40, 0, float32(math.Copysign(0, -1)), 1e-40, 2, float32(math.Inf(1)),
		float32(math.NaN()), float32(math.Copysign(math.NaN(), -1))}
	for _, x := range vals {
		for _, y := range vals {
			kx := SortKey(dtype.Float32, uint64(math.Float32bits(x)))
			ky := SortKey(dtype.Float32, uint64(math.Float32bits(y)))
			require.Equal(t, numpyCompare(float64(x), float64(y)), cmp.Compare(kx, ky), "%v vs %v", x, y)
		}
	}
	for _, c := range []struct {
		dt   dtype.DType
		x, y uint64
	}{{dtype.Int8, 0x80, 0x7f}, {dtype.Int64, 1 << 63, 0}, {dtype.Int16, 0xffff, 0}, {dtype.Uint16, 0, 0xffff}} {
		require.Less(t, SortKey(c.dt, c.x), SortKey(c.dt, c.y), "%v", c.dt)
	}
}

func TestSortRowsErrors(t *testing.T) {
	b := New(1)
	buf := mustAlloc(t, b, 16)
	require.ErrorContains(t, b.SortRows(dtype.Complex64, 1, 2, buf, 0, buf, nil), "cannot sort complex64")
	require.ErrorContains(t, b.SortRows(dtype.Float32, 1, 2, buf, 0, nil, nil), "neither")
	require.ErrorContains(t, b.SortRows(dtype.Float32, 2, 2, buf, 1, mustAlloc(t, b, 16), nil), "holds no 4 elements")
	require.ErrorContains(t, b.SortRows(dtype.Float32, 1, 4, buf, 0, nil, buf), "index output of 16 bytes")
	require.ErrorContains(t, b.SortRows(dtype.Int8, -1, 4, buf, 0, buf, nil), "negative")
}

// memOf is the memory of a live buffer of the CPU backend.
func memOf(buf backend.Buffer) []byte {
	mem, _ := buffer(buf)
	return mem
}
