package cgen

import (
	"fmt"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// The selection kernels compile for both vendors for every element
// width and kind, for one rank to the most and every histogram copy
// count; complex elements and copy counts beyond the shared memory are
// refused.
func TestSelectKernelsCompile(t *testing.T) {
	selection := func(dt dtype.DType, nranks, copies int) testModule {
		return testModule{fmt.Sprintf("%v, %d ranks, %d copies", dt, nranks, copies), func() (string, error) { return RenderSelect(dt, nranks, copies) }}
	}
	var cuda []testModule
	for _, dt := range []dtype.DType{dtype.Bool, dtype.Int16, dtype.Uint32, dtype.Int64, dtype.Float16, dtype.Float32, dtype.Float64} {
		cuda = append(cuda, selection(dt, 3, SelectCopies(3, 8)))
	}
	for _, nranks := range []int{1, 3, 5, SelectMaxRanks} {
		for _, copies := range []int{1, 2, 4, 8, 16, 32} {
			cuda = append(cuda, selection(dtype.Float32, nranks, SelectCopies(nranks, copies)))
		}
	}
	compileModules(t, cuda, []testModule{selection(dtype.Int16, 3, 8), selection(dtype.Float32, 3, 8), selection(dtype.Float64, SelectMaxRanks, 1)})
	_, err := RenderSelect(dtype.Complex64, 1, 1)
	require.ErrorContains(t, err, "select")
	_, err = RenderSelect(dtype.Float32, SelectMaxRanks, 32)
	require.ErrorContains(t, err, "copies")
	require.Equal(t, 8, SelectCopies(3, 8))
	require.Equal(t, 4, SelectCopies(3, 5), "a power of two")
	require.Equal(t, 2, SelectCopies(SelectMaxRanks, 32), "within the shared memory")
	require.Equal(t, 1, SelectCopies(1, 0))
}
