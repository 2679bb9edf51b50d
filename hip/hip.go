// Package hip is the Go API of AMD's HIP runtime, loaded at run time from
// libamdhip64 without cgo: devices, streams, events, memory, modules,
// launches and graphs. It is the twin of package driver (CUDA): the same
// names, receivers and argument order, so that the layers above treat both
// alike (internal/twins checks it and lists the vendor differences).
// HIP-only details (launch-parameter markers, device-property layouts,
// attribute numbering) stay inside this package.
//
// HIP's current device is per OS thread, as CUDA's current context is.
// Every call here that depends on it runs through Context.Do, which locks
// the goroutine to its thread and selects the device first.
package hip

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"

	sym "github.com/cugo/cugo/internal/sym/hip"
)

var initState struct {
	once sync.Once
	err  error
}

// Init loads libamdhip64 and initialises the runtime, once; later calls
// return the first call's result. On a machine without an AMD GPU the
// error satisfies errors.Is(err, ErrNoDevice).
func Init() error {
	initState.once.Do(func() { initState.err = initialize() })
	return initState.err
}

// kfdPath is the ROCm kernel driver node. Its absence is reported, but
// hipInit is still asked: HIP 5.2 answers quickly without it (measured),
// and on Windows there is no such node at all.
const kfdPath = "/dev/kfd"

func initialize() error {
	if _, err := sym.Load(); err != nil {
		return err
	}
	initErr := check("hipInit", sym.HipInit(0))
	var count int32
	countErr := check("hipGetDeviceCount", sym.HipGetDeviceCount(&count))
	if initErr == nil && countErr == nil && count > 0 {
		return nil
	}
	// HIP 5 answers hipInit with hipErrorInvalidDevice when there is no
	// GPU and hipGetDeviceCount with hipErrorNoDevice: both mean the same.
	if countErr != nil && errors.Is(countErr, ErrNoDevice) || countErr == nil && count == 0 ||
		initErr != nil && (errors.Is(initErr, ErrNoDevice) || errors.Is(initErr, ErrInvalidDevice)) {
		return noDevice(initErr, countErr)
	}
	if initErr != nil {
		return initErr
	}
	return countErr
}

// noDevice builds the ErrNoDevice error, saying what the runtime answered
// and whether the kernel driver is there.
func noDevice(errs ...error) error {
	e := lib.New("Init", ErrNoDevice.Code)
	msg := "no AMD GPU found"
	if runtime.GOOS == "linux" {
		if _, err := os.Stat(kfdPath); err != nil {
			msg += " (" + kfdPath + " is absent: the amdgpu kernel driver is not loaded or not visible here)"
		}
	}
	for _, err := range errs {
		if err != nil {
			msg += "; " + err.Error()
		}
	}
	e.Message = msg
	return e
}

// Version is a HIP version; the runtime encodes it as
// major*10000000 + minor*100000 + patch.
type Version struct{ Major, Minor, Patch int }

func decodeVersion(v int32) Version {
	return Version{Major: int(v / 10000000), Minor: int(v / 100000 % 100), Patch: int(v % 100000)}
}

func (v Version) String() string { return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch) }

// RuntimeVersion is the version of the loaded libamdhip64.
func RuntimeVersion() (Version, error) {
	if _, err := sym.Load(); err != nil {
		return Version{}, err
	}
	var v int32
	if err := check("hipRuntimeGetVersion", sym.HipRuntimeGetVersion(&v)); err != nil {
		return Version{}, err
	}
	return decodeVersion(v), nil
}

// DriverVersion is the HIP version the installed driver stack supports.
func DriverVersion() (Version, error) {
	if _, err := sym.Load(); err != nil {
		return Version{}, err
	}
	var v int32
	if err := check("hipDriverGetVersion", sym.HipDriverGetVersion(&v)); err != nil {
		return Version{}, err
	}
	return decodeVersion(v), nil
}
