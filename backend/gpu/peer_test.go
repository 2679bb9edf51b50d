package gpu

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/hip"
)

// fakePeer is a PeerDevice without a GPU: it records the copies asked of
// it. Its other Runtime methods are nil and not called.
type fakePeer struct {
	Runtime
	decline bool
	err     error
	copies  []peerCall
	dtod    []peerCall
}

type peerCall struct {
	dst  Ptr
	from Runtime
	src  Ptr
	n    int
}

func (f *fakePeer) CopyPeer(dst Ptr, from Runtime, src Ptr, n int) (bool, error) {
	if f.err != nil || f.decline {
		return false, f.err
	}
	f.copies = append(f.copies, peerCall{dst, from, src, n})
	return true, nil
}

func (f *fakePeer) DtoD(dst, src Ptr, n int) error {
	f.dtod = append(f.dtod, peerCall{dst: dst, src: src, n: n})
	return nil
}

func fakeOn(dev Runtime, ordinal int) *Backend {
	return &Backend{dev: dev, kind: "cuda", info: backend.DeviceInfo{Kind: "cuda", Ordinal: ordinal, Name: "fake"}}
}

// otherKind is a backend of another kind (the CPU, say).
type otherKind struct{ backend.Backend }

func TestCopyPeerArguments(t *testing.T) {
	dev0, dev1 := &fakePeer{}, &fakePeer{}
	b0, b1 := fakeOn(dev0, 0), fakeOn(dev1, 1)
	src, dst := fakeBuffer(b0, 0x1000, 64), fakeBuffer(b1, 0x9000, 64)

	done, err := b1.CopyPeer(dst, 16, b0, src, 8, 32)
	if err != nil || !done {
		t.Fatalf("CopyPeer = %v, %v; want true, nil", done, err)
	}
	want := peerCall{dst: 0x9000 + 16, from: dev0, src: 0x1000 + 8, n: 32}
	if len(dev1.copies) != 1 || dev1.copies[0] != want || len(dev0.copies) != 0 {
		t.Fatalf("copies asked: device 1 %+v, device 0 %+v; want one on device 1, %+v", dev1.copies, dev0.copies, want)
	}

	if done, err := b1.CopyPeer(dst, 64, b0, src, 0, 0); err != nil || !done {
		t.Errorf("CopyPeer of 0 bytes = %v, %v; want true, nil", done, err)
	}
	if len(dev1.copies) != 1 {
		t.Errorf("a copy of 0 bytes reached the device")
	}

	// One backend with itself is its own Copy.
	if done, err := b1.CopyPeer(dst, 0, b1, fakeBuffer(b1, 0x5000, 8), 4, 4); err != nil || !done {
		t.Errorf("CopyPeer within one backend = %v, %v; want true, nil", done, err)
	}
	if want := (peerCall{dst: 0x9000, src: 0x5004, n: 4}); len(dev1.dtod) != 1 || dev1.dtod[0] != want {
		t.Errorf("DtoD asked %+v, want %+v", dev1.dtod, want)
	}
}

func TestCopyPeerDeclines(t *testing.T) {
	dev0 := &fakePeer{}
	b0 := fakeOn(dev0, 0)
	src := fakeBuffer(b0, 0x1000, 64)
	noPeer := fakeOn(&fakePeer{}, 1)
	noPeer.noPeer = true
	cases := []struct {
		name string
		b    *Backend
		src  backend.Backend
	}{
		{"WithoutPeerCopy", noPeer, b0},
		{"device declines", fakeOn(&fakePeer{decline: true}, 1), b0},
		{"device without PeerDevice", fakeOn(struct{ Runtime }{}, 1), b0},
		{"source of another kind", fakeOn(&fakePeer{}, 1), otherKind{}},
	}
	for _, c := range cases {
		dst := fakeBuffer(c.b, 0x9000, 64)
		done, err := c.b.CopyPeer(dst, 0, c.src, src, 0, 64)
		if done || err != nil {
			t.Errorf("%s: CopyPeer = %v, %v; want false, nil", c.name, done, err)
		}
		if f, ok := c.b.dev.(*fakePeer); ok && len(f.copies) > 0 {
			t.Errorf("%s: the device was asked to copy", c.name)
		}
	}
}

