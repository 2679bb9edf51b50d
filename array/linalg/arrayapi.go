package linalg

import (
	"fmt"

	"github.com/cugo/cugo/array"
)

// The array API forms of numpy.linalg (NumPy 2), which differ from the
// functions of the same name in package array by working on the last two
// axes, or by taking only vectors.

// Trace returns the sum of the offset diagonal of each matrix of a stack
// x, over its last two axes (numpy.linalg.trace).
func Trace(x *array.Array, offset int) *array.Array {
	if err := stackOf(x); err != nil {
		return array.Failed(fmt.Errorf("Trace: %w", err))
	}
	return x.Trace(offset, -2, -1)
}

// Diagonal returns the offset diagonal of each matrix of a stack x, over
// its last two axes (numpy.linalg.diagonal); a view, as in NumPy.
func Diagonal(x *array.Array, offset int) *array.Array {
	if err := stackOf(x); err != nil {
		return array.Failed(fmt.Errorf("Diagonal: %w", err))
	}
	return x.Diagonal(offset, -2, -1)
}

// MatrixTranspose swaps the last two axes of a stack of matrices x
// (numpy.linalg.matrix_transpose); a view.
func MatrixTranspose(x *array.Array) *array.Array {
	if err := stackOf(x); err != nil {
		return array.Failed(fmt.Errorf("MatrixTranspose: %w", err))
	}
	return x.SwapAxes(-1, -2)
}

// Outer returns the outer product of two vectors (numpy.linalg.outer);
// unlike array.Outer it refuses arrays of other dimensions rather than
// flattening them.
func Outer(x1, x2 *array.Array) *array.Array {
	const op = "Outer"
	if err := operands(op, x1, x2); err != nil {
		return array.Failed(err)
	}
	if x1.NDim() != 1 || x2.NDim() != 1 {
		return array.Failed(fmt.Errorf("%s: Input arrays must be one-dimensional, but they are x1.ndim=%d and x2.ndim=%d", op, x1.NDim(), x2.NDim()))
	}
	return array.Outer(x1, x2)
}

// stackOf checks that x carries no error and has the two axes of a
// matrix.
func stackOf(x *array.Array) error {
	if err := x.Err(); err != nil {
		return err
	}
	if x.NDim() < 2 {
		return fmt.Errorf("%d-dimensional array given; it must have at least two dimensions", x.NDim())
	}
	return nil
}
