package gpu

import (
	"encoding/binary"
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
)

// selectMinRow is the shortest row that SelectRows takes: shorter rows
// sort in one block-local launch, which beats a launch per key byte.
const selectMinRow = 4096

// SelectRows finds order statistics by radix selection (see
// backend.Selector and cgen.RenderSelect): per key byte one counting
// pass over the rows and one pick, all queued, no host round trip.
// Short rows, or so many rows that the state grows large, are declined
// with backend.ErrSortInstead.
func (b *Backend) SelectRows(dt dtype.DType, rows, n int, in backend.Buffer, off int, ranks []int, out backend.Buffer) error {
	fail := func(err error) error { return fmt.Errorf("%s: SelectRows: %w", b.kind, err) }
	if err := backend.CheckSelectRows(dt, rows, n, in, off, ranks, out); err != nil {
		return fail(err)
	}
	slots := rows * len(ranks)
	if n < selectMinRow || slots > 1<<16 {
		return backend.ErrSortInstead
	}
	xb, err := b.live(in)
	if err != nil {
		return fail(fmt.Errorf("input: %w", err))
	}
	ob, err := b.live(out)
	if err != nil {
		return fail(fmt.Errorf("output: %w", err))
	}
	if rows == 0 {
		return nil
	}
	kernel := func(entry string) (Function, error) {
		return b.indexedKernel("select/"+dt.String()+"/"+entry, func() (string, string, error) {
			code, err := cgen.RenderSelect(dt)
			return code, entry, err
		})
	}
	var fns [3]Function
	for i, entry := range []string{cgen.SelectInit, cgen.SelectCount, cgen.SelectPick} {
		if fns[i], err = kernel(entry); err != nil {
			return fail(err)
		}
	}
	// the state: prefix and remaining rank (u64) and 256 counts (u32) a slot
	state, err := b.Alloc(slots * (8 + 8 + 4*256))
	if err != nil {
		return fail(err)
	}
	defer b.Free(state) // reused only by work queued after this
	sb, err := b.live(state)
	if err != nil {
		return fail(err)
	}
	prefix, remain, counts := uint64(sb.ptr), uint64(sb.ptr)+uint64(8*slots), uint64(sb.ptr)+uint64(16*slots)
	perRank := make([]byte, 8*cgen.SelectMaxRanks)
	for i, r := range ranks {
		binary.LittleEndian.PutUint64(perRank[8*i:], uint64(r))
	}
	one := func(threads int) [3]uint32 {
		return [3]uint32{uint32(min((threads+blockSize-1)/blockSize, b.maxBlocks)), 1, 1}
	}
	block := [3]uint32{blockSize, 1, 1}
	if err := b.launchSlots(fns[0], one(slots), block, word(uint64(slots)), word(uint64(len(ranks))), perRank,
		word(prefix), word(remain), word(counts)); err != nil {
		return fail(err)
	}
	// a few waves of blocks in all, at most a block per 16 elements a thread
	chunks := max(1, min((n+blockSize*16-1)/(blockSize*16), b.maxBlocks/rows))
	x := uint64(xb.ptr) + uint64(dt.Size()*off)
	for shift := 8 * (dt.Size() - 1); shift >= 0; shift -= 8 {
		if err := b.launchSlots(fns[1], [3]uint32{uint32(chunks * rows), 1, 1}, block, word(uint64(n)), word(x),
			word(uint64(chunks)), word(uint64(len(ranks))), word(uint64(shift)), word(prefix), word(counts)); err != nil {
			return fail(err)
		}
		dst := uint64(0)
		if shift == 0 {
			dst = uint64(ob.ptr)
		}
		if err := b.launchSlots(fns[2], one(slots), block, word(uint64(slots)), word(prefix), word(remain), word(counts), word(dst)); err != nil {
			return fail(err)
		}
	}
	return nil
}
