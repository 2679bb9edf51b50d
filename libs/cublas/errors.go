package cublas

import (
	"strings"

	"github.com/cugo/cugo/internal/cstr"
	sym "github.com/cugo/cugo/internal/sym/cublas"
	"github.com/cugo/cugo/internal/vendorerr"
)

// Error is a failed cuBLAS call, or arguments refused before the call:
// the call, the cublasStatus_t code, its name and description.
type Error = vendorerr.Error

// lib names the cuBLAS statuses. The table is the fallback for libraries
// without cublasGetStatusName (before CUDA 11.4).
var lib = &vendorerr.Library{
	Name: "cublas",
	Names: map[int32]string{
		1: "CUBLAS_STATUS_NOT_INITIALIZED", 3: "CUBLAS_STATUS_ALLOC_FAILED",
		7: "CUBLAS_STATUS_INVALID_VALUE", 8: "CUBLAS_STATUS_ARCH_MISMATCH",
		11: "CUBLAS_STATUS_MAPPING_ERROR", 13: "CUBLAS_STATUS_EXECUTION_FAILED",
		14: "CUBLAS_STATUS_INTERNAL_ERROR", 15: "CUBLAS_STATUS_NOT_SUPPORTED",
		16: "CUBLAS_STATUS_LICENSE_ERROR",
	},
	Describe: describe,
}

// Sentinels for errors.Is: each matches every failed cuBLAS call that
// returned its status. ErrInvalidValue also matches the arguments refused
// in Go before the call (negative sizes, short leading dimensions, a
// closed handle).
var (
	ErrNotInitialized = lib.Sentinel(1)
	ErrOutOfMemory    = lib.Sentinel(3) // CUBLAS_STATUS_ALLOC_FAILED
	ErrInvalidValue   = lib.Sentinel(7)
	ErrNotSupported   = lib.Sentinel(15)
)

// check turns a status into nil or an *Error naming the call: routine is
// the C name without its prefix and version suffix ("Sgemm" for
// cublasSgemm_v2).
func check(routine string, s sym.CublasStatus_t) error { return lib.Check("cublas"+routine, int32(s)) }

// argErr is an argument error caught in Go, before cuBLAS is called.
func argErr(routine, format string, args ...any) error {
	return lib.Errorf("cublas"+routine, ErrInvalidValue.Code, format, args...)
}

// describe asks the loaded library (CUDA 11.4+) for a status's name and
// description; "" where the library or the symbol is absent. cuBLAS
// answers "unrecognized status" for codes it does not know.
func describe(code int32) (name, msg string) {
	if _, err := sym.Load(); err != nil {
		return "", ""
	}
	text := func(f func(sym.CublasStatus_t) (*byte, error)) string {
		p, err := f(sym.CublasStatus_t(code))
		if err != nil || p == nil {
			return ""
		}
		return cstr.GoString(p)
	}
	if name = text(sym.CublasGetStatusName); !strings.HasPrefix(name, "CUBLAS_STATUS_") {
		return "", ""
	}
	return name, text(sym.CublasGetStatusString)
}
