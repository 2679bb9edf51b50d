package array

import (
	"fmt"
	"slices"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/layout"
)

// RunCKernel evaluates the user kernel k: outs are written element by
// element, ins (arrays that broadcast to the launch shape) read element
// by element, raw arrays passed whole, vals are k's scalars. The launch
// shape is the outputs' (every output given has it), else the broadcast
// shape of ins, else [size] (size >= 0 only when k walks no array). A nil
// output is allocated with k's dtype and the launch shape and stored in
// outs. All arrays live on one backend, which must compile C (else an
// error wrapping backend.ErrNoCompiler). An input that overlaps an output
// other than element for element is read from a copy, as is a raw input
// that is not C-contiguous; a raw output must be C-contiguous. It is how
// package kernel launches: the ir package is internal to this module.
func RunCKernel(op string, k *ir.CKernel, size int, outs, ins, raw []*Array, vals []ir.Value) error {
	var b backend.Backend
	for si, set := range [][]*Array{outs, ins, raw} {
		for _, x := range set {
			if x == nil && si == 0 {
				continue // an output to allocate
			}
			if err := x.checkOp(op); err != nil {
				return err
			}
			if b == nil {
				b = x.st.b
			}
			if err := sameBackend(op, b, x.st.b); err != nil {
				return err
			}
		}
	}
	if b == nil {
		b = DefaultDevice().b
		if b == nil {
			return fmt.Errorf("%s: %w", op, DefaultDevice().err)
		}
	}
	shape, err := cshape(op, size, outs, ins)
	if err != nil {
		return err
	}
	ck, ok := b.(backend.CKerneler)
	if !ok {
		return fmt.Errorf("%s: %s backend: %w", op, b.Device().Kind, backend.ErrNoCompiler)
	}
	for j, o := range outs {
		if o == nil {
			if outs[j], err = empty(b, k.Outputs[j].DType, shape); err != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
		} else if o.readOnly {
			return fmt.Errorf("%s: output %s is a read-only (broadcast) view", op, k.Outputs[j].Name)
		}
	}
	for j, x := range ins {
		for _, o := range outs {
			if x.st == o.st && overlaps(o, x, shape) {
				if ins[j] = x.Copy(); ins[j].err != nil {
					return ins[j].err
				}
				defer ins[j].Free()
				break
			}
		}
	}
	for j, x := range raw {
		if x.contiguous() {
			continue
		}
		if k.Raw[j].Out {
			return fmt.Errorf("%s: raw output %s is not C-contiguous", op, k.Raw[j].Name)
		}
		if raw[j] = x.Copy(); raw[j].err != nil {
			return raw[j].err
		}
		defer raw[j].Free()
	}
	return launchC(op, ck, k, shape, outs, ins, raw, vals)
}

