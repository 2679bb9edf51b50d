package cgen

import (
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/stretchr/testify/require"
)

// A first pass of a reduction of several inputs takes their pointers
// after in_i, in order; its Finish pass reads partials only.
func TestReductionOfSeveralInputsParams(t *testing.T) {
	f, d := dtype.Float32, dtype.Float64
	r := &ir.Reduction{Input: f, More: []dtype.DType{d, f}, Combine: ir.SumOf, Acc: d, Out: d,
		Pre: ir.Apply(ir.Mul, d, ir.To(ir.In(0, f), d), ir.Apply(ir.Add, d, ir.In(1, d), ir.To(ir.In(2, f), d)))}
	inputs := func(s *ReduceSource) []int {
		var idx []int
		for _, p := range s.Params {
			if p.Kind == ParamInput {
				idx = append(idx, p.Index)
			}
		}
		return idx
	}
	first, err := RenderReduction(r, ReduceLayout{Kind: ReduceRows, Block: true, Vec: true, RedDims: 1, Partial: true}, CUDA)
	require.NoError(t, err)
	require.Equal(t, []int{0, 1, 2, 3}, inputs(first))
	require.Contains(t, first.Code, "const double *__restrict__ in1, const float *__restrict__ in2")
	fin, err := RenderReduction(r, ReduceLayout{Kind: ReduceRows, Block: true, Finish: true}, CUDA)
	require.NoError(t, err)
	require.Equal(t, []int{0, 1}, inputs(fin))

	_, err = RenderReduction(r, ReduceLayout{Kind: ScanRows, KeptDims: 1}, CUDA)
	require.ErrorContains(t, err, "a scan reads one input")
	bad := *r
	bad.More = []dtype.DType{d}
	_, err = RenderReduction(&bad, ReduceLayout{Kind: ReduceRows, RedDims: 1}, CUDA)
	require.Error(t, err, "Pre reads an input the reduction lacks")
}
