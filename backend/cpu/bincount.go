package cpu

import (
	"fmt"
	"sync"

	"github.com/cugo/cugo/backend"
)

// Bincount counts values into bins (see backend.Counter): each goroutine
// counts its chunk into its own bins, which are then added in chunk
// order, so that weighted sums do not depend on scheduling.
func (b *Backend) Bincount(n int, idx backend.Buffer, off int, weights backend.Buffer, wOff int, bins int, out backend.Buffer) error {
	fail := func(err error) error { return fmt.Errorf("cpu: Bincount: %w", err) }
	if err := backend.CheckBincount(n, idx, off, weights, wOff, bins, out); err != nil {
		return fail(err)
	}
	im, err := buffer(idx)
	if err != nil {
		return fail(fmt.Errorf("indices: %w", err))
	}
	om, err := buffer(out)
	if err != nil {
		return fail(fmt.Errorf("output: %w", err))
	}
	values := view[int64](im)[off : off+n]
	if weights == nil {
		binCounts(b, n, func(i int) int64 { return values[i] }, func(int) int64 { return 1 }, view[int64](om)[:bins])
		return nil
	}
	wm, err := buffer(weights)
	if err != nil {
		return fail(fmt.Errorf("weights: %w", err))
	}
	w := view[float64](wm)[wOff : wOff+n]
	binCounts(b, n, func(i int) int64 { return values[i] }, func(i int) float64 { return w[i] }, view[float64](om)[:bins])
	return nil
}

// binCounts adds weight(i) to out[bin(i)] for each i in [0, n) whose bin
// lies in [0, len(out)), after zeroing out.
func binCounts[T int64 | float64](b *Backend, n int, bin func(int) int64, weight func(int) T, out []T) {
	bins := len(out)
	// No more private bins than elements: a few values into many bins
	// count in one chunk.
	chunks := max(1, min(b.workers, n/minPerWorker, n/max(bins, 1)))
	per := (n + chunks - 1) / chunks
	partial := make([][]T, chunks)
	var wg sync.WaitGroup
	for c := range chunks {
		wg.Go(func() {
			counts := make([]T, bins)
			for i := c * per; i < min((c+1)*per, n); i++ {
				if v := bin(i); v >= 0 && v < int64(bins) {
					counts[v] += weight(i)
				}
			}
			partial[c] = counts
		})
	}
	wg.Wait()
	clear(out)
	for _, counts := range partial {
		for k, x := range counts {
			out[k] += x
		}
	}
}
