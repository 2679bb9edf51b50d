package gpu

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/stretchr/testify/require"
)

// recDevice is a Device of streams that runs nothing: it logs what each
// stream is asked to queue ("s1 copy", "s0 record e3", "s0 wait e3"), so
// that tests check the order the backend imposes between streams.
type recDevice struct {
	log    *recLog
	stream int // 0: the default stream
}

type recLog struct {
	mu      sync.Mutex
	ops     []string
	ptr     Ptr
	streams int
	events  int
}

func (l *recLog) add(format string, args ...any) {
	l.mu.Lock()
	l.ops = append(l.ops, fmt.Sprintf(format, args...))
	l.mu.Unlock()
}

// take returns the ops logged since the last take.
func (l *recLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	ops := l.ops
	l.ops = nil
	return ops
}

func newRecDevice() *recDevice { return &recDevice{log: &recLog{ptr: 1 << 20}} }

func (d *recDevice) Info() backend.DeviceInfo {
	return backend.DeviceInfo{Kind: "cuda", Name: "recording", Units: 1}
}
func (d *recDevice) Vendor() cgen.Vendor              { return cgen.CUDA }
func (d *recDevice) WarpSize() int                    { return 32 }
func (d *recDevice) ResidentThreads() int             { return 2048 }
func (d *recDevice) Pool() Pool                       { return nil }
func (d *recDevice) MemInfo() (uint64, uint64, error) { return 1 << 30, 1 << 30, nil }
func (d *recDevice) IsOutOfMemory(error) bool         { return false }
func (d *recDevice) Free(p Ptr) error                 { d.log.add("s%d free %#x", d.stream, p); return nil }
func (d *recDevice) HtoD(dst Ptr, src []byte) error   { d.log.add("s%d write", d.stream); return nil }
func (d *recDevice) DtoH(dst []byte, src Ptr) error   { d.log.add("s%d read", d.stream); return nil }
func (d *recDevice) Sync() error                      { d.log.add("s%d sync", d.stream); return nil }
func (d *recDevice) NewBLAS() (Gemmer, error)         { return nil, backend.ErrUnavailable }
func (d *recDevice) Load(string, ...string) ([]Function, error) {
	return nil, errors.New("the recording device compiles nothing")
}
func (d *recDevice) Launch(Function, [3]uint32, [3]uint32, uint32, *unsafe.Pointer) error {
	return errors.New("the recording device launches nothing")
}
func (d *recDevice) HostAlloc(n int) ([]byte, func() error, error) {
	return make([]byte, n), func() error { return nil }, nil
}

func (d *recDevice) Alloc(n int) (Ptr, error) {
	d.log.mu.Lock()
	p := d.log.ptr
	d.log.ptr += Ptr(n)
	d.log.mu.Unlock()
	return p, nil
}

func (d *recDevice) DtoD(dst, src Ptr, n int) error {
	d.log.add("s%d copy %#x", d.stream, dst)
	return nil
}

func (d *recDevice) NewStream() (Runtime, func() error, error) {
	d.log.mu.Lock()
	d.log.streams++
	v := &recDevice{log: d.log, stream: d.log.streams}
	d.log.mu.Unlock()
	return v, func() error { d.log.add("s%d destroy", v.stream); return nil }, nil
}

func (d *recDevice) WaitEvent(e Event) error {
	d.log.add("s%d wait e%d", d.stream, e.(*recEvent).id)
	return nil
}

func (d *recDevice) NewEvent() (Event, error) {
	d.log.mu.Lock()
	d.log.events++
	e := &recEvent{dev: d, id: d.log.events}
	d.log.mu.Unlock()
	return e, nil
}

type recEvent struct {
	dev *recDevice
	id  int
}

func (e *recEvent) Record() error {
	e.dev.log.add("s%d record e%d", e.dev.stream, e.id)
	return nil
}
func (e *recEvent) Synchronize() error { return nil }
func (e *recEvent) Destroy() error     { return nil }
func (e *recEvent) Since(start Event) (time.Duration, error) {
	return time.Duration(e.id-start.(*recEvent).id) * time.Millisecond, nil
}

// recStreams returns a backend on a recording device and n more streams.
func recStreams(t *testing.T, n int) (*recLog, *Backend, []*Backend) {
	dev := newRecDevice()
	b := New(dev)
	var streams []*Backend
	for range n {
		s, err := b.NewStream()
		require.NoError(t, err)
		streams = append(streams, s.(*Backend))
	}
	return dev.log, b, streams
}

