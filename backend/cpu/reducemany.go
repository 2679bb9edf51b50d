package cpu

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
)

// ReduceMany folds a reduction whose map reads several inputs (see
// backend.ManyReducer) as Reduce does, Pre evaluated over all of them in
// one walk, so the fold order and the results are Reduce's on the mapped
// values. It accepts inputs of any strides.
func (b *Backend) ReduceMany(r *ir.Reduction, shape []int, nred int, out backend.Operand, ins []backend.Operand, scalars []ir.Value) error {
	if err := b.reduce(r, shape, nred, out, ins, scalars); err != nil {
		return fmt.Errorf("cpu: ReduceMany: %w", err)
	}
	return nil
}
