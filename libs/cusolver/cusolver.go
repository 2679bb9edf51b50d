// Package cusolver is the Go API of NVIDIA's cuSOLVER dense routines
// (cusolverDn), loaded at run time. Matrices are column-major, as in
// LAPACK: element (i, j) of A is at A + i + j·lda. Routines that LAPACK
// spells per type (S, D, C, Z) are one generic function over Elem;
// workspaces are the caller's device memory, sized by the matching
// *BufferSize function (in elements of T), and each routine's info (0, or
// LAPACK's positive or negative code) is written to device memory, so
// that a stream of calls needs no synchronisation.
//
// Every call runs with the handle's context current (driver.Context.Do).
// A Handle is not safe for concurrent use: make one per stream.
package cusolver

import (
	"fmt"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cusolver"
)

// Handle is a cuSOLVER dense context bound to a CUDA context and, after
// SetStream, to a stream.
type Handle struct {
	ctx *driver.Context
	h   sym.CusolverDnHandle_t
}

// New creates a cuSOLVER handle in ctx. It loads cuSOLVER on first use; the
// error of a missing library wraps loader.ErrNotFound and lists the paths
// tried.
func New(ctx *driver.Context) (*Handle, error) {
	if _, err := sym.Load(); err != nil {
		return nil, fmt.Errorf("cusolver: %w", err)
	}
	if ctx == nil {
		return nil, argErr("cusolverDnCreate", "nil context")
	}
	h := &Handle{ctx: ctx}
	if err := ctx.Do(func() error { return check("cusolverDnCreate", sym.CusolverDnCreate(&h.h)) }); err != nil {
		return nil, err
	}
	return h, nil
}

// Close destroys the handle; it is safe to call twice.
func (h *Handle) Close() error {
	if h == nil || h.h == 0 {
		return nil
	}
	err := h.ctx.Do(func() error { return check("cusolverDnDestroy", sym.CusolverDnDestroy(h.h)) })
	h.h = 0
	return err
}

// SetStream makes the handle's work run on s, which must belong to the
// handle's context.
func (h *Handle) SetStream(s *driver.Stream) error {
	const call = "cusolverDnSetStream"
	switch {
	case s == nil:
		return argErr(call, "nil stream")
	case h != nil && s.Context() != h.ctx:
		return argErr(call, "the stream belongs to another context")
	}
	return h.call(call, func() sym.CusolverStatus_t {
		return sym.CusolverDnSetStream(h.h, sym.CudaStream_t(s.Handle()))
	})
}

// Version returns the loaded cuSOLVER version (cusolverGetProperty).
func Version() (major, minor, patch int, err error) {
	if _, err := sym.Load(); err != nil {
		return 0, 0, 0, fmt.Errorf("cusolver: %w", err)
	}
	var v [3]int32 // MAJOR_VERSION, MINOR_VERSION, PATCH_LEVEL
	for i := range v {
		if err := check("cusolverGetProperty", sym.CusolverGetProperty(sym.LibraryPropertyType(i), &v[i])); err != nil {
			return 0, 0, 0, err
		}
	}
	return int(v[0]), int(v[1]), int(v[2]), nil
}

// call runs f with the handle's context current and turns its status into
// an error naming the C function.
func (h *Handle) call(name string, f func() sym.CusolverStatus_t) error {
	if h == nil || h.h == 0 {
		return argErr(name, "the handle is nil or closed")
	}
	return h.ctx.Do(func() error { return check(name, f()) })
}

// Elem is an element type of the typed routines: S, D, C and Z.
type Elem interface {
	float32 | float64 | complex64 | complex128
}

// Op is how a routine reads a matrix operand (cublasOperation_t).
type Op int32

// Operations on a matrix operand.
const (
	NoTrans   Op = 0
	Trans     Op = 1
	ConjTrans Op = 2
)

// Fill says which triangle of a symmetric or Hermitian matrix is read
// (cublasFillMode_t).
type Fill int32

// Triangles.
const (
	Lower Fill = 0
	Upper Fill = 1
)

// Side says on which side a matrix multiplies (cublasSideMode_t).
type Side int32

// Sides.
const (
	Left  Side = 0
	Right Side = 1
)

// EigMode says whether eigensolvers and Jacobi SVDs compute vectors
// (cusolverEigMode_t).
type EigMode int32

// Eigen modes.
const (
	NoVectors   EigMode = 0
	WithVectors EigMode = 1
)

// SVDJob says which singular vectors gesvd computes (LAPACK's jobu and
// jobvt characters).
type SVDJob byte

// SVD jobs.
const (
	SVDAll  SVDJob = 'A' // all columns of U (rows of Vᴴ)
	SVDThin SVDJob = 'S' // the first min(m, n)
	SVDNone SVDJob = 'N'
)

// checkArgs checks a call's sizes and leading dimensions before the call
// (cargs.Ints), refusing bad ones with ErrInvalidValue.
func checkArgs(call string, vals []int, lds ...cargs.Leading) ([]int32, error) {
	iv, err := cargs.Ints(vals, lds...)
	if err != nil {
		return nil, argErr(call, "%v", err)
	}
	return iv, nil
}
