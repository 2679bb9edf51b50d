package gpu

import (
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/cugo/cugo/internal/layout"
	"math"
	"runtime"
	"sync"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
)

// Gather copies the elements an index array picks (see backend.Backend).
// The kernel records the first index out of range in a device word that
// Gather reads back, so it returns after the kernel has run.
func (b *Backend) Gather(shape []int, out, in, idx backend.Operand, axis backend.IndexedAxis) error {
	defer runtime.KeepAlive(out.Buf)
	defer runtime.KeepAlive(in.Buf)
	defer runtime.KeepAlive(idx.Buf) // the buffers stay reachable until the work is queued
	return b.indexed("Gather", shape, out, in, idx, axis, false)
}

// Scatter writes elements where an index array says (see backend.Backend);
// like Gather, it reads back the kernel's record of a bad index.
func (b *Backend) Scatter(shape []int, out, in, idx backend.Operand, axis backend.IndexedAxis) error {
	defer runtime.KeepAlive(out.Buf)
	defer runtime.KeepAlive(in.Buf)
	defer runtime.KeepAlive(idx.Buf) // the buffers stay reachable until the work is queued
	return b.indexed("Scatter", shape, out, in, idx, axis, true)
}

func (b *Backend) indexed(op string, shape []int, out, in, idx backend.Operand, axis backend.IndexedAxis, scatter bool) error {
	fail := func(err error) error { return fmt.Errorf("%s: %s: %w", b.kind, op, err) }
	n, err := b.checkIndexed(shape, out, in, idx, axis, scatter)
	if err != nil {
		return fail(err)
	}
	if n == 0 {
		return nil
	}
	if len(shape) == 0 { // a 0-d launch is one element over one axis
		shape = []int{1}
		out.Strides, in.Strides, idx.Strides = []int{0}, []int{0}, []int{0}
	}
	size, nd := out.DType.Size(), len(shape)
	fn, err := b.indexedKernel(fmt.Sprintf("%v/%d/%d", scatter, size, nd), func() (string, string, error) {
		s, err := cgen.RenderGather(size, nd, scatter)
		if err != nil {
			return "", "", err
		}
		return s.Code, s.Entry, nil
	})
	if err != nil {
		return fail(err)
	}
	bad, err := b.Alloc(8)
	if err != nil {
		return fail(err)
	}
	defer b.Free(bad)
	if err := b.Write(bad, 0, word(math.MaxUint64)); err != nil {
		return fail(err)
	}
	dims := make([]byte, 0, 4*nd*8)
	for _, d := range shape {
		dims = binary.LittleEndian.AppendUint64(dims, uint64(d))
	}
	for _, o := range []backend.Operand{out, in, idx} {
		for _, s := range o.Strides {
			dims = binary.LittleEndian.AppendUint64(dims, uint64(s))
		}
	}
	blocks := uint32(min((n+blockSize-1)/blockSize, b.maxBlocks))
	params := [][]byte{word(uint64(n)), word(address(&out)), word(address(&in)), word(address(&idx)),
		dims, word(uint64(axis.Len)), word(uint64(axis.Stride)), word(uint64(bad.(*buffer).ptr))}
	if scatter {
		table, tableParams, err := b.claimDestinations(n, size, nd, params)
		if err != nil {
			return fail(err)
		}
		if table != nil {
			defer b.Free(table)
		}
		params = append(params, tableParams...)
	}
	if err := b.launchSlots(fn, [3]uint32{blocks, 1, 1}, [3]uint32{blockSize, 1, 1}, params...); err != nil {
		return fail(err)
	}
	var got [8]byte
	if err := b.Read(got[:], bad, 0); err != nil {
		return fail(err)
	}
	pos := binary.LittleEndian.Uint64(got[:])
	if pos == math.MaxUint64 {
		return nil
	}
	// The first bad position, in C order of shape: read its index.
	off := idx.Offset
	for d := nd - 1; d >= 0; d-- {
		off += int(pos%uint64(shape[d])) * idx.Strides[d]
		pos /= uint64(shape[d])
	}
	if err := b.Read(got[:], idx.Buf, off*8); err != nil {
		return fail(err)
	}
	return &backend.IndexError{Index: int64(binary.LittleEndian.Uint64(got[:])), Len: axis.Len}
}

