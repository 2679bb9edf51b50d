package gpu

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/layout"
	"github.com/stretchr/testify/require"
)

// TestPlanReduce checks the kernels chosen for the layouts that matter
// (no GPU needed).
func TestPlanReduce(t *testing.T) {
	f := dtype.Float32
	sum := &ir.Reduction{Input: f, Pre: ir.In(0, f), Combine: ir.SumOf, Acc: f, Out: f}
	h100 := device{sms: 132, threads: 2048, maxBlocks: 132 * 8 * waves, warp: 32}
	plan := func(shape []int, nred int, in []int) reducePlan {
		nk := len(shape) - nred
		out := backend.Operand{Strides: layout.ContiguousStrides(shape[:nk])}
		return planReduce(sum, shape, nred, &out, &backend.Operand{Strides: in}, true, h100)
	}
	// sum over axis 0 of a C-ordered 8192x8192: a thread per 4 columns,
	// the rows split in runs, partials folded by a second pass
	p := plan([]int{8192, 8192}, 1, []int{1, 8192})
	require.Len(t, p.passes, 2)
	first := p.passes[0]
	require.Equal(t, cgen.ReduceLayout{Warp: 32, Kind: cgen.ReduceColumns, Vec: true, Partial: true, KeptDims: 1}, first.layout)
	require.Equal(t, 8192/4/cgen.ReduceBlock, first.grid[0])
	require.GreaterOrEqual(t, first.grid[0]*first.grid[1], h100.resident()*9/10) // about a wave of blocks, to fill the GPU
	require.Equal(t, cgen.ReduceLayout{Warp: 32, Kind: cgen.ReduceColumns, Finish: true, KeptDims: 1}, p.passes[1].layout)
	require.Equal(t, 8192*first.args.Chunks, p.parts)
	// sum over axis 1: a block per row, vector loads, one pass
	p = plan([]int{8192, 8192}, 1, []int{8192, 1})
	require.Len(t, p.passes, 1)
	require.Equal(t, cgen.ReduceLayout{Warp: 32, Kind: cgen.ReduceRows, Block: true, Vec: true, KeptDims: 1, RedDims: 1}, p.passes[0].layout)
	// short rows: a warp each
	p = plan([]int{65536, 100}, 1, []int{100, 1})
	require.False(t, p.passes[0].layout.Block)
	require.Equal(t, min(65536/h100.rowsPerBlock(), h100.maxBlocks), p.passes[0].grid[0]) // grid-stride beyond
	// a full reduction of 64M: one launch of blocks of runs, the last
	// block to finish folding the partials
	p = plan([]int{1 << 26}, 1, []int{1})
	require.Len(t, p.passes, 1)
	require.Equal(t, cgen.ReduceLayout{Warp: 32, Kind: cgen.ReduceRows, Block: true, Vec: true, Partial: true, LastBlock: true, RedDims: 1}, p.passes[0].layout)
	require.GreaterOrEqual(t, p.passes[0].grid[0], 132*4)
	require.Equal(t, p.passes[0].args.Chunks, p.parts)
	require.Equal(t, p.parts, p.passes[0].grid[0]) // one wave, a run per block
	// a few long rows: blocks of runs, then a block per row
	p = plan([]int{3, 1 << 20}, 1, []int{1 << 20, 1})
	require.Len(t, p.passes, 2)
	require.Equal(t, cgen.ReduceLayout{Warp: 32, Kind: cgen.ReduceRows, Block: true, Vec: true, Partial: true, KeptDims: 1, RedDims: 1}, p.passes[0].layout)
	require.Equal(t, cgen.ReduceLayout{Warp: 32, Kind: cgen.ReduceRows, Block: true, Finish: true, KeptDims: 1}, p.passes[1].layout)
	require.Equal(t, 3, p.passes[1].grid[0])
	require.Equal(t, 3*p.passes[0].args.Chunks, p.parts)
	// a small full reduction is one block, one pass
	p = plan([]int{1024}, 1, []int{1})
	require.Len(t, p.passes, 1)
	require.Equal(t, 1, p.passes[0].grid[0])
	// axes (0, 2) of a C-ordered (30, 40, 50), moved last: two reduced axes
	p = plan([]int{40, 30, 50}, 2, []int{50, 2000, 1})
	require.Equal(t, cgen.ReduceLayout{Warp: 32, Kind: cgen.ReduceRows, Block: true, KeptDims: 1, RedDims: 2}, p.passes[0].layout)
	// kept and reduced axes merge where they can
	p = plan([]int{4, 5, 6, 7}, 2, []int{210, 42, 7, 1})
	require.Equal(t, 1, p.passes[0].layout.KeptDims)
	require.Equal(t, []int{20}, p.passes[0].args.Kept)
	require.Equal(t, []int{42}, p.passes[0].args.Red)
	// a misaligned base gives up the column vectors, not the row ones
	out := backend.Operand{Strides: []int{1}}
	p = planReduce(sum, []int{64, 64}, 1, &out, &backend.Operand{Strides: []int{1, 64}}, false, h100)
	require.False(t, p.passes[0].layout.Vec)
	p = planReduce(sum, []int{64, 64}, 1, &out, &backend.Operand{Strides: []int{64, 1}}, false, h100)
	require.True(t, p.passes[0].layout.Vec)
}

