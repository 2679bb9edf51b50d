package array

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The reductions that do not take initial= or where= refuse them rather
// than ignore them; the values of those that do are in TestSweepNumPy.
func TestReductionsRefuseWhereAndInitial(t *testing.T) {
	x := Arange(0, 6, 1, Float64).Reshape(2, 3)
	where := WithWhere(FromSlice([]bool{true, false, true}))
	initial := WithInitial(1)
	for name, r := range map[string]*Array{
		"NanMean": NanMean(x, initial), "NanVar": NanVar(x, initial), "NanStd": NanStd(x, initial),
		"CountNonzero": CountNonzero(x, where), "CumSum": CumSum(x, Axis(0), where), "ArgMax": ArgMax(x, initial),
		"Average": Average(x, nil, where), "Mean": Mean(x, initial), "AllTrue": AllTrue(x, initial),
		"Var": Var(x, initial), "Max": Max(x, where),
	} {
		require.Error(t, r.Err(), name)
	}
	require.ErrorContains(t, Sum(x, WithWhere(FromSlice([]int64{1, 0, 1}))).Err(), "Cannot cast array data from dtype('int64') to dtype('bool')")
	require.ErrorContains(t, Sum(x, WithWhere(Ones(Bool, 2, 2, 3))).Err(), "does not broadcast to the input's shape (2,3)")
	require.ErrorContains(t, Sum(x, where, Out(Zeros(Float64, 3))).Err(), "output has shape (3,), the result has shape ()")
}
