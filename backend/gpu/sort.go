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
//
// The plan (which passes run, whether keys lose their elements' bits)
// follows from the histogram. So that the device does not idle while
// the host waits for it, the passes are launched at once on a guess
// (every pass runs, no key loses bits), each told which plan bits mean
// that it and the launches after it are not the plan's (abortMasks); the
// host then reads the plan from a pinned word and launches the plan's
// own passes from the first launch that returned at once.
func (s *sortCall) radix() error {
	b := s.b
	total := s.total()
	var passes []sortPass
	for p := range s.dt.Size() {
		passes = append(passes, sortPass{8 * p, false})
	}
	keyPasses := len(passes)
	for p := 0; (s.rows-1)>>(8*p) > 0; p++ {
		passes = append(passes, sortPass{8 * p, true})
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
	// A tile counter for each launch of the guess, then one for each of
	// the plan's.
	statusWords := 256*tiles + 2*len(passes)
	histWords := 256*len(passes) + 3 // counts, lossy keys, finished blocks, plan
	hist, err := s.alloc(8 * histWords)
	if err != nil {
		return err
	}
	defer b.Free(hist)
	status, err := s.alloc(8 * statusWords)
	if err != nil {
		return err
	}
	defer b.Free(status)
	if err := b.zeroWords(hist, histWords); err != nil {
		return err
	}
	planWord, err := b.takeHostWord()
	if err != nil {
		return err
	}
	// Given back once the plan is read: no launch after that writes it.
	defer b.putHostWord(planWord)
	fns := map[string]Function{}
	for _, e := range []string{cgen.SortHist, cgen.SortPass, cgen.SortPassKeys, cgen.SortFinish} {
		fn, err := s.kernel(e)
		if err != nil {
			return err
		}
		fns[e] = fn
	}
	threads := [3]uint32{cgen.SortThreads, 1, 1}
	perBlock := cgen.SortThreads * shape.HistItems
	histGrid := [3]uint32{uint32(min((total+perBlock-1)/perBlock, b.maxBlocks)), 1, 1}
	// Where the device has no events, the host reads the plan before any
	// pass, by a copy of the device's word: nothing is guessed.
	guessing := planWord.done != nil
	hostPlan := uint64(0)
	if guessing {
		hostPlan = planWord.address()
	}
	if err := b.launchSlots(fns[cgen.SortHist], histGrid, threads, word(uint64(total)), word(s.in), word(uint64(s.n)),
		word(uint64(len(passes)-keyPasses)), at(hist), at(status), word(uint64(statusWords)), word(hostPlan)); err != nil {
		return err
	}
	l := sortLaunches{s: s, fns: fns, shape: shape, tilesOf: tilesOf, passes: passes, hist: hist, status: status, tiles: tiles}
	defer l.free()
	guess := sortPlan{run: make([]int, len(passes)), withVals: s.idx != 0 || len(passes) > keyPasses, lossless: true}
	for i := range guess.run {
		guess.run[i] = i
	}
	var plan uint64
	guessed := 0
	if guessing {
		if err := planWord.written(); err != nil {
			return err
		}
		guessed = len(passes)
		if err := l.launch(guess, 0, guessed, true); err != nil {
			return err
		}
		if plan, err = planWord.read(); err != nil {
			return err
		}
		if plan&cgen.SortPlanValid == 0 {
			return fmt.Errorf("the histogram kernel's plan did not reach the host")
		}
	} else {
		var w [8]byte
		if err := b.Read(w[:], hist, 8*(256*len(passes)+2)); err != nil {
			return err
		}
		plan = binary.LittleEndian.Uint64(w[:])
	}
	p := planOf(plan, len(passes), guess.withVals)
	return l.launch(p, guess.firstAbort(plan, guessed, s.out != 0), len(p.run), false)
}

// planOf returns the plan of a sort of passes under the plan word: the
// passes whose digit is not the same everywhere (the last runs anyway,
// to write the outputs); where a key lost its element's bits, positions
// are carried and the elements gathered through them.
func planOf(plan uint64, passes int, withVals bool) sortPlan {
	var p sortPlan
	for i := range passes {
		if plan>>i&1 == 0 || (i == passes-1 && p.run == nil) {
			p.run = append(p.run, i)
		}
	}
	p.lossless = plan&cgen.SortPlanLossy == 0
	p.withVals = withVals || !p.lossless
	return p
}

// firstAbort returns the first of the first launched launches of the
// guess g that returned at once under the plan word, launched if none.
func (g sortPlan) firstAbort(plan uint64, launched int, out bool) int {
	for j := range launched {
		if abortAny, abortAll := g.abortMasks(j, out); aborts(plan, abortAny, abortAll) {
			return j
		}
	}
	return launched
}

// sortPass is one radix pass: the digit at shift of the key or of the row.
type sortPass struct {
	shift int
	row   bool
}

// sortPlan is the sequence of pass launches of a radix sort: launch j
// is of pass run[j]; positions are carried where withVals; the last
// launch writes the outputs, from the keys where lossless, else by
// positions.
type sortPlan struct {
	run      []int
	withVals bool
	lossless bool
}

// abortMasks returns the abortAny and abortAll words of launch j of the
// guess g (every pass runs, no key loses bits), under which a plan word
// returns it at once exactly where the plan's launch j differs from it
// or one before it does: a pass up to j has one digit (for more than one
// pass), the passes after j all have one (launch j is the plan's last),
// or keys lose bits where the guess carries no positions, or at its last
// launch where the elements are written (out).
func (g sortPlan) abortMasks(j int, out bool) (abortAny, abortAll uint64) {
	passes := len(g.run)
	if passes > 1 {
		abortAny = 1<<(j+1) - 1
	}
	if !g.withVals || (out && j == passes-1) {
		abortAny |= cgen.SortPlanLossy
	}
	if j < passes-1 {
		abortAll = (1<<passes - 1) &^ (1<<(j+1) - 1)
	}
	return abortAny, abortAll
}

// aborts reports whether a launch with the masks returns at once under
// the plan word (the pass kernel's test).
func aborts(plan uint64, abortAny, abortAll uint64) bool {
	return plan&abortAny != 0 || (abortAll != 0 && plan&abortAll == abortAll)
}

// sortLaunches launches a radix sort's passes and holds the buffers
// that pass j writes keys and positions to (keys[j%2], vals[j%2]) and
// pass j+1 reads.
type sortLaunches struct {
	s            *sortCall
	fns          map[string]Function
	shape        cgen.SortShape
	tilesOf      func(entry string) int
	passes       []sortPass
	hist, status *buffer
	tiles        int
	keys, vals   [2]*buffer
}

// launch queues launches from to to of plan p: those of the guess, which
// read the plan word and may return at once, or the plan's own, with
// tile counters of their own.
func (l *sortLaunches) launch(p sortPlan, from, to int, guess bool) error {
	s, b := l.s, l.s.b
	keyBytes, xBytes := 4, 4
	if s.dt.Size() == 8 {
		keyBytes = 8
	}
	if s.wide {
		xBytes = 8
	}
	entry := cgen.SortPassKeys
	if p.withVals {
		entry = cgen.SortPass
	}
	fn, tiles := l.fns[entry], l.tilesOf(entry)
	threads, _ := cgen.SortPassBlock(s.dt, s.wide, l.shape, entry)
	planAt := uint64(l.hist.ptr) + uint64(8*(256*len(l.passes)+2))
	counters := uint64(l.status.ptr) + uint64(8*256*l.tiles)
	if !guess {
		counters += uint64(8 * len(l.passes))
	}
	var gather *buffer // the positions the sorted elements are gathered from, if any
	for j := from; j < to; j++ {
		i := p.run[j]
		in, src, srcVals := s.in, (*buffer)(nil), (*buffer)(nil)
		if j > 0 {
			in, src, srcVals = 0, l.keys[(j-1)%2], l.vals[(j-1)%2]
		}
		var keys2, vals2 *buffer
		out, idx := uint64(0), uint64(0)
		last := j == len(p.run)-1
		if last {
			out, idx = s.out, s.idx
		}
		if !last {
			if err := l.need(&l.keys[j%2], keyBytes); err != nil {
				return err
			}
			keys2 = l.keys[j%2]
		}
		if p.withVals && (!last || (!p.lossless && s.out != 0)) {
			if err := l.need(&l.vals[j%2], xBytes); err != nil {
				return err
			}
			vals2 = l.vals[j%2]
			if last {
				out, gather = 0, vals2
			}
		}
		rowPass := uint64(0)
		if l.passes[i].row {
			rowPass = 1
		}
		var abortAny, abortAll uint64
		if guess {
			abortAny, abortAll = p.abortMasks(j, s.out != 0)
		}
		if err := b.launchSlots(fn, [3]uint32{uint32(tiles), 1, 1}, [3]uint32{uint32(threads), 1, 1}, word(uint64(s.total())), word(in),
			at(src), at(srcVals), word(uint64(l.passes[i].shift)), word(uint64(s.n)), word(rowPass), word(uint64(l.hist.ptr)+uint64(8*256*i)),
			at(l.status), word(counters+uint64(8*j)), word(uint64(j+1)),
			at(keys2), at(vals2), word(out), word(idx), word(planAt), word(abortAny), word(abortAll)); err != nil {
			return err
		}
	}
	if gather == nil {
		return nil
	}
	total := s.total()
	flat := [3]uint32{uint32(min((total+cgen.SortThreads-1)/cgen.SortThreads, b.maxBlocks)), 1, 1}
	return b.launchSlots(l.fns[cgen.SortFinish], flat, [3]uint32{cgen.SortThreads, 1, 1}, word(uint64(total)), word(uint64(s.n)),
		word(s.in), at(gather), word(s.out), word(0))
}

// need allocates *buf, elemBytes for each element, unless it is there.
func (l *sortLaunches) need(buf **buffer, elemBytes int) error {
	if *buf != nil {
		return nil
	}
	var err error
	*buf, err = l.s.alloc(elemBytes * l.s.total())
	return err
}

// free frees the buffers once the queued launches are done with them
// (frees are ordered with the stream's work).
func (l *sortLaunches) free() {
	for _, buf := range append(l.keys[:], l.vals[:]...) {
		if buf != nil {
			l.s.b.Free(buf)
		}
	}
}

func (s *sortCall) total() int { return s.rows * s.n }

// alloc allocates n bytes of device memory for the sort.
func (s *sortCall) alloc(n int) (*buffer, error) {
	buf, err := s.b.Alloc(n)
	if err != nil {
		return nil, err
	}
	return buf.(*buffer), nil
}

// at is a kernel parameter slot holding buf's address, 0 for none.
func at(buf *buffer) []byte {
	if buf == nil {
		return word(0)
	}
	return word(uint64(buf.ptr))
}
