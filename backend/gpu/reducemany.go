package gpu

import (
	"fmt"
	"runtime"
	"slices"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
)

// ReduceMany folds a reduction whose map reads several inputs of one
// layout (see backend.ManyReducer) with the kernels of Reduce: the first
// pass reads every input at the offset it computes for the first.
func (b *Backend) ReduceMany(r *ir.Reduction, shape []int, nred int, out backend.Operand, ins []backend.Operand, scalars []ir.Value) error {
	defer runtime.KeepAlive(out.Buf)
	defer runtime.KeepAlive(ins) // the buffers stay reachable until the work is queued
	if len(ins) == 0 {
		return fmt.Errorf("%s: ReduceMany: no inputs", b.kind)
	}
	if err := b.reduce(r, shape, nred, &out, &ins[0], ins[1:], scalars); err != nil {
		return fmt.Errorf("%s: ReduceMany: %w", b.kind, err)
	}
	return nil
}

// moreInputs checks the inputs after the first against r.More and in's
// layout, and returns their addresses.
func (b *Backend) moreInputs(r *ir.Reduction, shape []int, n int, in *backend.Operand, more []backend.Operand) ([]uint64, error) {
	if len(more) != len(r.More) {
		return nil, fmt.Errorf("reduction reads %d inputs, got %d", 1+len(r.More), 1+len(more))
	}
	at := make([]uint64, len(more))
	for k := range more {
		if err := b.checkOperand(&more[k], r.More[k], shape, n); err != nil {
			return nil, operandError("input", k+1, err)
		}
		if !slices.Equal(more[k].Strides, in.Strides) {
			return nil, fmt.Errorf("input %d has strides %v, input 0 %v: one kernel reads inputs of one layout", k+1, more[k].Strides, in.Strides)
		}
		at[k] = address(&more[k])
	}
	return at, nil
}