func TestCopyPeerErrors(t *testing.T) {
	dev0, dev1 := &fakePeer{}, &fakePeer{}
	b0, b1 := fakeOn(dev0, 0), fakeOn(dev1, 1)
	src, dst := fakeBuffer(b0, 0x1000, 64), fakeBuffer(b1, 0x9000, 64)
	freed := fakeBuffer(b1, 0xa000, 64)
	freed.freed.Store(true)
	cases := []struct {
		name     string
		dst      backend.Buffer
		dstOff   int
		src      backend.Buffer
		srcOff   int
		n        int
		contains string
	}{
		{"destination of another backend", src, 0, src, 0, 8, "destination: the buffer belongs to another cuda backend"},
		{"freed destination", freed, 0, src, 0, 8, "destination: use of a freed buffer"},
		{"destination overrun", dst, 60, src, 0, 8, "destination: bytes [60, 68) is outside [0, 64)"},
		{"source of another backend", dst, 0, dst, 0, 8, "source: the buffer belongs to another cuda backend"},
		{"source overrun", dst, 0, src, 0, 65, "is outside [0, 64)"},
		{"negative size", dst, 0, src, 0, -1, "bytes [0, -1)"},
	}
	for _, c := range cases {
		done, err := b1.CopyPeer(c.dst, c.dstOff, b0, c.src, c.srcOff, c.n)
		if done || err == nil || !strings.Contains(err.Error(), c.contains) || !strings.HasPrefix(err.Error(), "cuda: CopyPeer: ") {
			t.Errorf("%s: CopyPeer = %v, %v; want false and an error with %q", c.name, done, err, c.contains)
		}
	}
	if len(dev1.copies) > 0 {
		t.Errorf("the device was asked %+v", dev1.copies)
	}

	dev1.err = errors.New("cuMemcpyPeerAsync: boom")
	done, err := b1.CopyPeer(dst, 0, b0, src, 0, 8)
	if done || !errors.Is(err, dev1.err) || !strings.Contains(err.Error(), "cuda: CopyPeer from cuda:0 to cuda:1: ") {
		t.Errorf("CopyPeer with a failing device = %v, %v; want false and the device's error, naming both devices", done, err)
	}
}

// The GPU tests below run on the GPU of the first vendor that opens; those
// of two devices skip on a machine with one, even under CUGO_REQUIRE.

// twoDevices returns the shared backends of devices 0 and 1 of the first
// vendor whose device 0 opens.
func twoDevices(t *testing.T) (*Backend, *Backend) {
	t.Helper()
	b0 := gpu(t)
	var n int
	var err error
	switch b0.kind {
	case "cuda":
		n, err = driver.DeviceCount()
	case "hip":
		n, err = hip.DeviceCount()
	}
	if err != nil {
		t.Fatalf("%s: device count: %v", b0.kind, err)
	}
	if n < 2 {
		t.Skipf("needs two GPUs: found %d", n)
	}
	b1, err := backend.Open(b0.kind, 1)
	if err != nil {
		t.Fatal(err)
	}
	return b0, b1.(*Backend)
}

// needPeerDevice skips where b's vendor has no device path between
// backends (HIP's adapter: its copies go through the host).
func needPeerDevice(t *testing.T, b *Backend) {
	t.Helper()
	if _, ok := b.dev.(PeerDevice); !ok {
		t.Skipf("%s devices have no PeerDevice: copies between backends go through the host", b.kind)
	}
}

