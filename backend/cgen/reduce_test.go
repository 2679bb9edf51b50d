package cgen

import (
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// sampleReductions covers each combine on each class of accumulator and
// each layout kind (array/reduce_kernels_test.go compiles every kernel the
// array tests use; these are the ones HIP must also compile).
func sampleReductions() []ReductionUnit {
	f, h, c, i8, u16 := dtype.Float32, dtype.Float16, dtype.Complex128, dtype.Int8, dtype.Uint16
	red := func(c ir.Combine, in, acc, out dtype.DType) *ir.Reduction {
		pre := ir.To(ir.In(0, in), acc)
		return &ir.Reduction{Input: in, Pre: pre, Combine: c, Acc: acc, Out: out}
	}
	rs := []*ir.Reduction{
		red(ir.SumOf, h, f, h), red(ir.ProdOf, i8, dtype.Int64, dtype.Int64), red(ir.MaxOf, f, f, f),
		red(ir.FMinOf, c, c, c), red(ir.ArgMaxOf, u16, u16, dtype.Int64), red(ir.ArgMinOf, c, c, dtype.Int64),
		red(ir.SumOf, c, c, c), red(ir.AnyOf, f, dtype.Bool, dtype.Bool),
		// maps of several inputs, of other sizes than input 0
		{Input: f, More: []dtype.DType{h, dtype.Float64}, Combine: ir.SumOf, Acc: dtype.Float64, Out: f,
			Pre: ir.Apply(ir.Mul, dtype.Float64, ir.To(ir.Apply(ir.Add, f, ir.In(0, f), ir.To(ir.In(1, h), f)), dtype.Float64), ir.In(2, dtype.Float64))},
		{Input: u16, More: []dtype.DType{i8}, Scalars: []dtype.DType{dtype.Int64}, Combine: ir.ArgMinOf, Acc: dtype.Int64, Out: dtype.Int64,
			Pre: ir.Apply(ir.Mul, dtype.Int64, ir.Apply(ir.Sub, dtype.Int64, ir.To(ir.In(0, u16), dtype.Int64), ir.To(ir.In(1, i8), dtype.Int64)), ir.Param(0, dtype.Int64))},
	}
	layouts := []ReduceLayout{
		{Kind: ReduceRows, Vec: true, RedDims: 1, KeptDims: 1},
		{Kind: ReduceRows, Block: true, Vec: true, RedDims: 1, Partial: true},
		{Kind: ReduceRows, Block: true, Finish: true},
		{Kind: ReduceRows, Block: true, Vec: true, RedDims: 1, Partial: true, LastBlock: true},
		{Kind: ReduceRows, Block: true, RedDims: 2, Partial: true, LastBlock: true, Index64: true},
		{Kind: ReduceRows, RedDims: 2, KeptDims: 2, Index64: true},
		{Kind: ReduceColumns, Vec: true, KeptDims: 1, Partial: true},
		{Kind: ReduceColumns, Finish: true, KeptDims: 2},
	}
	var us []ReductionUnit
	for _, r := range rs {
		for _, l := range layouts {
			if l.Vec && r.Input.Size() == 16 {
				l.Vec = false
			}
			us = append(us, ReductionUnit{r, l})
		}
		if (r.Combine == ir.SumOf || r.Combine == ir.ProdOf) && len(r.More) == 0 {
			us = append(us, ReductionUnit{r, ReduceLayout{Kind: ScanRows, KeptDims: 1}})
		}
	}
	return us
}

func TestReductionsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	srcs, err := RenderReductions(sampleReductions(), CUDA)
	require.NoError(t, err)
	_, err = kerneltest.CUDA(srcs[0].Code)
	require.NoError(t, err)
}

func TestReductionsHIPFlavourCompiles(t *testing.T) {
	kerneltest.NeedHIPRTC(t)
	srcs, err := RenderReductions(sampleReductions(), HIP)
	require.NoError(t, err)
	require.NotContains(t, srcs[0].Code, "_sync(")
	require.Equal(t, 64, srcs[0].Warp)
	_, err = kerneltest.HIP(srcs[0].Code, "gfx90a")
	require.NoError(t, err)
	// RDNA's wavefronts of 32 lanes, and a kernel for the wrong width
	us := sampleReductions()
	for i := range us {
		us[i].Layout.Warp = 32
	}
	srcs, err = RenderReductions(us, HIP)
	require.NoError(t, err)
	require.Equal(t, 32, srcs[0].Warp)
	_, err = kerneltest.HIP(srcs[0].Code, "gfx1030")
	require.NoError(t, err)
	_, err = kerneltest.HIP(srcs[0].Code, "gfx90a")
	require.ErrorContains(t, err, "wavefronts of 32 lanes")
}

