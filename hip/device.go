package hip

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"github.com/cugo/cugo/internal/cstr"

	sym "github.com/cugo/cugo/internal/sym/hip"
	"github.com/cugo/cugo/loader"
)

// DeviceCount is the number of AMD GPUs the runtime sees.
func DeviceCount() (int, error) {
	if err := Init(); err != nil {
		return 0, err
	}
	var n int32
	if err := check("hipGetDeviceCount", sym.HipGetDeviceCount(&n)); err != nil {
		return 0, err
	}
	return int(n), nil
}

// Device is one AMD GPU, by ordinal.
type Device struct {
	ordinal int32
}

// GetDevice returns device ordinal, after initialising the runtime.
func DeviceGet(ordinal int) (*Device, error) {
	n, err := DeviceCount()
	if err != nil {
		return nil, err
	}
	if ordinal < 0 || ordinal >= n {
		return nil, fmt.Errorf("hip: DeviceGet(%d): %w (%d devices)", ordinal, ErrInvalidDevice, n)
	}
	return &Device{ordinal: int32(ordinal)}, nil
}

// Ordinal is the device's index.
func (d *Device) Ordinal() int { return int(d.ordinal) }

// PrimaryContext returns the handle through which work runs on d. HIP
// has no contexts to create, so it does not fail; it returns an error to
// have the shape of its twin driver.Device.PrimaryContext.
func (d *Device) PrimaryContext() (*Context, error) { return &Context{device: d}, nil }

// Name is the marketing name ("AMD Instinct MI250X").
func (d *Device) Name() (string, error) {
	var buf [256]byte
	if err := check("hipDeviceGetName", sym.HipDeviceGetName(&buf[0], int32(len(buf)), sym.HipDevice_t(d.ordinal))); err != nil {
		return "", err
	}
	return cstr.FromBuffer(buf[:]), nil
}

// TotalMem is the device memory in bytes.
func (d *Device) TotalMem() (int, error) {
	var n uintptr
	if err := check("hipDeviceTotalMem", sym.HipDeviceTotalMem(&n, sym.HipDevice_t(d.ordinal))); err != nil {
		return 0, err
	}
	return int(n), nil
}

// Attribute asks the runtime for one device attribute.
func (d *Device) Attribute(a DeviceAttribute) (int, error) {
	var v int32
	if err := check("hipDeviceGetAttribute", sym.HipDeviceGetAttribute(&v, sym.HipDeviceAttribute_t(a), d.ordinal)); err != nil {
		return 0, fmt.Errorf("%w (attribute %d)", err, a)
	}
	return int(v), nil
}

// MultiprocessorCount is the number of compute units.
func (d *Device) MultiprocessorCount() (int, error) { return d.Attribute(AttrMultiprocessorCount) }

// WarpSize is the wavefront size: 64 on CDNA (MI100-MI300), 32 on RDNA.
func (d *Device) WarpSize() (int, error) { return d.Attribute(AttrWarpSize) }

// ArchName is the full target id of the device, with its features
// ("gfx90a:sramecc+:xnack-"); hiprtc accepts it as the offload target.
func (d *Device) ArchName() (string, error) {
	// The buffer is larger than either struct layout (R0000 ~ 0.8 KiB,
	// R0600 ~ 1.5 KiB); uint64 elements give it the struct's alignment.
	var buf [512]uint64
	p := unsafe.Pointer(&buf[0])
	op, off := "hipGetDevicePropertiesR0600", unsafe.Offsetof(propsR0600{}.gcnArchName)
	r, err := sym.HipGetDevicePropertiesR0600(p, d.ordinal)
	if errors.Is(err, loader.ErrNotSupported) { // ROCm 5: only the R0000 layout exists
		op, off = "hipGetDeviceProperties", unsafe.Offsetof(propsR0000{}.gcnArchName)
		r, err = sym.HipGetDeviceProperties(p, d.ordinal)
	}
	if err != nil {
		return "", err
	}
	if err := check(op, r); err != nil {
		return "", err
	}
	name := cstr.FromBuffer(unsafe.Slice((*byte)(unsafe.Add(p, off)), 256)) // gcnArchName is char[256]
	if !strings.HasPrefix(name, "gfx") {
		return "", fmt.Errorf("hip: device %d: gcnArchName %q does not name a gfx target (device-properties layout mismatch?)", d.ordinal, name)
	}
	return name, nil
}

// Arch is the bare gfx target ("gfx90a"), without the feature flags.
func (d *Device) Arch() (string, error) {
	name, err := d.ArchName()
	arch, _, _ := strings.Cut(name, ":")
	return arch, err
}
