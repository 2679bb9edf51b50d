// Package cufft is the Go API of NVIDIA's cuFFT, loaded at run time: plans
// of batched 1-, 2- and 3-D transforms over any strided layout cuFFT's
// advanced layout describes, with the work area under the caller's control.
//
// Every call runs with the plan's context current (driver.Context.Do). A
// Plan is not safe for concurrent use.
package cufft

import (
	"fmt"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cufft"
)

// Type is what a plan transforms (cufftType): C2C, R2C and C2R in single
// precision, Z2Z, D2Z and Z2D in double.
type Type int32

// Transform types.
const (
	C2C Type = 0x29
	R2C Type = 0x2a
	C2R Type = 0x2c
	Z2Z Type = 0x69
	D2Z Type = 0x6a
	Z2D Type = 0x6c
)

func (t Type) String() string {
	if s, ok := typeNames[t]; ok {
		return s
	}
	return fmt.Sprintf("Type(%#x)", int32(t))
}

var typeNames = map[Type]string{C2C: "C2C", R2C: "R2C", C2R: "C2R", Z2Z: "Z2Z", D2Z: "D2Z", Z2D: "Z2D"}

// Direction is the sign of a complex-to-complex transform's exponent.
type Direction int32

// Directions (CUFFT_FORWARD, CUFFT_INVERSE).
const (
	Forward Direction = -1
	Inverse Direction = 1
)

// Layout is one side of a plan in cuFFT's advanced layout: element
// (b, i₀, i₁, i₂) of a rank-3 transform is at
// b·Dist + ((i₀·Embed[1] + i₁)·Embed[2] + i₂)·Stride elements from the
// pointer, and likewise for ranks 1 and 2. Embed[0] is not used by cuFFT
// but must be at least 1. A nil Embed is the basic layout: the transform's
// own lengths, Stride 1 and Dist the product of the lengths.
type Layout struct {
	Embed        []int
	Stride, Dist int
}

// Plan is a cuFFT plan: a batch of transforms of one type, lengths and
// layout.
type Plan struct {
	ctx      *driver.Context
	h        sym.CufftHandle
	typ      Type
	workSize int
	open     bool
	args     [4]uintptr // the reused arguments of Exec
}

// NewPlan makes a plan in ctx for batch transforms of type t and lengths n
// (1 to 3 of them, the slowest first) with the given layouts. With
// autoAlloc false the plan allocates no work area: WorkSize says how much
// it needs and SetWorkArea hands it one before Exec. It loads cuFFT on
// first use; the error of a missing library wraps loader.ErrNotFound and
// lists the paths tried.
func NewPlan(ctx *driver.Context, t Type, n []int, in, out Layout, batch int, autoAlloc bool) (*Plan, error) {
	const call = "cufftMakePlanMany64"
	if _, err := sym.Load(); err != nil {
		return nil, fmt.Errorf("cufft: %w", err)
	}
	if ctx == nil {
		return nil, argErr("cufftCreate", "nil context")
	}
	if _, ok := typeNames[t]; !ok {
		return nil, lib.Errorf(call, errInvalidType, "type %#x", int32(t))
	}
	if err := checkShape(call, n, in, out, batch); err != nil {
		return nil, err
	}
	p := &Plan{ctx: ctx, typ: t}
	err := ctx.Do(func() error {
		if err := check("cufftCreate", sym.CufftCreate(&p.h)); err != nil {
			return err
		}
		p.open = true
		if !autoAlloc {
			if err := check("cufftSetAutoAllocation", sym.CufftSetAutoAllocation(p.h, 0)); err != nil {
				return err
			}
		}
		var ws uintptr
		err := check(call, sym.CufftMakePlanMany64(p.h, int32(len(n)), cargs.Int64Array(n), cargs.Int64Array(in.Embed), int64(in.Stride), int64(in.Dist),
			cargs.Int64Array(out.Embed), int64(out.Stride), int64(out.Dist), sym.CufftType(t), int64(batch), &ws))
		p.workSize = int(ws)
		return err
	})
	if err != nil {
		if p.open {
			p.Close()
		}
		return nil, err
	}
	p.args[0] = uintptr(p.h)
	return p, nil
}

