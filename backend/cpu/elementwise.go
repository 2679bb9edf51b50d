package cpu

import (
	"errors"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
)

// Elementwise evaluates k over shape.
func (b *Backend) Elementwise(k *ir.Kernel, shape []int, out, in []backend.Operand, scalars []ir.Value) error {
	return errors.New("cpu: Elementwise: not implemented yet")
}
