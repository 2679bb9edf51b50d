package array

import (
	"testing"

	"github.com/cugo/cugo/internal/nullgpu"
	"github.com/cugo/cugo/internal/race"
)

// smallExpr is the small_expr_1k workload, (a*2 + b).Sum() of 1024
// float32 with automatic fusion, on a GPU backend whose device does
// nothing.
func smallExpr(t testing.TB) (call func() error, dev *nullgpu.Device) {
	if FusionMode(fusionMode.Load()) == FusionOff {
		t.Skip("fusion is off")
	}
	b, dev := nullgpu.New()
	d := On(b)
	a, c := d.Empty(Float32, 1024), d.Empty(Float32, 1024)
	call = func() error {
		a2 := a.Mul(2)
		s := a2.Add(c)
		r := s.Sum()
		a2.Free()
		s.Free()
		defer r.Free()
		return r.Err()
	}
	if err := call(); err != nil {
		t.Fatal(err)
	}
	return call, dev
}

// (a*2 + b).Sum() of small contiguous float32 arrays queues exactly one
// kernel: the pending a*2 + b folds into the sum's, and nothing copies,
// synchronises or goes to the device's allocator.
func TestSmallExprOneLaunch(t *testing.T) {
	call, dev := smallExpr(t)
	dev.Reset()
	for range 10 {
		if err := call(); err != nil {
			t.Fatal(err)
		}
	}
	if n := dev.Launches.Load(); n != 10 {
		t.Errorf("%d launches for 10 expressions, want 10", n)
	}
	if n := dev.Allocs.Load() + dev.Copies.Load() + dev.Syncs.Load(); n != 0 {
		t.Errorf("%d allocations, copies or syncs, want none", n)
	}
	if race.Enabled {
		return
	}
	if n := testing.AllocsPerRun(1000, func() { _ = call() }); n > smallExprAllocs {
		t.Errorf("%v heap allocations per expression, want at most %d", n, smallExprAllocs)
	}
}

// smallExprAllocs bounds the Go heap allocations of one small_expr_1k
// expression: two pending arrays and their expressions, the result.
const smallExprAllocs = 100

// BenchmarkSmallExpr is the host cost of small_expr_1k's expression.
func BenchmarkSmallExpr(b *testing.B) {
	call, _ := smallExpr(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := call(); err != nil {
			b.Fatal(err)
		}
	}
}