// copyPeerRoundTrip copies random bytes from src to dst at odd offsets
// and checks them exactly; it returns whether the copy went device to
// device.
func copyPeerRoundTrip(t *testing.T, dst, src *Backend, seed uint64) bool {
	t.Helper()
	const n, srcOff, dstOff = 3<<20 + 5, 36, 4096 + 12
	data := make([]byte, n)
	r := rand.New(rand.NewPCG(seed, 1))
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	s, err := src.Alloc(srcOff + n)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Free(s)
	d, err := dst.Alloc(dstOff + n + 7)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Free(d)
	if err := src.Write(s, srcOff, data); err != nil {
		t.Fatal(err)
	}
	done, err := dst.CopyPeer(d, dstOff, src, s, srcOff, n)
	if err != nil {
		t.Fatal(err)
	}
	if !done {
		return false
	}
	got := make([]byte, n)
	if err := dst.Read(got, d, dstOff); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("%s:%d -> %s:%d: the copy differs from the source", src.kind, src.info.Ordinal, dst.kind, dst.info.Ordinal)
	}
	return true
}

// copyPeerOrdered checks that a copy waits for a kernel queued on the
// source before it, and that a kernel queued on the source after it does
// not overwrite the source before the copy read it: out = a + b (3i,
// rounded to float32), copied at once, then out = b + b (4i) on the
// source's stream.
func copyPeerOrdered(t *testing.T, dst, src *Backend) {
	t.Helper()
	const n = 1 << 24 // 64 MiB, so that the kernels take long enough to overtake
	k, shape, out, in := addF32(t, src, n)
	for _, op := range append(out, in...) {
		defer src.Free(op.Buf)
	}
	d, err := dst.Alloc(4 * n)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Free(d)
	if err := src.Elementwise(k, shape, out, in, nil); err != nil {
		t.Fatal(err)
	}
	done, err := dst.CopyPeer(d, 0, src, out[0].Buf, 0, 4*n)
	if err != nil || !done {
		t.Fatalf("CopyPeer = %v, %v", done, err)
	}
	if err := src.Elementwise(k, shape, out, []backend.Operand{in[1], in[1]}, nil); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, 4*n)
	if err := dst.Read(got, d, 0); err != nil {
		t.Fatal(err)
	}
	for j := range n {
		if v, want := getFloat(dtype.Float32, got[4*j:]), float64(float32(3*j)); v != want {
			t.Fatalf("%s:%d -> %s:%d: element %d = %v, want %v (the copy was not ordered with the source's kernels)",
				src.kind, src.info.Ordinal, dst.kind, dst.info.Ordinal, j, v, want)
		}
	}
	if err := errors.Join(src.Sync(), dst.Sync()); err != nil {
		t.Fatal(err)
	}
}

// Two backends of one device copy on the stream they share (one GPU).
func TestCopyPeerSameDevice(t *testing.T) {
	b := gpu(t)
	needPeerDevice(t, b)
	other, err := Open(b.kind, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !copyPeerRoundTrip(t, other, b, 30) || !copyPeerRoundTrip(t, b, other, 31) {
		t.Fatal("CopyPeer declined a copy between two backends of one device")
	}
	copyPeerOrdered(t, other, b)
}

func TestCopyPeerTwoDevices(t *testing.T) {
	b0, b1 := twoDevices(t)
	needPeerDevice(t, b0)
	for _, p := range [][2]*Backend{{b1, b0}, {b0, b1}} {
		dst, src := p[0], p[1]
		if !copyPeerRoundTrip(t, dst, src, uint64(32+src.info.Ordinal)) {
			t.Logf("%s:%d cannot reach %s:%d: CopyPeer declined (the array package stages such copies)",
				dst.kind, dst.info.Ordinal, src.kind, src.info.Ordinal)
			continue
		}
		copyPeerOrdered(t, dst, src)
	}
	staged, err := Open(b1.kind, 1, WithoutPeerCopy())
	if err != nil {
		t.Fatal(err)
	}
	if copyPeerRoundTrip(t, staged, b0, 34) {
		t.Error("CopyPeer copied device to device under WithoutPeerCopy")
	}
}
