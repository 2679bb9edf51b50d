package gpu

import (
	"encoding/binary"
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
	return s.b.indexedKernel(fmt.Sprintf("sort/%v/%v/%v/%s", s.dt, s.wide, s.b.sortShape, entry), func() (string, string, error) {
		code, err := cgen.RenderSort(s.dt, s.wide, s.b.vendor, s.b.warp, s.b.sortShape)
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

// radix sorts the flat array by key digits, then by row digits: one
// histogram launch for every pass, then one onesweep launch per pass
// whose digit is not the same for every element.
func (s *sortCall) radix() error {
	b := s.b
	total := s.rows * s.n
	type pass struct {
		shift int
		row   bool
	}
	var passes []pass
	for p := range s.dt.Size() {
		passes = append(passes, pass{8 * p, false})
	}
	keyPasses := len(passes)
	for p := 0; (s.rows-1)>>(8*p) > 0; p++ {
		passes = append(passes, pass{8 * p, true})
	}
	shape := b.sortShape.Fit(s.dt, s.wide)
	// The status words are sized for the smaller of the two passes' tiles.
	tilesOf := func(entry string) int {
		tile := cgen.SortPassTile(s.dt, s.wide, shape, entry)
		return (total + tile - 1) / tile
	}
	tiles := max(tilesOf(cgen.SortPass), tilesOf(cgen.SortPassKeys))
	if tiles > math.MaxInt32 {
		return fmt.Errorf("%d elements are more tiles than a grid holds", total)
	}
	keyBytes, xBytes := 4, 4
	if s.dt.Size() == 8 {
		keyBytes = 8
	}
	if s.wide {
		xBytes = 8
	}
	statusWords := 256*tiles + len(passes)
	alloc := func(size int) (*buffer, error) {
		buf, err := b.Alloc(size)
		if err != nil {
			return nil, err
		}
		return buf.(*buffer), nil
	}
	histWords := 256*len(passes) + 1
	hist, err := alloc(8 * histWords)
	if err != nil {
		return err
	}
	defer b.Free(hist)
	status, err := alloc(8 * statusWords)
	if err != nil {
		return err
	}
	defer b.Free(status)
	if err := b.zeroWords(hist, histWords); err != nil {
		return err
	}
	fns := map[string]Function{}
	for _, e := range []string{cgen.SortHist, cgen.SortPass, cgen.SortPassKeys, cgen.SortFinish} {
		fn, err := s.kernel(e)
		if err != nil {
			return err
		}
		fns[e] = fn
	}
	at := func(buf *buffer) []byte {
		if buf == nil {
			return word(0)
		}
		return word(uint64(buf.ptr))
	}
	threads := [3]uint32{cgen.SortThreads, 1, 1}
	perBlock := cgen.SortThreads * shape.HistItems
	histGrid := [3]uint32{uint32(min((total+perBlock-1)/perBlock, b.maxBlocks)), 1, 1}
	if err := b.launchSlots(fns[cgen.SortHist], histGrid, threads, word(uint64(total)), word(s.in), word(uint64(s.n)),
		word(uint64(len(passes)-keyPasses)), at(hist), at(status), word(uint64(statusWords))); err != nil {
		return err
	}
	counts := make([]byte, 8*histWords)
	if err := b.Read(counts, hist, 0); err != nil {
		return err
	}
	// A pass whose digit is the same everywhere moves nothing; the last
	// pass runs anyway, to write the outputs.
	var run []int
	for i := range passes {
		constant := false
		for d := range 256 {
			if binary.LittleEndian.Uint64(counts[8*(256*i+d):]) == uint64(total) {
				constant = true
			}
		}
		if !constant || (i == len(passes)-1 && run == nil) {
			run = append(run, i)
		}
	}
	// Where no key lost its element's bits, the last pass writes the
	// sorted elements from their keys; positions are carried only where
	// they are asked for or rows are sorted by their digits.
	lossless := binary.LittleEndian.Uint64(counts[8*256*len(passes):]) == 0
	withVals := s.idx != 0 || len(passes) > keyPasses || !lossless
	var keysA, keysB, valsA, valsB *buffer
	for _, buf := range []struct {
		p    **buffer
		size int
		want bool
	}{{&keysA, keyBytes, len(run) > 1}, {&keysB, keyBytes, len(run) > 2}, {&valsA, xBytes, withVals}, {&valsB, xBytes, withVals && len(run) > 1}} {
		if !buf.want {
			continue
		}
		if *buf.p, err = alloc(buf.size * total); err != nil {
			return err
		}
		defer b.Free(*buf.p)
	}
	// Pass j writes keys[j%2] and vals[j%2] and reads what pass j-1 wrote
	// (the first pass reads the input); the last writes the outputs.
	keys, vals := [2]*buffer{keysA, keysB}, [2]*buffer{valsA, valsB}
	passEntry := cgen.SortPassKeys
	if withVals {
		passEntry = cgen.SortPass
	}
	passFn, passTiles := fns[passEntry], tilesOf(passEntry)
	var gather *buffer // the positions the sorted elements are gathered from, if any
	for j, i := range run {
		p := passes[i]
		in, src, srcVals := s.in, (*buffer)(nil), (*buffer)(nil)
		if j > 0 {
			in, src, srcVals = 0, keys[(j-1)%2], vals[(j-1)%2]
		}
		keys2, vals2, out, idx := keys[j%2], vals[j%2], uint64(0), uint64(0)
		if j == len(run)-1 {
			keys2, vals2, out, idx = nil, nil, s.out, s.idx
			if !lossless && s.out != 0 {
				vals2, out, gather = vals[j%2], 0, vals[j%2]
			}
		}
		rowPass := uint64(0)
		if p.row {
			rowPass = 1
		}
		if err := b.launchSlots(passFn, [3]uint32{uint32(passTiles), 1, 1}, threads, word(uint64(total)), word(in),
			at(src), at(srcVals), word(uint64(p.shift)), word(uint64(s.n)), word(rowPass), word(uint64(hist.ptr)+uint64(8*256*i)),
			at(status), word(uint64(status.ptr)+uint64(8*(256*tiles+j))), word(uint64(j+1)),
			at(keys2), at(vals2), word(out), word(idx)); err != nil {
			return err
		}
	}
	if gather == nil {
		return nil
	}
	flat := [3]uint32{uint32(min((total+cgen.SortThreads-1)/cgen.SortThreads, b.maxBlocks)), 1, 1}
	return b.launchSlots(fns[cgen.SortFinish], flat, threads, word(uint64(total)), word(uint64(s.n)), word(s.in), at(gather), word(s.out), word(0))
}
