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

// A parameter name used twice, or one the elementwise body already
// defines, is an error of the constructor rather than C that does not
// compile at the first launch.
func TestParameterNamesClash(t *testing.T) {
	_, err := kernel.NewElementwise("T x, T x", "T z", "z = x", "k")
	require.EqualError(t, err, "kernel k: parameter name x is used twice")
	_, err = kernel.NewElementwise("T x", "T x", "x = x", "k")
	require.EqualError(t, err, "kernel k: parameter name x is used twice")
	_, err = kernel.NewReduction("T x, T x", "T y", "x", "a + b", "y = a", "0", "r")
	require.EqualError(t, err, "kernel r: parameter name x is used twice")
	for _, name := range []string{"i", "_ind"} {
		_, err = kernel.NewElementwise("float32 "+name, "float32 z", "z = 1", "k")
		require.EqualError(t, err, "kernel k: parameter name "+name+" is reserved")
	}
	_, err = kernel.NewElementwise("T x, T y", "T z", "z = x + y", "k")
	require.NoError(t, err)
}
