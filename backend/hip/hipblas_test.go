package hip

import (
	"errors"
	"testing"

	"github.com/cugo/cugo/backend/gpu/blasplan"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/libs/hipblas"
)

// The adapter refuses plans it cannot run before reaching hipBLAS, so a
// nil handle is never used.
func TestGemmerRejectsBadPlans(t *testing.T) {
	for _, p := range []blasplan.Plan{{DType: dtype.Float32}, {DType: dtype.Int32, Batch: 1}} {
		if err := (gemmer{}).Matmul(p, 1, 0, 0, 0, 0); !errors.Is(err, hipblas.ErrInvalidValue) {
			t.Errorf("Matmul(%+v) = %v, want hipblas.ErrInvalidValue", p, err)
		}
	}
}
