package array

import (
	"testing"

	"github.com/cugo/cugo/internal/nullgpu"
)

// UniqueValues of a long int32 array on a GPU queues the sort (zeroing
// of its histograms, the histogram, one launch per radix pass: four on a
// device that runs nothing, whose counts read back as zeros), then the
// count of runs and one read of the counts (zeros again, so no runs and
// nothing to write): no mask, no compaction, no gather, no other copy.
func TestUniqueValuesLaunches(t *testing.T) {
	b, dev := nullgpu.New()
	a := On(b).Empty(Int32, 1<<16)
	dev.Reset()
	u := UniqueValues(a)
	if err := u.Err(); err != nil {
		t.Fatal(err)
	}
	const sortLaunches, sortCopies = 1 + 4, 2 // histogram and passes; zeroing and reading the histograms
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
