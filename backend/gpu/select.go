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

// selectPlan holds the choices of a radix selection's launches.
type selectPlan struct {
	copies      int // histogram copies a counting block, by lane (cgen.SelectCopies)
	blocksPerSM int // counting blocks in all, a multiprocessor
}

// defaultSelectPlan is the fastest plan measured for the median of 2^24
// uniform float32 on an H200 (docs/PERFORMANCE.md): 187 µs, against 200
// for 8 copies and 6 blocks a multiprocessor, and 226 for 8 and 3.
var defaultSelectPlan = selectPlan{copies: 2, blocksPerSM: 8}

// SelectRows finds order statistics by radix selection (see
// backend.Selector and cgen.RenderSelect): per key byte one counting
// pass over the rows and one pick, all queued, no host round trip.
// Short rows, or so many rows that the state grows large, are declined
// with backend.ErrSortInstead.
func (b *Backend) SelectRows(dt dtype.DType, rows, n int, in backend.Buffer, off int, ranks []int, out backend.Buffer) error {
	return b.selectRows(defaultSelectPlan, dt, rows, n, in, off, ranks, out)
}

func (b *Backend) selectRows(plan selectPlan, dt dtype.DType, rows, n int, in backend.Buffer, off int, ranks []int, out backend.Buffer) error {
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
	nranks := len(ranks)
	copies := cgen.SelectCopies(nranks, plan.copies)
	kernel := func(entry string) (Function, error) {
		return b.indexedKernel(fmt.Sprintf("select/%v/%d/%d/%s", dt, nranks, copies, entry), func() (string, string, error) {
			code, err := cgen.RenderSelect(dt, nranks, copies)
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
	block := [3]uint32{blockSize, 1, 1}
	initBlocks := uint32(min((slots+blockSize-1)/blockSize, b.maxBlocks))
	if err := b.launchSlots(fns[0], [3]uint32{initBlocks, 1, 1}, block, word(uint64(slots)), word(uint64(nranks)), perRank,
		word(prefix), word(remain), word(counts)); err != nil {
		return fail(err)
	}
	// blocks a row: a few resident blocks a multiprocessor in all, each
	// thread reading at least a few 16-byte words
	perBlock := blockSize * 4 * 16 / dt.Size() // elements of four 16-byte words a thread
	chunks := max(1, min((n+perBlock-1)/perBlock, b.info.Units*max(1, plan.blocksPerSM)/rows))
	x := uint64(xb.ptr) + uint64(dt.Size()*off)
	pickBlocks := uint32(min(rows, b.maxBlocks))
	for shift := 8 * (dt.Size() - 1); shift >= 0; shift -= 8 {
		if err := b.launchSlots(fns[1], [3]uint32{uint32(chunks * rows), 1, 1}, block, word(uint64(n)), word(x),
			word(uint64(chunks)), word(uint64(nranks)), word(uint64(shift)), word(prefix), word(counts)); err != nil {
			return fail(err)
		}
		dst := uint64(0)
		if shift == 0 {
			dst = uint64(ob.ptr)
		}
		if err := b.launchSlots(fns[2], [3]uint32{pickBlocks, 1, 1}, [3]uint32{cgen.SelectPickBlock, 1, 1}, word(uint64(rows)), word(uint64(nranks)),
			word(prefix), word(remain), word(counts), word(dst)); err != nil {
			return fail(err)
		}
	}
	return nil
}
