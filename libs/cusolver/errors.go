package cusolver

import (
	sym "github.com/cugo/cugo/internal/sym/cusolver"
	"github.com/cugo/cugo/internal/vendorerr"
)

// Error is a failed cuSOLVER call, or arguments refused before the call:
// the call, the cusolverStatus_t code and its name.
type Error = vendorerr.Error

// lib names the cuSOLVER statuses. cuSOLVER has no call that names or
// describes them, so the table is all there is.
var lib = &vendorerr.Library{
	Name: "cusolver",
	Names: map[int32]string{
		1: "CUSOLVER_STATUS_NOT_INITIALIZED", 2: "CUSOLVER_STATUS_ALLOC_FAILED",
		3: "CUSOLVER_STATUS_INVALID_VALUE", 4: "CUSOLVER_STATUS_ARCH_MISMATCH",
		5: "CUSOLVER_STATUS_MAPPING_ERROR", 6: "CUSOLVER_STATUS_EXECUTION_FAILED",
		7: "CUSOLVER_STATUS_INTERNAL_ERROR", 8: "CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED",
		9: "CUSOLVER_STATUS_NOT_SUPPORTED", 10: "CUSOLVER_STATUS_ZERO_PIVOT",
		11: "CUSOLVER_STATUS_INVALID_LICENSE",
	},
}

// Sentinels for errors.Is: each matches every failed cuSOLVER call that
// returned its status. ErrInvalidValue also matches the arguments refused
// in Go before the call (negative sizes, short leading dimensions, a
// closed handle).
var (
	ErrOutOfMemory  = lib.Sentinel(2) // CUSOLVER_STATUS_ALLOC_FAILED
	ErrInvalidValue = lib.Sentinel(3)
	ErrNotSupported = lib.Sentinel(9)
)

// check turns a status into nil or an *Error naming call.
func check(call string, s sym.CusolverStatus_t) error { return lib.Check(call, int32(s)) }

// argErr is an argument error caught in Go, before cuSOLVER is called.
func argErr(call, format string, args ...any) error {
	return lib.Errorf(call, ErrInvalidValue.Code, format, args...)
}