// reduceGeometry is an input layout: shape (kept axes, then nred reduced
// ones), strides, offset and buffer length in elements.
type reduceGeometry struct {
	name    string
	shape   []int
	nred    int
	strides []int
	offset  int
	elems   int
}

// layoutOf lays shape out as a C array of the axes permuted by perm
// (perm[i] is the memory rank of axis i), with axis flip reversed
// (-1: none), offset elements in.
func layoutOf(name string, shape []int, nred int, perm []int, flip, offset int) reduceGeometry {
	mem := make([]int, len(shape))
	for i, p := range perm {
		mem[p] = shape[i]
	}
	ms := layout.ContiguousStrides(mem)
	g := reduceGeometry{name: name, shape: shape, nred: nred, strides: make([]int, len(shape)), offset: offset}
	for i, p := range perm {
		g.strides[i] = ms[p]
	}
	g.elems = offset + count(shape)
	if flip >= 0 && shape[flip] > 0 {
		g.offset += (shape[flip] - 1) * g.strides[flip]
		g.strides[flip] = -g.strides[flip]
	}
	return g
}

func identity(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return p
}

func reduceGeometries() []reduceGeometry {
	c := func(name string, shape []int, nred int) reduceGeometry {
		return layoutOf(name, shape, nred, identity(len(shape)), -1, 0)
	}
	return []reduceGeometry{
		c("full 1M", []int{1 << 20}, 1),
		c("full 1000", []int{1000}, 1),
		c("rows long, few", []int{3, 100003}, 1),
		c("rows short, many", []int{4096, 257}, 1),
		c("rows long, many", []int{300, 4096}, 1),
		c("rows of 3", []int{5000, 3}, 1),
		layoutOf("columns, vectors", []int{1024, 8192}, 1, []int{1, 0}, -1, 0),
		layoutOf("columns of 3", []int{3, 100003}, 1, []int{1, 0}, -1, 0),
		layoutOf("columns, misaligned", []int{1024, 300}, 1, []int{1, 0}, -1, 1),
		layoutOf("axes (0,2) of 3-d", []int{40, 30, 50}, 2, []int{1, 0, 2}, -1, 0),
		layoutOf("two kept, two reduced, transposed", []int{6, 7, 8, 9}, 2, []int{3, 1, 0, 2}, -1, 0),
		layoutOf("rows, misaligned", []int{64, 999}, 1, identity(2), -1, 3),
		layoutOf("rows long, misaligned", []int{2, 300007}, 1, identity(2), -1, 3),
		layoutOf("full, misaligned", []int{1<<20 + 5}, 1, identity(1), -1, 1),
		layoutOf("rows reversed", []int{64, 999}, 1, identity(2), 1, 0),
		layoutOf("kept reversed", []int{999, 64}, 1, identity(2), 0, 0),
		c("nothing reduced", []int{17, 5}, 0),
		c("empty rows", []int{7, 0}, 1),
		c("no rows", []int{0, 7}, 1),
	}
}

