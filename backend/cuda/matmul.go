package cuda

import (
	"errors"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Matmul computes c = a·b for each of batch matrix pairs (see backend.Backend).
func (b *Backend) Matmul(dt dtype.DType, batch int, a, bm, c backend.Matrix) error {
	return errors.New("cuda: Matmul: not implemented yet")
}