// waits reports whether ops record an event on stream from and then make
// stream to wait for it.
func waits(ops []string, from, to int) bool {
	for i, op := range ops {
		var s, e int
		if n, _ := fmt.Sscanf(op, "s%d record e%d", &s, &e); n == 2 && s == from &&
			slices.Contains(ops[i+1:], fmt.Sprintf("s%d wait e%d", to, e)) {
			return true
		}
	}
	return false
}

func mustAlloc(t testing.TB, b *Backend, n int) *buffer {
	t.Helper()
	buf, err := b.Alloc(n)
	require.NoError(t, err)
	return buf.(*buffer)
}

// TestOneStreamNeedsNoEvents: the default behaviour is unchanged: with one
// stream, a freed block is reused with no event and no wait.
func TestOneStreamNeedsNoEvents(t *testing.T) {
	log, b, _ := recStreams(t, 0)
	src, dst := mustAlloc(t, b, 1000), mustAlloc(t, b, 1000)
	require.NoError(t, b.Copy(dst, 0, src, 0, 1000))
	b.Free(dst)
	again := mustAlloc(t, b, 1000)
	require.Equal(t, dst.ptr, again.ptr, "the cached block is reused")
	require.NoError(t, b.Copy(again, 0, src, 0, 1000))
	for _, op := range log.take() {
		require.NotContains(t, op, "record")
		require.NotContains(t, op, "wait")
	}
}

// TestReuseOnAnotherStreamWaits: a block freed after work on stream 1 and
// handed to the default stream (the cache holds only that block of its
// size, so the reuse is certain) is used there only after an event
// recorded on stream 1 at the reuse, which follows stream 1's work.
func TestReuseOnAnotherStreamWaits(t *testing.T) {
	log, b, s := recStreams(t, 1)
	src, dst := mustAlloc(t, s[0], 4096), mustAlloc(t, s[0], 4096)
	require.NoError(t, s[0].Copy(dst, 0, src, 0, 4096))
	s[0].Free(dst)
	log.take()
	again := mustAlloc(t, b, 4096)
	require.Equal(t, dst.ptr, again.ptr, "the block freed on stream 1 is reused")
	require.NoError(t, b.Copy(again, 0, again, 0, 4096))
	ops := log.take()
	require.True(t, waits(ops, 1, 0), "the default stream waits for stream 1: %q", ops)
	require.Less(t, slices.IndexFunc(ops, func(op string) bool { return strings.HasPrefix(op, "s0 wait") }),
		slices.Index(ops, fmt.Sprintf("s0 copy %#x", again.ptr)), "the wait comes before the use: %q", ops)
}

// TestStreamTakesItsOwnBlockFirst: among free blocks of one size, a
// stream takes the one it used itself, which needs no event.
func TestStreamTakesItsOwnBlockFirst(t *testing.T) {
	log, b, s := recStreams(t, 2)
	own, other := mustAlloc(t, s[0], 512), mustAlloc(t, s[1], 512)
	s[0].Free(own)
	s[1].Free(other)
	log.take()
	got := mustAlloc(t, s[0], 512)
	require.Equal(t, own.ptr, got.ptr)
	require.Empty(t, log.take())
	got = mustAlloc(t, b, 512) // only stream 2's block is left
	require.Equal(t, other.ptr, got.ptr)
	require.True(t, waits(log.take(), 2, 0))
}

// TestCrossStreamUseIsOrdered: an array written on one stream and read on
// another is read after the write, and written again on the first only
// after the second's read.
func TestCrossStreamUseIsOrdered(t *testing.T) {
	log, _, s := recStreams(t, 2)
	x, y := mustAlloc(t, s[0], 256), mustAlloc(t, s[1], 256)
	require.NoError(t, s[0].Copy(x, 0, x, 0, 256)) // written on stream 1
	log.take()
	require.NoError(t, s[1].Copy(y, 0, x, 0, 256)) // read on stream 2
	ops := log.take()
	require.True(t, waits(ops, 1, 2), "%q", ops)
	require.NoError(t, s[0].Copy(x, 0, x, 0, 256)) // written again on stream 1
	ops = log.take()
	require.True(t, waits(ops, 2, 1), "%q", ops)
	require.NoError(t, s[0].Copy(x, 0, x, 0, 256)) // same stream: stream order
	require.Equal(t, []string{fmt.Sprintf("s1 copy %#x", x.ptr)}, log.take())
}

