// Package hipfft is the Go API of AMD's hipFFT, the twin of libs/cufft
// (hipFFT copies cuFFT's API over rocFFT), loaded at run time: plans
// of batched 1-, 2- and 3-D transforms over any strided layout the
// advanced layout describes, with the work area under the caller's control.
//
// Every call runs with the plan's context current (hip.Context.Do). A
// Plan is not safe for concurrent use.
package hipfft

import (
	"fmt"

	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/hipfft"
)

// Type is what a plan transforms (hipfftType): C2C, R2C and C2R in single
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

// Directions (HIPFFT_FORWARD, HIPFFT_BACKWARD).
const (
	Forward Direction = -1
	Inverse Direction = 1
)

// Layout is one side of a plan in hipFFT's advanced layout: element
// (b, i₀, i₁, i₂) of a rank-3 transform is at
// b·Dist + ((i₀·Embed[1] + i₁)·Embed[2] + i₂)·Stride elements from the
// pointer, and likewise for ranks 1 and 2. Embed[0] is not used by hipFFT
// but must be at least 1. A nil Embed is the basic layout: the transform's
// own lengths, Stride 1 and Dist the product of the lengths.
type Layout struct {
	Embed        []int
	Stride, Dist int
}

// Plan is a hipFFT plan: a batch of transforms of one type, lengths and
// layout.
type Plan struct {
	ctx      *hip.Context
	h        sym.HipfftHandle
	typ      Type
	workSize int
	open     bool
	args     [4]uintptr // the reused arguments of Exec
}

// NewPlan makes a plan in ctx for batch transforms of type t and lengths n
// (1 to 3 of them, the slowest first) with the given layouts. With
// autoAlloc false the plan allocates no work area: WorkSize says how much
// it needs and SetWorkArea hands it one before Exec. It loads hipFFT on
// first use; the error of a missing library wraps loader.ErrNotFound and
// lists the paths tried.
func NewPlan(ctx *hip.Context, t Type, n []int, in, out Layout, batch int, autoAlloc bool) (*Plan, error) {
	const call = "hipfftMakePlanMany64"
	if _, err := sym.Load(); err != nil {
		return nil, fmt.Errorf("hipfft: %w", err)
	}
	if ctx == nil {
		return nil, argErr("hipfftCreate", "nil context")
	}
	if _, ok := typeNames[t]; !ok {
		return nil, lib.Errorf(call, errInvalidType, "type %#x", int32(t))
	}
	if err := checkShape(call, n, in, out, batch); err != nil {
		return nil, err
	}
	p := &Plan{ctx: ctx, typ: t}
	err := ctx.Do(func() error {
		if err := check("hipfftCreate", sym.HipfftCreate(&p.h)); err != nil {
			return err
		}
		p.open = true
		if !autoAlloc {
			if err := check("hipfftSetAutoAllocation", sym.HipfftSetAutoAllocation(p.h, 0)); err != nil {
				return err
			}
		}
		var ws uintptr
		err := check(call, sym.HipfftMakePlanMany64(p.h, int32(len(n)), cargs.Int64Array(n), cargs.Int64Array(in.Embed), int64(in.Stride), int64(in.Dist),
			cargs.Int64Array(out.Embed), int64(out.Stride), int64(out.Dist), sym.HipfftType(t), int64(batch), &ws))
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

// checkShape refuses in Go what hipFFT would refuse: ranks outside 1-3,
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
func (p *Plan) SetWorkArea(area hip.DevicePtr) error {
	return p.call("hipfftSetWorkArea", func() sym.HipfftResult {
		return sym.HipfftSetWorkArea(p.h, cargs.Pointer(area))
	})
}

// SetStream makes the plan's transforms run on s, which must belong to the
// plan's context.
func (p *Plan) SetStream(s *hip.Stream) error {
	if s == nil {
		return argErr("hipfftSetStream", "nil stream")
	}
	if s.Context() != p.ctx {
		return argErr("hipfftSetStream", "the stream belongs to another context")
	}
	return p.call("hipfftSetStream", func() sym.HipfftResult {
		return sym.HipfftSetStream(p.h, sym.HipStream_t(s.Handle()))
	})
}

// Exec runs the plan from in to out (which may be in for an in-place
// transform whose layouts allow it). dir is the direction of C2C and Z2Z
// transforms and is ignored by the others. A C2R or Z2D transform may
// overwrite in.
func (p *Plan) Exec(in, out hip.DevicePtr, dir Direction) error {
	if p == nil || !p.open {
		return argErr("hipfftExec", "the plan is nil or closed")
	}
	p.args[1], p.args[2], p.args[3] = uintptr(in), uintptr(out), uintptr(int64(dir))
	var exec func([]uintptr) sym.HipfftResult
	args := p.args[:3]
	switch p.typ {
	case C2C:
		exec, args = sym.HipfftExecC2CN, p.args[:]
	case Z2Z:
		exec, args = sym.HipfftExecZ2ZN, p.args[:]
	case R2C:
		exec = sym.HipfftExecR2CN
	case C2R:
		exec = sym.HipfftExecC2RN
	case D2Z:
		exec = sym.HipfftExecD2ZN
	case Z2D:
		exec = sym.HipfftExecZ2DN
	}
	if (p.typ == C2C || p.typ == Z2Z) && dir != Forward && dir != Inverse {
		return argErr("hipfftExec"+p.typ.String(), "direction %d", dir)
	}
	return p.call("hipfftExec"+p.typ.String(), func() sym.HipfftResult { return exec(args) })
}

// Close destroys the plan; it is safe to call twice.
func (p *Plan) Close() error {
	if p == nil || !p.open {
		return nil
	}
	p.open = false
	return p.ctx.Do(func() error { return check("hipfftDestroy", sym.HipfftDestroy(p.h)) })
}

// call runs f with the plan's context current and turns its result into
// an error naming the C call.
func (p *Plan) call(name string, f func() sym.HipfftResult) error {
	if p == nil || !p.open {
		return argErr(name, "the plan is nil or closed")
	}
	return p.ctx.Do(func() error { return check(name, f()) })
}

// Version returns hipFFT's version (10012 for 1.0.12). It loads hipFFT on
// first use.
func Version() (int, error) {
	if _, err := sym.Load(); err != nil {
		return 0, fmt.Errorf("hipfft: %w", err)
	}
	var v int32
	if err := check("hipfftGetVersion", sym.HipfftGetVersion(&v)); err != nil {
		return 0, err
	}
	return int(v), nil
}
