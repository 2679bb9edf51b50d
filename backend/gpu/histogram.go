package gpu

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
)

// histogramPlan holds the choices of a histogram's launch.
type histogramPlan struct {
	copies      int // of the bins a block, by lane (cgen.RenderHistogram)
	blocksPerSM int // blocks in all, a multiprocessor
}

// defaultHistogramPlan is the fastest plan measured for 256 bins of 2^24
// uniform float32 on an H200 (docs/PERFORMANCE.md): 82 µs, against 86 to
// 110 for 2 to 16 blocks a multiprocessor and 2 to 8 copies.
var defaultHistogramPlan = histogramPlan{copies: 1, blocksPerSM: 4}

// Histogram bins and counts in one launch (see backend.Binner) with the
// kernels of cgen.RenderHistogram: bins privatised per block in shared
// memory where they fit.
func (b *Backend) Histogram(dt dtype.DType, n int, in backend.Buffer, off int, weights backend.Buffer, wOff int, edges backend.Buffer, bins int, uniform bool, out backend.Buffer) error {
	return b.histogram(defaultHistogramPlan, dt, n, in, off, weights, wOff, edges, bins, uniform, out)
}

func (b *Backend) histogram(plan histogramPlan, dt dtype.DType, n int, in backend.Buffer, off int, weights backend.Buffer, wOff int, edges backend.Buffer, bins int, uniform bool, out backend.Buffer) error {
	fail := func(err error) error { return fmt.Errorf("%s: Histogram: %w", b.kind, err) }
	if err := backend.CheckHistogram(dt, n, in, off, weights, wOff, edges, bins, out); err != nil {
		return fail(err)
	}
	xb, err := b.live(in)
	if err != nil {
		return fail(fmt.Errorf("input: %w", err))
	}
	eb, err := b.live(edges)
	if err != nil {
		return fail(fmt.Errorf("edges: %w", err))
	}
	ob, err := b.live(out)
	if err != nil {
		return fail(fmt.Errorf("output: %w", err))
	}
	copies := min(max(plan.copies, 1), 32)
	kernel := func(entry string) (Function, error) {
		return b.indexedKernel(fmt.Sprintf("histogram/%d/%s", copies, entry), func() (string, string, error) {
			code, err := cgen.RenderHistogram(dt, copies)
			return code, entry, err
		})
	}
	zero, err := kernel(cgen.HistogramZeroEntry(dt))
	if err != nil {
		return fail(err)
	}
	// zeroed on the stream: no host copy, no wait
	zeroBlocks := uint32(min((bins+blockSize-1)/blockSize, b.maxBlocks))
	if err := b.launchSlots(zero, [3]uint32{zeroBlocks, 1, 1}, [3]uint32{blockSize, 1, 1}, word(uint64(bins)), word(uint64(ob.ptr))); err != nil {
		return fail(err)
	}
	if n == 0 {
		return nil
	}
	fn, err := kernel(cgen.HistogramEntry(dt, weights != nil))
	if err != nil {
		return fail(err)
	}
	params := [][]byte{word(uint64(n)), word(uint64(xb.ptr) + uint64(dt.Size()*off))}
	if weights != nil {
		wb, err := b.live(weights)
		if err != nil {
			return fail(fmt.Errorf("weights: %w", err))
		}
		params = append(params, word(uint64(wb.ptr)+uint64(8*wOff)))
	}
	flag := uint64(0)
	if uniform {
		flag = 1
	}
	params = append(params, word(uint64(eb.ptr)), word(uint64(bins)), word(flag), word(uint64(ob.ptr)))
	// a few resident blocks a multiprocessor, each thread reading at
	// least a few 16-byte words
	perBlock := blockSize * 4 * 16 / dt.Size() // elements of four 16-byte words a thread
	blocks := uint32(max(1, min((n+perBlock-1)/perBlock, b.info.Units*max(1, plan.blocksPerSM))))
	if err := b.launchSlots(fn, [3]uint32{blocks, 1, 1}, [3]uint32{blockSize, 1, 1}, params...); err != nil {
		return fail(err)
	}
	return nil
}
