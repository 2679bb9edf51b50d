package array

import (
	"bytes"
	"fmt"
	"math"
	"testing"
	"time"

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

// A diagonal offset whose matrix size overflows or passes memory is an
// error of Diag and Diagflat.
func TestDiagHugeOffset(t *testing.T) {
	v := smallDevice().Arange(1, 4, 1, Float64)
	for _, k := range []int{1 << 40, math.MaxInt, math.MinInt, -(1 << 40)} {
		require.Error(t, Diag(v, k).Err(), "k=%d", k)
		require.Error(t, Diagflat(v, k).Err(), "k=%d", k)
	}
	require.EqualError(t, Diag(v, math.MinInt).Err(), fmt.Sprintf("Diag: diagonal %d is out of range", math.MinInt))
	require.ErrorContains(t, Diag(v, 1<<20).Err(), "Diag: Zeros: cpu: out of memory")
}

// Diff of an order past the axis length stops once the axis is empty
// instead of looping order times; the result is NumPy's empty array.
func TestDiffHugeOrder(t *testing.T) {
	a := Arange(0, 12, 1, Int32).Reshape(3, 4)
	done := make(chan *Array, 1)
	go func() { done <- Diff(a, math.MaxInt, 1) }()
	select {
	case d := <-done:
		require.NoError(t, d.Err())
		require.Equal(t, []int{3, 0}, d.Shape())
		require.Equal(t, Int32, d.DType())
	case <-time.After(10 * time.Second):
		t.Fatal("Diff(a, MaxInt, 1) did not return")
	}
	got, err := ToSlice[int32](Diff(a, 2, 1))
	require.NoError(t, err)
	require.Equal(t, []int32{0, 0, 0, 0, 0, 0}, got)
}

// Unusable histogram weights are an error of the histogram.
func TestHistogramBadWeights(t *testing.T) {
	a := Arange(0, 6, 1, Float64)
	freed := Ones(Float64, 6)
	freed.Free()
	for _, w := range []*Array{freed, Zeros(Float64, -1)} {
		h, _ := Histogram(a, 3, HistWeights(w))
		require.Error(t, h.Err())
		require.Error(t, HistogramEdges(a, Arange(0, 7, 3, Float64), HistWeights(w)).Err())
	}
	h, _ := Histogram(a, 3, HistWeights(freed))
	require.EqualError(t, h.Err(), "Histogram: array: use of a freed array")
}

// Zero values, nil receivers and nil readers or writers are errors.
func TestNilAndZeroValues(t *testing.T) {
	var nilDev *Device
	require.ErrorIs(t, nilDev.Wrap(0, Float64, []int{1}, nil).Err(), ErrNilDevice)
	_, err := nilDev.LoadNpz(bytes.NewReader(nil), 0)
	require.ErrorIs(t, err, ErrNilDevice)
	require.EqualError(t, (&Fused{}).Call(1.0).Err(), "Fused: a zero Fused (make one with Fuse)")
	var nilRed *FusedReduction
	require.ErrorContains(t, nilRed.Call(1.0).Err(), "nil or zero FusedReduction")
	require.ErrorContains(t, (&FusedReduction{}).Call(1.0).Err(), "nil or zero FusedReduction")
	require.EqualError(t, Load(nil).Err(), "Load: npy: nil reader")
	_, err = ReadNpy(nil)
	require.EqualError(t, err, "npy: nil reader")
	_, err = LoadNpz(nil, 1)
	require.EqualError(t, err, "LoadNpz: nil reader")
	require.EqualError(t, WriteNpy(nil, Float64, []int{0}, nil), "npy: nil writer")
	require.ErrorContains(t, Ones(Float64, 2).Save(nil), "nil writer")
	require.EqualError(t, SaveNpz(nil, nil), "SaveNpz: nil writer")
	require.EqualError(t, SaveNpzCompressed(nil, nil), "SaveNpzCompressed: nil writer")
	var nilData *NpyData
	require.Nil(t, nilData.Strides())
}
