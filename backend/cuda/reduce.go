package cuda

import (
	"errors"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
)

// Reduce folds the last nred axes of shape (see backend.Backend).
func (b *Backend) Reduce(r *ir.Reduction, shape []int, nred int, out, in backend.Operand, scalars []ir.Value) error {
	return errors.New("cuda: Reduce: not implemented yet")
}

// Scan computes running sums or products along the last axis (see backend.Backend).
func (b *Backend) Scan(r *ir.Reduction, shape []int, out, in backend.Operand, scalars []ir.Value) error {
	return errors.New("cuda: Scan: not implemented yet")
}
