package cusolver

import "fmt"

// Error is a failed cuSOLVER call, or a sentinel for one of its statuses
// (then Call is empty). It has the shape every vendor binding's errors
// share: errors.Is matches a sentinel by library and code.
type Error struct {
	Library string // "cusolver"
	Call    string // the C function that failed: "cusolverDnSgetrf"
	Code    int32  // the cusolverStatus_t it returned
	Name    string // the status's C name: "CUSOLVER_STATUS_INVALID_VALUE"
	Message string // what was wrong, where Go caught it before the call
	Err     error  // the underlying cause: loader.ErrNotSupported for a missing symbol
}

// Error reads "cusolver: cusolverDnSgetrf: CUSOLVER_STATUS_INVALID_VALUE (3)".
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

// cuSOLVER statuses (cusolverStatus_t) by C name.
var statusNames = map[int32]string{
	1:  "CUSOLVER_STATUS_NOT_INITIALIZED",
	2:  "CUSOLVER_STATUS_ALLOC_FAILED",
	3:  "CUSOLVER_STATUS_INVALID_VALUE",
	4:  "CUSOLVER_STATUS_ARCH_MISMATCH",
	5:  "CUSOLVER_STATUS_MAPPING_ERROR",
	6:  "CUSOLVER_STATUS_EXECUTION_FAILED",
	7:  "CUSOLVER_STATUS_INTERNAL_ERROR",
	8:  "CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED",
	9:  "CUSOLVER_STATUS_NOT_SUPPORTED",
	10: "CUSOLVER_STATUS_ZERO_PIVOT",
	11: "CUSOLVER_STATUS_INVALID_LICENSE",
}

func sentinel(code int32) *Error {
	return &Error{Library: "cusolver", Code: code, Name: statusName(code)}
}

// Sentinels for the statuses callers branch on.
var (
	ErrOutOfMemory  = sentinel(2) // CUSOLVER_STATUS_ALLOC_FAILED
	ErrInvalidValue = sentinel(3) // CUSOLVER_STATUS_INVALID_VALUE: also arguments Go refuses
	ErrNotSupported = sentinel(9) // CUSOLVER_STATUS_NOT_SUPPORTED
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
	return &Error{Library: "cusolver", Call: call, Code: code, Name: statusName(code)}
}

// argErr is an argument error caught in Go, reported as the status
// cuSOLVER gives such arguments.
func argErr(call, format string, args ...any) error {
	e := sentinel(3)
	e.Call, e.Message = call, fmt.Sprintf(format, args...)
	return e
}