// reductionsUnderTest are folds whose results are exact on inputs of
// small integers (in any dtype), so that any order of the fold agrees.
func reductionsUnderTest() []*ir.Reduction {
	red := func(c ir.Combine, in, acc, out dtype.DType) *ir.Reduction {
		return &ir.Reduction{Input: in, Pre: ir.To(ir.In(0, in), acc), Combine: c, Acc: acc, Out: out}
	}
	f, d, h, z := dtype.Float32, dtype.Float64, dtype.Float16, dtype.Complex64
	i64 := dtype.Int64
	return []*ir.Reduction{
		red(ir.SumOf, f, f, f), red(ir.SumOf, h, f, h), red(ir.SumOf, dtype.BFloat16, f, dtype.BFloat16),
		red(ir.SumOf, dtype.Int8, i64, i64), red(ir.SumOf, dtype.Uint8, dtype.Uint64, dtype.Uint64),
		red(ir.SumOf, z, z, z), red(ir.SumOf, d, d, f),
		red(ir.MaxOf, f, f, f), red(ir.MinOf, d, d, d), red(ir.FMaxOf, f, f, f), red(ir.FMinOf, h, h, h),
		red(ir.MaxOf, dtype.Int16, dtype.Int16, dtype.Int16), red(ir.MinOf, dtype.Uint32, dtype.Uint32, dtype.Uint32),
		red(ir.ArgMaxOf, f, f, i64), red(ir.ArgMinOf, d, d, i64), red(ir.ArgMaxOf, dtype.Int8, dtype.Int8, i64),
		red(ir.ArgMinOf, dtype.Complex128, dtype.Complex128, i64), red(ir.MaxOf, z, z, z),
		{Input: f, Pre: ir.To(ir.In(0, f), dtype.Bool), Combine: ir.AllOf, Acc: dtype.Bool, Out: dtype.Bool},
		{Input: dtype.Int32, Pre: ir.To(ir.In(0, dtype.Int32), dtype.Bool), Combine: ir.AnyOf, Acc: dtype.Bool, Out: dtype.Bool},
		// Pre with an int8 scalar: any(abs(x) > s), as a pending comparison
		// folded into the reduction reads
		{Input: dtype.Int8, Scalars: []dtype.DType{dtype.Int8}, Combine: ir.AnyOf, Acc: dtype.Bool, Out: dtype.Bool,
			Pre: ir.Apply(ir.Greater, dtype.Bool, ir.Apply(ir.Abs, dtype.Int8, ir.In(0, dtype.Int8)), ir.Param(0, dtype.Int8))},
		// Pre with a scalar: sum of where(isnan(x), s, x)
		{Input: f, Scalars: []dtype.DType{f}, Combine: ir.SumOf, Acc: d, Out: d, Pre: ir.To(ir.Apply(ir.Where, f,
			ir.Apply(ir.IsNaN, dtype.Bool, ir.In(0, f)), ir.Param(0, f), ir.In(0, f)), d)},
	}
}

// scalarOne is the value 1 of a real dtype, as a scalar parameter holds it.
func scalarOne(dt dtype.DType) ir.Value {
	b := make([]byte, 8)
	if isFloat(dt) {
		putFloat(dt, b, 1)
	} else {
		b[0] = 1
	}
	return ir.Value{binary.LittleEndian.Uint64(b)}
}

