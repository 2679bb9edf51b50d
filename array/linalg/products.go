package linalg

import (
	"fmt"
	"slices"

	"github.com/cugo/cugo/array"
)

// conj is the complex conjugate of a complex array and a itself otherwise.
func conj(a *array.Array) *array.Array {
	if a.DType().Kind() == array.Complex64.Kind() {
		return array.Conj(a)
	}
	return a
}

// vectorsAlong checks a and b and moves their vector axis (axis[0], else
// -1) to the end (views).
func vectorsAlong(op string, a, b *array.Array, axis []int) (x, y *array.Array, err error) {
	if err := operands(op, a, b); err != nil {
		return nil, nil, err
	}
	ax := -1
	if len(axis) > 0 {
		ax = axis[0]
	}
	if x, err = lastAxis(op, a, ax); err == nil {
		y, err = lastAxis(op, b, ax)
	}
	return x, y, err
}

// lastAxis moves axis of a to the end (a view).
func lastAxis(op string, a *array.Array, axis int) (*array.Array, error) {
	ax, err := array.NormalizeAxis(axis, a.NDim())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	perm := make([]int, 0, a.NDim())
	for i := range a.NDim() {
		if i != ax {
			perm = append(perm, i)
		}
	}
	return a.Transpose(append(perm, ax)...), nil
}

// Vecdot returns the dot products of the vectors along axis (default -1)
// of x1 and x2, the first conjugated, with their other axes broadcast
// (numpy.vecdot). The dtype is the operands' promoted one, as matmul's.
func Vecdot(x1, x2 *array.Array, axis ...int) *array.Array {
	a, b, err := vectorsAlong("Vecdot", x1, x2, axis)
	if err != nil {
		return array.Failed(err)
	}
	return array.Matmul(conj(a).ExpandDims(-2), b.ExpandDims(-1)).Index(array.Ellipsis, array.I(0), array.I(0))
}

// Matvec returns the products of the matrices of x1 (..., M, N) with the
// vectors of x2 (..., N), broadcast (numpy.matvec).
func Matvec(x1, x2 *array.Array) *array.Array {
	if err := operands("Matvec", x1, x2); err != nil {
		return array.Failed(err)
	}
	return array.Matmul(x1, x2.ExpandDims(-1)).Index(array.Ellipsis, array.I(0))
}

// Vecmat returns the products of the conjugated vectors of x1 (..., M)
// with the matrices of x2 (..., M, N), broadcast (numpy.vecmat).
func Vecmat(x1, x2 *array.Array) *array.Array {
	if err := operands("Vecmat", x1, x2); err != nil {
		return array.Failed(err)
	}
	return array.Matmul(conj(x1).ExpandDims(-2), x2).Index(array.Ellipsis, array.I(0), array.All)
}

// MultiDot returns the product of two or more arrays in the order of
// multiplications that costs the fewest flops (numpy.linalg.multi_dot):
// the first may be a vector (a row), the last a vector (a column), the
// others must be matrices.
func MultiDot(arrays ...*array.Array) *array.Array {
	const op = "MultiDot"
	if len(arrays) < 2 {
		return array.Failed(fmt.Errorf("%s: Expecting at least two arrays.", op))
	}
	if err := operands(op, arrays...); err != nil {
		return array.Failed(err)
	}
	ms := slices.Clone(arrays)
	first, last := ms[0].NDim() == 1, ms[len(ms)-1].NDim() == 1
	if first {
		ms[0] = ms[0].ExpandDims(0)
	}
	if last {
		ms[len(ms)-1] = ms[len(ms)-1].ExpandDims(-1)
	}
	for _, m := range ms {
		if m.NDim() != 2 {
			return array.Failed(linalgErrorf(op, "%d-dimensional array given. Array must be two-dimensional", m.NDim()))
		}
	}
	r := chainProduct(ms, chainOrder(ms), 0, len(ms)-1)
	switch {
	case first && last:
		return r.Index(array.I(0), array.I(0))
	case first:
		return r.Index(array.I(0), array.All)
	case last:
		return r.Index(array.All, array.I(0))
	}
	return r
}

