package gpu

import (
	"fmt"
	"runtime"

	"github.com/cugo/cugo/backend"
)

// PeerDevice is implemented by Runtimes that copy from the memory of
// another device of their vendor.
type PeerDevice interface {
	// CopyPeer queues on this device's stream a copy of n bytes from src,
	// memory of device from, into dst. The copy runs after the work queued
	// on both devices before the call, and work queued on from after the
	// call runs after the copy (so src may be freed at once). It returns
	// false, having queued nothing, where it cannot make the copy: from is
	// of another vendor, or this device cannot reach from's memory.
	CopyPeer(dst Ptr, from Runtime, src Ptr, n int) (bool, error)
}

// CopyPeer copies n bytes of srcBuf, a buffer of src, from byte offset
// srcOff into dst at dstOff (backend.PeerCopier): as Copy where src is b
// or another stream of its device, else device to device where b's Runtime
// is a PeerDevice that reaches src's device. It declines (false) a source that is not a GPU backend, a
// device that cannot make the copy, and every other backend under
// WithoutPeerCopy.
func (b *Backend) CopyPeer(dst backend.Buffer, dstOff int, src backend.Backend, srcBuf backend.Buffer, srcOff int, n int) (bool, error) {
	defer runtime.KeepAlive(dst)
	defer runtime.KeepAlive(srcBuf) // the buffers stay reachable until the work is queued
	// b, or another stream of its device
	if s, ok := src.(*Backend); ok && s.root() == b.root() {
		return true, b.Copy(dst, dstOff, srcBuf, srcOff, n)
	}
	d, err := b.live(dst)
	if err == nil {
		err = span(dstOff, n, d.size)
	}
	if err != nil {
		return false, fmt.Errorf("%s: CopyPeer: destination: %w", b.kind, err)
	}
	from, ok := src.(*Backend)
	peer, can := b.dev.(PeerDevice)
	if !ok || !can || b.noPeer {
		return false, nil
	}
	s, err := from.live(srcBuf)
	if err == nil {
		err = span(srcOff, n, s.size)
	}
	if err != nil {
		return false, fmt.Errorf("%s: CopyPeer: source: %w", b.kind, err)
	}
	if n == 0 {
		return true, nil
	}
	done, err := peer.CopyPeer(d.ptr+Ptr(dstOff), from.dev, s.ptr+Ptr(srcOff), n)
	if err != nil {
		return false, fmt.Errorf("%s: CopyPeer from %s:%d to %s:%d: %w", b.kind,
			from.info.Kind, from.info.Ordinal, b.info.Kind, b.info.Ordinal, err)
	}
	return done, nil
}