// smallValues fills n elements of dt with small integers (some NaN for
// floats that allow it, rarely), whose sums are exact in any order.
func smallValues(r *rand.Rand, dt dtype.DType, n int, nan bool) []byte {
	b := make([]byte, n*dt.Size())
	for i := range n {
		v := float64(r.IntN(7) - 2)
		if dt == dtype.Bool || dt.Kind() == dtype.UintKind {
			v = float64(r.IntN(3))
		}
		if nan && r.IntN(5000) == 0 {
			v = math.NaN()
		}
		e := b[i*dt.Size():]
		switch {
		case isFloat(dt):
			putFloat(dt, e, v)
		case isComplex(dt):
			putFloat(dt, e, v)
			putFloat(dt, e[dt.Size()/2:], float64(r.IntN(3)))
		default:
			var w [8]byte
			binary.LittleEndian.PutUint64(w[:], uint64(int64(v)))
			copy(e, w[:dt.Size()])
		}
	}
	return b
}

// TestReduceMatchesCPU runs reductions on the GPU and on the CPU backend
// over many layouts and compares the results bit for bit (inputs whose
// folds are exact in any order; any NaN matches any NaN).
func TestReduceMatchesCPU(t *testing.T) {
	reduceMatchesCPU(t, gpu(t), reduceGeometries(), reductionsUnderTest())
}

// reduceMatchesCPU runs each reduction over each geometry on g and on the
// CPU backend and compares the results.
func reduceMatchesCPU(t *testing.T, g *Backend, geos []reduceGeometry, reds []*ir.Reduction) {
	c := cpu.New(0)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, geo := range geos {
		for _, r := range reds {
			name := fmt.Sprintf("%s %s", geo.name, r.Key())
			nk := len(geo.shape) - geo.nred
			kept := geo.shape[:nk]
			n := 1
			for _, d := range geo.shape[nk:] {
				n *= d
			}
			data := smallValues(rng, r.Input, geo.elems, true)
			scalars := make([]ir.Value, len(r.Scalars))
			for i, dt := range r.Scalars {
				scalars[i] = scalarOne(dt)
			}
			outs := [2][]byte{}
			errs := [2]error{}
			for i, b := range []backend.Backend{g, c} {
				in := backend.Operand{Buf: put(t, b, data), DType: r.Input, Offset: geo.offset, Strides: geo.strides}
				ob, err := b.Alloc(max(1, count(kept)) * r.Out.Size())
				require.NoError(t, err)
				out := backend.Operand{Buf: ob, DType: r.Out, Strides: layout.ContiguousStrides(kept)}
				errs[i] = b.Reduce(r, geo.shape, geo.nred, out, in, scalars)
				if errs[i] == nil {
					outs[i] = make([]byte, count(kept)*r.Out.Size())
					require.NoError(t, b.Read(outs[i], ob, 0), name)
				}
				b.Free(in.Buf)
				b.Free(ob)
			}
			if n == 0 && !r.Combine.HasIdentity() && count(kept) > 0 {
				require.ErrorContains(t, errs[0], "zero-size array", name)
				require.ErrorContains(t, errs[1], "zero-size array", name)
				continue
			}
			require.NoError(t, errs[0], name)
			require.NoError(t, errs[1], name)
			requireSameElements(t, r.Out, outs[1], outs[0], name)
		}
	}
	require.NoError(t, g.Sync())
}

// TestReduceManyMatchesCPU compares reductions of two inputs on the GPU
// with the CPU backend's, over every layout of reduceGeometries.
func TestReduceManyMatchesCPU(t *testing.T) {
	reduceManyMatchesCPU(t, gpu(t), reduceGeometries())
}

