package array

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/stretchr/testify/require"
)

// streamChain is the work each stream runs: 2 sin(x) + x² - 1, summed.
func streamChain(x *Array) (*Array, *Array) {
	y := Sin(x).Mul(2).Add(Square(x)).Sub(1)
	return y, y.Sum()
}

// requireChain checks y and its sum against the chain computed in float64
// on the host from data (float32 arrays: relative tolerance 1e-5).
func requireChain(t *testing.T, data []float32, y, sum *Array) {
	t.Helper()
	got, err := ToSlice[float32](y)
	require.NoError(t, err)
	var want float64
	for i, v := range data {
		w := 2*math.Sin(float64(v)) + float64(v)*float64(v) - 1
		want += w
		require.InDelta(t, w, float64(got[i]), 1e-5*(1+math.Abs(w)), "element %d", i)
	}
	s, err := Item[float32](sum)
	require.NoError(t, err)
	require.InDelta(t, want, float64(s), 1e-4*(1+math.Abs(want)))
}

// checkStreams runs two chains on two streams of dev, then one operation
// across them, and checks events and values.
func checkStreams(t *testing.T, dev *Device, n int) {
	r := rand.New(rand.NewPCG(20, 6))
	s1, err := dev.NewStream()
	require.NoError(t, err)
	s2, err := dev.NewStream()
	require.NoError(t, err)
	defer func() { require.NoError(t, s1.Close()); require.NoError(t, s2.Close()) }()

	d1, d2 := randomF32(r, n), randomF32(r, n)
	start, err := s1.Record()
	require.NoError(t, err)
	x1, x2 := FromSliceOn(s1, d1), FromSliceOn(s2, d2)
	y1, sum1 := streamChain(x1)
	y2, sum2 := streamChain(x2)
	require.Equal(t, rootOf(s1.Backend()), rootOf(y1.Backend()))
	require.Same(t, s2.Backend(), y2.Backend(), "an operation runs on its first operand's stream")
	end, err := s1.Record()
	require.NoError(t, err)

	// Across the streams: y1, written on s1, is read on s2 after the writes.
	z := y2.Add(y1)
	require.Same(t, s2.Backend(), z.Backend())
	zs, err := ToSlice[float32](z)
	require.NoError(t, err)
	for i := range n {
		w := 2*math.Sin(float64(d1[i])) + float64(d1[i])*float64(d1[i]) - 1 +
			2*math.Sin(float64(d2[i])) + float64(d2[i])*float64(d2[i]) - 1
		require.InDelta(t, w, float64(zs[i]), 1e-5*(1+math.Abs(w)), "element %d", i)
	}

	// Onto a stream: a copy whose operations run there.
	w := y1.To(s2.Backend())
	require.Same(t, s2.Backend(), w.Backend())
	ws, err := ToSlice[float32](w.Sub(y1))
	require.NoError(t, err)
	require.Equal(t, make([]float32, n), ws)

	require.NoError(t, s1.Sync())
	require.NoError(t, s2.Wait(end))
	require.NoError(t, end.Sync())
	elapsed, err := start.Elapsed(end)
	require.NoError(t, err)
	require.GreaterOrEqual(t, elapsed, time.Duration(0))
	requireChain(t, d1, y1, sum1)
	requireChain(t, d2, y2, sum2)
}

// TestStreamsOnCPU: on the CPU a stream is the backend itself; the same
// program runs and its events are host times.
func TestStreamsOnCPU(t *testing.T) {
	dev := On(cpu.New(2))
	for _, n := range []int{0, 1, 1000, 70_000} {
		checkStreams(t, dev, n)
	}
	s, err := dev.NewStream()
	require.NoError(t, err)
	require.Same(t, dev.Backend(), s.Backend())
}

// TestStreamErrors: misuse is an error, never a panic.
func TestStreamErrors(t *testing.T) {
	var nilDev *Device
	_, err := nilDev.NewStream()
	require.ErrorIs(t, err, ErrNilDevice)
	require.ErrorIs(t, nilDev.Sync(), ErrNilDevice)
	_, err = nilDev.Record()
	require.ErrorIs(t, err, ErrNilDevice)
	require.ErrorIs(t, nilDev.Close(), ErrNilDevice)

	a, b := On(cpu.New(1)), On(cpu.New(1))
	require.ErrorContains(t, a.Wait(nil), "nil *Event")
	e, err := b.Record()
	require.NoError(t, err)
	require.ErrorContains(t, a.Wait(e), "another device")
	f, err := a.Record()
	require.NoError(t, err)
	_, err = f.Elapsed(e)
	require.ErrorContains(t, err, "two devices")
	_, err = f.Elapsed(nil)
	require.ErrorContains(t, err, "nil *Event")
	var nilEvent *Event
	require.ErrorContains(t, nilEvent.Sync(), "nil *Event")
	require.NoError(t, a.Close(), "closing a CPU device does nothing")
}

// gpuStreams returns the shared backend of GPU 0 of the default kind.
func gpuStreams(t *testing.T) *Device {
	b, err := backend.Open("cuda", 0)
	if err != nil && !gputest.Required("cuda") {
		if hb, herr := backend.Open("hip", 0); herr == nil {
			return On(hb)
		}
	}
	gputest.Need(t, "cuda", err)
	return On(b)
}

// TestStreamsOnGPU: two chains on two streams of a GPU, an operation
// across them, events; sizes crossing the vector, tail and multi-block
// paths.
func TestStreamsOnGPU(t *testing.T) {
	dev := gpuStreams(t)
	for _, n := range []int{1, 1000, 1 << 20, 1<<22 + 3} {
		checkStreams(t, dev, n)
	}
}

// TestClosedStreamOnGPU: a closed stream's operations fail with a clear
// error; its arrays are still operands of other streams' operations.
func TestClosedStreamOnGPU(t *testing.T) {
	dev := gpuStreams(t)
	s, err := dev.NewStream()
	require.NoError(t, err)
	x := s.Arange(0, 1000, 1, Float32)
	require.NoError(t, s.Close())
	require.ErrorContains(t, x.Add(1).Err(), "closed stream")
	y := dev.Zeros(Float32, 1000).Add(x)
	got, err := ToSlice[float32](y)
	require.NoError(t, err)
	for i, v := range got {
		require.Equal(t, float32(i), v)
	}
	require.ErrorContains(t, dev.Close(), "default stream cannot be closed")
}