// claimDestinations runs the claim kernel of a scatter of n elements
// with the scatter's params (see cgen.RenderGather) into a new table,
// which it returns for the caller to free after the scatter, with the
// table's parameters of the scatter; one element needs no table (null
// keys).
func (b *Backend) claimDestinations(n, size, nd int, params [][]byte) (backend.Buffer, [][]byte, error) {
	if n == 1 {
		return nil, [][]byte{word(0), word(0), word(0)}, nil
	}
	bits := 2 // a table of 2^bits slots, at most half full
	for 1<<bits < 2*n {
		bits++
	}
	table, err := b.Alloc(16 << bits)
	if err != nil {
		return nil, nil, err
	}
	keys := uint64(table.(*buffer).ptr)
	last := keys + 8<<bits
	fail := func(err error) (backend.Buffer, [][]byte, error) { b.Free(table); return nil, nil, err }
	if err := b.zeroWords(table, 2<<bits); err != nil {
		return fail(err)
	}
	claim, err := b.indexedKernel(fmt.Sprintf("claim/%d/%d", size, nd), func() (string, string, error) {
		s, err := cgen.RenderGather(size, nd, true)
		if err != nil {
			return "", "", err
		}
		return s.Code, cgen.ScatterClaim(s.Entry), nil
	})
	if err != nil {
		return fail(err)
	}
	tableParams := [][]byte{word(keys), word(last), word(uint64(bits))}
	blocks := uint32(min((n+blockSize-1)/blockSize, b.maxBlocks))
	withoutBad := params[: len(params)-1 : len(params)-1]
	if err := b.launchSlots(claim, [3]uint32{blocks, 1, 1}, [3]uint32{blockSize, 1, 1}, append(withoutBad, tableParams...)...); err != nil {
		return fail(err)
	}
	return table, tableParams, nil
}

// checkIndexed validates a Gather or Scatter call and returns its element
// count; the indexed operand must hold every element along the whole axis.
func (b *Backend) checkIndexed(shape []int, out, in, idx backend.Operand, axis backend.IndexedAxis, scatter bool) (int, error) {
	switch {
	case out.DType != in.DType:
		return 0, fmt.Errorf("output is %v and input %v: they must match", out.DType, in.DType)
	case out.DType.Size() == 0:
		return 0, fmt.Errorf("invalid dtype %v", out.DType)
	case axis.Len < 0:
		return 0, fmt.Errorf("negative axis length %d", axis.Len)
	case len(shape) > 64:
		return 0, fmt.Errorf("%d dimensions (at most 64)", len(shape))
	}
	n, err := layout.Size(shape)
	if err != nil {
		return 0, err
	}
	// The indexed operand, with the axis as one more dimension.
	wide := func(o backend.Operand) (backend.Operand, []int) {
		if axis.Len == 0 {
			return o, shape
		}
		o.Strides = append(append([]int{}, o.Strides...), axis.Stride)
		return o, append(append([]int{}, shape...), axis.Len)
	}
	if scatter {
		o, s := wide(out)
		if err = b.checkOperand(&o, out.DType, s, n); err != nil {
			return 0, operandError("output", 0, err)
		}
		err = b.checkOperand(&in, in.DType, shape, n)
	} else {
		err = b.checkOperand(&out, out.DType, shape, n)
		if err != nil {
			return 0, operandError("output", 0, err)
		}
		o, s := wide(in)
		err = b.checkOperand(&o, in.DType, s, n)
	}
	if err != nil {
		return 0, operandError("input", 0, err)
	}
	if err := b.checkOperand(&idx, dtype.Int64, shape, n); err != nil {
		return 0, fmt.Errorf("indices: %w", err)
	}
	return n, nil
}

