// Package hipsolver is the Go API of AMD's hipSOLVER dense routines, loaded
// at run time: the twin of libs/cusolver, with its names. Where hipSOLVER
// needs more than cuSOLVER (a workspace for Getrf, Getrs, Potrs and
// PotrfBatched, the jobs in GesvdBufferSize) the functions take it.
// Matrices are column-major, as in LAPACK: element (i, j) of A is at
// A + i + j·lda. Routines that LAPACK spells per type (S, D, C, Z) are one
// generic function over Elem; workspaces are the caller's device memory,
// sized by the matching *BufferSize function (in elements of T), and each
// routine's info (0, or LAPACK's positive or negative code) is written to
// device memory, so that a stream of calls needs no synchronisation.
//
// Every call runs with the handle's context current (hip.Context.Do).
// A Handle is not safe for concurrent use: make one per stream.
package hipsolver

import (
	"fmt"

	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/hipsolver"
)

// Handle is a hipSOLVER context bound to a HIP context and, after
// SetStream, to a stream.
type Handle struct {
	ctx *hip.Context
	h   sym.HipsolverHandle_t
}

// New creates a hipSOLVER handle in ctx. It loads hipSOLVER on first use; the
// error of a missing library wraps loader.ErrNotFound and lists the paths
// tried.
func New(ctx *hip.Context) (*Handle, error) {
	if _, err := sym.Load(); err != nil {
		return nil, fmt.Errorf("hipsolver: %w", err)
	}
	if ctx == nil {
		return nil, argErr("hipsolverCreate", "nil context")
	}
	h := &Handle{ctx: ctx}
	if err := ctx.Do(func() error { return check("hipsolverCreate", sym.HipsolverCreate(&h.h)) }); err != nil {
		return nil, err
	}
	return h, nil
}

// Close destroys the handle; it is safe to call twice.
func (h *Handle) Close() error {
	if h == nil || h.h == 0 {
		return nil
	}
	err := h.ctx.Do(func() error { return check("hipsolverDestroy", sym.HipsolverDestroy(h.h)) })
	h.h = 0
	return err
}

// SetStream makes the handle's work run on s, which must belong to the
// handle's context.
func (h *Handle) SetStream(s *hip.Stream) error {
	const call = "hipsolverSetStream"
	switch {
	case s == nil:
		return argErr(call, "nil stream")
	case h != nil && s.Context() != h.ctx:
		return argErr(call, "the stream belongs to another context")
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		return sym.HipsolverSetStream(h.h, sym.HipStream_t(s.Handle()))
	})
}

// call runs f with the handle's context current and turns its status into
// an error naming the C function.
func (h *Handle) call(name string, f func() sym.HipsolverStatus_t) error {
	if h == nil || h.h == 0 {
		return argErr(name, "the handle is nil or closed")
	}
	return h.ctx.Do(func() error { return check(name, f()) })
}

// Elem is an element type of the typed routines: S, D, C and Z.
type Elem interface {
	float32 | float64 | complex64 | complex128
}

// Op is how a routine reads a matrix operand (hipsolverOperation_t, which
// is hipBLAS's).
type Op int32

// Operations on a matrix operand.
const (
	NoTrans   Op = 111
	Trans     Op = 112
	ConjTrans Op = 113
)

// Fill says which triangle of a symmetric or Hermitian matrix is read
// (hipsolverFillMode_t).
type Fill int32

// Triangles.
const (
	Lower Fill = 122
	Upper Fill = 121
)

// Side says on which side a matrix multiplies (hipsolverSideMode_t).
type Side int32

// Sides.
const (
	Left  Side = 141
	Right Side = 142
)

// EigMode says whether eigensolvers and Jacobi SVDs compute vectors
// (hipsolverEigMode_t).
type EigMode int32

// Eigen modes.
const (
	NoVectors   EigMode = 201
	WithVectors EigMode = 202
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
