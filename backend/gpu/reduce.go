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
	"github.com/cugo/cugo/internal/ir"
)

// Reduce folds the last nred axes of shape (see backend.Backend). The
// kernel follows the layout, after merging the kept axes and the reduced
// axes that collapse:
//
//   - the reduced elements of each kept position are contiguous: a warp
//     per row (short rows) or a block per row (long rows), 16-byte vector
//     loads from the first aligned element; few long rows are split into
//     runs whose partials a second pass folds (one row, a full
//     reduction: the last block of the first pass folds them).
//   - the innermost kept axis is contiguous and the reduced axes are one
//     strided axis (sum over axis 0 of a C array): a thread per column (or
//     per 16 bytes of columns), blocks splitting the reduced axis into
//     runs, partials folded by a second pass.
//   - anything else: a warp (block) per row that finds each element's
//     offset from the reduced axes' lengths and strides.
func (b *Backend) Reduce(r *ir.Reduction, shape []int, nred int, out, in backend.Operand, scalars []ir.Value) error {
	defer runtime.KeepAlive(out.Buf)
	defer runtime.KeepAlive(in.Buf) // the buffers stay reachable until the work is queued
	if err := b.reduce(r, shape, nred, &out, &in, nil, scalars); err != nil {
		return fmt.Errorf("%s: Reduce: %w", b.kind, err)
	}
	return nil
}

// Scan computes running sums or products along the last axis (see
// backend.Backend): a block per row, tile after tile, each tile scanned
// with warp shuffles and carried into the next.
func (b *Backend) Scan(r *ir.Reduction, shape []int, out, in backend.Operand, scalars []ir.Value) error {
	defer runtime.KeepAlive(out.Buf)
	defer runtime.KeepAlive(in.Buf) // the buffers stay reachable until the work is queued
	if err := b.scan(r, shape, &out, &in, scalars); err != nil {
		return fmt.Errorf("%s: Scan: %w", b.kind, err)
	}
	return nil
}

// reduceKey finds the kernels of a reduction's passes by the identity of
// its *ir.Reduction, which the array package keeps.
type reduceKey struct {
	r      *ir.Reduction
	layout [2]cgen.ReduceLayout
	passes int
}

// rkernel is a compiled, loaded reduction kernel.
type rkernel struct {
	fn     Function
	entry  string
	layout cgen.ReduceLayout
	params []cgen.Param
	size   int
}

// reductionKernels returns the kernels of the passes, compiled together
// (one compile, one module) on first use.
func (b *Backend) reductionKernels(r *ir.Reduction, passes []pass) ([]*rkernel, error) {
	key := reduceKey{r: r, passes: len(passes)}
	for i, p := range passes {
		key.layout[i] = p.layout
	}
	text := func() string {
		t := r.Key()
		for _, p := range passes {
			t += "|" + p.layout.String()
		}
		return t
	}
	return b.root().rkernels.get(key, text, func() ([]*rkernel, error) {
		units := make([]cgen.ReductionUnit, len(passes))
		for i, p := range passes {
			units[i] = cgen.ReductionUnit{R: r, Layout: p.layout}
		}
		srcs, err := cgen.RenderReductions(units, b.vendor)
		if err != nil {
			return nil, err
		}
		entries := make([]string, len(srcs))
		for i, src := range srcs {
			entries[i] = src.Entry
		}
		var options []string
		if r.C != nil {
			options = r.C.Options
		}
		fns, err := b.load(srcs[0].Code, options, entries...)
		if err != nil {
			return nil, fmt.Errorf("%s (%s) for %s: %w", entries[0], passes[0].layout, b.info.Arch, err)
		}
		kns := make([]*rkernel, len(srcs))
		for i, src := range srcs {
			kns[i] = &rkernel{fn: fns[i], entry: src.Entry, layout: units[i].Layout, params: src.Params, size: src.ParamSize}
		}
		return kns, nil
	})
}

// pass is one launch of a reduction: its kernel's layout, arguments and
// grid (blocks of cgen.ReduceBlock threads).
type pass struct {
	layout cgen.ReduceLayout
	args   cgen.ReduceArgs
	grid   [2]int
}

// reducePlan is the launches of one Reduce: one pass; or a first pass
// that writes parts partials and a Finish pass that folds them; or one
// LastBlock pass that writes parts partials and folds them.
type reducePlan struct {
	passes []pass
	parts  int
}

// device is what a plan needs to know of the GPU.
type device struct {
	sms       int // multiprocessors
	threads   int // threads a multiprocessor runs at once
	maxBlocks int // the grid cap of grid-stride kernels
	warp      int // lanes of a warp
}

// resident is the number of reduction blocks the device runs at once.
func (g device) resident() int { return g.sms * g.threads / cgen.ReduceBlock }

