package gpu

import (
	"fmt"
	"math"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
)

// SortRows sorts rows of elements stably in NumPy's order (see
// backend.Sorter) with the radix sort cgen renders: rows of at most
// cgen.SortBlockTile elements in one launch of the block-local sort,
// longer ones by 8-bit passes over the whole array, key digits then row
// digits, so that no call launches one sort per row.
func (b *Backend) SortRows(dt dtype.DType, rows, n int, in backend.Buffer, off int, keys, idx backend.Buffer) error {
	fail := func(err error) error { return fmt.Errorf("%s: SortRows: %w", b.kind, err) }
	if err := backend.CheckSortRows(dt, rows, n, in, off, keys, idx); err != nil {
		return fail(err)
	}
	total := rows * n
	if total == 0 {
		return nil
	}
	src, err := b.live(in)
	if err != nil {
		return fail(fmt.Errorf("input: %w", err))
	}
	ptr := func(buf backend.Buffer) (uint64, error) {
		if buf == nil {
			return 0, nil
		}
		lb, err := b.live(buf)
		if err != nil {
			return 0, err
		}
		return uint64(lb.ptr), nil
	}
	out, err := ptr(keys)
	if err != nil {
		return fail(fmt.Errorf("keys: %w", err))
	}
	pos, err := ptr(idx)
	if err != nil {
		return fail(fmt.Errorf("indices: %w", err))
	}
	s := sortCall{b: b, dt: dt, wide: total >= math.MaxUint32, rows: rows, n: n,
		in: uint64(src.ptr) + uint64(off*dt.Size()), out: out, idx: pos}
	if n <= cgen.SortBlockTile {
		err = s.blockLocal()
	} else {
		err = s.radix()
	}
	if err != nil {
		return fail(err)
	}
	return nil
}

// sortCall is one SortRows: device addresses of the input (at its
// first element) and the outputs (0 where not wanted).
type sortCall struct {
	b            *Backend
	dt           dtype.DType
	wide         bool // 64-bit flat indices and counts
	rows, n      int
	in, out, idx uint64
}

// kernel returns the sort module's kernel called entry.
func (s *sortCall) kernel(entry string) (Function, error) {
	return s.b.indexedKernel(fmt.Sprintf("sort/%v/%v/%s", s.dt, s.wide, entry), func() (string, string, error) {
		code, err := cgen.RenderSort(s.dt, s.wide, s.b.vendor, s.b.warp)
		return code, entry, err
	})
}

// blockLocal sorts tiles of whole rows, each in one block's shared memory.
func (s *sortCall) blockLocal() error {
	tile := cgen.SortBlockTiles[len(cgen.SortBlockTiles)-1]
	for _, t := range cgen.SortBlockTiles {
		if s.n <= t {
			tile = t
			break
		}
	}
	fn, err := s.kernel(cgen.SortBlockEntry(tile))
	if err != nil {
		return err
	}
	perTile := tile / s.n
	blocks := (s.rows + perTile - 1) / perTile
	if blocks > math.MaxInt32 {
		return fmt.Errorf("%d rows of %d elements are more tiles than a grid holds", s.rows, s.n)
	}
	return s.b.launchSlots(fn, [3]uint32{uint32(blocks), 1, 1}, [3]uint32{cgen.SortThreads, 1, 1},
		word(uint64(s.rows)), word(uint64(s.n)), word(uint64(perTile)), word(s.in), word(s.out), word(s.idx))
}

// radix sorts the flat array by key digits, then by row digits.
func (s *sortCall) radix() error {
	b := s.b
	total := s.rows * s.n
	keyBytes, xBytes := 4, 4
	if s.dt.Size() == 8 {
		keyBytes = 8
	}
	if s.wide {
		xBytes = 8
	}
	type pass struct{ shift, rowLen int }
	var passes []pass
	for p := range cgen.SortKeyBytes(s.dt) {
		passes = append(passes, pass{8 * p, 0})
	}
	for p := 0; (s.rows-1)>>(8*p) > 0; p++ {
		passes = append(passes, pass{8 * p, s.n})
	}
	tiles := (total + cgen.SortTile - 1) / cgen.SortTile
	if tiles > math.MaxInt32 {
		return fmt.Errorf("%d elements are more tiles than a grid holds", total)
	}
	sizes := []int{keyBytes * total, keyBytes * total, xBytes * total, xBytes * total, xBytes * 256 * tiles, xBytes * 256 * len(passes)}
	bufs := make([]*buffer, len(sizes))
	for i, size := range sizes {
		buf, err := b.Alloc(size)
		if err != nil {
			return err
		}
		defer b.Free(buf)
		bufs[i] = buf.(*buffer)
	}
	keysA, keysB, valsA, valsB, counts, totals := bufs[0], bufs[1], bufs[2], bufs[3], bufs[4], bufs[5]
	if err := b.Write(totals, 0, make([]byte, totals.size)); err != nil {
		return err
	}
	fns := map[string]Function{}
	for _, e := range []string{cgen.SortKeys, cgen.SortCount, cgen.SortScan, cgen.SortScatter, cgen.SortFinish} {
		fn, err := s.kernel(e)
		if err != nil {
			return err
		}
		fns[e] = fn
	}
	at := func(buf *buffer) []byte { return word(uint64(buf.ptr)) }
	threads := [3]uint32{cgen.SortThreads, 1, 1}
	flat := [3]uint32{uint32(min((total+cgen.SortThreads-1)/cgen.SortThreads, b.maxBlocks)), 1, 1}
	grid := [3]uint32{uint32(tiles), 1, 1}
	if err := b.launchSlots(fns[cgen.SortKeys], flat, threads, word(uint64(total)), word(s.in), at(keysA), at(valsA)); err != nil {
		return err
	}
	for i, p := range passes {
		tot := word(uint64(totals.ptr) + uint64(i*256*xBytes))
		shift, rowLen := word(uint64(p.shift)), word(uint64(p.rowLen))
		if err := b.launchSlots(fns[cgen.SortCount], grid, threads, word(uint64(total)), at(keysA), at(valsA), shift, rowLen, at(counts), tot); err != nil {
			return err
		}
		if err := b.launchSlots(fns[cgen.SortScan], [3]uint32{256, 1, 1}, threads, word(uint64(tiles)), at(counts), tot); err != nil {
			return err
		}
		if err := b.launchSlots(fns[cgen.SortScatter], grid, threads, word(uint64(total)), at(keysA), at(valsA), shift, rowLen,
			at(counts), at(keysB), at(valsB)); err != nil {
			return err
		}
		keysA, keysB, valsA, valsB = keysB, keysA, valsB, valsA
	}
	return b.launchSlots(fns[cgen.SortFinish], flat, threads, word(uint64(total)), word(uint64(s.n)), word(s.in), at(valsA), word(s.out), word(s.idx))
}
