package hipsolver

import "fmt"

// Error is a failed hipSOLVER call, or a sentinel for one of its statuses
// (then Call is empty). It has the shape every vendor binding's errors
// share: errors.Is matches a sentinel by library and code.
type Error struct {
	Library string // "hipsolver"
	Call    string // the C function that failed: "hipsolverSgetrf"
	Code    int32  // the hipsolverStatus_t it returned
	Name    string // the status's C name: "CUSOLVER_STATUS_INVALID_VALUE"
	Message string // what was wrong, where Go caught it before the call
	Err     error  // the underlying cause: loader.ErrNotSupported for a missing symbol
}

// Error reads "hipsolver: hipsolverSgetrf: HIPSOLVER_STATUS_INVALID_VALUE (3)".
func (e *Error) Error() string {
	s := e.Library + ": "
	if e.Call != "" {
		s += e.Call + ": "
	}
	s += fmt.Sprintf("%s (%d)", e.Name, e.Code)
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Is matches an *Error of the same library and code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Library == e.Library && t.Code == e.Code
}

// Unwrap returns the underlying cause, or nil.
func (e *Error) Unwrap() error { return e.Err }

// hipSOLVER statuses (hipsolverStatus_t) by C name.
var statusNames = map[int32]string{
	1:  "HIPSOLVER_STATUS_NOT_INITIALIZED",
	2:  "HIPSOLVER_STATUS_ALLOC_FAILED",
	3:  "HIPSOLVER_STATUS_INVALID_VALUE",
	4:  "HIPSOLVER_STATUS_MAPPING_ERROR",
	5:  "HIPSOLVER_STATUS_EXECUTION_FAILED",
	6:  "HIPSOLVER_STATUS_INTERNAL_ERROR",
	7:  "HIPSOLVER_STATUS_NOT_SUPPORTED",
	8:  "HIPSOLVER_STATUS_ARCH_MISMATCH",
	9:  "HIPSOLVER_STATUS_HANDLE_IS_NULLPTR",
	10: "HIPSOLVER_STATUS_INVALID_ENUM",
	11: "HIPSOLVER_STATUS_UNKNOWN",
	12: "HIPSOLVER_STATUS_ZERO_PIVOT",
	13: "HIPSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED",
}

func sentinel(code int32) *Error {
	return &Error{Library: "hipsolver", Code: code, Name: statusName(code)}
}

// Sentinels for the statuses callers branch on.
var (
	ErrOutOfMemory  = sentinel(2) // HIPSOLVER_STATUS_ALLOC_FAILED
	ErrInvalidValue = sentinel(3) // HIPSOLVER_STATUS_INVALID_VALUE: also arguments Go refuses
	ErrNotSupported = sentinel(7) // HIPSOLVER_STATUS_NOT_SUPPORTED
)

func statusName(code int32) string {
	if n, ok := statusNames[code]; ok {
		return n
	}
	return "unknown status"
}

// check returns nil for status 0, else the *Error of call.
func check(call string, code int32) error {
	if code == 0 {
		return nil
	}
	return &Error{Library: "hipsolver", Call: call, Code: code, Name: statusName(code)}
}

// argErr is an argument error caught in Go, reported as the status
// hipSOLVER gives such arguments.
func argErr(call, format string, args ...any) error {
	e := sentinel(3)
	e.Call, e.Message = call, fmt.Sprintf(format, args...)
	return e
}
