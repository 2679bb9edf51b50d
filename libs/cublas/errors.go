package cublas

import (
	"errors"
	"fmt"
	"github.com/cugo/cugo/internal/cstr"
	"strings"

	sym "github.com/cugo/cugo/internal/sym/cublas"
)

// ErrInvalidArgument is wrapped by the errors of arguments caught in Go,
// before cuBLAS is called (negative sizes, ld smaller than the rows...).
var ErrInvalidArgument = errors.New("invalid argument")

// Status is a cuBLAS status code. It is an error, so that
// errors.Is(err, cublas.StatusNotSupported) tests a failed call's status.
type Status int32

// cuBLAS statuses (cublasStatus_t).
const (
	StatusSuccess         Status = 0
	StatusNotInitialized  Status = 1
	StatusAllocFailed     Status = 3
	StatusInvalidValue    Status = 7
	StatusArchMismatch    Status = 8
	StatusMappingError    Status = 11
	StatusExecutionFailed Status = 13
	StatusInternalError   Status = 14
	StatusNotSupported    Status = 15
	StatusLicenseError    Status = 16
)

// statusText is the fallback for libraries without cublasGetStatusName
// (before CUDA 11.4), worded as cublasGetStatusString words it.
var statusText = map[Status][2]string{
	StatusSuccess:         {"CUBLAS_STATUS_SUCCESS", "success"},
	StatusNotInitialized:  {"CUBLAS_STATUS_NOT_INITIALIZED", "the library was not initialized"},
	StatusAllocFailed:     {"CUBLAS_STATUS_ALLOC_FAILED", "the resource allocation failed"},
	StatusInvalidValue:    {"CUBLAS_STATUS_INVALID_VALUE", "an invalid numeric value was used as an argument"},
	StatusArchMismatch:    {"CUBLAS_STATUS_ARCH_MISMATCH", "an absent device architectural feature is required"},
	StatusMappingError:    {"CUBLAS_STATUS_MAPPING_ERROR", "an access to GPU memory space failed"},
	StatusExecutionFailed: {"CUBLAS_STATUS_EXECUTION_FAILED", "the GPU program failed to execute"},
	StatusInternalError:   {"CUBLAS_STATUS_INTERNAL_ERROR", "an internal operation failed"},
	StatusNotSupported:    {"CUBLAS_STATUS_NOT_SUPPORTED", "the functionality requested is not supported"},
	StatusLicenseError:    {"CUBLAS_STATUS_LICENSE_ERROR", "error detected trying to check the license"},
}

// Name is the status's C name ("CUBLAS_STATUS_INVALID_VALUE").
func (s Status) Name() string {
	// cuBLAS answers "unrecognized status" for codes it does not know.
	if name := libraryText(sym.CublasGetStatusName, s); strings.HasPrefix(name, "CUBLAS_STATUS_") {
		return name
	}
	if t, ok := statusText[s]; ok {
		return t[0]
	}
	return fmt.Sprintf("CUBLAS_STATUS_%d", int32(s))
}

// Description is the library's sentence for the status.
func (s Status) Description() string {
	if text := libraryText(sym.CublasGetStatusString, s); text != "" {
		return text
	}
	if t, ok := statusText[s]; ok {
		return t[1]
	}
	return "unknown status"
}

func (s Status) Error() string { return s.Name() }

// libraryText asks the loaded library (CUDA 11.4+) for a status's text; ""
// when the library or the symbol is absent.
func libraryText(f func(sym.CublasStatus_t) (*byte, error), s Status) string {
	if _, err := sym.Load(); err != nil {
		return ""
	}
	p, err := f(sym.CublasStatus_t(s))
	if err != nil || p == nil {
		return ""
	}
	return cstr.GoString(p)
}

// Error is a failed cuBLAS call: the routine and the status it returned.
type Error struct {
	Op     string // "Sgemm", "Create", ...
	Status Status
}

func (e *Error) Error() string {
	return fmt.Sprintf("cublas: %s: %s (%s)", e.Op, e.Status.Name(), e.Status.Description())
}

func (e *Error) Unwrap() error { return e.Status }

// check turns a status into an error (nil on success).
func check(op string, s sym.CublasStatus_t) error {
	if s == 0 {
		return nil
	}
	return &Error{Op: op, Status: Status(s)}
}