// rowsPerBlock is how many rows the warps of one block fold.
func (g device) rowsPerBlock() int { return cgen.ReduceBlock / g.warp }

func (b *Backend) planDevice() device {
	return device{sms: b.info.Units, threads: b.resident, maxBlocks: b.maxBlocks, warp: b.warp}
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// reduceWaves is how many waves of resident blocks a reduction's first
// pass aims to fill (a tuning knob that BenchmarkReduceWaves varies).
var reduceWaves = 1

// planReduce chooses the kernels of a reduction of the last nred axes of
// shape (K kept positions of R elements each, K*R > 0) from in to out;
// aligned says whether in's first element is 16-byte aligned.
func planReduce(r *ir.Reduction, shape []int, nred int, out, in *backend.Operand, aligned bool, dev device) reducePlan {
	nk := len(shape) - nred
	var kb [2][]int // on the stack: only the collapsed axes go to the heap
	var rb [1][]int
	ks, kst := layout.CollapseInto(nil, kb[:], shape[:nk], [][]int{in.Strides[:nk], out.Strides})
	rs, rst := layout.CollapseInto(nil, rb[:], shape[nk:], [][]int{in.Strides[nk:]})
	K, R := prod(shape[:nk]), prod(shape[nk:])
	if len(rs) == 0 || R == 0 {
		rs, rst = []int{R}, [][]int{{1}}
	}
	index64 := K*R > math.MaxInt32 || wide(shape, in.Strides) || wide(shape[:nk], out.Strides)
	kept := func(l *cgen.ReduceLayout, a *cgen.ReduceArgs) {
		l.KeptDims, l.Index64, l.Warp = len(ks), index64, dev.warp
		a.Kept, a.KeptIn, a.KeptOut = ks, kst[0], kst[1]
	}
	size := r.Input.Size()
	V := 16 / size
	target := dev.resident() * reduceWaves
	var first pass
	kept(&first.layout, &first.args)
	first.args.Rows, first.args.Len = K, R
	if n := len(ks); n > 0 && kst[0][n-1] == 1 && len(rs) == 1 && rst[0][0] != 1 {
		// a thread per column (V adjacent columns where vectors align)
		first.layout.Kind = cgen.ReduceColumns
		first.args.Stride = rst[0][0]
		vec := size < 16 && aligned && ks[n-1]%V == 0 && first.args.Stride%V == 0
		for _, s := range kst[0][:n-1] {
			vec = vec && s%V == 0
		}
		if !vec {
			V = 1
		}
		first.layout.Vec = V > 1
		bx := ceilDiv(ceilDiv(K, V), cgen.ReduceBlock)
		C := 1
		if bx < target {
			C = min(ceilDiv(target, bx), ceilDiv(R, 16), 65535)
		}
		L := ceilDiv(R, C)
		C = ceilDiv(R, L)
		first.args.Chunk, first.args.Chunks = L, C
		first.grid = [2]int{bx, C}
		if C == 1 {
			return reducePlan{passes: []pass{first}}
		}
		first.layout.Partial = true
		fin := pass{grid: [2]int{ceilDiv(K, cgen.ColumnsFinishWidth), 1}}
		kept(&fin.layout, &fin.args)
		fin.layout.Kind, fin.layout.Finish = cgen.ReduceColumns, true
		fin.args.Rows, fin.args.Len, fin.args.Chunk, fin.args.Chunks = K, C, C, 1
		return reducePlan{passes: []pass{first, fin}, parts: K * C}
	}
	// a warp or a block per row (or per run of a long row)
	first.layout.Kind = cgen.ReduceRows
	first.layout.RedDims = len(rs)
	first.args.Red, first.args.RedIn = rs, rst[0]
	first.layout.Vec = len(rs) == 1 && rst[0][0] == 1 && size < 16
	first.layout.Block = R >= 1024 || K < target
	C := 1 // runs per row, each folded by one block or warp
	if first.layout.Block && K < target && R >= 16384 {
		C = min(ceilDiv(target, K), ceilDiv(R, 8192))
	}
	first.args.Chunks = C
	first.grid = [2]int{rowsGrid(first.layout.Block, K*C, dev), 1}
	if C == 1 {
		return reducePlan{passes: []pass{first}}
	}
	first.layout.Partial = true
	if K == 1 && first.layout.Block {
		// the block that finishes last folds the partials, saving the
		// Finish launch and the gap before it
		first.layout.LastBlock = true
		return reducePlan{passes: []pass{first}, parts: C}
	}
	fin := pass{}
	kept(&fin.layout, &fin.args)
	fin.layout.Kind, fin.layout.Finish = cgen.ReduceRows, true
	fin.layout.Block = C >= 1024 || K < target
	fin.args.Rows, fin.args.Len, fin.args.Chunks = K, C, 1
	fin.grid = [2]int{rowsGrid(fin.layout.Block, K, dev), 1}
	return reducePlan{passes: []pass{first, fin}, parts: K * C}
}

// rowsGrid is the grid of a rows kernel over n runs.
func rowsGrid(block bool, n int, dev device) int {
	if !block {
		n = ceilDiv(n, dev.rowsPerBlock())
	}
	return max(1, min(n, dev.maxBlocks))
}

func prod(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// reduce runs r over in and, when r reads several inputs, more (the
// inputs after the first, of in's strides).
func (b *Backend) reduce(r *ir.Reduction, shape []int, nred int, out, in *backend.Operand, more []backend.Operand, scalars []ir.Value) error {
	if err := validate(r); err != nil {
		return err
	}
	if nred < 0 || nred > len(shape) {
		return fmt.Errorf("cannot fold %d axes of shape %v", nred, shape)
	}
	if len(scalars) != len(r.Scalars) {
		return fmt.Errorf("reduction takes %d scalars, got %d", len(r.Scalars), len(scalars))
	}
	n, err := layout.Size(shape)
	if err != nil {
		return err
	}
	kept := shape[:len(shape)-nred]
	K, _ := layout.Size(kept)
	if err := b.checkOperand(in, r.Input, shape, n); err != nil {
		return operandError("input", 0, err)
	}
	moreAt, err := b.moreInputs(r, shape, n, in, more)
	if err != nil {
		return err
	}
	if err := b.checkOperand(out, r.Out, kept, K); err != nil {
		return operandError("output", 0, err)
	}
	if K == 0 {
		return nil
	}
	if n == 0 && !r.Combine.HasIdentity() {
		return fmt.Errorf("zero-size array to reduction operation %s which has no identity", r.Combine)
	}
	plan := planReduce(r, shape, nred, out, in, address(in)%16 == 0, b.planDevice())
	kns, err := b.reductionKernels(r, plan.passes)
	if err != nil {
		return err
	}
	if plan.parts == 0 {
		return b.launchPass(kns[0], &plan.passes[0], passPointers{address(in), 0, address(out)}, moreAt, scalars)
	}
	// the partials: values, then (ArgMax, ArgMin) positions
	vals := plan.parts * cgen.PartialSize(r)
	bytes := vals
	arg := r.Combine == ir.ArgMaxOf || r.Combine == ir.ArgMinOf
	if arg {
		vals = (vals + 7) &^ 7
		bytes = vals + 8*plan.parts
	}
	tmp, err := b.Alloc(bytes)
	if err != nil {
		return err
	}
	defer b.Free(tmp) // the stream orders the reuse of its memory after both passes
	parts := uint64(tmp.(*buffer).ptr)
	var partIdx uint64
	if arg {
		partIdx = parts + uint64(vals)
	}
	first := passPointers{address(in), 0, parts, partIdx}
	if plan.passes[0].layout.LastBlock {
		count, err := b.blockCount.address(b)
		if err != nil {
			return err
		}
		first[4], first[5] = address(out), count
	}
	if err := b.launchPass(kns[0], &plan.passes[0], first, moreAt, scalars); err != nil || len(kns) == 1 {
		return err
	}
	return b.launchPass(kns[1], &plan.passes[1], passPointers{parts, partIdx, address(out)}, nil, nil)
}

// validReductions holds the reductions that passed Validate. The array
// package keeps one *ir.Reduction per operation and never changes it, so
// a repeated reduction skips walking its IR on every call.
var validReductions sync.Map // *ir.Reduction → struct{}

// validate is r.Validate, once per reduction that passes.
func validate(r *ir.Reduction) error {
	if _, ok := validReductions.Load(r); ok {
		return nil
	}
	if err := r.Validate(); err != nil {
		return err
	}
	validReductions.Store(r, struct{}{})
	return nil
}

// blockCounter is the counter of LastBlock passes, a u32 of device
// memory allocated (and zeroed) on first use. Every LastBlock launch
// leaves it at 0, and a backend's launches run one after another on its
// stream, so they share it.
type blockCounter struct {
	mu  sync.Mutex
	buf backend.Buffer
}

// address returns the counter's device address.
func (c *blockCounter) address(b *Backend) (uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.buf == nil {
		buf, err := b.Alloc(4)
		if err != nil {
			return 0, err
		}
		if err := b.Write(buf, 0, make([]byte, 4)); err != nil {
			b.Free(buf)
			return 0, err
		}
		c.buf = buf
	}
	return uint64(c.buf.(*buffer).ptr), nil
}

func (b *Backend) scan(r *ir.Reduction, shape []int, out, in *backend.Operand, scalars []ir.Value) error {
	if err := r.ScanValidate(); err != nil {
		return err
	}
	if len(shape) == 0 {
		return errors.New("a scan needs an axis; shape is ()")
	}
	if len(scalars) != len(r.Scalars) {
		return fmt.Errorf("reduction takes %d scalars, got %d", len(r.Scalars), len(scalars))
	}
	n, err := layout.Size(shape)
	if err != nil {
		return err
	}
	if err := b.checkOperand(in, r.Input, shape, n); err != nil {
		return operandError("input", 0, err)
	}
	if err := b.checkOperand(out, r.Out, shape, n); err != nil {
		return operandError("output", 0, err)
	}
	if n == 0 {
		return nil
	}
	p := planScan(shape, out, in, b.planDevice())
	kns, err := b.reductionKernels(r, []pass{p})
	if err != nil {
		return err
	}
	return b.launchPass(kns[0], &p, passPointers{address(in), 0, address(out)}, nil, scalars)
}

// planScan is the launch of a scan along the last axis of shape.
func planScan(shape []int, out, in *backend.Operand, dev device) pass {
	nk := len(shape) - 1
	ks, kst := layout.Collapse(shape[:nk], in.Strides[:nk], out.Strides[:nk])
	K := prod(shape[:nk])
	p := pass{grid: [2]int{max(1, min(K, dev.maxBlocks)), 1}}
	p.layout = cgen.ReduceLayout{Kind: cgen.ScanRows, KeptDims: len(ks), Warp: dev.warp,
		Index64: prod(shape) > math.MaxInt32 || wide(shape, in.Strides) || wide(shape, out.Strides)}
	p.args = cgen.ReduceArgs{Rows: K, Len: shape[nk], Stride: in.Strides[nk], OutStride: out.Strides[nk],
		Kept: ks, KeptIn: kst[0], KeptOut: kst[1]}
	return p
}

// passPointers are the addresses of a pass's in, in_i, out, out_i, res
// and count (see cgen.ReduceSource).
type passPointers [6]uint64

// launchPass queues one pass; more are the addresses of a first pass's
// inputs after the first (cgen's in1, in2...).
func (b *Backend) launchPass(kn *rkernel, p *pass, ptrs passPointers, more []uint64, scalars []ir.Value) error {
	b.launchMu.Lock()
	defer b.launchMu.Unlock()
	lb := b.lb
	buf := lb.params[:kn.size]
	for i, q := range kn.params {
		at := buf[q.Offset : q.Offset+q.Size]
		switch q.Kind {
		case cgen.ParamDims:
			p.args.Put(at)
		case cgen.ParamInput:
			ptr := ptrs[min(q.Index, 1)]
			if q.Index >= 2 {
				ptr = more[q.Index-2]
			}
			binary.LittleEndian.PutUint64(at, ptr)
		case cgen.ParamOutput:
			binary.LittleEndian.PutUint64(at, ptrs[2+q.Index])
		case cgen.ParamScalar:
			putScalar(at, scalars[q.Index])
		}
		lb.ptrs[i] = unsafe.Pointer(&buf[q.Offset])
	}
	// shared memory: static only
	if err := b.dev.Launch(kn.fn, [3]uint32{uint32(p.grid[0]), uint32(p.grid[1]), 1}, [3]uint32{cgen.ReduceBlock, 1, 1}, 0, &lb.ptrs[0]); err != nil {
		return fmt.Errorf("launch %s (%v): %w", kn.entry, kn.layout, err)
	}
	return nil
}

// ReduceLayouts returns the kernel layouts of the passes Reduce launches
// for these arguments on a GPU of sms multiprocessors of 2048 threads and
// warps of warp lanes, one list for an input whose first element is
// 16-byte aligned and one for any other (none when Reduce launches
// nothing). Tests compile them without a GPU.
func ReduceLayouts(r *ir.Reduction, shape []int, nred int, out, in backend.Operand, sms, warp int) [][]cgen.ReduceLayout {
	n, err := layout.Size(shape)
	if err != nil || nred < 0 || nred > len(shape) || prod(shape[:len(shape)-nred]) == 0 ||
		n == 0 && !r.Combine.HasIdentity() {
		return nil
	}
	dev := device{sms: sms, threads: 2048, maxBlocks: sms * 2048 / blockSize * waves, warp: warp}
	var all [][]cgen.ReduceLayout
	for _, aligned := range []bool{true, false} {
		var ls []cgen.ReduceLayout
		for _, p := range planReduce(r, shape, nred, &out, &in, aligned, dev).passes {
			ls = append(ls, p.layout)
		}
		all = append(all, ls)
	}
	return all
}

// ScanLayout returns the kernel layout Scan launches for these arguments
// on a GPU with warps of warp lanes.
func ScanLayout(shape []int, out, in backend.Operand, warp int) cgen.ReduceLayout {
	return planScan(shape, &out, &in, device{sms: 1, threads: 2048, maxBlocks: 1, warp: warp}).layout
}