// Compact writes the positions of mask's true elements (see
// backend.Backend) in two passes: a count per chunk of the mask, read
// back and summed on the host, then each chunk's positions from its
// offset.
func (b *Backend) Compact(out, mask backend.Buffer, maskOff, n int) (int, error) {
	defer runtime.KeepAlive(out)
	defer runtime.KeepAlive(mask) // the buffers stay reachable until the work is queued
	fail := func(err error) (int, error) { return 0, fmt.Errorf("%s: Compact: %w", b.kind, err) }
	ob, err := b.live(out)
	if err != nil {
		return fail(err)
	}
	mb, err := b.live(mask)
	if err != nil {
		return fail(err)
	}
	if err := span(maskOff, n, mb.size); err != nil {
		return fail(fmt.Errorf("mask: %w", err))
	}
	if n > ob.size/8 {
		return fail(fmt.Errorf("output of %d bytes for %d positions", ob.size, n))
	}
	if n == 0 {
		return 0, nil
	}
	count, err := b.indexedKernel("compact/count", b.compactSource(cgen.CompactCount))
	if err != nil {
		return fail(err)
	}
	write, err := b.indexedKernel("compact/write", b.compactSource(cgen.CompactWrite))
	if err != nil {
		return fail(err)
	}
	chunk := max((n+b.maxBlocks-1)/b.maxBlocks, cgen.CompactBlock)
	blocks := (n + chunk - 1) / chunk
	counts, err := b.Alloc(8 * blocks)
	if err != nil {
		return fail(err)
	}
	defer b.Free(counts)
	maskPtr, countsPtr := word(uint64(mb.ptr)+uint64(maskOff)), word(uint64(counts.(*buffer).ptr))
	grid, block := [3]uint32{uint32(blocks), 1, 1}, [3]uint32{cgen.CompactBlock, 1, 1}
	if err := b.launchSlots(count, grid, block, word(uint64(n)), maskPtr, word(uint64(chunk)), countsPtr); err != nil {
		return fail(err)
	}
	sums := make([]byte, 8*blocks)
	if err := b.Read(sums, counts, 0); err != nil {
		return fail(err)
	}
	total := uint64(0)
	for i := 0; i < len(sums); i += 8 {
		c := binary.LittleEndian.Uint64(sums[i:])
		binary.LittleEndian.PutUint64(sums[i:], total)
		total += c
	}
	if err := b.Write(counts, 0, sums); err != nil {
		return fail(err)
	}
	if err := b.launchSlots(write, grid, block, word(uint64(n)), maskPtr, word(uint64(chunk)), countsPtr, word(uint64(ob.ptr))); err != nil {
		return fail(err)
	}
	return int(total), nil
}

// compactSource renders the compaction for the device; entry picks one
// of its two kernels.
func (b *Backend) compactSource(entry string) func() (string, string, error) {
	return func() (string, string, error) {
		code, err := cgen.RenderCompact(b.vendor, b.warp)
		return code, entry, err
	}
}

// word is v as a little-endian 8-byte kernel parameter.
func word(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }

// indexedKernels holds the loaded gather, scatter, compaction and
// integer matmul kernels of each backend by name; they compile (through
// the kernel cache) on first use, one at a time.
var indexedKernels struct {
	sync.Mutex
	m map[indexedKey]Function
}

type indexedKey struct {
	b    *Backend
	name string
}

// indexedKernel returns the kernel called name, rendering it with render
// (which gives the code and the entry) and compiling it the first time.
func (b *Backend) indexedKernel(name string, render func() (code, entry string, err error)) (Function, error) {
	c := &indexedKernels
	c.Lock()
	defer c.Unlock()
	key := indexedKey{b, name}
	if fn, ok := c.m[key]; ok {
		return fn, nil
	}
	code, entry, err := render()
	if err != nil {
		return 0, err
	}
	fns, err := b.dev.Load(code, entry)
	if err != nil {
		return 0, fmt.Errorf("%s for %s: %w", entry, b.info.Arch, err)
	}
	if c.m == nil {
		c.m = map[indexedKey]Function{}
	}
	c.m[key] = fns[0]
	return fns[0], nil
}

// launchSlots launches fn over grid and block, with the given parameters
// packed at 8-byte alignment in the backend's pinned launch block.
func (b *Backend) launchSlots(fn Function, grid, block [3]uint32, params ...[]byte) error {
	if grid[0] == 0 || grid[1] == 0 || grid[2] == 0 {
		return errors.New("launch of no blocks")
	}
	b.launchMu.Lock()
	defer b.launchMu.Unlock()
	lb := b.lb
	off := 0
	for i, p := range params {
		off = (off + 7) &^ 7
		if off+len(p) > len(lb.params) {
			return fmt.Errorf("%d bytes of kernel parameters exceed %d", off+len(p), len(lb.params))
		}
		copy(lb.params[off:], p)
		lb.ptrs[i] = unsafe.Pointer(&lb.params[off])
		off += len(p)
	}
	// shared memory beyond the kernel's static arrays: none
	if err := b.dev.Launch(fn, grid, block, 0, &lb.ptrs[0]); err != nil {
		return fmt.Errorf("launch: %w", err)
	}
	return nil
}
