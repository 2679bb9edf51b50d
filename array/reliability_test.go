package array

import (
	"bytes"
	"errors"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/layout"
	"github.com/cugo/cugo/internal/race"
	"github.com/stretchr/testify/require"
)

// TestAllocationFailureIsAnError checks that requests past the CPU
// backend's memory, or past what an int counts, are errors, not crashes.
func TestAllocationFailureIsAnError(t *testing.T) {
	b := cpu.New(1)
	d := On(b)
	for _, c := range []struct {
		name string
		a    *Array
		msg  string
	}{
		{"4 TiB", d.Zeros(Float32, 1<<40), "Zeros: cpu: out of memory: 4.0 TiB would pass the CPU backend's limit"},
		{"2^60 elements", d.Zeros(Float32, 1<<60), "Zeros: cpu: out of memory: 4.0 EiB"},
		{"bytes past int", d.Empty(Float64, 1<<61), "Empty: array is too big"},
		{"ones", d.Ones(Complex128, 1<<40, 1<<10), "Ones: cpu: out of memory"},
	} {
		require.ErrorContains(t, c.a.Err(), c.msg, c.name)
	}
	_, _, err := Pinned[float64](d, 1<<61)
	require.ErrorContains(t, err, "Pinned: array is too big")
	_, _, err = Pinned[float64](d, 1<<50)
	require.ErrorContains(t, err, "Pinned: 8.0 PiB is more than the backend's memory limit")

	// The limit is settable, with the numbers in the error.
	b.SetMemoryLimit(1 << 20)
	require.ErrorContains(t, d.Zeros(Float64, 1<<18).Err(), "2.0 MiB would pass the CPU backend's limit of 1.0 MiB")
	keep := d.Zeros(Float64, 1<<16) // 512 KiB, kept
	require.NoError(t, keep.Err())
	require.ErrorContains(t, d.Zeros(Float64, 1<<16+1024).Err(), "in use by arrays")
	keep.Free()
	require.NoError(t, d.Zeros(Float64, 1<<16+1024).Err())
	b.SetMemoryLimit(0)
	require.Greater(t, b.MemoryLimit(), int64(1<<20))
}

// TestOverflowingShapesAreRefused checks shapes whose element count an
// int cannot hold, whatever the axis order.
func TestOverflowingShapesAreRefused(t *testing.T) {
	d := On(cpu.New(1))
	for _, c := range []struct {
		name string
		a    *Array
	}{
		{"zero first", d.Zeros(Float32, 0, 1<<62+1, 4)},
		{"zero last", d.Zeros(Float32, 1<<62+1, 4, 0)},
		{"zero then reduced", d.Zeros(Float32, 0, 1<<62+1, 4).Sum(Axis(0))},
		{"broadcast", d.Zeros(Float32, 1).BroadcastTo(1<<62, 4)},
		{"broadcast with zero", d.Zeros(Float32, 0, 1).BroadcastTo(0, 1<<62, 4)},
		{"reshape", d.Zeros(Float32, 0).Reshape(0, 1<<62, 4)},
		{"broadcast operands", d.Zeros(Float32, 1, 1).BroadcastTo(1<<31, 1).Add(d.Zeros(Float32, 1, 1).BroadcastTo(1, 1<<33))},
	} {
		err := c.a.Err()
		require.Error(t, err, c.name)
		require.True(t, errors.Is(err, layout.ErrTooBig) || bytes.Contains([]byte(err.Error()), []byte("cannot reshape")), "%s: %v", c.name, err)
		require.Zero(t, c.a.Size(), c.name)
	}
	require.NoError(t, d.Zeros(Float32, 1).BroadcastTo(1<<40, 4).Err(), "a large broadcast view that fits is fine")
	require.Equal(t, 1<<42, d.Zeros(Float32, 1).BroadcastTo(1<<40, 4).Size())
}

// TestMemoryWithoutFreeStaysBounded allocates far more than it keeps,
// without Free: the Go heap must stay near what a few iterations hold, and
// the bytes the backend counts must come back once the GC has run.
func TestMemoryWithoutFreeStaysBounded(t *testing.T) {
	b := cpu.New(2)
	d := On(b)
	const n = 1 << 20 // 4 MiB float32 arrays
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	for range 600 {
		x := d.Zeros(Float32, n).Add(1)
		require.NoError(t, x.Err())
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64())
	}
	t.Logf("4.8 GB allocated in 600 iterations: peak Go heap %d MiB", peak>>20)
	// The GC runs when the heap doubles: a few iterations' worth.
	require.Less(t, peak, uint64(1<<30))
	deadline := time.Now().Add(10 * time.Second)
	for b.MemoryInUse() > 0 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	require.Zero(t, b.MemoryInUse(), "bytes counted for unreachable arrays")
}

