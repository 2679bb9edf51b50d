package gpu

import (
	"encoding/binary"
	"fmt"
	"runtime"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
)

// runsItems is how many elements a thread of the run kernels loads a
// step (a variable so that the host tests can try other counts).
var runsItems = cgen.DefaultRunsItems

// FirstOfRuns finds the runs of equal elements in sorted data (see
// backend.RunFinder) in two launches and one read: a count of run
// starts per chunk, read back for the total, then each chunk's first
// elements, their positions and the elements' run indices written from
// the sum of the counts before it, which the write kernel adds up itself.
func (b *Backend) FirstOfRuns(dt dtype.DType, n int, in backend.Buffer, off int, out func(count int) (backend.RunsOutputs, error)) (int, error) {
	defer runtime.KeepAlive(in) // the buffer stays reachable until the work is queued
	fail := func(err error) (int, error) { return 0, fmt.Errorf("%s: FirstOfRuns: %w", b.kind, err) }
	if err := backend.CheckRunsInput(dt, n, in, off); err != nil {
		return fail(err)
	}
	src, err := b.live(in)
	if err != nil {
		return fail(fmt.Errorf("input: %w", err))
	}
	if n == 0 {
		if _, err := out(0); err != nil {
			return fail(err)
		}
		return 0, nil
	}
	kernel := func(entry string) (Function, error) {
		return b.indexedKernel(fmt.Sprintf("runs/%v/%d/%s", dt, runsItems, entry), func() (string, string, error) {
			code, err := cgen.RenderRuns(dt, b.vendor, b.warp, runsItems)
			return code, entry, err
		})
	}
	count, err := kernel(cgen.RunsCount)
	if err != nil {
		return fail(err)
	}
	write, err := kernel(cgen.RunsWrite)
	if err != nil {
		return fail(err)
	}
	// Whole steps a block, as many blocks as the device runs at once, or
	// fewer where the steps would be too few.
	tile := cgen.RunsTile(runsItems)
	chunk := max((n+b.maxBlocks-1)/b.maxBlocks, tile)
	chunk = (chunk + tile - 1) / tile * tile
	blocks := (n + chunk - 1) / chunk
	counts, err := b.Alloc(8 * blocks)
	if err != nil {
		return fail(err)
	}
	defer b.Free(counts)
	inPtr, countsPtr := word(uint64(src.ptr)+uint64(off*dt.Size())), word(uint64(counts.(*buffer).ptr))
	grid, block := [3]uint32{uint32(blocks), 1, 1}, [3]uint32{cgen.RunsBlock, 1, 1}
	if err := b.launchSlots(count, grid, block, word(uint64(n)), inPtr, word(uint64(chunk)), countsPtr); err != nil {
		return fail(err)
	}
	sums := make([]byte, 8*blocks)
	if err := b.Read(sums, counts, 0); err != nil {
		return fail(err)
	}
	total := 0
	for i := 0; i < len(sums); i += 8 {
		total += int(binary.LittleEndian.Uint64(sums[i:]))
	}
	outs, err := out(total)
	if err != nil {
		return fail(err)
	}
	if err := outs.Check(dt, n, total); err != nil {
		return fail(err)
	}
	defer runtime.KeepAlive(outs)
	var addrs [3]uint64 // of values, starts and ids, 0 where not asked for
	for i, buf := range []backend.Buffer{outs.Values, outs.Starts, outs.IDs} {
		if buf == nil {
			continue
		}
		lb, err := b.live(buf)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", [3]string{"values", "starts", "ids"}[i], err))
		}
		addrs[i] = uint64(lb.ptr)
	}
	if total == 0 || addrs == [3]uint64{} {
		return total, nil
	}
	if err := b.launchSlots(write, grid, block, word(uint64(n)), inPtr, word(uint64(chunk)), countsPtr,
		word(addrs[0]), word(addrs[1]), word(addrs[2])); err != nil {
		return fail(err)
	}
	return total, nil
}
