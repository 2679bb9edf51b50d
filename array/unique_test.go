package array

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cugo/cugo/internal/nullgpu"
	"github.com/stretchr/testify/require"
)

// UniqueValues of a long int32 array (shorter than the arrays Unique
// counts rather than sorts) on a GPU queues the sort (a kernel zeroing
// its histograms, the histogram, one launch per radix pass: four on a
// device that runs nothing, whose counts read back as zeros), then the
// count of runs and one read of the counts (zeros again, so no runs and
// nothing to write): no mask, no compaction, no gather, no other copy.
func TestUniqueValuesLaunches(t *testing.T) {
	b, dev := nullgpu.New()
	a := On(b).Empty(Int32, countingMinSize-1)
	dev.Reset()
	u := UniqueValues(a)
	if err := u.Err(); err != nil {
		t.Fatal(err)
	}
	const sortLaunches, sortCopies = 1 + 1 + 4, 1 // zeroing, histogram and passes; reading the plan (no events here)
	if got := dev.Launches.Load(); got != sortLaunches+1 {
		t.Errorf("%d launches, want %d", got, sortLaunches+1)
	}
	if got := dev.Copies.Load(); got != sortCopies+1 {
		t.Errorf("%d copies, want %d", got, sortCopies+1)
	}
	if got := dev.Syncs.Load(); got != 0 {
		t.Errorf("%d syncs, want 0", got)
	}
}

// UniqueAll of a long int32 array of repeats (the radix sort, runs over
// many chunks) gives the values, first indices, inverse and counts that
// a map of the host's values gives.
func TestUniqueAllLong(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	x := make([]int32, 300_000)
	for i := range x {
		x[i] = int32(r.IntN(5000)) - 2000
	}
	first, counts := map[int32]int64{}, map[int32]int64{}
	for i, v := range x {
		if _, ok := first[v]; !ok {
			first[v] = int64(i)
		}
		counts[v]++
	}
	values := slices.Sorted(maps.Keys(first))
	rank := map[int32]int64{}
	wantIdx, wantCounts := make([]int64, len(values)), make([]int64, len(values))
	for k, v := range values {
		rank[v], wantIdx[k], wantCounts[k] = int64(k), first[v], counts[v]
	}
	wantInv := make([]int64, len(x))
	for i, v := range x {
		wantInv[i] = rank[v]
	}
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := FromSliceOn(d, x, 600, 500)
		got := UniqueAll(a)
		require.Equal(t, values, toSlice[int32](t, UniqueValues(a)))
		require.Equal(t, values, toSlice[int32](t, got.Values))
		require.Equal(t, wantIdx, toSlice[int64](t, got.Indices))
		require.Equal(t, []int{600, 500}, got.Inverse.Shape())
		require.Equal(t, wantInv, toSlice[int64](t, got.Inverse))
		require.Equal(t, wantCounts, toSlice[int64](t, got.Counts))
	})
}

func toSlice[T Element](t *testing.T, a *Array) []T {
	t.Helper()
	s, err := ToSlice[T](a)
	require.NoError(t, err)
	return s
}
