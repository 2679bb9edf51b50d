package linalg

import (
	"fmt"
	"math"
	"slices"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
)

// NormOption sets an argument of Norm.
type NormOption func(*normArgs)

type normArgs struct {
	ord      any
	axes     []int
	keepDims bool
}

// Ord sets the order of the norm: nil (the 2-norm of vectors, Frobenius
// of matrices), a number (int or float64: ±inf, 0, 1, 2, any p for
// vectors; ±1, ±2, ±inf for matrices), "fro" (or "f") or "nuc". As in
// NumPy 2, the norms that take a maximum (inf for vectors; 1, 2, inf for
// matrices) are 0 for empty arrays, the ones that take a minimum an error.
func Ord(ord any) NormOption { return func(a *normArgs) { a.ord = ord } }

// Axes sets the axis of vector norms (one) or the axes of matrix norms
// (two); without it a 1-D array is a vector, a 2-D one a matrix, and with
// no order any array is flattened to a vector.
func Axes(axes ...int) NormOption { return func(a *normArgs) { a.axes = axes } }

// KeepDims keeps the normed axes with length 1.
func KeepDims() NormOption { return func(a *normArgs) { a.keepDims = true } }

// order normalises a norm order: integers become float64.
func order(ord any) any {
	switch v := ord.(type) {
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case float32:
		return float64(v)
	}
	return ord
}

// Norm returns a vector or matrix norm of x (numpy.linalg.norm; see Ord,
// Axes and KeepDims). The result is real: float32 for float32 and
// complex64, float64 for the rest (integers are converted).
func Norm(x *array.Array, opts ...NormOption) *array.Array {
	const op = "Norm"
	x, args, err := normInput(op, x, normArgs{}, opts)
	if err != nil {
		return array.Failed(err)
	}
	ord, nd := order(args.ord), x.NDim()
	axes := args.axes
	if axes == nil {
		if ord == nil { // the 2-norm of all the elements
			r := array.Sqrt(array.Square(x.Abs()).Sum())
			if args.keepDims {
				r = r.Reshape(slices.Repeat([]int{1}, nd)...)
			}
			return r
		}
		if nd != 1 && nd != 2 {
			return array.Failed(fmt.Errorf("%s: Improper number of dimensions to norm.", op))
		}
		axes = []int{0, 1}[:nd]
	}
	for i := range axes {
		ax, err := array.NormalizeAxis(axes[i], nd)
		if err != nil {
			return array.Failed(fmt.Errorf("%s: %w", op, err))
		}
		axes = slices.Clone(axes)
		axes[i] = ax
	}
	var r *array.Array
	switch len(axes) {
	case 1:
		r, err = vectorNorm(x, ord, axes[0])
	case 2:
		if axes[0] == axes[1] {
			return array.Failed(fmt.Errorf("%s: Duplicate axes given.", op))
		}
		r, err = matrixNorm(x, ord, axes[0], axes[1])
	default:
		return array.Failed(fmt.Errorf("%s: Improper number of dimensions to norm.", op))
	}
	if err != nil {
		return array.Failed(fmt.Errorf("%s: %w", op, err))
	}
	if args.keepDims {
		sorted := slices.Sorted(slices.Values(axes))
		for _, ax := range sorted {
			r = r.ExpandDims(ax)
		}
	}
	return r
}

// normInput applies the options to the defaults and converts x to the
// dtype norms are computed in: integers and booleans to float64.
func normInput(op string, x *array.Array, args normArgs, opts []NormOption) (*array.Array, normArgs, error) {
	for _, o := range opts {
		o(&args)
	}
	if err := operands(op, x); err != nil {
		return nil, args, err
	}
	if k := x.DType().Kind(); k != dtype.FloatKind && k != dtype.ComplexKind {
		x = x.AsType(array.Float64)
	}
	return x, args, nil
}

func vectorNorm(x *array.Array, ord any, axis int) (*array.Array, error) {
	abs := x.Abs()
	switch ord {
	case nil, 2.0:
		return array.Sqrt(array.Square(abs).Sum(array.Axis(axis))), nil
	case math.Inf(1):
		return maxOrZero(abs, axis), nil
	case math.Inf(-1):
		return abs.Min(array.Axis(axis)), nil
	case 0.0:
		return x.NotEqual(0).AsType(abs.DType()).Sum(array.Axis(axis)), nil
	case 1.0:
		return abs.Sum(array.Axis(axis)), nil
	}
	p, ok := ord.(float64)
	if !ok {
		return nil, fmt.Errorf("Invalid norm order '%v' for vectors", ord)
	}
	return abs.Pow(p).Sum(array.Axis(axis)).Pow(1 / p), nil
}

func matrixNorm(x *array.Array, ord any, row, col int) (*array.Array, error) {
	abs := x.Abs()
	// after folding one axis, the other's position
	after := func(kept, folded int) int {
		if kept > folded {
			return kept - 1
		}
		return kept
	}
	switch ord {
	case nil, "fro", "f":
		return array.Sqrt(array.Square(abs).Sum(array.Axis(row, col))), nil
	case 1.0:
		return maxOrZero(abs.Sum(array.Axis(row)), after(col, row)), nil
	case -1.0:
		return abs.Sum(array.Axis(row)).Min(array.Axis(after(col, row))), nil
	case math.Inf(1):
		return maxOrZero(abs.Sum(array.Axis(col)), after(row, col)), nil
	case math.Inf(-1):
		return abs.Sum(array.Axis(col)).Min(array.Axis(after(row, col))), nil
	case 2.0, -2.0, "nuc":
		perm := []int{}
		for ax := range x.NDim() {
			if ax != row && ax != col {
				perm = append(perm, ax)
			}
		}
		s := SVDVals(x.Transpose(append(perm, row, col)...))
		switch ord {
		case 2.0:
			return maxOrZero(s, s.NDim()-1), nil
		case -2.0:
			return s.Min(array.Axis(-1)), nil
		}
		return s.Sum(array.Axis(-1)), nil
	}
	return nil, fmt.Errorf("Invalid norm order '%v' for matrices", ord)
}

// maxOrZero is the largest of non-negative values along a (non-negative)
// axis, and 0 where that axis is empty, as NumPy's max(..., initial=0) in
// its norms; the sum along an empty axis is that 0 in the right shape.
func maxOrZero(x *array.Array, axis int) *array.Array {
	if x.Err() == nil && x.Shape()[axis] == 0 {
		return x.Sum(array.Axis(axis))
	}
	return x.Max(array.Axis(axis))
}
