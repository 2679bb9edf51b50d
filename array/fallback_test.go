package array

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/loader"
)

// Without the CUDA and HIP libraries (Windows or linux/arm64 with no vendor
// stack, as in CI's emulated runs), arrays run on the CPU, and
// backend.Skipped says for each GPU stack every place its library was
// looked for.
func TestDefaultDeviceIsCPUWithoutGPULibraries(t *testing.T) {
	if os.Getenv("CUGO_BACKEND") != "" {
		t.Skip("CUGO_BACKEND chooses the backend")
	}
	if _, err := loader.Open(loader.CUDA); err == nil {
		t.Skip("the CUDA driver is installed here")
	}
	if _, err := loader.Open(loader.HIP); err == nil {
		t.Skip("the HIP runtime is installed here")
	}
	d := DefaultDevice()
	require.NoError(t, d.Err())
	require.Equal(t, "cpu", d.Backend().Device().Kind)

	skipped := backend.Skipped()
	require.Len(t, skipped, 2)
	for i, spec := range []*loader.Spec{loader.CUDA, loader.HIP} {
		require.ErrorIs(t, skipped[i], backend.ErrUnavailable)
		require.ErrorIs(t, skipped[i], loader.ErrNotFound)
		for _, path := range spec.Candidates() {
			require.Contains(t, skipped[i].Error(), path)
		}
	}

	got, err := ToSlice[float64](d.Arange(0, 4, 1, Float64).Mul(0.5))
	require.NoError(t, err)
	require.Equal(t, []float64{0, 0.5, 1, 1.5}, got)
}