// TestFreeRacingWithOperations frees arrays while other goroutines use
// them: every operation either succeeds with the right values or fails
// with ErrFreed; nothing crashes, and the race detector sees no race.
func TestFreeRacingWithOperations(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		rounds := 200
		if race.Enabled {
			rounds = 50
		}
		for range rounds {
			a := d.Arange(0, 4096, 1, Float64)
			require.NoError(t, a.Err())
			view := a.Index(S(0, 2048))
			var wg sync.WaitGroup
			for g := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var s *Array
					if g%2 == 0 {
						s = a.Mul(2).Sum()
					} else {
						s = view.Add(view).Sum()
					}
					v, err := Item[float64](s)
					switch {
					case err != nil:
						require.ErrorIs(t, err, ErrFreed)
					case g%2 == 0:
						require.Equal(t, float64(4095*4096), v)
					default:
						require.Equal(t, float64(2047*2048), v)
					}
				}()
			}
			a.Free()
			wg.Wait()
			require.ErrorIs(t, view.Err(), ErrFreed)
		}
	})
}

// TestNilReceivers checks that nil *Device, *Fused and *Array values give
// errors rather than panics.
func TestNilReceivers(t *testing.T) {
	var d *Device
	for _, a := range []*Array{d.Zeros(Float32, 2), d.Ones(Float32, 2), d.Empty(Float32, 2), d.Full(Float32, 1.0, 2),
		d.Arange(0, 3, 1, Float32), d.Linspace(0, 1, 3, Float32), d.Eye(2, 2, 0, Float32), d.Identity(2, Float32),
		d.Scalar(1.0), d.Load(bytes.NewReader(nil)), FromSliceOn(d, []float32{1})} {
		require.ErrorIs(t, a.Err(), ErrNilDevice)
	}
	require.Nil(t, d.Backend())
	_, _, err := Pinned[float32](d, 4)
	require.ErrorIs(t, err, ErrNilDevice)

	var f *Fused
	require.ErrorIs(t, f.Call(1.0).Err(), ErrNil)
	require.ErrorIs(t, f.Into(Zeros(Float32, 1), 1.0).Err(), ErrNil)
	require.ErrorIs(t, f.Err(), ErrNil)

	var a *Array
	require.ErrorIs(t, a.Add(1).Err(), ErrNil)
	require.ErrorIs(t, Zeros(Float32, 2).Add(a).Err(), ErrNil)
	a.Free()
	require.Equal(t, "", a.String()[:0])
}

// TestSoakWithoutFreeOnGPU makes 10^4 arrays on each GPU without Free,
// ten times the device's memory in all, and checks every sum: memory comes
// back through the buffers' cleanups, and no buffer is reused while
// another array still reads it. (The device's free memory afterwards is
// checked by backend/gpu's TestSoakWithoutFree.)
func TestSoakWithoutFreeOnGPU(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		dev := d.Backend().Device()
		if dev.Memory == 0 {
			t.Skip("no device memory to exhaust (TestMemoryWithoutFreeStaysBounded covers the CPU)")
		}
		n := int(dev.Memory / 4 / 1000)
		for i := range 10000 {
			v := int32(i%97 - 48)
			got, err := Item[int64](d.Full(Int32, v, n).Sum())
			require.NoError(t, err, "array %d", i)
			require.Equal(t, int64(v)*int64(n), got, "array %d", i)
		}
	})
}

// TestIscloseScalarStaysOnTheArraysDevice: a Go number given to Isclose
// or Allclose is used on the array's device, not the default one.
func TestIscloseScalarStaysOnTheArraysDevice(t *testing.T) {
	d := On(cpu.New(1)) // not the default device's backend
	x := FromSliceOn(d, []float32{1, 1.5, 2})
	got, err := ToSlice[bool](Isclose(x, 1.5, 1e-5, 1e-8, false))
	require.NoError(t, err)
	require.Equal(t, []bool{false, true, false}, got)
	ok, err := Allclose(1.0, d.Ones(Float64, 3), 0, 0, false)
	require.NoError(t, err)
	require.True(t, ok)
}
