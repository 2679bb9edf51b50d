package cgen

import (
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// userReductions are CuPy's L2 norm (a post-map, a placeholder) and a
// count above a scalar threshold (int64 accumulator, a preamble, no
// post-map) and a dot of two inputs, each in every layout of the
// built-in reductions.
func userReductions() []ReductionUnit {
	f, d := dtype.Float32, dtype.Float64
	l2 := &ir.Reduction{Input: f, Combine: ir.SumOf, Acc: f, Out: f, C: &ir.CReduction{
		Name: "l2norm", In: ir.CParam{Name: "x", DType: f}, Out: ir.CParam{Name: "y", DType: f},
		Types: []ir.CParam{{Name: "T", DType: f}},
		Map:   "x * x", Reduce: "a + b", Post: "y = sqrt(a)", Identity: "0"}}
	count := &ir.Reduction{Input: d, Scalars: []dtype.DType{d}, Combine: ir.SumOf, Acc: dtype.Int64, Out: dtype.Int64,
		C: &ir.CReduction{Name: "above", In: ir.CParam{Name: "x", DType: d}, Scalars: []ir.CParam{{Name: "t", DType: d}},
			Out: ir.CParam{Name: "n", DType: dtype.Int64}, Preamble: "__device__ bool over(double v, double t) { return v > t; }",
			Map: "over(x, t) ? 1 : 0", Reduce: "a + b", Identity: "0"}}
	dot := &ir.Reduction{Input: f, More: []dtype.DType{d}, Combine: ir.SumOf, Acc: d, Out: d, C: &ir.CReduction{
		Name: "dot", In: ir.CParam{Name: "x", DType: f}, More: []ir.CParam{{Name: "y", DType: d}}, Out: ir.CParam{Name: "z", DType: d},
		Map: "x * y", Reduce: "a + b", Identity: "0"}}
	var us []ReductionUnit
	for _, r := range []*ir.Reduction{l2, count, dot} {
		for _, u := range sampleReductions() {
			if u.Layout.Kind != ScanRows {
				us = append(us, ReductionUnit{r, u.Layout})
			}
		}
	}
	return us
}

func TestUserReductionsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	srcs, err := RenderReductions(userReductions(), CUDA)
	require.NoError(t, err)
	_, err = kerneltest.CUDA(srcs[0].Code)
	require.NoError(t, err)
}

func TestUserReductionsCompileForHIP(t *testing.T) {
	kerneltest.NeedHIPRTC(t)
	srcs, err := RenderReductions(userReductions(), HIP)
	require.NoError(t, err)
	_, err = kerneltest.HIP(srcs[0].Code, "gfx90a")
	require.NoError(t, err)
}

func TestUserReductionRefusals(t *testing.T) {
	f := dtype.Float32
	base := func() *ir.Reduction {
		return &ir.Reduction{Input: f, Combine: ir.SumOf, Acc: f, Out: f, C: &ir.CReduction{
			Name: "r", In: ir.CParam{Name: "x", DType: f}, Out: ir.CParam{Name: "y", DType: f},
			Map: "x", Reduce: "a + b", Identity: "0"}}
	}
	l := ReduceLayout{Kind: ReduceRows, RedDims: 1}
	for want, change := range map[string]func(r *ir.Reduction){
		"no Pre":                  func(r *ir.Reduction) { r.Pre = ir.In(0, f) },
		"combine sum":             func(r *ir.Reduction) { r.Combine = ir.MaxOf },
		"do not take complex64":   func(r *ir.Reduction) { r.Acc, r.C.Out.DType, r.Out = dtype.Complex64, dtype.Complex64, dtype.Complex64 },
		"do not accumulate in":    func(r *ir.Reduction) { r.Acc = dtype.Float16 },
		"needs map, reduce":       func(r *ir.Reduction) { r.C.Identity = "" },
		"scalar names":            func(r *ir.Reduction) { r.Scalars = []dtype.DType{f} },
		"the reduction's float32": func(r *ir.Reduction) { r.C.In.DType = dtype.Float64 },
		"not a C identifier":      func(r *ir.Reduction) { r.C.Name = "a b" },
		"a name per input":        func(r *ir.Reduction) { r.More = []dtype.DType{f} },
		"inputs after the first": func(r *ir.Reduction) {
			r.More, r.C.More = []dtype.DType{f}, []ir.CParam{{Name: "z", DType: dtype.Float64}}
		},
	} {
		r := base()
		change(r)
		_, err := RenderReduction(r, l, CUDA)
		require.ErrorContains(t, err, want)
	}
	_, err := RenderReduction(base(), ReduceLayout{Kind: ScanRows, KeptDims: 1}, CUDA)
	require.ErrorContains(t, err, "not a scan")
}
