package backend

import (
	"errors"

	"github.com/cugo/cugo/internal/ir"
)

// ErrNoCompiler is the error of a user kernel (C source, PTX or a code
// object) on a backend that compiles no C: the CPU backend.
var ErrNoCompiler = errors.New("this backend runs no C kernels (user kernels need a CUDA or HIP GPU)")

// CKerneler is implemented by backends that compile C: user elementwise
// kernels and raw kernels.
type CKerneler interface {
	// ElementwiseC evaluates k over shape, as Elementwise evaluates an
	// ir.Kernel: out and in are walked element by element (outputs may
	// alias inputs only element for element), raw are whole arrays the
	// body indexes (their Strides are unused), scalars are k's scalars.
	ElementwiseC(k *ir.CKernel, shape []int, out, in, raw []Operand, scalars []ir.Value) error

	// LoadRaw compiles (or loads) a module of raw kernels.
	LoadRaw(m RawSource) (RawModule, error)
	// LaunchRaw queues fn over grid blocks of block threads with
	// sharedMem bytes of dynamic shared memory and its arguments in
	// order. The buffers must stay pinned until LaunchRaw returns.
	LaunchRaw(fn RawFunction, grid, block [3]uint32, sharedMem uint32, args []RawArg) error
}

// RawSource is a module of raw kernels: C source (compiled with Options,
// instantiating NameExpressions) or a compiled image (PTX or CUBIN for
// CUDA, a code object for HIP).
type RawSource struct {
	Code            string
	Image           []byte
	Options         []string
	NameExpressions []string
}

// RawModule is a loaded module of raw kernels.
type RawModule interface {
	// Function returns the kernel of an extern "C" name or of one of the
	// source's name expressions.
	Function(name string) (RawFunction, error)
}

// RawFunction is a loaded raw kernel.
type RawFunction interface {
	Name() string
}

// RawArg is an argument of a raw kernel: a pointer to element Offset of
// Buf (Buf non-nil; Offset in bytes), or Size bytes of Bits (a scalar,
// little-endian).
type RawArg struct {
	Buf    Buffer
	Offset int
	Bits   ir.Value
	Size   int
}

// DeviceBuffer is implemented by buffers in device memory.
type DeviceBuffer interface {
	Buffer
	// DevicePointer is the buffer's device address.
	DevicePointer() uintptr
}

// Native is implemented by GPU backends: the vendor handles they run on,
// for code that calls the driver, NVRTC or BLAS packages on their arrays.
type Native interface {
	// Handles returns the backend's context and the stream where all its
	// work queues: *driver.Context and *driver.Stream on CUDA,
	// *hip.Context and *hip.Stream on HIP.
	Handles() (context, stream any)
	// Wrap makes n bytes of device memory at ptr, which the caller
	// allocated in the backend's context, a buffer of the backend. When
	// the buffer is freed or unreachable, after the work queued on it is
	// done, release is called once (it may be nil).
	Wrap(ptr uintptr, n int, release func()) (DeviceBuffer, error)
}
