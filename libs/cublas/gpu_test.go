//go:build gpu_driver_api

// This is the only file of package cublas's tests that calls package
// driver beyond the DevicePtr, Context.Do and Stream types. It is behind the
// gpu_driver_api tag until the driver package provides these functions:
// Init, DeviceGet, Device.PrimaryContext, Context.NewStream (agreed names),
// and, named here as a guess, Context.MemAlloc, Context.MemFree,
// Context.MemcpyHtoD, Context.MemcpyDtoH and Stream.Synchronize. Adapt the
// memory calls to the real names and drop the tag.

package cublas

import (
	"unsafe"

	"github.com/cugo/cugo/driver"
)

func init() { openGPU = openDriverGPU }

func openDriverGPU() (*gpuEnv, error) {
	if err := driver.Init(); err != nil {
		return nil, err
	}
	dev, err := driver.DeviceGet(0)
	if err != nil {
		return nil, err
	}
	ctx, err := dev.PrimaryContext()
	if err != nil {
		return nil, err
	}
	// A non-default stream, so that SetStream is exercised by every test.
	s, err := ctx.NewStream(0, 0)
	if err != nil {
		return nil, err
	}
	return &gpuEnv{ctx: ctx, stream: s, mem: driverMem{ctx, s}}, nil
}

type driverMem struct {
	ctx    *driver.Context
	stream *driver.Stream
}

func (m driverMem) Alloc(bytes int) (driver.DevicePtr, error) { return m.ctx.MemAlloc(bytes) }

func (m driverMem) Free(p driver.DevicePtr) error { return m.ctx.MemFree(p) }

func (m driverMem) Upload(dst driver.DevicePtr, src unsafe.Pointer, bytes int) error {
	if err := m.stream.Synchronize(); err != nil {
		return err
	}
	return m.ctx.MemcpyHtoD(dst, src, bytes)
}

func (m driverMem) Download(dst unsafe.Pointer, src driver.DevicePtr, bytes int) error {
	if err := m.stream.Synchronize(); err != nil {
		return err
	}
	return m.ctx.MemcpyDtoH(dst, src, bytes)
}
