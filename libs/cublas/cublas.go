// Package cublas is the Go API of NVIDIA's cuBLAS (the v2 API), loaded at
// run time: a pure binding, knowing nothing of cugo's arrays. Matrices are
// column-major, as in BLAS; the GPU backend plans the row-major products
// its arrays need (backend/gpu/blasplan) and runs them through this
// package (backend/cuda).
//
// Every call runs with the handle's context current (driver.Context.Do).
// Scalars (alpha, beta) are Go values passed by host pointer, and reductions
// (Dot, Nrm2...) return Go values: the handle stays in PointerModeHost, the
// default. A Handle is not safe for concurrent use: make one per stream.
package cublas

import (
	"fmt"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cublas"
)

// Handle is a cuBLAS context bound to a CUDA context and, after SetStream,
// to a stream.
type Handle struct {
	ctx  *driver.Context
	h    sym.CublasHandle_t
	mode PointerMode
}

// PointerMode says where cuBLAS reads scalars and writes reduction results.
type PointerMode int32

// Pointer modes (cublasPointerMode_t).
const (
	PointerModeHost   PointerMode = 0
	PointerModeDevice PointerMode = 1
)

// MathMode chooses which arithmetic cuBLAS may use (cublasMath_t).
type MathMode int32

// Math modes. DefaultMath keeps float32 products in float32, as NumPy does;
// TF32TensorOpMath opts in to TF32 tensor cores (10-bit mantissa inputs).
const (
	DefaultMath      MathMode = 0
	PedanticMath     MathMode = 2
	TF32TensorOpMath MathMode = 3
	// DisallowReducedPrecisionReduction is a flag to OR into a mode.
	DisallowReducedPrecisionReduction MathMode = 16
)

// New creates a cuBLAS handle in ctx. It loads cuBLAS on first use; the
// error of a missing library wraps loader.ErrNotFound and lists the paths
// tried.
func New(ctx *driver.Context) (*Handle, error) {
	if _, err := sym.Load(); err != nil {
		return nil, fmt.Errorf("cublas: %w", err)
	}
	if ctx == nil {
		return nil, fmt.Errorf("cublas: New: nil context")
	}
	h := &Handle{ctx: ctx}
	err := ctx.Do(func() error { return check("Create", sym.CublasCreate_v2(&h.h)) })
	if err != nil {
		return nil, err
	}
	return h, nil
}

// Close destroys the handle; it is safe to call twice.
func (h *Handle) Close() error {
	if h == nil || h.h == 0 {
		return nil
	}
	err := h.ctx.Do(func() error { return check("Destroy", sym.CublasDestroy_v2(h.h)) })
	h.h = 0
	return err
}

// call runs f with the handle's context current and turns its status into
// an error named op.
func (h *Handle) call(op string, f func() sym.CublasStatus_t) error {
	if h == nil || h.h == 0 {
		return argErr(op, "the handle is nil or closed")
	}
	return h.ctx.Do(func() error { return check(op, f()) })
}

// hostScalars is the check of every call that passes Go scalars.
func (h *Handle) hostScalars(op string) error {
	if h != nil && h.mode != PointerModeHost {
		return argErr(op, "scalars are Go values, but the handle is in PointerModeDevice")
	}
	return nil
}

// SetStream makes the handle's work run on s, which must belong to the
// handle's context.
func (h *Handle) SetStream(s *driver.Stream) error {
	if s == nil {
		return argErr("SetStream", "nil stream")
	}
	if s.Context() != h.ctx {
		return argErr("SetStream", "the stream belongs to another context")
	}
	return h.call("SetStream", func() sym.CublasStatus_t {
		return sym.CublasSetStream_v2(h.h, sym.CudaStream_t(s.Handle()))
	})
}

// SetPointerMode sets where cuBLAS reads scalars. This package's routines
// pass Go scalars and fail in PointerModeDevice; the mode is for code that
// shares the handle with device-scalar callers.
func (h *Handle) SetPointerMode(m PointerMode) error {
	if m != PointerModeHost && m != PointerModeDevice {
		return argErr("SetPointerMode", "mode %d", m)
	}
	err := h.call("SetPointerMode", func() sym.CublasStatus_t {
		return sym.CublasSetPointerMode_v2(h.h, sym.CublasPointerMode_t(m))
	})
	if err == nil {
		h.mode = m
	}
	return err
}

// PointerMode returns the handle's pointer mode.
func (h *Handle) PointerMode() PointerMode { return h.mode }

// SetMathMode sets the arithmetic cuBLAS may use (DefaultMath on creation).
func (h *Handle) SetMathMode(m MathMode) error {
	return h.call("SetMathMode", func() sym.CublasStatus_t {
		return sym.CublasSetMathMode(h.h, sym.CublasMath_t(m))
	})
}

// MathMode returns the handle's math mode, as cuBLAS reports it.
func (h *Handle) MathMode() (MathMode, error) {
	var m sym.CublasMath_t
	err := h.call("GetMathMode", func() sym.CublasStatus_t { return sym.CublasGetMathMode(h.h, &m) })
	return MathMode(m), err
}

// SetWorkspace gives cuBLAS a device buffer of bytes for its scratch space
// instead of its own pool (CUDA 11.0+; older libraries return an error
// wrapping loader.ErrNotSupported). The buffer must outlive its use.
func (h *Handle) SetWorkspace(p driver.DevicePtr, bytes int) error {
	if bytes < 0 {
		return argErr("SetWorkspace", "size %d", bytes)
	}
	var missing error
	err := h.call("SetWorkspace", func() sym.CublasStatus_t {
		s, err := sym.CublasSetWorkspace_v2(h.h, cargs.Pointer(p), uintptr(bytes))
		missing = err
		return s
	})
	if missing != nil {
		return fmt.Errorf("cublas: SetWorkspace: %w", missing)
	}
	return err
}

// Version returns the loaded cuBLAS version (cublasGetProperty).
func Version() (major, minor, patch int, err error) {
	if _, err := sym.Load(); err != nil {
		return 0, 0, 0, fmt.Errorf("cublas: %w", err)
	}
	var v [3]int32 // MAJOR_VERSION, MINOR_VERSION, PATCH_LEVEL
	for i := range v {
		if err := check("GetProperty", sym.CublasGetProperty(sym.LibraryPropertyType(i), &v[i])); err != nil {
			return 0, 0, 0, err
		}
	}
	return int(v[0]), int(v[1]), int(v[2]), nil
}