// chainOrder is the matrix-chain dynamic programme: split[i][j] is where
// the cheapest product of ms[i..j] splits.
func chainOrder(ms []*array.Array) [][]int {
	n := len(ms)
	dims := make([]int, n+1)
	for i, m := range ms {
		dims[i] = m.Shape()[0]
	}
	dims[n] = ms[n-1].Shape()[1]
	cost := make([][]float64, n)
	split := make([][]int, n)
	for i := range n {
		cost[i], split[i] = make([]float64, n), make([]int, n)
	}
	for length := 1; length < n; length++ {
		for i := 0; i+length < n; i++ {
			j := i + length
			cost[i][j] = -1
			for k := i; k < j; k++ {
				c := cost[i][k] + cost[k+1][j] + float64(dims[i])*float64(dims[k+1])*float64(dims[j+1])
				if cost[i][j] < 0 || c < cost[i][j] {
					cost[i][j], split[i][j] = c, k
				}
			}
		}
	}
	return split
}

func chainProduct(ms []*array.Array, split [][]int, i, j int) *array.Array {
	if i == j {
		return ms[i]
	}
	k := split[i][j]
	return array.Matmul(chainProduct(ms, split, i, k), chainProduct(ms, split, k+1, j))
}

// Kron returns the Kronecker product of a and b (numpy.kron): blocks
// a[i, j, ...]·b, with the shorter shape padded with leading 1s.
func Kron(a, b *array.Array) *array.Array {
	const op = "Kron"
	if err := operands(op, a, b); err != nil {
		return array.Failed(err)
	}
	nd := max(a.NDim(), b.NDim())
	sa, sb := padded(a.Shape(), nd), padded(b.Shape(), nd)
	// a as (a0, 1, a1, 1, ...) times b as (1, b0, 1, b1, ...)
	ia, ib, out := make([]int, 0, 2*nd), make([]int, 0, 2*nd), make([]int, nd)
	for i := range nd {
		ia = append(ia, sa[i], 1)
		ib = append(ib, 1, sb[i])
		out[i] = sa[i] * sb[i]
	}
	return a.Reshape(ia...).Mul(b.Reshape(ib...)).Reshape(out...)
}

// padded is shape with leading 1s up to nd axes.
func padded(shape []int, nd int) []int {
	return append(slices.Repeat([]int{1}, nd-len(shape)), shape...)
}

// Cross returns the cross products of the 3-vectors of a and b along axis
// (default -1) (numpy.cross with axisa = axisb = axisc = axis), their other
// axes broadcast. As in NumPy 2.5, vectors of 2 components are an error.
func Cross(a, b *array.Array, axis ...int) *array.Array {
	const op = "Cross"
	x, y, err := vectorsAlong(op, a, b, axis)
	if err != nil {
		return array.Failed(err)
	}
	nx, ny := x.Shape()[x.NDim()-1], y.Shape()[y.NDim()-1]
	if nx != 3 || ny != 3 {
		return array.Failed(fmt.Errorf("%s: Both input arrays must be (arrays of) 3-dimensional vectors, but they are %d and %d dimensional instead", op, nx, ny))
	}
	c := func(v *array.Array, i int) *array.Array { return v.Index(array.Ellipsis, array.I(i)) }
	xcomp := array.Sub(array.Mul(c(x, 1), c(y, 2)), array.Mul(c(x, 2), c(y, 1)))
	ycomp := array.Sub(array.Mul(c(x, 2), c(y, 0)), array.Mul(c(x, 0), c(y, 2)))
	z := array.Sub(array.Mul(c(x, 0), c(y, 1)), array.Mul(c(x, 1), c(y, 0)))
	r := array.Stack([]*array.Array{xcomp, ycomp, z}, -1)
	if len(axis) > 0 {
		out, err := array.NormalizeAxis(axis[0], r.NDim())
		if err != nil {
			return array.Failed(fmt.Errorf("%s: %w", op, err))
		}
		perm := make([]int, 0, r.NDim())
		for i := range r.NDim() - 1 {
			perm = append(perm, i)
		}
		r = r.Transpose(slices.Insert(perm, out, r.NDim()-1)...)
	}
	return r
}
