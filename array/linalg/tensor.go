package linalg

import (
	"fmt"
	"slices"

	"github.com/cugo/cugo/array"
)

// TensorInv returns the inverse of a with respect to
// array.Tensordot(·, ·, ind) (numpy.linalg.tensorinv): a's first ind axes
// and its others must hold as many elements; the result has shape
// a.shape[ind:] + a.shape[:ind].
func TensorInv(a *array.Array, ind int) *array.Array {
	const op = "TensorInv"
	if err := operands(op, a); err != nil {
		return array.Failed(err)
	}
	if ind <= 0 || ind > a.NDim() {
		return array.Failed(fmt.Errorf("%s: Invalid ind argument %d for a %d-dimensional array", op, ind, a.NDim()))
	}
	shape := a.Shape()
	rows, cols := batchOf(shape[:ind]), batchOf(shape[ind:])
	if rows != cols {
		return array.Failed(linalgErrorf(op, "the first %d axes of %v hold %d elements and the others %d", ind, shape, rows, cols))
	}
	inv := Inv(a.Reshape(rows, cols))
	return inv.Reshape(append(slices.Clone(shape[ind:]), shape[:ind]...)...)
}

// TensorSolve returns x with array.Tensordot(a, x, x.NDim()) == b
// (numpy.linalg.tensorsolve): x has the shape of a's last axes beyond
// b's, which must hold as many elements as b. axes, if given, are moved
// to the end of a first, in that order.
func TensorSolve(a, b *array.Array, axes ...int) *array.Array {
	const op = "TensorSolve"
	if err := operands(op, a, b); err != nil {
		return array.Failed(err)
	}
	if len(axes) > 0 {
		moved := make([]int, len(axes))
		for i, ax := range axes {
			n, err := array.NormalizeAxis(ax, a.NDim())
			if err != nil {
				return array.Failed(fmt.Errorf("%s: %w", op, err))
			}
			if slices.Contains(moved[:i], n) {
				return array.Failed(fmt.Errorf("%s: repeated axis %d", op, ax))
			}
			moved[i] = n
		}
		var perm []int
		for i := range a.NDim() {
			if !slices.Contains(moved, i) {
				perm = append(perm, i)
			}
		}
		a = a.Transpose(append(perm, moved...)...)
	}
	shape := a.Shape()
	if b.NDim() > len(shape) {
		return array.Failed(linalgErrorf(op, "b has %d axes, more than a's %d", b.NDim(), len(shape)))
	}
	xShape := shape[b.NDim():]
	if b.NDim() == len(shape) { // as NumPy's a.shape[-0:]
		xShape = shape
	}
	n := batchOf(xShape)
	if batchOf(shape) != n*n || b.Size() != n {
		return array.Failed(linalgErrorf(op, "Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])"))
	}
	return Solve(a.Reshape(n, n), b.Reshape(n)).Reshape(slices.Clone(xShape)...)
}
