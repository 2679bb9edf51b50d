package gpu

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
)

// Bincount counts values into bins (see backend.Counter) with the
// kernels of cgen.RenderBincount: bins privatised per block in shared
// memory where they fit.
func (b *Backend) Bincount(n int, idx backend.Buffer, off int, weights backend.Buffer, wOff int, bins int, out backend.Buffer) error {
	fail := func(err error) error { return fmt.Errorf("%s: Bincount: %w", b.kind, err) }
	if err := backend.CheckBincount(n, idx, off, weights, wOff, bins, out); err != nil {
		return fail(err)
	}
	ib, err := b.live(idx)
	if err != nil {
		return fail(fmt.Errorf("indices: %w", err))
	}
	ob, err := b.live(out)
	if err != nil {
		return fail(fmt.Errorf("output: %w", err))
	}
	if bins == 0 {
		return nil
	}
	if err := b.zeroWords(out, bins); err != nil { // u64 counts or float64 sums
		return fail(err)
	}
	if n == 0 {
		return nil
	}
	entry := cgen.BincountEntry(weights != nil)
	fn, err := b.indexedKernel("bincount/"+entry, func() (string, string, error) { return cgen.RenderBincount(), entry, nil })
	if err != nil {
		return fail(err)
	}
	params := [][]byte{word(uint64(n)), word(uint64(ib.ptr) + uint64(8*off))}
	if weights != nil {
		wb, err := b.live(weights)
		if err != nil {
			return fail(fmt.Errorf("weights: %w", err))
		}
		params = append(params, word(uint64(wb.ptr)+uint64(8*wOff)))
	}
	params = append(params, word(uint64(bins)), word(uint64(ob.ptr)))
	blocks := uint32(min((n+blockSize-1)/blockSize, b.maxBlocks))
	if err := b.launchSlots(fn, [3]uint32{blocks, 1, 1}, [3]uint32{blockSize, 1, 1}, params...); err != nil {
		return fail(err)
	}
	return nil
}
