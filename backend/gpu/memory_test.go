package gpu

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/cugo/cugo/internal/bytesize"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/internal/ir"
)

// allocators runs f on the shared backend (caching over the memory pool
// where the device has one: CUDA's H100 must) and on one whose caching
// allocator uses the plain allocator.
func allocators(t *testing.T, f func(t *testing.T, b *Backend)) {
	t.Run("pool", func(t *testing.T) {
		b := gpu(t)
		if _, ok := b.mem.backing.(poolAllocator); !ok && b.kind == "cuda" {
			t.Fatalf("the H100's backend allocates from %T, not the pool", b.mem.backing)
		}
		f(t, b)
	})
	t.Run("plain", func(t *testing.T) {
		shared := gpu(t)
		b, err := Open(shared.kind, 0, WithoutMemoryPool())
		gputest.Need(t, shared.kind, err)
		if _, ok := b.mem.backing.(plainAllocator); !ok {
			t.Fatalf("WithoutMemoryPool gave a %T", b.mem.backing)
		}
		f(t, b)
	})
}

func TestRoundTrip(t *testing.T) {
	allocators(t, func(t *testing.T, b *Backend) {
		r := rand.New(rand.NewPCG(1, 2))
		for _, n := range []int{1, 7, 4096, 1<<20 + 3, 64 << 20} {
			buf, err := b.Alloc(n)
			if err != nil {
				t.Fatal(err)
			}
			if buf.Size() != n {
				t.Errorf("Size() = %d, want %d", buf.Size(), n)
			}
			data := make([]byte, n)
			for i := range data {
				data[i] = byte(r.Uint32())
			}
			if err := b.Write(buf, 0, data); err != nil {
				t.Fatal(err)
			}
			got := make([]byte, n)
			if err := b.Read(got, buf, 0); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("%d bytes: the round trip changed them", n)
			}
			// a part, at an offset
			off := n / 3
			part := got[off : off+(n-off)/2]
			if err := b.Read(part, buf, off); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(part, data[off:off+len(part)]) {
				t.Errorf("%d bytes: reading %d at %d gave other bytes", n, len(part), off)
			}
			if err := b.Write(buf, n-1, []byte{1, 2}); err == nil {
				t.Errorf("%d bytes: a write past the end gives no error", n)
			}
			if err := b.Read(make([]byte, 1), buf, -1); err == nil {
				t.Errorf("%d bytes: a read at offset -1 gives no error", n)
			}
			b.Free(buf)
		}
		if err := b.Sync(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestZeroBytes(t *testing.T) {
	b := gpu(t)
	buf, err := b.Alloc(0)
	if err != nil {
		t.Fatal(err)
	}
	if buf.Size() != 0 {
		t.Errorf("Size() = %d", buf.Size())
	}
	if err := b.Write(buf, 0, nil); err != nil {
		t.Error(err)
	}
	if err := b.Read(nil, buf, 0); err != nil {
		t.Error(err)
	}
	if err := b.Write(buf, 0, []byte{1}); err == nil {
		t.Error("writing a byte into 0 bytes gives no error")
	}
	// an empty launch over 0-byte buffers
	f := dtype.Float32
	k := kernelOf([]dtype.DType{f}, nil, ir.Apply(ir.Neg, f, ir.In(0, f)))
	op := []backend.Operand{{Buf: buf, DType: f, Strides: []int{1}}}
	if err := b.Elementwise(k, []int{0}, op, op, nil); err != nil {
		t.Error(err)
	}
	if _, err := b.Alloc(-1); err == nil {
		t.Error("Alloc(-1) gives no error")
	}
	b.Free(buf)
	b.Free(buf)
	if err := b.Sync(); err != nil {
		t.Fatal(err)
	}
}

func TestFreeTwiceAndUseAfterFree(t *testing.T) {
	allocators(t, func(t *testing.T, b *Backend) {
		buf, err := b.Alloc(1024)
		if err != nil {
			t.Fatal(err)
		}
		b.Free(buf)
		b.Free(buf) // a no-op
		if err := b.Read(make([]byte, 4), buf, 0); err == nil || !strings.Contains(err.Error(), "freed") {
			t.Errorf("Read after Free: %v", err)
		}
		if err := b.Sync(); err != nil {
			t.Fatalf("Sync after a double Free: %v", err)
		}
		b.Free(nil)
		if err := b.Sync(); err == nil {
			t.Error("Free of a foreign buffer is not reported by Sync")
		}
	})
}

// Freed blocks are reused: a thousand alloc/free cycles leave the
// device's free memory where one cycle left it.
func TestPoolReuse(t *testing.T) {
	allocators(t, func(t *testing.T, b *Backend) {
		const n = 64 << 20
		cycle := func() {
			buf, err := b.Alloc(n)
			if err != nil {
				t.Fatal(err)
			}
			b.Free(buf)
		}
		cycle()
		if err := b.Sync(); err != nil {
			t.Fatal(err)
		}
		before, _, err := b.dev.MemInfo()
		if err != nil {
			t.Fatal(err)
		}
		for range 1000 {
			cycle()
		}
		if err := b.Sync(); err != nil {
			t.Fatal(err)
		}
		after, _, err := b.dev.MemInfo()
		if err != nil {
			t.Fatal(err)
		}
		if d := before - after; d > n {
			t.Errorf("free memory fell by %s over 1000 cycles of %s", bytesize.Format(int64(d)), bytesize.Format(n))
		}
	})
}

func TestCachingAllocatorReusesBlocks(t *testing.T) {
	allocators(t, func(t *testing.T, b *Backend) { cachingReuse(t, b) })
}

func cachingReuse(t *testing.T, b *Backend) {
	x, err := b.Alloc(1000)
	if err != nil {
		t.Fatal(err)
	}
	p := x.(*buffer).ptr
	b.Free(x)
	y, err := b.Alloc(1024) // the same 1 KiB class
	if err != nil {
		t.Fatal(err)
	}
	if y.(*buffer).ptr != p {
		t.Error("a freed block of the same size class was not reused")
	}
	b.Free(y)
	if err := b.mem.release(); err != nil {
		t.Fatal(err)
	}
}

// Asking for more than the device has fails clearly, wrapping the
// vendor's out-of-memory error, and leaves the backend working.
func TestOutOfMemory(t *testing.T) {
	allocators(t, func(t *testing.T, b *Backend) {
		n := int(b.Device().Memory) + 1<<30
		_, err := b.Alloc(n)
		if !errors.Is(err, driver.ErrOutOfMemory) && !errors.Is(err, hip.ErrOutOfMemory) || !b.dev.IsOutOfMemory(err) {
			t.Fatalf("Alloc(%d) = %v, want ErrOutOfMemory", n, err)
		}
		msg := err.Error()
		for _, want := range []string{b.kind + ": out of memory allocating " + bytesize.Format(int64(n)), b.Device().Name, "free of"} {
			if !strings.Contains(msg, want) {
				t.Errorf("the error %q does not say %q", msg, want)
			}
		}
		t.Log(msg)
		buf, err := b.Alloc(1 << 20)
		if err != nil {
			t.Fatalf("Alloc after out of memory: %v", err)
		}
		b.Free(buf)
		if err := b.Sync(); err != nil {
			t.Fatal(err)
		}
	})
}

// addF32 is out = a + b over n float32 on the GPU (a = i, b = 2i), ready to launch.
func addF32(t testing.TB, b *Backend, n int) (k *ir.Kernel, shape []int, out, in []backend.Operand) {
	f := dtype.Float32
	k = kernelOf([]dtype.DType{f, f}, nil, ir.Apply(ir.Add, f, ir.In(0, f), ir.In(1, f)))
	ops := make([]backend.Operand, 3)
	for i := range ops {
		buf, err := b.Alloc(4 * n)
		if err != nil {
			t.Fatal(err)
		}
		data := make([]byte, 4*n)
		for j := range n {
			putFloat(f, data[4*j:], float64(i*j))
		}
		if err := b.Write(buf, 0, data); err != nil {
			t.Fatal(err)
		}
		ops[i] = backend.Operand{Buf: buf, DType: f, Strides: []int{1}}
	}
	return k, []int{n}, ops[:1], ops[1:]
}

// A repeated small launch allocates nothing on the host.
func TestElementwiseAllocatesNothing(t *testing.T) {
	b := gpu(t)
	k, shape, out, in := addF32(t, b, 1024)
	if err := b.Elementwise(k, shape, out, in, nil); err != nil { // compiles
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(1000, func() {
		if err := b.Elementwise(k, shape, out, in, nil); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("%v allocations per Elementwise", allocs)
	if allocs != 0 {
		t.Errorf("a repeated Elementwise allocates %v times, want 0", allocs)
	}
	got := make([]byte, 4*1024)
	if err := b.Read(got, out[0].Buf, 0); err != nil {
		t.Fatal(err)
	}
	for j := range 1024 {
		if v := getFloat(dtype.Float32, got[4*j:]); v != float64(3*j) {
			t.Fatalf("out[%d] = %v, want %v", j, v, 3*j)
		}
	}
}

// BenchmarkSmallAdd is the host cost of out = a + b on 1024 float32
// (once the launch queue is full, the device's rate of small kernels).
func BenchmarkSmallAdd(bm *testing.B) {
	b := gpu(bm)
	k, shape, out, in := addF32(bm, b, 1024)
	if err := b.Elementwise(k, shape, out, in, nil); err != nil {
		bm.Fatal(err)
	}
	bm.ReportAllocs()
	bm.ResetTimer()
	for range bm.N {
		if err := b.Elementwise(k, shape, out, in, nil); err != nil {
			bm.Fatal(err)
		}
	}
	if err := b.Sync(); err != nil { // the kernels run asynchronously: time them all
		bm.Fatal(err)
	}
	bm.StopTimer()
}

// BenchmarkAdd64M is out = a + b on 2^26 float32: device bandwidth, as
// bytes read and written per second.
func BenchmarkAdd64M(bm *testing.B) {
	b := gpu(bm)
	const n = 1 << 26
	k, shape, out, in := addF32(bm, b, n)
	if err := b.Elementwise(k, shape, out, in, nil); err != nil {
		bm.Fatal(err)
	}
	if err := b.Sync(); err != nil {
		bm.Fatal(err)
	}
	bm.ResetTimer()
	for range bm.N {
		if err := b.Elementwise(k, shape, out, in, nil); err != nil {
			bm.Fatal(err)
		}
	}
	if err := b.Sync(); err != nil { // the kernels run asynchronously: time them all
		bm.Fatal(err)
	}
	bm.StopTimer()
	perOp := bm.Elapsed().Seconds() / float64(bm.N)
	bm.ReportMetric(3*4*n/perOp/1e9, "GB/s")
}

func TestTimeQueued(t *testing.T) {
	b := gpu(t)
	buf, err := b.Alloc(64 << 20)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Free(buf)
	host := make([]byte, 64<<20)
	d, err := b.TimeQueued(func() error { return b.Write(buf, 0, host) })
	if err != nil || d <= 0 {
		t.Fatalf("TimeQueued = %v, %v", d, err)
	}
}

// BenchmarkReduceWaves times the sum of 2^26 float32 with the first pass
// aiming at 1, 2 and 4 waves of resident blocks (reduceWaves).
func BenchmarkReduceWaves(bm *testing.B) {
	b := gpu(bm)
	const n = 1 << 26
	_, _, _, in := addF32(bm, b, n)
	outBuf, err := b.Alloc(4)
	if err != nil {
		bm.Fatal(err)
	}
	f := dtype.Float32
	r := &ir.Reduction{Input: f, Pre: ir.In(0, f), Combine: ir.SumOf, Acc: f, Out: f}
	out := backend.Operand{Buf: outBuf, DType: f, Strides: []int{}}
	defer func(w int) { reduceWaves = w }(reduceWaves)
	for _, waves := range []int{1, 2, 4} {
		bm.Run(fmt.Sprintf("waves=%d", waves), func(bm *testing.B) {
			reduceWaves = waves
			run := func() {
				if err := b.Reduce(r, []int{n}, 1, out, in[0], nil); err != nil {
					bm.Fatal(err)
				}
			}
			run()
			d, err := b.TimeQueued(func() error {
				for range 50 {
					run()
				}
				return nil
			})
			if err != nil {
				bm.Fatal(err)
			}
			bm.ReportMetric(4*n/(d.Seconds()/50)/1e9, "GB/s")
		})
	}
}

// TestSoakWithoutFree drops 10^4 buffers without Free whose total is ten
// times the device's memory: cleanups of unreachable buffers and Alloc's
// collect-and-retry keep allocation going, each buffer holds what was
// written to it, and afterwards the device's free memory is back within
// 1 GiB of where it started.
func TestSoakWithoutFree(t *testing.T) {
	allocators(t, func(t *testing.T, b *Backend) {
		_, total, err := b.dev.MemInfo()
		if err != nil {
			t.Fatal(err)
		}
		n := int(total/1000) &^ 7
		b.reclaim(50 * time.Millisecond)
		before, _, err := b.dev.MemInfo()
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10000 {
			buf, err := b.Alloc(n)
			if err != nil {
				t.Fatalf("allocation %d of %s: %v", i, bytesize.Format(int64(n)), err)
			}
			mark := binary.LittleEndian.AppendUint64(nil, uint64(i)*0x9E3779B97F4A7C15)
			if err := b.Write(buf, n-8, mark); err != nil {
				t.Fatal(err)
			}
			got := make([]byte, 8)
			if err := b.Read(got, buf, n-8); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, mark) {
				t.Fatalf("allocation %d reads %x, wrote %x", i, got, mark)
			}
		}
		b.reclaim(50 * time.Millisecond)
		if err := b.Sync(); err != nil {
			t.Fatal(err)
		}
		after, _, err := b.dev.MemInfo()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("10^4 buffers of %s without Free (%s in all); free memory %s before, %s after",
			bytesize.Format(int64(n)), bytesize.Format(int64(n)*10000), bytesize.Format(int64(before)), bytesize.Format(int64(after)))
		if before > after && before-after > 1<<30 {
			t.Errorf("free memory fell by %s", bytesize.Format(int64(before-after)))
		}
	})
}
