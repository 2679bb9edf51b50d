package cpu

import (
	"errors"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
)

// Reduce folds the last nred axes of shape (see backend.Backend).
func (b *Backend) Reduce(r *ir.Reduction, shape []int, nred int, out, in backend.Operand, scalars []ir.Value) error {
	return errors.New("cpu: Reduce: not implemented yet")
}