// reduceManyMatchesCPU runs reductions whose map reads two inputs of one
// layout (a float32 sum of products, an int8 any of |x| > y, an argmax of
// x - y) on g and on the CPU backend, and compares them element by element.
func reduceManyMatchesCPU(t *testing.T, g *Backend, geos []reduceGeometry) {
	c := cpu.New(0)
	rng := rand.New(rand.NewPCG(15, 16))
	f32, i8 := dtype.Float32, dtype.Int8
	two := func(pre *ir.Node, cmb ir.Combine, in, acc, out dtype.DType) *ir.Reduction {
		return &ir.Reduction{Input: in, More: []dtype.DType{in}, Pre: pre, Combine: cmb, Acc: acc, Out: out}
	}
	reds := []*ir.Reduction{
		two(ir.Apply(ir.Mul, f32, ir.In(0, f32), ir.In(1, f32)), ir.SumOf, f32, f32, f32),
		two(ir.Apply(ir.Greater, dtype.Bool, ir.Apply(ir.Abs, i8, ir.In(0, i8)), ir.In(1, i8)), ir.AnyOf, i8, dtype.Bool, dtype.Bool),
		two(ir.Apply(ir.Sub, f32, ir.In(0, f32), ir.In(1, f32)), ir.ArgMaxOf, f32, f32, dtype.Int64),
	}
	for _, geo := range geos {
		for _, r := range reds {
			name := fmt.Sprintf("%s %s", geo.name, r.Key())
			kept := geo.shape[:len(geo.shape)-geo.nred]
			data := [2][]byte{smallValues(rng, r.Input, geo.elems, false), smallValues(rng, r.Input, geo.elems, false)}
			outs := [2][]byte{}
			errs := [2]error{}
			for i, b := range []backend.Backend{g, c} {
				var ins []backend.Operand
				for _, d := range data {
					ins = append(ins, backend.Operand{Buf: put(t, b, d), DType: r.Input, Offset: geo.offset, Strides: geo.strides})
				}
				ob, err := b.Alloc(max(1, count(kept)) * r.Out.Size())
				require.NoError(t, err)
				out := backend.Operand{Buf: ob, DType: r.Out, Strides: layout.ContiguousStrides(kept)}
				errs[i] = b.(backend.ManyReducer).ReduceMany(r, geo.shape, geo.nred, out, ins, nil)
				if errs[i] == nil {
					outs[i] = make([]byte, count(kept)*r.Out.Size())
					require.NoError(t, b.Read(outs[i], ob, 0), name)
				}
				for _, in := range ins {
					b.Free(in.Buf)
				}
				b.Free(ob)
			}
			if errs[1] != nil { // a fold of nothing without an identity
				require.Error(t, errs[0], name)
				continue
			}
			require.NoError(t, errs[0], name)
			requireSameElements(t, r.Out, outs[1], outs[0], name)
		}
	}
	require.NoError(t, g.Sync())
}

// TestScanMatchesCPU compares running sums and products on the GPU with
// the CPU backend's, along contiguous and strided rows.
func TestScanMatchesCPU(t *testing.T) {
	scanMatchesCPU(t, gpu(t), scanGeometries())
}

// scanGeometries are the rows scanMatchesCPU runs: one long row, rows of
// two tiles, columns and reversed rows.
func scanGeometries() []reduceGeometry {
	return []reduceGeometry{
		layoutOf("row of 100000", []int{100000}, 1, []int{0}, -1, 0),
		layoutOf("rows of 300", []int{77, 300}, 1, identity(2), -1, 1),
		layoutOf("columns", []int{300, 77}, 1, []int{1, 0}, -1, 0),
		layoutOf("reversed", []int{5, 1000}, 1, identity(2), 1, 0),
	}
}

