package hipfft

import (
	sym "github.com/cugo/cugo/internal/sym/hipfft"
	"github.com/cugo/cugo/internal/vendorerr"
)

// Error is a failed hipFFT call, or arguments refused before the call: the
// call, the hipfftResult code and its name. hipFFT has no function that
// describes its codes.
type Error = vendorerr.Error

var lib = &vendorerr.Library{
	Name: "hipfft",
	Names: map[int32]string{
		1: "HIPFFT_INVALID_PLAN", 2: "HIPFFT_ALLOC_FAILED", 3: "HIPFFT_INVALID_TYPE",
		4: "HIPFFT_INVALID_VALUE", 5: "HIPFFT_INTERNAL_ERROR", 6: "HIPFFT_EXEC_FAILED",
		7: "HIPFFT_SETUP_FAILED", 8: "HIPFFT_INVALID_SIZE", 9: "HIPFFT_UNALIGNED_DATA",
		10: "HIPFFT_INCOMPLETE_PARAMETER_LIST", 11: "HIPFFT_INVALID_DEVICE",
		12: "HIPFFT_PARSE_ERROR", 13: "HIPFFT_NO_WORKSPACE", 14: "HIPFFT_NOT_IMPLEMENTED",
		16: "HIPFFT_NOT_SUPPORTED",
	},
}

// Sentinels for errors.Is: each matches every failed hipFFT call that
// returned its code. ErrInvalidValue also matches the arguments refused in
// Go before the call (a nil context, a closed plan, a bad layout).
var (
	ErrOutOfMemory  = lib.Sentinel(2) // HIPFFT_ALLOC_FAILED
	ErrInvalidValue = lib.Sentinel(4)
	ErrNotSupported = lib.Sentinel(16)
)

const (
	errInvalidType = 3
	errInvalidSize = 8
)

// check turns a result into nil or an *Error naming call.
func check(call string, r sym.HipfftResult) error { return lib.Check(call, int32(r)) }

// argErr is an argument error caught in Go, before hipFFT is called.
func argErr(call, format string, args ...any) error {
	return lib.Errorf(call, ErrInvalidValue.Code, format, args...)
}
