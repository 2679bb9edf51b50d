package cgen

import (
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// The selection kernels compile for both vendors for every element
// width and kind, for one rank to the most and every histogram copy
// count; complex elements and copy counts beyond the shared memory are
// refused.
func TestSelectKernelsCompile(t *testing.T) {
	type variant struct {
		dt             dtype.DType
		nranks, copies int
	}
	var cuda []variant
	for _, dt := range []dtype.DType{dtype.Bool, dtype.Int16, dtype.Uint32, dtype.Int64, dtype.Float16, dtype.Float32, dtype.Float64} {
		cuda = append(cuda, variant{dt, 3, SelectCopies(3, 8)})
	}
	for _, nranks := range []int{1, 3, 5, SelectMaxRanks} {
		for _, copies := range []int{1, 4, 8, 16, 32} {
			cuda = append(cuda, variant{dtype.Float32, nranks, SelectCopies(nranks, copies)})
		}
	}
	hip := []variant{{dtype.Int16, 3, 8}, {dtype.Float32, 3, 8}, {dtype.Float64, SelectMaxRanks, 1}}
	t.Run("cuda", func(t *testing.T) {
		kerneltest.NeedNVRTC(t)
		for _, v := range cuda {
			code, err := RenderSelect(v.dt, v.nranks, v.copies)
			require.NoError(t, err)
			require.NoError(t, kerneltest.CompileCUDA(code), "%+v", v)
		}
	})
	t.Run("hip", func(t *testing.T) {
		kerneltest.NeedHIPRTC(t)
		for _, v := range hip {
			code, err := RenderSelect(v.dt, v.nranks, v.copies)
			require.NoError(t, err)
			_, err = kerneltest.HIP(code, "gfx90a")
			require.NoError(t, err, "%+v", v)
		}
	})
	_, err := RenderSelect(dtype.Complex64, 1, 1)
	require.ErrorContains(t, err, "select")
	_, err = RenderSelect(dtype.Float32, SelectMaxRanks, 32)
	require.ErrorContains(t, err, "copies")
	require.Equal(t, 8, SelectCopies(3, 8))
	require.Equal(t, 4, SelectCopies(3, 5), "a power of two")
	require.Equal(t, 2, SelectCopies(SelectMaxRanks, 32), "within the shared memory")
	require.Equal(t, 1, SelectCopies(1, 0))
}