// TestReclaimedBufferRemembersItsLastStream: a buffer that the garbage
// collector reclaims (its cleanup, not Free) after it was used on another
// stream than the one that allocated it is reused only after the work of
// every stream that used it.
func TestReclaimedBufferRemembersItsLastStream(t *testing.T) {
	log, b, s := recStreams(t, 2)
	src := mustAlloc(t, b, 64)
	ptr := func() Ptr {
		buf := mustAlloc(t, s[0], 8192)
		require.NoError(t, s[1].Copy(buf, 0, src, 0, 64))
		return buf.ptr
	}()
	require.Eventually(t, func() bool {
		runtime.GC()
		b.mem.mu.Lock()
		defer b.mem.mu.Unlock()
		return len(b.mem.cached[roundSize(8192)]) == 1
	}, 5*time.Second, time.Millisecond, "the cleanup gives the block back")
	log.take()
	got := mustAlloc(t, b, 8192)
	require.Equal(t, ptr, got.ptr)
	ops := log.take()
	require.True(t, waits(ops, 1, 0) && waits(ops, 2, 0), "used on streams 1 and 2: %q", ops)
	runtime.KeepAlive(src)
}

// TestReleaseFreesOnTheLastStream: Trim's release frees a block on the
// stream that used it, and a block used on several streams, or on a
// closed one, on the default stream after every stream's work.
func TestReleaseFreesOnTheLastStream(t *testing.T) {
	log, b, s := recStreams(t, 2)
	own := mustAlloc(t, s[0], 512)
	s[0].Free(own)
	log.take()
	require.NoError(t, b.mem.release())
	require.Equal(t, []string{fmt.Sprintf("s1 free %#x", own.ptr)}, log.take())

	shared := mustAlloc(t, s[0], 1024)
	require.NoError(t, s[1].Copy(shared, 0, shared, 0, 1024))
	b.Free(shared)
	log.take()
	require.NoError(t, b.mem.release())
	ops := log.take()
	require.True(t, waits(ops, 1, 0) && waits(ops, 2, 0), "%q", ops)
	require.Equal(t, fmt.Sprintf("s0 free %#x", shared.ptr), ops[len(ops)-1], "%q", ops)

	closed := mustAlloc(t, s[1], 2048)
	s[1].Free(closed)
	require.NoError(t, s[1].Close())
	log.take()
	require.NoError(t, b.mem.release())
	ops = log.take()
	require.Equal(t, fmt.Sprintf("s0 free %#x", closed.ptr), ops[len(ops)-1], "%q", ops)
}

// TestClosedStream: Close waits for the stream and destroys it; its
// operations fail with a clear error, its buffers stay usable on the
// other streams with no wait for it, and the default stream cannot be
// closed.
func TestClosedStream(t *testing.T) {
	log, b, s := recStreams(t, 1)
	x := mustAlloc(t, s[0], 256)
	require.NoError(t, s[0].Close())
	require.Equal(t, []string{"s1 sync", "s1 destroy"}, log.take())
	require.NoError(t, s[0].Close(), "closing twice does nothing")
	_, err := s[0].Alloc(16)
	require.ErrorIs(t, err, errClosed)
	require.ErrorContains(t, s[0].Copy(x, 0, x, 0, 16), "use of a closed stream")
	_, err = s[0].Record()
	require.ErrorIs(t, err, errClosed)
	require.NoError(t, b.Copy(x, 0, x, 0, 16))
	require.Equal(t, []string{fmt.Sprintf("s0 copy %#x", x.ptr)}, log.take(), "no wait for a closed stream")
	require.ErrorContains(t, b.Close(), "default stream cannot be closed")
}

// TestEvents: Record, Wait and Elapsed through backend.Streamer.
func TestEvents(t *testing.T) {
	log, b, s := recStreams(t, 1)
	start, err := s[0].Record()
	require.NoError(t, err)
	end, err := s[0].Record()
	require.NoError(t, err)
	require.NoError(t, b.Wait(end))
	require.Equal(t, []string{"s1 record e1", "s1 record e2", "s0 wait e2"}, log.take())
	require.NoError(t, s[0].Wait(end), "a stream's own event needs no wait")
	require.Empty(t, log.take())
	d, err := start.Elapsed(end)
	require.NoError(t, err)
	require.Equal(t, time.Millisecond, d)
	require.NoError(t, end.Sync())

	other := New(newRecDevice())
	e, err := other.Record()
	require.NoError(t, err)
	require.ErrorContains(t, b.Wait(e), "another device")
	_, err = start.Elapsed(e)
	require.ErrorContains(t, err, "same device")
	require.ErrorContains(t, b.Wait(nil), "is not an event")
}

// TestNoStreamsWithoutStreamDevice: a device without more streams says so.
func TestNoStreamsWithoutStreamDevice(t *testing.T) {
	b := New(plainDevice{newRecDevice()})
	_, err := b.NewStream()
	require.ErrorIs(t, err, backend.ErrUnsupported)
}

// plainDevice hides a device's StreamDevice methods.
type plainDevice struct{ Runtime }
