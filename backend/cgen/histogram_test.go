package cgen

import (
	"fmt"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// The histogram kernels compile for both vendors with every count of
// copies of the bins, and the dtypes and copies they do not take are
// refused.
func TestHistogramKernelsCompile(t *testing.T) {
	histogram := func(dt dtype.DType, copies int) testModule {
		return testModule{fmt.Sprintf("%v, %d copies", dt, copies), func() (string, error) { return RenderHistogram(dt, copies) }}
	}
	// the dtypes differ only in the element's C type: one of each kind
	var cuda []testModule
	for i, dt := range []dtype.DType{dtype.Int8, dtype.Uint64, dtype.Float32, dtype.Float64} {
		cuda = append(cuda, histogram(dt, 1<<i))
	}
	for _, copies := range []int{2, 16, 32} {
		cuda = append(cuda, histogram(dtype.Float32, copies))
	}
	compileModules(t, cuda, []testModule{histogram(dtype.Int64, 8), histogram(dtype.Float32, 1)})
	for _, dt := range []dtype.DType{dtype.Bool, dtype.Float16, dtype.BFloat16, dtype.Complex64} {
		_, err := RenderHistogram(dt, 1)
		require.ErrorContains(t, err, "histogram", "%v", dt)
	}
	for _, copies := range []int{0, 33} {
		_, err := RenderHistogram(dtype.Float32, copies)
		require.ErrorContains(t, err, "copies")
	}
}