// checkShape refuses in Go what cuFFT would refuse: ranks outside 1-3,
// lengths, batches and strides below 1, embeddings of another rank.
func checkShape(call string, n []int, in, out Layout, batch int) error {
	if len(n) < 1 || len(n) > 3 {
		return argErr(call, "rank %d (1 to 3)", len(n))
	}
	for _, d := range n {
		if d < 1 {
			return lib.Errorf(call, errInvalidSize, "lengths %v", n)
		}
	}
	if batch < 1 {
		return lib.Errorf(call, errInvalidSize, "batch %d", batch)
	}
	for _, l := range []Layout{in, out} {
		if l.Embed == nil {
			continue
		}
		if len(l.Embed) != len(n) || l.Stride < 1 || l.Dist < 0 {
			return argErr(call, "layout %+v for lengths %v", l, n)
		}
		for _, e := range l.Embed {
			if e < 1 {
				return argErr(call, "layout %+v for lengths %v", l, n)
			}
		}
	}
	return nil
}

// Type is the plan's transform type.
func (p *Plan) Type() Type { return p.typ }

// WorkSize is the size in bytes of the work area the plan needs.
func (p *Plan) WorkSize() int { return p.workSize }

// SetWorkArea gives the plan a work area of at least WorkSize bytes, which
// must stay allocated while transforms run on it. Plans whose transforms
// never overlap (one stream) may share one.
func (p *Plan) SetWorkArea(area driver.DevicePtr) error {
	return p.call("cufftSetWorkArea", func() sym.CufftResult {
		return sym.CufftSetWorkArea(p.h, cargs.Pointer(area))
	})
}

// SetStream makes the plan's transforms run on s, which must belong to the
// plan's context.
func (p *Plan) SetStream(s *driver.Stream) error {
	if s == nil {
		return argErr("cufftSetStream", "nil stream")
	}
	if s.Context() != p.ctx {
		return argErr("cufftSetStream", "the stream belongs to another context")
	}
	return p.call("cufftSetStream", func() sym.CufftResult {
		return sym.CufftSetStream(p.h, sym.CudaStream_t(s.Handle()))
	})
}

// Exec runs the plan from in to out (which may be in for an in-place
// transform whose layouts allow it). dir is the direction of C2C and Z2Z
// transforms and is ignored by the others. A C2R or Z2D transform may
// overwrite in.
func (p *Plan) Exec(in, out driver.DevicePtr, dir Direction) error {
	if p == nil || !p.open {
		return argErr("cufftExec", "the plan is nil or closed")
	}
	p.args[1], p.args[2], p.args[3] = uintptr(in), uintptr(out), uintptr(int64(dir))
	var exec func([]uintptr) sym.CufftResult
	args := p.args[:3]
	switch p.typ {
	case C2C:
		exec, args = sym.CufftExecC2CN, p.args[:]
	case Z2Z:
		exec, args = sym.CufftExecZ2ZN, p.args[:]
	case R2C:
		exec = sym.CufftExecR2CN
	case C2R:
		exec = sym.CufftExecC2RN
	case D2Z:
		exec = sym.CufftExecD2ZN
	case Z2D:
		exec = sym.CufftExecZ2DN
	}
	if (p.typ == C2C || p.typ == Z2Z) && dir != Forward && dir != Inverse {
		return argErr("cufftExec"+p.typ.String(), "direction %d", dir)
	}
	return p.call("cufftExec"+p.typ.String(), func() sym.CufftResult { return exec(args) })
}

// Close destroys the plan; it is safe to call twice.
func (p *Plan) Close() error {
	if p == nil || !p.open {
		return nil
	}
	p.open = false
	return p.ctx.Do(func() error { return check("cufftDestroy", sym.CufftDestroy(p.h)) })
}

// call runs f with the plan's context current and turns its result into
// an error naming the C call.
func (p *Plan) call(name string, f func() sym.CufftResult) error {
	if p == nil || !p.open {
		return argErr(name, "the plan is nil or closed")
	}
	return p.ctx.Do(func() error { return check(name, f()) })
}

// Version returns cuFFT's version (10702 for 10.7.2). It loads cuFFT on
// first use.
func Version() (int, error) {
	if _, err := sym.Load(); err != nil {
		return 0, fmt.Errorf("cufft: %w", err)
	}
	var v int32
	if err := check("cufftGetVersion", sym.CufftGetVersion(&v)); err != nil {
		return 0, err
	}
	return int(v), nil
}
