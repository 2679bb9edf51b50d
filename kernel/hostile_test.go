package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/kernel"
)

// Calling a nil kernel, or an Elementwise that NewElementwise did not
// make, is an error.
func TestNilAndZeroKernels(t *testing.T) {
	x := array.Ones(array.Float32, 3)
	var ew *kernel.Elementwise
	require.ErrorContains(t, ew.Call(x, x).Err(), "nil or zero Elementwise")
	_, err := ew.Outputs(x, x)
	require.ErrorContains(t, err, "nil or zero Elementwise")
	require.ErrorContains(t, (&kernel.Elementwise{}).Call(x, x).Err(), "nil or zero Elementwise")
	_, err = (&kernel.Elementwise{}).Outputs(x)
	require.ErrorContains(t, err, "nil or zero Elementwise")
	var red *kernel.Reduction
	require.ErrorContains(t, red.Call(x).Err(), "nil Reduction")
	var raw *kernel.Raw
	require.ErrorContains(t, raw.Launch(kernel.Config{Grid: kernel.Dim{X: 1}, Block: kernel.Dim{X: 1}}, x), "nil Raw")
}