func TestReductionWarpWidths(t *testing.T) {
	r := sampleReductions()[0]
	for _, c := range []struct {
		v    Vendor
		warp int
		want int // 0: refused
	}{{CUDA, 0, 32}, {CUDA, 32, 32}, {CUDA, 64, 0}, {HIP, 0, 64}, {HIP, 32, 32}, {HIP, 64, 64}, {HIP, 16, 0}} {
		l := r.Layout
		l.Warp = c.warp
		src, err := RenderReduction(r.R, l, c.v)
		if c.want == 0 {
			require.ErrorContains(t, err, "warps of", "%v warp %d", c.v, c.warp)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, c.want, src.Warp, "%v warp %d", c.v, c.warp)
	}
}

// The contiguous first passes must load 16 bytes at a time: sums over
// rows and over columns reach the copy bandwidth only so.
func TestReductionsVectorise(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	f := dtype.Float32
	r := &ir.Reduction{Input: f, Pre: ir.In(0, f), Combine: ir.SumOf, Acc: f, Out: f}
	for _, l := range []ReduceLayout{
		{Kind: ReduceRows, Block: true, Vec: true, RedDims: 1, Partial: true},
		{Kind: ReduceColumns, Vec: true, KeptDims: 1},
	} {
		src, err := RenderReduction(r, l, CUDA)
		require.NoError(t, err)
		res, err := kerneltest.CUDA(src.Code)
		require.NoError(t, err)
		require.True(t, strings.Contains(string(res.Code), "ld.global.nc.v4.f32") || strings.Contains(string(res.Code), "ld.global.v4.f32"),
			"%v: no 16-byte loads in\n%s", l, res.Code)
	}
}

func TestRenderReductionErrors(t *testing.T) {
	f := dtype.Float32
	r := &ir.Reduction{Input: f, Pre: ir.In(0, f), Combine: ir.MaxOf, Acc: f, Out: f}
	for _, tc := range []struct {
		l    ReduceLayout
		want string
	}{
		{ReduceLayout{Kind: ReduceRows}, "needs RedDims"},
		{ReduceLayout{Kind: ReduceRows, Finish: true, Vec: true}, "vector loads"},
		{ReduceLayout{Kind: ReduceColumns, RedDims: 1}, "only rows"},
		{ReduceLayout{Kind: ReduceRows, RedDims: 1, Partial: true, LastBlock: true}, "last block"},
		{ReduceLayout{Kind: ReduceRows, Block: true, RedDims: 1, LastBlock: true}, "last block"},
		{ReduceLayout{Kind: ReduceRows, Block: true, RedDims: 1, Partial: true, KeptDims: 1, LastBlock: true}, "last block"},
		{ReduceLayout{Kind: ReduceColumns, Block: true, Partial: true, LastBlock: true}, "last block"},
		{ReduceLayout{Kind: ScanRows}, "running sum or product"},
	} {
		_, err := RenderReduction(r, tc.l, CUDA)
		require.ErrorContains(t, err, tc.want, "%v", tc.l)
	}
	_, err := RenderReduction(&ir.Reduction{Input: f, Pre: ir.In(0, f), Combine: ir.AllOf, Acc: f, Out: f}, ReduceLayout{Kind: ReduceRows, RedDims: 1}, CUDA)
	require.ErrorContains(t, err, "cannot accumulate in float32")
}

// A LastBlock pass takes the result and the counter after the partials,
// counts blocks with a 32-bit atomic, and fences the partials.
func TestLastBlockReduction(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	f := dtype.Float32
	r := &ir.Reduction{Input: f, Pre: ir.In(0, f), Combine: ir.ArgMaxOf, Acc: f, Out: dtype.Int64}
	l := ReduceLayout{Kind: ReduceRows, Block: true, Vec: true, RedDims: 1, Partial: true, LastBlock: true}
	src, err := RenderReduction(r, l, CUDA)
	require.NoError(t, err)
	var kinds []ParamKind
	var index []int
	for _, p := range src.Params {
		kinds, index = append(kinds, p.Kind), append(index, p.Index)
	}
	require.Equal(t, []ParamKind{ParamDims, ParamInput, ParamInput, ParamOutput, ParamOutput, ParamOutput, ParamOutput}, kinds)
	require.Equal(t, []int{0, 0, 1, 0, 1, 2, 3}, index)
	require.Contains(t, l.String(), "/last")
	res, err := kerneltest.CUDA(src.Code)
	require.NoError(t, err)
	ptx := string(res.Code)
	require.Contains(t, ptx, "atom.global.add.u32")
	require.Contains(t, ptx, "membar.gl")
}