// cshape is the launch shape of RunCKernel.
func cshape(op string, size int, outs, ins []*Array) ([]int, error) {
	var shape []int
	for j, o := range outs {
		switch {
		case o == nil:
		case shape == nil:
			shape = o.shape
		case !slices.Equal(o.shape, shape):
			return nil, fmt.Errorf("%s: output %d has shape %s, output 0 %s", op, j, formatShape(o.shape), formatShape(shape))
		}
	}
	switch {
	case size >= 0 && (shape != nil || len(ins) > 0):
		return nil, fmt.Errorf("%s: a size is given only to kernels that walk no array", op)
	case size >= 0:
		return []int{size}, nil
	case shape == nil && len(ins) == 0:
		return nil, fmt.Errorf("%s: the kernel walks no array: give its size", op)
	case shape == nil:
		shapes := make([][]int, len(ins))
		for j, x := range ins {
			shapes[j] = x.shape
		}
		s, err := Broadcast(shapes...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		return s, nil
	}
	for j, x := range ins {
		if !broadcastsTo(x.shape, shape) {
			return nil, fmt.Errorf("%s: input %d of shape %s does not broadcast to the output shape %s", op, j, formatShape(x.shape), formatShape(shape))
		}
	}
	return shape, nil
}

// broadcastsTo reports whether shape broadcasts to target.
func broadcastsTo(shape, target []int) bool {
	if len(shape) > len(target) {
		return false
	}
	off := len(target) - len(shape)
	for i, d := range shape {
		if d != 1 && d != target[off+i] {
			return false
		}
	}
	return true
}

// claunch is launch with the raw arrays of a user kernel.
type claunch struct {
	launch
	raw []backend.Operand
}

var claunches = sync.Pool{New: func() any { return new(claunch) }}

// launchC collapses the loop and calls the backend, the operands held.
// Pending expressions that read an output or a raw array (which the body
// may write) are computed first, and the operands are held before their
// buffers are read, which computes pending operands.
func launchC(op string, ck backend.CKerneler, k *ir.CKernel, shape []int, outs, ins, raw []*Array, vals []ir.Value) error {
	l := claunches.Get().(*claunch)
	defer claunches.Put(l)
	n := len(outs) + len(ins)
	l.held = append(l.held[:0], outs...)
	l.held = append(append(l.held, ins...), raw...)
	defer clear(l.held)
	for _, x := range outs {
		x.st.beforeWrite()
	}
	for _, x := range raw {
		x.st.beforeWrite()
	}
	if err := hold(l.held...); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer release(l.held...)
	l.strides = grow(l.strides, n)
	l.cstrides = grow(l.cstrides, n)
	for i, x := range l.held[:n] {
		l.strides[i] = broadcastInto(l.strides[i], x, shape)
	}
	l.cshape, l.cstrides = layout.CollapseInto(l.cshape, l.cstrides[:n], shape, l.strides[:n])
	l.out, l.in, l.raw = l.out[:0], l.in[:0], l.raw[:0]
	for i, x := range l.held {
		o := backend.Operand{Buf: x.st.buf, DType: x.dt, Offset: x.offset}
		switch {
		case i < len(outs):
			o.Strides = l.cstrides[i]
			l.out = append(l.out, o)
		case i < n:
			o.Strides = l.cstrides[i]
			l.in = append(l.in, o)
		default:
			l.raw = append(l.raw, o)
		}
	}
	err := ck.ElementwiseC(k, l.cshape, l.out, l.in, l.raw, vals)
	clear(l.out)
	clear(l.in)
	clear(l.raw)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// ScalarValue converts a Go number or bool to a kernel parameter of dtype
// dt, with NumPy's casting of Python scalars (an integer out of dt's
// range, or a complex number to a real dtype, is an error).
func ScalarValue(v any, dt DType) (ir.Value, error) {
	s, ok := scalarOf(v)
	if !ok {
		return ir.Value{}, fmt.Errorf("%T is not a Go number or bool", v)
	}
	return s.value(dt)
}

// IsScalar reports whether v is a Go number or bool, which operations
// take in place of an array.
func IsScalar(v any) bool {
	_, ok := scalarOf(v)
	return ok
}

// RunCReduction folds x with the user's reduction r (r.C set) over axes
// (nil: all of them; negative ones count from the end), keeping them as
// length 1 with keep, into out (nil: a new array of r.Out; given: of
// r.Out and the result's shape), vals being r's scalars; more are the
// inputs of r.More, of x's shape and strides (one kernel reads them all
// at one offset; see backend.ManyReducer). It is how
// package kernel's Reduction runs: on backends that compile C only
// (else an error wrapping backend.ErrNoCompiler), through the kernels of
// the built-in reductions.
func RunCReduction(op string, r *ir.Reduction, x *Array, axes []int, keep bool, out *Array, vals []ir.Value, more ...*Array) *Array {
	if err := x.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if _, ok := x.st.b.(backend.CKerneler); !ok {
		return errorf(op, "%s backend: %w", x.st.b.Device().Kind, backend.ErrNoCompiler)
	}
	if x.dt != r.Input {
		return errorf(op, "the input is %v, the reduction takes %v", x.dt, r.Input)
	}
	if len(more) != len(r.More) {
		return errorf(op, "the reduction reads %d inputs, got %d", 1+len(r.More), 1+len(more))
	}
	for k, y := range more {
		if err := y.checkOp(op); err != nil {
			return &Array{err: err}
		}
		if err := sameBackend(op, x.st.b, y.st.b); err != nil {
			return &Array{err: err}
		}
		switch {
		case y.dt != r.More[k]:
			return errorf(op, "input %d is %v, the reduction takes %v", k+1, y.dt, r.More[k])
		case !oneLayout([]*Array{x, y}, x.shape):
			return errorf(op, "input %d has shape %s and strides %v, input 0 %s and %v: one kernel reads inputs of one layout",
				k+1, formatShape(y.shape), y.strides, formatShape(x.shape), x.strides)
		}
	}
	if out != nil && out.check() == nil && out.dt != r.Out {
		return errorf(op, "the output is %v, the reduction writes %v", out.dt, r.Out)
	}
	rop := &reduceOp{name: op, combine: ir.SumOf}
	c := reduceConfig{axes: axes}
	folded, err := rop.foldedAxes(x, &c)
	if err != nil {
		return failed(op, err)
	}
	shape := resultShape(x.shape, folded, keep)
	dst, err := rop.destination(x, out, r.Out, shape)
	if err != nil {
		return &Array{err: err}
	}
	return reduceInto(op, r, x, folded, keep, dst, out, vals, more...)
}
