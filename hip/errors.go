package hip

import (
	"github.com/cugo/cugo/internal/cstr"
	"github.com/cugo/cugo/internal/vendorerr"

	sym "github.com/cugo/cugo/internal/sym/hip"
)

// Error is a failed HIP call: the call, the hipError_t code, and the
// runtime's name and description of it (hipGetErrorName,
// hipGetErrorString).
type Error = vendorerr.Error

// lib names and describes the hipError_t codes.
var lib = &vendorerr.Library{
	Name: "hip",
	Names: map[int32]string{
		1: "hipErrorInvalidValue", 2: "hipErrorOutOfMemory", 3: "hipErrorNotInitialized",
		100: "hipErrorNoDevice", 101: "hipErrorInvalidDevice", 600: "hipErrorNotReady",
		801: "hipErrorNotSupported",
	},
	Describe: describe,
}

// Sentinels for errors.Is(err, hip.ErrOutOfMemory) and friends: each
// matches every failed HIP call that returned its code.
var (
	ErrInvalidValue   = lib.Sentinel(1)
	ErrOutOfMemory    = lib.Sentinel(2)
	ErrNotInitialized = lib.Sentinel(3)
	ErrNoDevice       = lib.Sentinel(100)
	ErrInvalidDevice  = lib.Sentinel(101)
	ErrNotReady       = lib.Sentinel(600)
	ErrNotSupported   = lib.Sentinel(801)
)

// check turns a hipError_t into nil or an *Error naming call.
func check(call string, r sym.HipError_t) error { return lib.Check(call, int32(r)) }

// describe asks the runtime for a code's name and description.
func describe(code int32) (name, msg string) {
	if _, err := sym.Load(); err != nil {
		return "", ""
	}
	return cstr.GoString(sym.HipGetErrorName(sym.HipError_t(code))), cstr.GoString(sym.HipGetErrorString(sym.HipError_t(code)))
}
