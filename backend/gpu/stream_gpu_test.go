package gpu

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/internal/ir"
	"github.com/stretchr/testify/require"
)

// freshStreams opens a backend of its own on the GPU (an empty cache, so
// that which block a stream reuses is certain) with two more streams, on
// the memory pool and on the plain allocator.
func freshStreams(t *testing.T, f func(t *testing.T, b, s1, s2 *Backend)) {
	kind := gpu(t).kind
	for name, opts := range map[string][]Option{"pool": nil, "plain": {WithoutMemoryPool()}} {
		t.Run(name, func(t *testing.T) {
			b, err := Open(kind, 0, opts...)
			gputest.Need(t, kind, err)
			s1, err := b.NewStream()
			require.NoError(t, err)
			s2, err := b.NewStream()
			require.NoError(t, err)
			t.Cleanup(func() { require.NoError(t, s1.Close()); require.NoError(t, s2.Close()) })
			f(t, b, s1.(*Backend), s2.(*Backend))
		})
	}
}

// f32Buffer is a buffer of n float32 of value v, written on s.
func f32Buffer(t testing.TB, s *Backend, n int, v float32) *buffer {
	buf := mustAlloc(t, s, 4*n)
	data := make([]byte, 4*n)
	for i := range n {
		binary.LittleEndian.PutUint32(data[4*i:], math.Float32bits(v))
	}
	require.NoError(t, s.Write(buf, 0, data))
	return buf
}

// addInPlace queues x += y on s, times times.
func addInPlace(t testing.TB, s *Backend, x, y *buffer, n, times int) {
	f := dtype.Float32
	k := kernelOf([]dtype.DType{f, f}, nil, ir.Apply(ir.Add, f, ir.In(0, f), ir.In(1, f)))
	op := func(b *buffer) backend.Operand { return backend.Operand{Buf: b, DType: f, Strides: []int{1}} }
	for range times {
		require.NoError(t, s.Elementwise(k, []int{n}, []backend.Operand{op(x)}, []backend.Operand{op(x), op(y)}, nil))
	}
}

// requireAll reads n float32 of buf on s and checks each is want.
func requireAll(t *testing.T, s *Backend, buf *buffer, n int, want float32) {
	data := make([]byte, 4*n)
	require.NoError(t, s.Read(data, buf, 0))
	for i := range n {
		if got := math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:])); got != want {
			t.Fatalf("element %d = %v, want %v", i, got, want)
		}
	}
}

const streamTestN = 1 << 24 // 64 MiB of float32: a chain of adds takes milliseconds

// TestForcedReuseAcrossStreamsOnGPU: a block freed while stream 1 still
// has milliseconds of kernels writing it is handed to stream 2 (the only
// cached block of its size, so the reuse is certain), which overwrites
// it at once: without the event between them, stream 1's late adds would
// land in stream 2's data.
func TestForcedReuseAcrossStreamsOnGPU(t *testing.T) {
	freshStreams(t, func(t *testing.T, b, s1, s2 *Backend) {
		n := streamTestN
		one1, one2 := f32Buffer(t, s1, n, 1), f32Buffer(t, s2, n, 1)
		zeros := f32Buffer(t, s2, n, 0)
		x := f32Buffer(t, s1, n, 0)
		addInPlace(t, s1, x, one1, n, 200)
		s1.Free(x)
		y := mustAlloc(t, s2, 4*n)
		require.Equal(t, x.ptr, y.ptr, "stream 2 reuses the block stream 1 freed")
		require.NoError(t, s2.Copy(y, 0, zeros, 0, 4*n))
		addInPlace(t, s2, y, one2, n, 1)
		requireAll(t, s2, y, n, 1)
	})
}

// TestTwoStreamChainsOnGPU: two independent chains, one per stream,
// queued alternately, give the values of each chain alone; an array
// written on stream 1 and read at once on stream 2 is read after the
// writes.
func TestTwoStreamChainsOnGPU(t *testing.T) {
	freshStreams(t, func(t *testing.T, b, s1, s2 *Backend) {
		n := streamTestN
		x1, one1 := f32Buffer(t, s1, n, 0), f32Buffer(t, s1, n, 1)
		x2, two2 := f32Buffer(t, s2, n, 0), f32Buffer(t, s2, n, 2)
		for range 50 {
			addInPlace(t, s1, x1, one1, n, 1)
			addInPlace(t, s2, x2, two2, n, 1)
		}
		addInPlace(t, s2, x2, x1, n, 1) // 100 + 50, read across the streams
		require.NoError(t, s1.Sync())
		require.NoError(t, s2.Sync())
		requireAll(t, s1, x1, n, 50)
		requireAll(t, s2, x2, n, 150)
	})
}

// TestEventsOnGPU: Elapsed of a chain of kernels is positive, and Wait
// alone orders one stream after another: here the automatic ordering is
// switched off for the array that crosses.
func TestEventsOnGPU(t *testing.T) {
	freshStreams(t, func(t *testing.T, b, s1, s2 *Backend) {
		n := streamTestN
		x, one := f32Buffer(t, s1, n, 0), f32Buffer(t, s1, n, 1)
		y := f32Buffer(t, s2, n, 0)
		x.use, y.use = nil, nil
		start, err := s1.Record()
		require.NoError(t, err)
		addInPlace(t, s1, x, one, n, 100)
		end, err := s1.Record()
		require.NoError(t, err)
		require.NoError(t, s2.Wait(end))
		require.NoError(t, s2.Copy(y, 0, x, 0, 4*n))
		requireAll(t, s2, y, n, 100)
		d, err := start.Elapsed(end)
		require.NoError(t, err)
		require.Positive(t, d)
		t.Logf("100 adds of %d float32: %v", n, d)
	})
}

// BenchmarkStreamOverlap runs two independent chains of 64 adds of 2^16
// float32 (kernels too small to fill the GPU) on one stream, then on two
// streams, queued alternately: on two streams the chains overlap, so an
// iteration takes less time.
func BenchmarkStreamOverlap(bm *testing.B) {
	b := gpu(bm)
	s1, err := b.NewStream()
	require.NoError(bm, err)
	s2, err := b.NewStream()
	require.NoError(bm, err)
	defer s1.Close()
	defer s2.Close()
	const n = 1 << 16
	for _, c := range []struct {
		name   string
		s1, s2 *Backend
	}{{"one", s1.(*Backend), s1.(*Backend)}, {"two", s1.(*Backend), s2.(*Backend)}} {
		bm.Run(c.name, func(bm *testing.B) {
			x1, y1 := f32Buffer(bm, c.s1, n, 0), f32Buffer(bm, c.s1, n, 1)
			x2, y2 := f32Buffer(bm, c.s2, n, 0), f32Buffer(bm, c.s2, n, 1)
			for bm.Loop() {
				for range 64 {
					addInPlace(bm, c.s1, x1, y1, n, 1)
					addInPlace(bm, c.s2, x2, y2, n, 1)
				}
				if err := errors.Join(c.s1.Sync(), c.s2.Sync()); err != nil {
					bm.Fatal(err)
				}
			}
		})
	}
}
