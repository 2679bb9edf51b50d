package array

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// uniqueReference is unique over host values, by a map and a sort: the
// distinct values in order, their counts and each element's index.
func uniqueReference[T comparable](x []T, cmp func(a, b T) int) (values []T, counts, inverse []int64) {
	count := map[T]int64{}
	for _, v := range x {
		if count[v] == 0 {
			values = append(values, v)
		}
		count[v]++
	}
	slices.SortFunc(values, cmp)
	rank := map[T]int64{}
	for k, v := range values {
		rank[v] = int64(k)
		counts = append(counts, count[v])
	}
	for _, v := range x {
		inverse = append(inverse, rank[v])
	}
	return values, counts, inverse
}

// checkUnique compares UniqueValues, UniqueCounts, UniqueInverse and
// UniqueAll of a (whose elements in C order are x) with the reference.
func checkUnique[T Element](t *testing.T, a *Array, x []T, cmp func(a, b T) int) {
	t.Helper()
	values, counts, inverse := uniqueReference(x, cmp)
	require.Equal(t, values, toSlice[T](t, UniqueValues(a)))
	v, c := UniqueCounts(a)
	require.Equal(t, values, toSlice[T](t, v))
	require.Equal(t, counts, toSlice[int64](t, c))
	v, inv := UniqueInverse(a)
	require.Equal(t, values, toSlice[T](t, v))
	require.Equal(t, a.Shape(), inv.Shape())
	require.Equal(t, inverse, toSlice[int64](t, inv))
	all := UniqueAll(a) // sorts: the first indices need the order
	require.Equal(t, values, toSlice[T](t, all.Values))
	require.Equal(t, counts, toSlice[int64](t, all.Counts))
	require.Equal(t, inverse, toSlice[int64](t, all.Inverse))
}

// Integer arrays whose values span fewer values than they have elements
// are counted rather than sorted; the answers are the same either way.
// The cases sit on both sides of each condition: the size threshold, a
// span one short of the size and one past it, values an int64 cannot
// hold, and a span that overflows int64 arithmetic; over every integer
// width, bool, negative ranges, 2-d shapes and strided views.
func TestUniqueByCounting(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	n := countingMinSize
	spans := []struct {
		name string
		size int
		span int // values drawn from [lo, lo+span)
	}{
		{"few values", n, 1000},
		{"span one short of the size", n, n},
		{"span past the size", n, n + 1},
		{"below the size threshold", n - 1, 50},
	}
	forEachBackend(t, func(t *testing.T, d *Device) {
		for _, c := range spans {
			t.Run(c.name, func(t *testing.T) {
				signed := make([]int64, c.size)
				for i := range signed {
					signed[i] = int64(r.IntN(c.span)) - int64(c.span)/3
				}
				signed[0], signed[1] = -int64(c.span)/3, int64(c.span)-1-int64(c.span)/3 // both ends of the span
				ints := func(f func(v int64) int64) []int64 {
					out := make([]int64, len(signed))
					for i, v := range signed {
						out[i] = f(v)
					}
					return out
				}
				checkUnique(t, FromSliceOn(d, convert[int8](ints(func(v int64) int64 { return v % 100 }))), convert[int8](ints(func(v int64) int64 { return v % 100 })), cmpOrdered[int8])
				checkUnique(t, FromSliceOn(d, convert[uint8](ints(func(v int64) int64 { return v & 255 }))), convert[uint8](ints(func(v int64) int64 { return v & 255 })), cmpOrdered[uint8])
				x16 := convert[int16](ints(func(v int64) int64 { return v - 7000 }))
				checkUnique(t, FromSliceOn(d, x16), x16, cmpOrdered[int16])
				xu16 := convert[uint16](ints(func(v int64) int64 { return v + int64(c.span) }))
				checkUnique(t, FromSliceOn(d, xu16), xu16, cmpOrdered[uint16])
				x32 := convert[int32](signed)
				a32 := FromSliceOn(d, x32, 2, len(x32)/2) // 2-d: the inverse keeps the shape
				if len(x32)%2 == 0 {
					checkUnique(t, a32, x32, cmpOrdered[int32])
				}
				xu32 := convert[uint32](ints(func(v int64) int64 { return v + 4_000_000_000 - int64(c.span) }))
				checkUnique(t, FromSliceOn(d, xu32), xu32, cmpOrdered[uint32])
				x64 := ints(func(v int64) int64 { return v - 1<<40 })
				checkUnique(t, FromSliceOn(d, x64), x64, cmpOrdered[int64])
				xu64 := convert[uint64](ints(func(v int64) int64 { return v + 1<<50 }))
				checkUnique(t, FromSliceOn(d, xu64), xu64, cmpOrdered[uint64])
			})
		}
		t.Run("bool", func(t *testing.T) {
			x := make([]bool, n+3)
			for i := range x {
				x[i] = r.IntN(3) == 0
			}
			checkUnique(t, FromSliceOn(d, x), x, func(a, b bool) int {
				switch {
				case a == b:
					return 0
				case b:
					return -1
				}
				return 1
			})
			allFalse := make([]bool, n)
			checkUnique(t, FromSliceOn(d, allFalse), allFalse, func(a, b bool) int { return 0 })
		})
		t.Run("values past int64", func(t *testing.T) {
			x := make([]uint64, n)
			for i := range x {
				x[i] = math.MaxUint64 - uint64(r.IntN(100)) // a span of 100, above MaxInt64
			}
			checkUnique(t, FromSliceOn(d, x), x, cmpOrdered[uint64])
		})
		t.Run("span overflowing int64", func(t *testing.T) {
			x := make([]int64, n)
			for i := range x {
				x[i] = []int64{math.MinInt64, math.MaxInt64, 0, -1}[r.IntN(4)]
			}
			checkUnique(t, FromSliceOn(d, x), x, cmpOrdered[int64])
		})
		t.Run("views", func(t *testing.T) {
			rows, cols := 512, 300
			x := make([]int32, rows*cols)
			for i := range x {
				x[i] = int32(r.IntN(3000)) - 1500
			}
			a := FromSliceOn(d, x, rows, cols)
			tr := a.T() // Fortran order: elements in C order of the view
			trX := make([]int32, 0, len(x))
			for j := range cols {
				for i := range rows {
					trX = append(trX, x[i*cols+j])
				}
			}
			checkUnique(t, tr, trX, cmpOrdered[int32])
			rev := a.Index(All.Step(-2)) // every other row, last first
			var revX []int32
			for i := rows - 1; i >= 0; i -= 2 {
				revX = append(revX, x[i*cols:(i+1)*cols]...)
			}
			checkUnique(t, rev, revX, cmpOrdered[int32])
		})
	})
}

func cmpOrdered[T int8 | uint8 | int16 | uint16 | int32 | uint32 | int64 | uint64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func convert[T int8 | uint8 | int16 | uint16 | int32 | uint32 | uint64](x []int64) []T {
	out := make([]T, len(x))
	for i, v := range x {
		out[i] = T(v)
	}
	return out
}
