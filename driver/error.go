package driver

import (
	"fmt"
	"github.com/cugo/cugo/internal/cstr"

	"github.com/cugo/cugo/internal/sym/cuda"
)

// Result is a CUresult code. The non-zero codes are errors, so that the
// sentinels below can be matched with errors.Is.
type Result int32

// Common codes, for errors.Is(err, driver.ErrOutOfMemory) and friends.
const (
	ErrInvalidValue             Result = 1
	ErrOutOfMemory              Result = 2
	ErrNotInitialized           Result = 3
	ErrDeinitialized            Result = 4
	ErrNoDevice                 Result = 100
	ErrInvalidDevice            Result = 101
	ErrInvalidImage             Result = 200
	ErrInvalidContext           Result = 201
	ErrNoBinaryForGPU           Result = 209
	ErrPeerAccessUnsupported    Result = 217
	ErrInvalidPTX               Result = 218
	ErrUnsupportedPTXVersion    Result = 222
	ErrInvalidHandle            Result = 400
	ErrNotFound                 Result = 500
	ErrNotReady                 Result = 600
	ErrIllegalAddress           Result = 700
	ErrLaunchOutOfResources     Result = 701
	ErrLaunchTimeout            Result = 702
	ErrPeerAccessAlreadyEnabled Result = 704
	ErrPeerAccessNotEnabled     Result = 705
	ErrContextIsDestroyed       Result = 709
	ErrLaunchFailed             Result = 719
	ErrNotPermitted             Result = 800
	ErrNotSupported             Result = 801
	ErrStreamCaptureInvalidated Result = 901
	ErrUnknown                  Result = 999
)

// Error returns the driver's name and description of the code
// ("CUDA_ERROR_OUT_OF_MEMORY: out of memory").
func (r Result) Error() string {
	name, msg := describe(r)
	return name + ": " + msg
}

// Error is a failed driver call: the code, its name and description as the
// driver gives them (cuGetErrorName, cuGetErrorString), and the call.
type Error struct {
	Code    Result
	Name    string // "CUDA_ERROR_OUT_OF_MEMORY"
	Message string // "out of memory"
	Op      string // the driver function that failed: "cuMemAlloc"
	cause   error  // an underlying error (a missing optional symbol), if any
}

func (e *Error) Error() string { return e.Op + ": " + e.Name + ": " + e.Message }

// Is reports whether target is e's code, so errors.Is(err, ErrNoDevice) works.
func (e *Error) Is(target error) bool {
	r, ok := target.(Result)
	return ok && r == e.Code
}

// Unwrap returns the underlying error, such as loader.ErrNotSupported for a
// call that the loaded driver does not export.
func (e *Error) Unwrap() error { return e.cause }

// check turns a CUresult into nil or an *Error naming op.
func check(op string, r cuda.CUresult) error {
	if r == 0 {
		return nil
	}
	return newError(op, Result(r))
}

func newError(op string, code Result) *Error {
	name, msg := describe(code)
	return &Error{Code: code, Name: name, Message: msg, Op: op}
}

// checkOptional is check for the bindings of optional symbols: a symbol
// the driver lacks reads as ErrNotSupported wrapping loader.ErrNotSupported.
func checkOptional(op string, r cuda.CUresult, err error) error {
	if err != nil {
		e := newError(op, ErrNotSupported)
		e.cause = err
		return e
	}
	return check(op, r)
}

// describe asks the driver for a code's name and description; that works
// before cuInit and without a device.
func describe(r Result) (name, msg string) {
	name, msg = fmt.Sprintf("CUresult(%d)", int32(r)), "unknown error"
	if _, err := cuda.Load(); err != nil {
		return name, msg
	}
	var p *byte
	if cuda.CuGetErrorName(cuda.CUresult(r), &p) == 0 && p != nil {
		name = cstr.GoString(p)
	}
	p = nil
	if cuda.CuGetErrorString(cuda.CUresult(r), &p) == 0 && p != nil {
		msg = cstr.GoString(p)
	}
	return name, msg
}

// cString returns s NUL-terminated for C; a NUL inside s is an error.
func cString(op, s string) (*byte, error) {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return nil, fmt.Errorf("%s: name %q contains a NUL byte", op, s)
		}
	}
	b := append([]byte(s), 0)
	return &b[0], nil
}