// scanMatchesCPU runs scans on g over geos and compares them with the CPU
// backend's element by element. Two inputs test a row's first element,
// which NumPy's accumulate copies: running sums of -0.0 only (-0.0
// throughout, where a sum that starts from 0 gives 0), and running
// products of inf+0j (the first inf+0j, where (1+0j)(inf+0j) is inf+nanj).
func scanMatchesCPU(t *testing.T, g *Backend, geos []reduceGeometry) {
	c := cpu.New(0)
	rng := rand.New(rand.NewPCG(7, 8))
	f, i64, c128 := dtype.Float32, dtype.Int64, dtype.Complex128
	scans := []*ir.Reduction{
		{Input: f, Pre: ir.To(ir.In(0, f), f), Combine: ir.SumOf, Acc: f, Out: f},
		{Input: dtype.Int8, Pre: ir.To(ir.In(0, dtype.Int8), i64), Combine: ir.SumOf, Acc: i64, Out: i64},
		{Input: dtype.Complex64, Pre: ir.In(0, dtype.Complex64), Combine: ir.SumOf, Acc: dtype.Complex64, Out: dtype.Complex64},
		{Input: dtype.Int32, Pre: ir.To(ir.In(0, dtype.Int32), i64), Combine: ir.ProdOf, Acc: i64, Out: i64},
		{Input: dtype.Float64, Pre: ir.In(0, dtype.Float64), Combine: ir.SumOf, Acc: dtype.Float64, Out: dtype.Float64},
		{Input: c128, Pre: ir.In(0, c128), Combine: ir.ProdOf, Acc: c128, Out: c128},
	}
	for _, geo := range geos {
		for _, r := range scans {
			name := fmt.Sprintf("%s %s", geo.name, r.Key())
			data := smallValues(rng, r.Input, geo.elems, false)
			switch r.Input {
			case dtype.Int32: // products of 1 and -1 stay exact
				for i := range geo.elems {
					v := int32(1 - 2*rng.IntN(2))
					binary.LittleEndian.PutUint32(data[4*i:], uint32(v))
				}
			case dtype.Float64:
				for i := range geo.elems {
					binary.LittleEndian.PutUint64(data[8*i:], math.Float64bits(math.Copysign(0, -1)))
				}
			case c128:
				for i := range geo.elems {
					binary.LittleEndian.PutUint64(data[16*i:], math.Float64bits(math.Inf(1)))
					binary.LittleEndian.PutUint64(data[16*i+8:], 0)
				}
			}
			var outs [2][]byte
			for i, b := range []backend.Backend{g, c} {
				in := backend.Operand{Buf: put(t, b, data), DType: r.Input, Offset: geo.offset, Strides: geo.strides}
				ob, err := b.Alloc(count(geo.shape) * r.Out.Size())
				require.NoError(t, err)
				out := backend.Operand{Buf: ob, DType: r.Out, Strides: layout.ContiguousStrides(geo.shape)}
				require.NoError(t, b.Scan(r, geo.shape, out, in, nil), name)
				outs[i] = make([]byte, count(geo.shape)*r.Out.Size())
				require.NoError(t, b.Read(outs[i], ob, 0), name)
				b.Free(in.Buf)
				b.Free(ob)
			}
			requireSameElements(t, r.Out, outs[1], outs[0], name)
			if r.Input == dtype.Float64 || r.Input == c128 {
				size, row := r.Out.Size(), geo.shape[len(geo.shape)-1]
				for k := 0; k < len(outs[0]); k += row * size { // each row's first element, exactly
					require.Equal(t, data[:size], outs[0][k:k+size], "%s: row %d", name, k/(row*size))
					require.Equal(t, data[:size], outs[1][k:k+size], "%s: CPU row %d", name, k/(row*size))
				}
			}
		}
	}
}

func put(t *testing.T, b backend.Backend, data []byte) backend.Buffer {
	buf, err := b.Alloc(len(data))
	require.NoError(t, err)
	require.NoError(t, b.Write(buf, 0, data))
	return buf
}

// requireSameElements compares element by element, any NaN matching any NaN.
func requireSameElements(t *testing.T, dt dtype.DType, want, got []byte, name string) {
	t.Helper()
	require.Equal(t, len(want), len(got), name)
	size := dt.Size()
	for i := 0; i < len(want); i += size {
		if isComplex(dt) && complexNaN(dt, got[i:i+size]) && complexNaN(dt, want[i:i+size]) {
			// Which NaN element a max or min of complex values returns
			// depends on the order of the fold (NumPy's is the first).
			continue
		}
		if !bytes.Equal(want[i:i+size], got[i:i+size]) && !closeEnough(dt, got[i:i+size], want[i:i+size], exact) {
			t.Fatalf("%s: element %d: got % x, want % x", name, i/size, got[i:i+size], want[i:i+size])
		}
	}
}

