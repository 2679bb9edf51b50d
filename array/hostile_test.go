package array

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/backend/cpu"
)

// smallDevice is a CPU device whose backend holds at most 1 MiB.
func smallDevice() *Device {
	b := cpu.New(1)
	b.SetMemoryLimit(1 << 20)
	return On(b)
}

// Creations that fill a host buffer first fail with the backend's error
// for a size past memory, rather than exhausting the process.
func TestCreationPastMemory(t *testing.T) {
	d := smallDevice()
	for name, a := range map[string]*Array{
		"Arange":    d.Arange(0, 1<<40, 1, Float64),
		"Linspace":  d.Linspace(0, 1, 1<<40, Float64),
		"Logspace":  d.Logspace(0, 1, 1<<40, 10, Float64),
		"Geomspace": d.Geomspace(1, 2, 1<<40, Float64),
		"Eye":       d.Eye(1<<20, 1<<20, 0, Float64),
		"Identity":  d.Identity(1<<20, Float32),
	} {
		require.ErrorContains(t, a.Err(), "out of memory", name)
	}
	// Within the limit they still fill their values.
	got, err := ToSlice[float64](d.Eye(2, 3, 1, Float64))
	require.NoError(t, err)
	require.Equal(t, []float64{0, 1, 0, 0, 0, 1}, got)
}

// Reading a broadcast view too large for memory to the host is an error.
func TestHostReadOfViewPastMemory(t *testing.T) {
	huge := smallDevice().Scalar(1.0).BroadcastTo(1<<20, 1<<20)
	_, err := ToSlice[float64](huge)
	require.ErrorContains(t, err, "out of memory")
	require.ErrorContains(t, huge.Save(&bytes.Buffer{}), "out of memory")
	_, err = ToDense(huge)
	require.ErrorContains(t, err, "out of memory")
}

// A number of sections far past the axis length is an error, not a slice
// of that many empty arrays; a few past it still give empty arrays.
func TestArraySplitTooManySections(t *testing.T) {
	a := Arange(0, 3, 1, Float64)
	_, err := ArraySplit(a, 1<<40, 0)
	require.EqualError(t, err, "ArraySplit: 1099511627776 sections of an axis of length 3: too many to return")
	_, err = Split(Zeros(Float64, 0), 1<<40, 0)
	require.ErrorContains(t, err, "too many to return")
	parts, err := ArraySplit(a, 5, 0)
	require.NoError(t, err)
	require.Len(t, parts, 5)
	require.Equal(t, []int{0}, parts[4].Shape())
}
