package array

import (
	"fmt"

	"github.com/cugo/cugo/internal/ir"
)

// RunKernel evaluates the elementwise kernel k into out, over out's shape,
// reading ins (arrays that broadcast to out's shape, on out's backend) and
// the scalar parameters vals. It is how this module's packages that build
// their own kernels (random) launch them: the ir package is internal, so
// no other module can call it. op names the operation in errors.
func RunKernel(op string, k *ir.Kernel, out *Array, ins []*Array, vals []ir.Value) error {
	if err := out.checkWrite(op); err != nil {
		return err
	}
	for _, x := range ins {
		if err := x.checkOp(op); err != nil {
			return err
		}
		if err := sameBackend(op, out.st.b, x.st.b); err != nil {
			return err
		}
		if _, err := broadcastStrides(x.shape, x.strides, out.shape); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
	}
	if err := elementwise(k, out.shape, out, ins, vals); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}
