package array

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// stressIterations is how many chains each goroutine of TestStressLifetime
// runs: enough that garbage collections land inside operations many times.
func stressIterations() int {
	if testing.Short() {
		return 300
	}
	return 2000
}

// TestStressLifetime runs chains of operations from many goroutines on
// their own temporaries and on arrays shared read-only between them, while
// another goroutine forces garbage collections. Every value is checked
// against a float64 reference: a buffer freed while an operation still
// uses it shows up as a wrong value or a "used after Free" error.
func TestStressLifetime(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		const n = 100
		shared := d.Arange(0, n, 1, Float32)    // 0..99, read by every goroutine
		sharedW := d.Linspace(0, 1, n, Float64) // weights for a dot product
		require.NoError(t, shared.Err())
		require.NoError(t, sharedW.Err())

		stop := make(chan struct{})
		var gcs atomic.Int64
		go func() {
			for {
				select {
				case <-stop:
					return
				default:
					runtime.GC()
					gcs.Add(1)
					time.Sleep(50 * time.Microsecond)
				}
			}
		}()
		defer close(stop)

		const goroutines = 16
		iters := stressIterations()
		var wrong, failed atomic.Int64
		var firstErr atomic.Value
		var wg sync.WaitGroup
		start := time.Now()
		for g := range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				report := func(err error) {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
				for it := range iters {
					c := float64(g + it%7)
					// Own temporaries: sum((i + c) * 2) = 2*(n(n-1)/2 + n*c).
					s := d.Arange(0, n, 1, Float32).Add(float32(c)).Mul(2).Sum()
					got, err := Item[float32](s)
					if err != nil {
						report(err)
						continue
					}
					if want := 2 * (float64(n*(n-1))/2 + n*c); float64(got) != want {
						wrong.Add(1)
						firstErr.CompareAndSwap(nil, fmt.Errorf("goroutine %d: sum %v, want %v", g, got, want))
					}
					// Shared inputs, a view of one, a cast and a reduction:
					// sum(shared[::-1] * c) + dot(sharedW, shared).
					v := shared.Index(All.Step(-1)).Mul(float32(c)).AsType(Float64).Sum().Add(
						Dot(sharedW, shared.AsType(Float64)))
					gotV, err := Item[float64](v)
					if err != nil {
						report(err)
						continue
					}
					want := c * float64(n*(n-1)) / 2
					for i := range n {
						want += float64(i) / float64(n-1) * float64(i)
					}
					if math.Abs(gotV-want) > 1e-9*math.Abs(want) {
						wrong.Add(1)
						firstErr.CompareAndSwap(nil, fmt.Errorf("goroutine %d: shared chain %v, want %v", g, gotV, want))
					}
				}
			}()
		}
		wg.Wait()
		t.Logf("%d goroutines x %d iterations in %v, %d forced GCs: %d wrong values, %d errors",
			goroutines, iters, time.Since(start).Round(time.Millisecond), gcs.Load(), wrong.Load(), failed.Load())
		if err, _ := firstErr.Load().(error); err != nil {
			t.Fatalf("%d wrong values and %d errors; first: %v", wrong.Load(), failed.Load(), err)
		}
	})
}
