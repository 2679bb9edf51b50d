package hipsolver

import (
	sym "github.com/cugo/cugo/internal/sym/hipsolver"
	"github.com/cugo/cugo/internal/vendorerr"
)

// Error is a failed hipSOLVER call, or arguments refused before the call:
// the call, the hipsolverStatus_t code and its name.
type Error = vendorerr.Error

// lib names the hipSOLVER statuses (the codes differ from cuSOLVER's).
var lib = &vendorerr.Library{
	Name: "hipsolver",
	Names: map[int32]string{
		1: "HIPSOLVER_STATUS_NOT_INITIALIZED", 2: "HIPSOLVER_STATUS_ALLOC_FAILED",
		3: "HIPSOLVER_STATUS_INVALID_VALUE", 4: "HIPSOLVER_STATUS_MAPPING_ERROR",
		5: "HIPSOLVER_STATUS_EXECUTION_FAILED", 6: "HIPSOLVER_STATUS_INTERNAL_ERROR",
		7: "HIPSOLVER_STATUS_NOT_SUPPORTED", 8: "HIPSOLVER_STATUS_ARCH_MISMATCH",
		9: "HIPSOLVER_STATUS_HANDLE_IS_NULLPTR", 10: "HIPSOLVER_STATUS_INVALID_ENUM",
		11: "HIPSOLVER_STATUS_UNKNOWN", 12: "HIPSOLVER_STATUS_ZERO_PIVOT",
		13: "HIPSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED",
	},
}

// Sentinels for errors.Is: each matches every failed hipSOLVER call that
// returned its status. ErrInvalidValue also matches the arguments refused
// in Go before the call (negative sizes, short leading dimensions, a
// closed handle).
var (
	ErrOutOfMemory  = lib.Sentinel(2) // HIPSOLVER_STATUS_ALLOC_FAILED
	ErrInvalidValue = lib.Sentinel(3)
	ErrNotSupported = lib.Sentinel(7)
)

// check turns a status into nil or an *Error naming call.
func check(call string, s sym.HipsolverStatus_t) error { return lib.Check(call, int32(s)) }

// argErr is an argument error caught in Go, before hipSOLVER is called.
func argErr(call, format string, args ...any) error {
	return lib.Errorf(call, ErrInvalidValue.Code, format, args...)
}
