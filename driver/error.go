package driver

import (
	"fmt"

	"github.com/cugo/cugo/internal/cstr"
	sym "github.com/cugo/cugo/internal/sym/cuda"
	"github.com/cugo/cugo/internal/vendorerr"
)

// Error is a failed driver call: the call, the CUresult code, and the
// driver's name and description of it (cuGetErrorName, cuGetErrorString).
type Error = vendorerr.Error

// lib names and describes the CUresult codes.
var lib = &vendorerr.Library{
	Name: "cuda",
	Names: map[int32]string{
		1: "CUDA_ERROR_INVALID_VALUE", 2: "CUDA_ERROR_OUT_OF_MEMORY",
		3: "CUDA_ERROR_NOT_INITIALIZED", 100: "CUDA_ERROR_NO_DEVICE",
		101: "CUDA_ERROR_INVALID_DEVICE", 218: "CUDA_ERROR_INVALID_PTX",
		500: "CUDA_ERROR_NOT_FOUND", 600: "CUDA_ERROR_NOT_READY",
		700: "CUDA_ERROR_ILLEGAL_ADDRESS", 704: "CUDA_ERROR_PEER_ACCESS_ALREADY_ENABLED",
		719: "CUDA_ERROR_LAUNCH_FAILED", 801: "CUDA_ERROR_NOT_SUPPORTED",
		999: "CUDA_ERROR_UNKNOWN",
	},
	Describe: describe,
}

// Sentinels for errors.Is(err, driver.ErrOutOfMemory) and friends: each
// matches every failed driver call that returned its code.
var (
	ErrInvalidValue             = lib.Sentinel(1)
	ErrOutOfMemory              = lib.Sentinel(2)
	ErrNotInitialized           = lib.Sentinel(3)
	ErrNoDevice                 = lib.Sentinel(100)
	ErrInvalidDevice            = lib.Sentinel(101)
	ErrInvalidPTX               = lib.Sentinel(218)
	ErrNotFound                 = lib.Sentinel(500)
	ErrNotReady                 = lib.Sentinel(600)
	ErrIllegalAddress           = lib.Sentinel(700)
	ErrPeerAccessAlreadyEnabled = lib.Sentinel(704)
	ErrLaunchFailed             = lib.Sentinel(719)
	ErrNotSupported             = lib.Sentinel(801)
	ErrUnknown                  = lib.Sentinel(999)
)

// check turns a CUresult into nil or an *Error naming call.
func check(call string, r sym.CUresult) error { return lib.Check(call, int32(r)) }

// checkOptional is check for the bindings of optional symbols: a symbol
// the driver lacks reads as ErrNotSupported wrapping loader.ErrNotSupported.
func checkOptional(call string, r sym.CUresult, err error) error {
	if err != nil {
		return lib.Wrap(call, ErrNotSupported.Code, err)
	}
	return check(call, r)
}

// describe asks the driver for a code's name and description; that works
// before cuInit and without a device.
func describe(code int32) (name, msg string) {
	if _, err := sym.Load(); err != nil {
		return "", ""
	}
	var p *byte
	if sym.CuGetErrorName(sym.CUresult(code), &p) == 0 && p != nil {
		name = cstr.GoString(p)
	}
	p = nil
	if sym.CuGetErrorString(sym.CUresult(code), &p) == 0 && p != nil {
		msg = cstr.GoString(p)
	}
	return name, msg
}

// cString returns s NUL-terminated for C; a NUL inside s is an error.
func cString(op, s string) (*byte, error) {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return nil, fmt.Errorf("%s: name %q contains a NUL byte", op, s)
		}
	}
	b := append([]byte(s), 0)
	return &b[0], nil
}
