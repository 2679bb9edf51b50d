package linalg

import (
	"fmt"
	"slices"

	"github.com/cugo/cugo/array"
)

// VectorNorm returns the norm of the vectors of x
// (numpy.linalg.vector_norm): over every element, or over the axes that
// Axes gives taken together as one vector (any number of them), in the
// order of Ord (2 by default; any order Norm takes for vectors). KeepDims
// keeps the normed axes with length 1.
func VectorNorm(x *array.Array, opts ...NormOption) *array.Array {
	const op = "VectorNorm"
	x, args, err := normInput(op, x, normArgs{ord: 2.0}, opts)
	if err != nil {
		return array.Failed(err)
	}
	shape := x.Shape()
	axes := args.axes
	if axes == nil {
		axes = make([]int, len(shape))
		for i := range axes {
			axes[i] = i
		}
	}
	axes = slices.Clone(axes)
	for i, ax := range axes {
		n, err := array.NormalizeAxis(ax, len(shape))
		if err != nil {
			return array.Failed(fmt.Errorf("%s: %w", op, err))
		}
		if slices.Contains(axes[:i], n) {
			return array.Failed(fmt.Errorf("%s: repeated axis", op))
		}
		axes[i] = n
	}
	// The normed axes, moved to the front, become one.
	perm, size := slices.Clone(axes), 1
	for _, ax := range axes {
		size *= shape[ax]
	}
	var rest []int
	for i, d := range shape {
		if !slices.Contains(axes, i) {
			perm = append(perm, i)
			rest = append(rest, d)
		}
	}
	r, err := vectorNorm(x.Transpose(perm...).Reshape(append([]int{size}, rest...)...), order(args.ord), 0)
	if err != nil {
		return array.Failed(fmt.Errorf("%s: %w", op, err))
	}
	if args.keepDims {
		kept := slices.Clone(shape)
		for _, ax := range axes {
			kept[ax] = 1
		}
		r = r.Reshape(kept...)
	}
	return r
}

// MatrixNorm returns the norm of each matrix of a stack x, over its last
// two axes (numpy.linalg.matrix_norm): Ord as in Norm for matrices
// ("fro" by default), and KeepDims; it takes no Axes.
func MatrixNorm(x *array.Array, opts ...NormOption) *array.Array {
	args := normArgs{ord: "fro"}
	for _, o := range opts {
		o(&args)
	}
	if args.axes != nil {
		return array.Failed(fmt.Errorf("MatrixNorm: the norm is over the last two axes; use Norm for others"))
	}
	opts = []NormOption{Ord(args.ord), Axes(-2, -1)}
	if args.keepDims {
		opts = append(opts, KeepDims())
	}
	return Norm(x, opts...)
}
