package array

import (
	"fmt"
	"slices"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/layout"
)

// RunCKernel evaluates the user kernel k over shape: outs (arrays of
// shape) are written element by element, ins (arrays that broadcast to
// shape) read element by element, raw arrays passed whole, vals are k's
// scalars. All live on one backend, which must compile C (else an error
// wrapping backend.ErrNoCompiler). An input that overlaps an output other
// than element for element is read from a copy, as is a raw input that
// is not C-contiguous; a raw output must be C-contiguous. It is how
// package kernel launches: the ir package is internal to this module.
func RunCKernel(op string, k *ir.CKernel, shape []int, outs, ins, raw []*Array, vals []ir.Value) error {
	if len(outs) == 0 {
		return fmt.Errorf("%s: no output arrays", op)
	}
	b := outs[0].Backend()
	for _, set := range [][]*Array{outs, ins, raw} {
		for _, x := range set {
			if err := x.checkOp(op); err != nil {
				return err
			}
			if err := sameBackend(op, b, x.st.b); err != nil {
				return err
			}
		}
	}
	ck, ok := b.(backend.CKerneler)
	if !ok {
		return fmt.Errorf("%s: %s backend: %w", op, b.Device().Kind, backend.ErrNoCompiler)
	}
	for j, o := range outs {
		if !slices.Equal(o.shape, shape) {
			return fmt.Errorf("%s: output %d has shape %s, the launch %s", op, j, formatShape(o.shape), formatShape(shape))
		}
		if o.readOnly {
			return fmt.Errorf("%s: output %d is a read-only (broadcast) view", op, j)
		}
	}
	for j, x := range ins {
		if _, err := BroadcastStrides(x.shape, x.strides, shape); err != nil {
			return fmt.Errorf("%s: input %d: %w", op, j, err)
		}
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

	l := launches.Get().(*launch)
	defer launches.Put(l)
	n := len(outs) + len(ins)
	l.strides = grow(l.strides, n)
	l.cstrides = grow(l.cstrides, n)
	l.held = append(l.held[:0], outs...)
	l.held = append(append(l.held, ins...), raw...)
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
	err := hold(l.held...)
	if err == nil {
		err = ck.ElementwiseC(k, l.cshape, l.out, l.in, l.raw, vals)
		release(l.held...)
	}
	clear(l.out)
	clear(l.in)
	clear(l.raw)
	clear(l.held)
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
