package hip

import (
	"fmt"
	"github.com/cugo/cugo/internal/cstr"

	sym "github.com/cugo/cugo/internal/sym/hip"
)

// Error is a failed HIP call: the operation, the hipError_t code and the
// runtime's own name and message for it. Compare with errors.Is against the
// sentinels below, which match on the code alone.
type Error struct {
	Op      string // the HIP function that failed, "hipMalloc"
	Code    int32
	Name    string // "hipErrorOutOfMemory"
	Message string // "out of memory"
}

func (e *Error) Error() string {
	if e.Op == "" {
		return fmt.Sprintf("hip: %s (%d): %s", e.Name, e.Code, e.Message)
	}
	return fmt.Sprintf("hip: %s: %s (%d): %s", e.Op, e.Name, e.Code, e.Message)
}

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinel errors for the codes callers act on.
var (
	ErrInvalidValue   = &Error{Code: 1, Name: "hipErrorInvalidValue", Message: "invalid argument"}
	ErrOutOfMemory    = &Error{Code: 2, Name: "hipErrorOutOfMemory", Message: "out of memory"}
	ErrNotInitialized = &Error{Code: 3, Name: "hipErrorNotInitialized", Message: "initialization error"}
	ErrNoDevice       = &Error{Code: 100, Name: "hipErrorNoDevice", Message: "no ROCm-capable device is detected"}
	ErrInvalidDevice  = &Error{Code: 101, Name: "hipErrorInvalidDevice", Message: "invalid device ordinal"}
	ErrNotReady       = &Error{Code: 600, Name: "hipErrorNotReady", Message: "device not ready"}
	ErrNotSupported   = &Error{Code: 801, Name: "hipErrorNotSupported", Message: "operation not supported"}
)

const (
	codeNoDevice      = 100
	codeInvalidDevice = 101
	codeNotReady      = 600
)

// check turns a hipError_t into an error naming op; nil on hipSuccess.
func check(op string, r sym.HipError_t) error {
	if r == 0 {
		return nil
	}
	return &Error{
		Op:      op,
		Code:    int32(r),
		Name:    cstr.GoString(sym.HipGetErrorName(r)),
		Message: cstr.GoString(sym.HipGetErrorString(r)),
	}
}
