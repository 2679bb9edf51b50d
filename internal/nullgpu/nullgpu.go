// Package nullgpu is a GPU runtime that does nothing: kernels "load"
// without a compiler and "launch" without running, memory is addresses
// without storage. A gpu.Backend on it runs every host-side step of an
// array operation (dispatch, fusion, kernel caches, argument packing)
// and nothing else, so benchmarks measure the host cost of a call and
// tests count the device work a call queues.
package nullgpu

import (
	"errors"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/gpu"
)

// Device is the runtime. Its counters say what was asked of it.
type Device struct {
	Launches atomic.Int64 // kernels queued
	Allocs   atomic.Int64 // Alloc calls (the backend's cache misses)
	Copies   atomic.Int64 // HtoD, DtoH and DtoD calls
	Syncs    atomic.Int64 // Sync calls

	mu   sync.Mutex
	next gpu.Ptr
	fns  gpu.Function
}

// New returns a backend on a new Device, shaped as an H200 (132
// multiprocessors of 2048 threads), and the device.
func New() (*gpu.Backend, *Device) {
	d := &Device{next: 1 << 40}
	return gpu.New(d), d
}

// Reset zeroes the counters.
func (d *Device) Reset() {
	d.Launches.Store(0)
	d.Allocs.Store(0)
	d.Copies.Store(0)
	d.Syncs.Store(0)
}

func (d *Device) Info() backend.DeviceInfo {
	return backend.DeviceInfo{Kind: "cuda", Name: "null device", Arch: "sm_90", Memory: 1 << 40, Units: 132}
}
func (d *Device) Vendor() cgen.Vendor                    { return cgen.CUDA }
func (d *Device) WarpSize() int                          { return 32 }
func (d *Device) ResidentThreads() int                   { return 2048 }
func (d *Device) Pool() gpu.Pool                         { return nil }
func (d *Device) IsOutOfMemory(error) bool               { return false }
func (d *Device) MemInfo() (free, total uint64, _ error) { return 1 << 40, 1 << 40, nil }
func (d *Device) Free(gpu.Ptr) error                     { return nil }
func (d *Device) HtoD(gpu.Ptr, []byte) error             { d.Copies.Add(1); return nil }
func (d *Device) DtoH([]byte, gpu.Ptr) error             { d.Copies.Add(1); return nil }
func (d *Device) DtoD(_, _ gpu.Ptr, _ int) error         { d.Copies.Add(1); return nil }
func (d *Device) Sync() error                            { d.Syncs.Add(1); return nil }
func (d *Device) NewEvent() (gpu.Event, error)           { return nil, errors.New("nullgpu: no events") }
func (d *Device) NewBLAS() (gpu.Gemmer, error)           { return nil, backend.ErrUnavailable }
func (d *Device) HostAlloc(n int) ([]byte, func() error, error) {
	return make([]byte, n), func() error { return nil }, nil
}

// Alloc hands out 256-byte aligned addresses that are never reused.
func (d *Device) Alloc(n int) (gpu.Ptr, error) {
	d.Allocs.Add(1)
	d.mu.Lock()
	defer d.mu.Unlock()
	p := d.next
	d.next += gpu.Ptr((max(n, 1) + 255) &^ 255)
	return p, nil
}

// Load returns a new handle per entry, compiling nothing.
func (d *Device) Load(_ string, entries ...string) ([]gpu.Function, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	fns := make([]gpu.Function, len(entries))
	for i := range fns {
		d.fns++
		fns[i] = d.fns
	}
	return fns, nil
}

func (d *Device) Launch(gpu.Function, [3]uint32, [3]uint32, uint32, *unsafe.Pointer) error {
	d.Launches.Add(1)
	return nil
}
