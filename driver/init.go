package driver

import (
	"fmt"
	"sync"

	sym "github.com/cugo/cugo/internal/sym/cuda"
)

var initState struct {
	once sync.Once
	err  error
}

// Init loads the CUDA driver library and calls cuInit(0), once; later calls
// return the first call's result. A missing library gives the loader's error
// (errors.Is(err, loader.ErrNotFound)); a machine without a GPU gives
// ErrNoDevice. Every function that reaches a device calls Init itself.
func Init() error {
	initState.once.Do(func() {
		if _, err := sym.Load(); err != nil {
			initState.err = err
			return
		}
		initState.err = check("cuInit", sym.CuInit(0))
	})
	return initState.err
}

// Version is a CUDA version.
type Version struct{ Major, Minor, Patch int }

func (v Version) String() string { return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch) }

// decodeVersion splits the driver's 1000*major + 10*minor (12020 for
// CUDA 12.2).
func decodeVersion(v int32) Version {
	return Version{Major: int(v / 1000), Minor: int(v % 1000 / 10)}
}

// DriverVersion returns the CUDA version the installed driver supports.
// It needs no device.
func DriverVersion() (Version, error) {
	if _, err := sym.Load(); err != nil {
		return Version{}, err
	}
	var v int32
	if err := check("cuDriverGetVersion", sym.CuDriverGetVersion(&v)); err != nil {
		return Version{}, err
	}
	return decodeVersion(v), nil
}
