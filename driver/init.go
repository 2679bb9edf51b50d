package driver

import (
	"sync"

	"github.com/cugo/cugo/internal/sym/cuda"
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
		if _, err := cuda.Load(); err != nil {
			initState.err = err
			return
		}
		initState.err = check("cuInit", cuda.CuInit(0))
	})
	return initState.err
}

// DriverVersion returns the CUDA version the installed driver supports,
// as 1000*major + 10*minor (12020 for CUDA 12.2). It needs no device.
func DriverVersion() (int, error) {
	if _, err := cuda.Load(); err != nil {
		return 0, err
	}
	var v int32
	if err := check("cuDriverGetVersion", cuda.CuDriverGetVersion(&v)); err != nil {
		return 0, err
	}
	return int(v), nil
}
