package driver

import (
	"fmt"
	"unsafe"

	"github.com/cugo/cugo/internal/cstr"

	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// Device is a CUDA device (a GPU).
type Device struct {
	ordinal int
	handle  sym.CUdevice
}

// DeviceCount returns the number of CUDA devices.
func DeviceCount() (int, error) {
	if err := Init(); err != nil {
		return 0, err
	}
	var n int32
	if err := check("cuDeviceGetCount", sym.CuDeviceGetCount(&n)); err != nil {
		return 0, err
	}
	return int(n), nil
}

// DeviceGet returns the device of the given ordinal (0 is the first GPU).
func DeviceGet(ordinal int) (Device, error) {
	if err := Init(); err != nil {
		return Device{}, err
	}
	var d sym.CUdevice
	if err := check("cuDeviceGet", sym.CuDeviceGet(&d, int32(ordinal))); err != nil {
		return Device{}, fmt.Errorf("driver: device %d: %w", ordinal, err)
	}
	return Device{ordinal: ordinal, handle: d}, nil
}

// Ordinal returns the device's index, as DeviceGet takes it.
func (d Device) Ordinal() int { return d.ordinal }

// Name returns the device's product name ("NVIDIA H100 80GB HBM3").
func (d Device) Name() (string, error) {
	var buf [256]byte
	if err := check("cuDeviceGetName", sym.CuDeviceGetName(&buf[0], int32(len(buf)), d.handle)); err != nil {
		return "", err
	}
	return cstr.FromBuffer(buf[:]), nil
}

// UUID is a device's unique identifier.
type UUID [16]byte

// String formats u as nvidia-smi does: GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.
func (u UUID) String() string {
	return fmt.Sprintf("GPU-%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// UUID returns the device's unique identifier.
func (d Device) UUID() (UUID, error) {
	var u UUID
	err := check("cuDeviceGetUuid", sym.CuDeviceGetUuid(unsafe.Pointer(&u[0]), d.handle))
	return u, err
}

// TotalMem returns the device's memory size in bytes.
func (d Device) TotalMem() (int, error) {
	var n uintptr
	err := check("cuDeviceTotalMem", sym.CuDeviceTotalMem(&n, d.handle))
	return int(n), err
}

// DeviceAttribute is a CUdevice_attribute.
type DeviceAttribute int32

// Device attributes (the values of cuda.h's CU_DEVICE_ATTRIBUTE_*).
const (
	AttrMaxThreadsPerBlock            DeviceAttribute = 1
	AttrMaxBlockDimX                  DeviceAttribute = 2
	AttrMaxBlockDimY                  DeviceAttribute = 3
	AttrMaxBlockDimZ                  DeviceAttribute = 4
	AttrMaxGridDimX                   DeviceAttribute = 5
	AttrMaxGridDimY                   DeviceAttribute = 6
	AttrMaxGridDimZ                   DeviceAttribute = 7
	AttrMaxSharedMemoryPerBlock       DeviceAttribute = 8
	AttrTotalConstantMemory           DeviceAttribute = 9
	AttrWarpSize                      DeviceAttribute = 10
	AttrMaxRegistersPerBlock          DeviceAttribute = 12
	AttrClockRate                     DeviceAttribute = 13 // kHz
	AttrMultiprocessorCount           DeviceAttribute = 16
	AttrIntegrated                    DeviceAttribute = 18
	AttrCanMapHostMemory              DeviceAttribute = 19
	AttrComputeMode                   DeviceAttribute = 20
	AttrConcurrentKernels             DeviceAttribute = 31
	AttrECCEnabled                    DeviceAttribute = 32
	AttrPCIBusID                      DeviceAttribute = 33
	AttrPCIDeviceID                   DeviceAttribute = 34
	AttrMemoryClockRate               DeviceAttribute = 36 // kHz
	AttrGlobalMemoryBusWidth          DeviceAttribute = 37 // bits
	AttrL2CacheSize                   DeviceAttribute = 38 // bytes
	AttrMaxThreadsPerMultiprocessor   DeviceAttribute = 39
	AttrAsyncEngineCount              DeviceAttribute = 40
	AttrUnifiedAddressing             DeviceAttribute = 41
	AttrPCIDomainID                   DeviceAttribute = 50
	AttrComputeCapabilityMajor        DeviceAttribute = 75
	AttrComputeCapabilityMinor        DeviceAttribute = 76
	AttrMaxSharedMemoryPerMultiproc   DeviceAttribute = 81
	AttrMaxRegistersPerMultiprocessor DeviceAttribute = 82
	AttrManagedMemory                 DeviceAttribute = 83
	AttrConcurrentManagedAccess       DeviceAttribute = 89
	AttrCooperativeLaunch             DeviceAttribute = 95
	AttrMaxSharedMemoryPerBlockOptin  DeviceAttribute = 97
	AttrMaxBlocksPerMultiprocessor    DeviceAttribute = 106
	AttrMemoryPoolsSupported          DeviceAttribute = 115
)

// Attribute returns one of the device's attributes.
func (d Device) Attribute(a DeviceAttribute) (int, error) {
	var v int32
	if err := check("cuDeviceGetAttribute", sym.CuDeviceGetAttribute(&v, sym.CUdevice_attribute(a), d.handle)); err != nil {
		return 0, fmt.Errorf("driver: device %d attribute %d: %w", d.ordinal, a, err)
	}
	return int(v), nil
}

// ComputeCapability returns the device's SM version (9, 0 for an H100).
func (d Device) ComputeCapability() (major, minor int, err error) {
	if major, err = d.Attribute(AttrComputeCapabilityMajor); err != nil {
		return 0, 0, err
	}
	minor, err = d.Attribute(AttrComputeCapabilityMinor)
	return major, minor, err
}

// CanAccessPeer reports whether d can address peer's memory directly
// (after EnablePeerAccess).
func (d Device) CanAccessPeer(peer Device) (bool, error) {
	var v int32
	err := check("cuDeviceCanAccessPeer", sym.CuDeviceCanAccessPeer(&v, d.handle, peer.handle))
	return v != 0, err
}

// Properties gathers the attributes most code asks about.
type Properties struct {
	Name                       string
	UUID                       UUID
	TotalMem                   int // bytes
	Major, Minor               int // compute capability
	MultiprocessorCount        int
	MaxThreadsPerBlock         int
	MaxThreadsPerMultiproc     int
	MaxBlockDim                [3]int
	MaxGridDim                 [3]int
	SharedMemPerBlock          int // bytes, without opting in
	SharedMemPerBlockOptin     int // bytes, with cuFuncSetAttribute
	SharedMemPerMultiprocessor int // bytes
	RegistersPerBlock          int
	WarpSize                   int
	L2CacheSize                int // bytes
	ClockRateKHz               int
	MemoryClockRateKHz         int
	MemoryBusWidth             int // bits
	AsyncEngineCount           int
	PCIDomainID, PCIBusID      int
	UnifiedAddressing          bool
	CanMapHostMemory           bool
	ManagedMemory              bool
	ConcurrentManagedAccess    bool
	MemoryPoolsSupported       bool
}

// Properties reads the device's common attributes in one go.
func (d Device) Properties() (Properties, error) {
	var p Properties
	var err error
	if p.Name, err = d.Name(); err != nil {
		return p, err
	}
	if p.UUID, err = d.UUID(); err != nil {
		return p, err
	}
	if p.TotalMem, err = d.TotalMem(); err != nil {
		return p, err
	}
	var flags struct{ unified, mapHost, managed, concManaged, pools int }
	ints := []struct {
		attr DeviceAttribute
		dst  *int
	}{
		{AttrComputeCapabilityMajor, &p.Major},
		{AttrComputeCapabilityMinor, &p.Minor},
		{AttrMultiprocessorCount, &p.MultiprocessorCount},
		{AttrMaxThreadsPerBlock, &p.MaxThreadsPerBlock},
		{AttrMaxThreadsPerMultiprocessor, &p.MaxThreadsPerMultiproc},
		{AttrMaxBlockDimX, &p.MaxBlockDim[0]},
		{AttrMaxBlockDimY, &p.MaxBlockDim[1]},
		{AttrMaxBlockDimZ, &p.MaxBlockDim[2]},
		{AttrMaxGridDimX, &p.MaxGridDim[0]},
		{AttrMaxGridDimY, &p.MaxGridDim[1]},
		{AttrMaxGridDimZ, &p.MaxGridDim[2]},
		{AttrMaxSharedMemoryPerBlock, &p.SharedMemPerBlock},
		{AttrMaxSharedMemoryPerBlockOptin, &p.SharedMemPerBlockOptin},
		{AttrMaxSharedMemoryPerMultiproc, &p.SharedMemPerMultiprocessor},
		{AttrMaxRegistersPerBlock, &p.RegistersPerBlock},
		{AttrWarpSize, &p.WarpSize},
		{AttrL2CacheSize, &p.L2CacheSize},
		{AttrClockRate, &p.ClockRateKHz},
		{AttrMemoryClockRate, &p.MemoryClockRateKHz},
		{AttrGlobalMemoryBusWidth, &p.MemoryBusWidth},
		{AttrAsyncEngineCount, &p.AsyncEngineCount},
		{AttrPCIDomainID, &p.PCIDomainID},
		{AttrPCIBusID, &p.PCIBusID},
		{AttrUnifiedAddressing, &flags.unified},
		{AttrCanMapHostMemory, &flags.mapHost},
		{AttrManagedMemory, &flags.managed},
		{AttrConcurrentManagedAccess, &flags.concManaged},
		{AttrMemoryPoolsSupported, &flags.pools},
	}
	for _, a := range ints {
		if *a.dst, err = d.Attribute(a.attr); err != nil {
			return p, err
		}
	}
	p.UnifiedAddressing = flags.unified != 0
	p.CanMapHostMemory = flags.mapHost != 0
	p.ManagedMemory = flags.managed != 0
	p.ConcurrentManagedAccess = flags.concManaged != 0
	p.MemoryPoolsSupported = flags.pools != 0
	return p, nil
}
