package cufft

import (
	sym "github.com/cugo/cugo/internal/sym/cufft"
	"github.com/cugo/cugo/internal/vendorerr"
)

// Error is a failed cuFFT call, or arguments refused before the call: the
// call, the cufftResult code and its name. cuFFT has no function that
// describes its codes.
type Error = vendorerr.Error

var lib = &vendorerr.Library{
	Name: "cufft",
	Names: map[int32]string{
		1: "CUFFT_INVALID_PLAN", 2: "CUFFT_ALLOC_FAILED", 3: "CUFFT_INVALID_TYPE",
		4: "CUFFT_INVALID_VALUE", 5: "CUFFT_INTERNAL_ERROR", 6: "CUFFT_EXEC_FAILED",
		7: "CUFFT_SETUP_FAILED", 8: "CUFFT_INVALID_SIZE", 9: "CUFFT_UNALIGNED_DATA",
		10: "CUFFT_INCOMPLETE_PARAMETER_LIST", 11: "CUFFT_INVALID_DEVICE",
		12: "CUFFT_PARSE_ERROR", 13: "CUFFT_NO_WORKSPACE", 14: "CUFFT_NOT_IMPLEMENTED",
		15: "CUFFT_LICENSE_ERROR", 16: "CUFFT_NOT_SUPPORTED",
	},
}

// Sentinels for errors.Is: each matches every failed cuFFT call that
// returned its code. ErrInvalidValue also matches the arguments refused in
// Go before the call (a nil context, a closed plan, a bad layout).
var (
	ErrOutOfMemory  = lib.Sentinel(2) // CUFFT_ALLOC_FAILED
	ErrInvalidValue = lib.Sentinel(4)
	ErrNotSupported = lib.Sentinel(16)
)

const (
	errInvalidType = 3
	errInvalidSize = 8
)

// check turns a result into nil or an *Error naming call.
func check(call string, r sym.CufftResult) error { return lib.Check(call, int32(r)) }

// argErr is an argument error caught in Go, before cuFFT is called.
func argErr(call, format string, args ...any) error {
	return lib.Errorf(call, ErrInvalidValue.Code, format, args...)
}
