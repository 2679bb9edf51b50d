package array

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRepeatedIndicesLastWins checks that where an index repeats, the
// last value bound for a place is the one written, as NumPy's loops
// write: Put, index assignment and PutAlongAxis, with many more indices
// than places (so that on a GPU the repeats meet across blocks), negative
// indices among them. The expected arrays are written by a Go loop.
func TestRepeatedIndicesLastWins(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		r := rand.New(rand.NewPCG(5, 6))
		const n, m = 50000, 700
		idx, vals := make([]int64, n), make([]float64, n)
		for i := range idx {
			idx[i] = int64(r.IntN(m))
			if i%2 == 1 {
				idx[i] -= m
			}
			vals[i] = float64(i)
		}
		want := make([]float64, m)
		for i, k := range idx {
			want[(k+m)%m] = vals[i]
		}

		a := d.Zeros(Float64, m)
		require.NoError(t, Put(a, FromSliceOn(d, idx, n), FromSliceOn(d, vals, n)))
		got, err := ToSlice[float64](a)
		require.NoError(t, err)
		require.Equal(t, want, got, "Put")

		b := d.Zeros(Float64, m)
		require.NoError(t, b.SetIndex(FromSliceOn(d, vals, n), Idx(FromSliceOn(d, idx, n))))
		got, err = ToSlice[float64](b)
		require.NoError(t, err)
		require.Equal(t, want, got, "SetIndex")

		// along axis 1 of a 3 x m array: row j takes the values plus j
		const rows = 3
		idx2, vals2 := make([]int64, 0, rows*n), make([]float64, 0, rows*n)
		want2 := make([]float64, rows*m)
		for j := range rows {
			idx2 = append(idx2, idx...)
			for i, v := range vals {
				vals2 = append(vals2, v+float64(j))
				want2[j*m+int((idx[i]+m)%m)] = v + float64(j)
			}
		}
		c := d.Zeros(Float64, rows, m)
		require.NoError(t, PutAlongAxis(c, FromSliceOn(d, idx2, rows, n), FromSliceOn(d, vals2, rows, n), 1))
		got, err = ToSlice[float64](c)
		require.NoError(t, err)
		require.Equal(t, want2, got, "PutAlongAxis")
	})
}
