// Package vendorerr is the one error shape of every vendor binding: the
// CUDA driver, HIP, NVRTC, hiprtc, cuBLAS, hipBLAS and each library added
// after them. A failed call is an *Error carrying the library, the C call,
// the numeric status and the status's C name (and the library's
// description where it has one). Each binding declares one Library and
// exports, as sentinels made by Library.Sentinel, the statuses users branch
// on (ErrNoDevice, ErrOutOfMemory, ErrNotSupported where the library has
// them); errors.Is matches a sentinel by library and code, so a HIP
// out-of-memory never matches the driver's.
//
// The bindings re-export the type (type Error = vendorerr.Error), so users
// write errors.As(err, &driverErr) with driver.Error and never import this
// package.
package vendorerr

import "fmt"

// Error is a failed call into a vendor library, or a sentinel for one of
// its status codes (then Call is empty).
type Error struct {
	Library string // the library's short name: "cuda", "hip", "cublas", ...
	Call    string // the C function that failed: "cuMemAlloc"
	Code    int32  // the status it returned
	Name    string // the status's C name: "CUDA_ERROR_OUT_OF_MEMORY"
	Message string // the library's description of the status, or ""
	// Err is the underlying cause, if any: loader.ErrNotSupported for a
	// call whose symbol the loaded library does not export.
	Err error
}

// Error reads "cuda: cuMemAlloc: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory".
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

// Is reports whether target is an *Error of the same library and code, so
// that errors.Is(err, driver.ErrOutOfMemory) matches any failed driver call
// that returned CUDA_ERROR_OUT_OF_MEMORY.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Library == e.Library && t.Code == e.Code
}

// Unwrap returns the underlying cause, or nil.
func (e *Error) Unwrap() error { return e.Err }

// Library describes one vendor library's statuses. Status 0 is success in
// every library cugo binds.
type Library struct {
	Name string // the short name errors start with: "cuda"
	// Names maps the codes to their C names; it is the fallback where
	// Describe gives no name (the library is not loaded, or too old to
	// name its statuses), and the source of the sentinels' names.
	Names map[int32]string
	// Describe, if not nil, asks the loaded library for a code's name and
	// description (cuGetErrorName, hipGetErrorString...); either may be "".
	Describe func(code int32) (name, message string)
}

// Sentinel returns the error that errors.Is matches against every failure
// of l with this code.
func (l *Library) Sentinel(code int32) *Error {
	return &Error{Library: l.Name, Code: code, Name: l.name(code)}
}

// Check returns nil for status 0, else the *Error of call failing with code.
func (l *Library) Check(call string, code int32) error {
	if code == 0 {
		return nil
	}
	return l.New(call, code)
}

// New returns the *Error of call failing with code, named and described by
// the library where it can.
func (l *Library) New(call string, code int32) *Error {
	e := &Error{Library: l.Name, Call: call, Code: code}
	if l.Describe != nil {
		e.Name, e.Message = l.Describe(code)
	}
	if e.Name == "" {
		e.Name = l.name(code)
	}
	return e
}

// Wrap is New with an underlying cause (a missing optional symbol).
func (l *Library) Wrap(call string, code int32, cause error) *Error {
	e := l.New(call, code)
	e.Err = cause
	return e
}

// Errorf is an error that Go caught before making call (a negative size, a
// closed handle), reported as the status the library gives such arguments
// (its invalid-value code), so that errors.Is answers the same whether Go
// or the library caught it. The message says what was wrong.
func (l *Library) Errorf(call string, code int32, format string, args ...any) *Error {
	return &Error{Library: l.Name, Call: call, Code: code, Name: l.name(code), Message: fmt.Sprintf(format, args...)}
}

func (l *Library) name(code int32) string {
	if n, ok := l.Names[code]; ok {
		return n
	}
	return "unknown status"
}