// complexNaN reports whether either part of a complex element is NaN.
func complexNaN(dt dtype.DType, b []byte) bool {
	h := dt.Size() / 2
	return math.IsNaN(getFloat(dt, b)) || math.IsNaN(getFloat(dt, b[h:]))
}

// TestFullReductionsMatchCPU runs full reductions of several lengths (the
// longer ones one launch whose last block folds the partials) three times
// in a row without a Sync, twice over one input and once over another,
// and compares each result with the CPU backend's bit for bit: each
// launch must leave the backend's block counter at 0 for the next.
func TestFullReductionsMatchCPU(t *testing.T) {
	g := gpu(t)
	c := cpu.New(0)
	rng := rand.New(rand.NewPCG(9, 10))
	f, d, i64 := dtype.Float32, dtype.Float64, dtype.Int64
	red := func(c ir.Combine, in, acc, out dtype.DType) *ir.Reduction {
		return &ir.Reduction{Input: in, Pre: ir.To(ir.In(0, in), acc), Combine: c, Acc: acc, Out: out}
	}
	reds := []*ir.Reduction{
		red(ir.SumOf, f, f, f), red(ir.SumOf, dtype.Int8, i64, i64), red(ir.SumOf, f, d, d),
		red(ir.MaxOf, dtype.Int16, dtype.Int16, dtype.Int16), red(ir.ArgMaxOf, f, f, i64), red(ir.ArgMinOf, d, d, i64),
	}
	for _, n := range []int{1, 255, 1<<20 + 7, 1 << 24} {
		shape := []int{n}
		for _, r := range reds {
			name := fmt.Sprintf("%d %s", n, r.Key())
			in := backend.Operand{DType: r.Input, Strides: []int{1}}
			out := backend.Operand{DType: r.Out, Strides: []int{}}
			plan := planReduce(r, shape, 1, &out, &in, true, g.planDevice())
			require.Equal(t, n >= 1<<20, plan.passes[0].layout.LastBlock, name)
			require.Len(t, plan.passes, 1, name)
			// values whose float32 sums stay exact over 2^24 of them
			values := func(nan bool) []byte {
				if r.Combine != ir.SumOf || r.Input != f {
					return smallValues(rng, r.Input, n, nan)
				}
				b := make([]byte, 4*n)
				for i := range n {
					putFloat(f, b[4*i:], float64(rng.IntN(3)-1))
				}
				return b
			}
			one, other := values(true), values(false)
			var results [2][3][]byte
			for i, b := range []backend.Backend{g, c} {
				var bufs []backend.Buffer
				var outs [3]backend.Buffer
				for k, data := range [][]byte{one, one, other} {
					in := in
					in.Buf = put(t, b, data)
					out := out
					out.Buf = put(t, b, bytes.Repeat([]byte{0xa5}, r.Out.Size())) // not a result of any input here
					require.NoError(t, b.Reduce(r, shape, 1, out, in, nil), name)
					bufs, outs[k] = append(bufs, in.Buf, out.Buf), out.Buf
				}
				for k, ob := range outs {
					results[i][k] = make([]byte, r.Out.Size())
					require.NoError(t, b.Read(results[i][k], ob, 0), name)
				}
				for _, buf := range bufs {
					b.Free(buf)
				}
			}
			for k := range 3 {
				requireSameElements(t, r.Out, results[1][k], results[0][k], fmt.Sprintf("%s, call %d", name, k+1))
			}
			require.Equal(t, results[0][0], results[0][1], name)
		}
	}
	require.NoError(t, g.Sync())
}
