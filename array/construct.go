package array

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// NumPy's everyday constructors and rearrangements that build on views
// and ufuncs: logspace, geomspace, meshgrid, diag, tri/tril/triu,
// indices, atleast_nd, broadcast_arrays, moveaxis, rot90, fliplr/flipud.

// Logspace returns base**Linspace(start, stop, num), as np.logspace
// (Endpoint(false) leaves base**stop out).
func (d *Device) Logspace(start, stop float64, num int, base float64, dt DType, opts ...SpaceOption) *Array {
	y := d.Linspace(start, stop, num, Float64, opts...)
	defer y.Free()
	return castResult(Pow(base, y), dt)
}

// Logspace is Logspace on the default device.
func Logspace(start, stop float64, num int, base float64, dt DType, opts ...SpaceOption) *Array {
	return DefaultDevice().Logspace(start, stop, num, base, dt, opts...)
}

// Geomspace returns num numbers from start to stop (both included)
// spaced evenly on a log scale, as np.geomspace: start and stop must be
// non-zero and of one sign. Endpoint(false) leaves stop out.
func (d *Device) Geomspace(start, stop float64, num int, dt DType, opts ...SpaceOption) *Array {
	const op = "Geomspace"
	switch {
	case start == 0 || stop == 0:
		return errorf(op, "Geometric sequence cannot include zero")
	case num < 0:
		return errorf(op, "Number of samples, %d, must be non-negative.", num)
	case (start < 0) != (stop < 0):
		return errorf(op, "start and stop must have the same sign (complex geomspace is not supported)")
	}
	sign := 1.0
	if start < 0 {
		sign, start, stop = -1, -start, -stop
	}
	y := d.Linspace(math.Log10(start), math.Log10(stop), num, Float64, opts...)
	defer y.Free()
	r := Mul(Pow(10.0, y), sign)
	if num > 0 && r.err == nil { // exact ends, as NumPy's
		r.err = r.Index(I(0)).Set(sign * start)
		if num > 1 && !spaceOptions(opts).open {
			r.err = errors.Join(r.err, r.Index(I(num-1)).Set(sign*stop))
		}
	}
	return castResult(failedAs(op, r), dt)
}

// Geomspace is Geomspace on the default device.
func Geomspace(start, stop float64, num int, dt DType, opts ...SpaceOption) *Array {
	return DefaultDevice().Geomspace(start, stop, num, dt, opts...)
}

// castResult returns a as dt, freeing a if it converts.
func castResult(a *Array, dt DType) *Array {
	if a.err != nil || a.dt == dt {
		return a
	}
	defer a.Free()
	return a.AsType(dt)
}

// Meshgrid returns coordinate arrays from 1-D coordinate vectors, as
// np.meshgrid: with ij false (NumPy's indexing="xy") the first two
// output axes are swapped. The results are copies.
func Meshgrid(ij bool, xs ...*Array) ([]*Array, error) {
	const op = "Meshgrid"
	shape := make([]int, len(xs))
	for i, x := range xs {
		if err := x.checkOp(op); err != nil {
			return nil, err
		}
		shape[i] = x.Size()
	}
	if !ij && len(xs) > 1 {
		shape[0], shape[1] = shape[1], shape[0]
	}
	out := make([]*Array, len(xs))
	for i, x := range xs {
		ax := i
		if !ij && len(xs) > 1 && i < 2 {
			ax = 1 - i
		}
		s := slices.Repeat([]int{1}, len(xs))
		s[ax] = shape[ax]
		if out[i] = x.Reshape(s...).BroadcastTo(shape...).Copy(); out[i].err != nil {
			return nil, out[i].err
		}
	}
	return out, nil
}

// Diag returns the k-th diagonal of a 2-D array (a read-only view, as
// NumPy's), or a 2-D array with the 1-D array a on its k-th diagonal.
func Diag(a *Array, k int) *Array {
	const op = "Diag"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	switch len(a.shape) {
	case 1:
		if k == math.MinInt || abs(k) > math.MaxInt-a.shape[0] {
			return errorf(op, "diagonal %d is out of range", k)
		}
		n := a.shape[0] + abs(k)
		out := On(a.st.b).Zeros(a.dt, n, n)
		if out.err != nil {
			return failed(op, out.err)
		}
		if err := diagonal(out, k).set(op, a); err != nil {
			out.Free()
			return &Array{err: err}
		}
		return out
	case 2:
		v := diagonal(a, k)
		v.readOnly = true
		return v
	}
	return errorf(op, "Input must be 1- or 2-d.")
}

// Diagflat returns a 2-D array with the flattened a on its k-th diagonal.
func Diagflat(a *Array, k int) *Array {
	if err := a.checkOp("Diagflat"); err != nil {
		return &Array{err: err}
	}
	return Diag(a.Reshape(-1), k)
}

// diagonal is the view of the k-th diagonal of 2-D a.
func diagonal(a *Array, k int) *Array {
	r, c := max(0, -k), max(0, k)
	n := max(0, min(a.shape[0]-r, a.shape[1]-c))
	off := a.offset
	if n > 0 {
		off += r*a.strides[0] + c*a.strides[1]
	}
	return a.view([]int{n}, []int{a.strides[0] + a.strides[1]}, off)
}

func abs(k int) int {
	if k < 0 {
		return -k
	}
	return k
}

// Tri returns an n×m array with ones at and below the k-th diagonal.
func (d *Device) Tri(n, m, k int, dt DType) *Array {
	if n < 0 || m < 0 {
		return errorf("Tri", "negative dimensions are not allowed")
	}
	rows := d.Arange(0, float64(n), 1, Int64).Reshape(n, 1)
	cols := d.Arange(0, float64(m), 1, Int64).Reshape(1, m)
	defer rows.Free()
	defer cols.Free()
	return castResult(LessEqual(cols, Add(rows, k)), dt)
}

// Tri is Tri on the default device.
func Tri(n, m, k int, dt DType) *Array { return DefaultDevice().Tri(n, m, k, dt) }

// Tril returns a copy of a with the elements above the k-th diagonal of
// its last two axes zeroed.
func Tril(a *Array, k int) *Array { return triangle("Tril", a, k, true) }

// Triu returns a copy of a with the elements below the k-th diagonal of
// its last two axes zeroed.
func Triu(a *Array, k int) *Array { return triangle("Triu", a, k, false) }

func triangle(op string, a *Array, k int, lower bool) *Array {
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	nd := len(a.shape)
	if nd < 2 {
		return errorf(op, "input must be at least 2-d, has %d dimension(s)", nd)
	}
	d := On(a.st.b)
	zero := d.Zeros(a.dt)
	defer zero.Free()
	if lower {
		mask := d.Tri(a.shape[nd-2], a.shape[nd-1], k, Bool)
		defer mask.Free()
		return failedAs(op, Where(mask, a, zero))
	}
	mask := d.Tri(a.shape[nd-2], a.shape[nd-1], k-1, Bool)
	defer mask.Free()
	return failedAs(op, Where(mask, zero, a))
}

// failedAs renames the error of a result built by another function.
func failedAs(op string, r *Array) *Array {
	if r.err != nil {
		return failed(op, r.err)
	}
	return r
}

// Indices returns the grid of indices of an array of shape dims: an
// array of shape (len(dims), dims...) whose i-th entry holds the index
// along axis i, as np.indices.
func (d *Device) Indices(dt DType, dims ...int) *Array {
	grids := make([]*Array, len(dims))
	for i, n := range dims {
		s := slices.Repeat([]int{1}, len(dims))
		s[i] = n
		r := d.Arange(0, float64(n), 1, dt)
		grids[i] = r.Reshape(s...).BroadcastTo(dims...)
		defer r.Free()
	}
	if len(dims) == 0 {
		return d.Empty(dt, 0)
	}
	return failedAs("Indices", Stack(grids, 0))
}

// Indices is Indices on the default device.
func Indices(dt DType, dims ...int) *Array { return DefaultDevice().Indices(dt, dims...) }

// AtLeast1D returns a with at least one axis (a view).
func AtLeast1D(a *Array) *Array { return atLeast("AtLeast1D", a, 1) }

// AtLeast2D returns a with at least two axes: a 1-D array becomes a row.
func AtLeast2D(a *Array) *Array { return atLeast("AtLeast2D", a, 2) }

// AtLeast3D returns a with at least three axes: (n) becomes (1, n, 1),
// (m, n) becomes (m, n, 1), as np.atleast_3d.
func AtLeast3D(a *Array) *Array { return atLeast("AtLeast3D", a, 3) }

func atLeast(op string, a *Array, n int) *Array {
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	s := a.shape
	switch {
	case len(s) >= n:
		return a.view(slices.Clone(s), slices.Clone(a.strides), a.offset)
	case len(s) == 0:
		return a.Reshape(slices.Repeat([]int{1}, n)...)
	case n == 2 || len(s) == 1 && n == 3:
		s = append([]int{1}, s...)
	}
	if len(s) < n {
		s = append(slices.Clone(s), 1)
	}
	return a.Reshape(s...)
}

// BroadcastArrays returns read-only views of the arrays broadcast to
// their common shape.
func BroadcastArrays(arrays ...*Array) ([]*Array, error) {
	const op = "BroadcastArrays"
	shapes := make([][]int, len(arrays))
	for i, a := range arrays {
		if err := a.checkOp(op); err != nil {
			return nil, err
		}
		shapes[i] = a.shape
	}
	shape, err := Broadcast(shapes...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	out := make([]*Array, len(arrays))
	for i, a := range arrays {
		out[i] = a.BroadcastTo(shape...)
	}
	return out, nil
}

// MoveAxis moves the axes src to the positions dst, the others keeping
// their order (a view), as np.moveaxis.
func MoveAxis(a *Array, src, dst []int) *Array {
	const op = "MoveAxis"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if len(src) != len(dst) {
		return errorf(op, "`source` and `destination` arguments must have the same number of elements")
	}
	nd := len(a.shape)
	norm := func(axes []int) ([]int, error) {
		out := make([]int, len(axes))
		for i, ax := range axes {
			n, err := NormalizeAxis(ax, nd)
			if err != nil {
				return nil, err
			}
			if slices.Contains(out[:i], n) {
				return nil, fmt.Errorf("repeated axis")
			}
			out[i] = n
		}
		return out, nil
	}
	s, err := norm(src)
	if err != nil {
		return failed(op, err)
	}
	t, err := norm(dst)
	if err != nil {
		return failed(op, err)
	}
	var order []int
	for i := range nd {
		if !slices.Contains(s, i) {
			order = append(order, i)
		}
	}
	type pair struct{ dst, src int }
	pairs := make([]pair, len(s))
	for i := range s {
		pairs[i] = pair{t[i], s[i]}
	}
	slices.SortFunc(pairs, func(x, y pair) int { return x.dst - y.dst })
	for _, p := range pairs {
		order = slices.Insert(order, p.dst, p.src)
	}
	return a.Transpose(order...)
}

// Rot90 rotates a by 90 degrees k times in the plane of axes (0, 1)
// unless given, from the first axis toward the second (a view).
func Rot90(a *Array, k int, axes ...int) *Array {
	const op = "Rot90"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if len(axes) == 0 {
		axes = []int{0, 1}
	}
	nd := len(a.shape)
	if len(axes) != 2 || nd < 2 {
		return errorf(op, "len(axes) must be 2 and the array at least 2-d")
	}
	a0, err0 := NormalizeAxis(axes[0], nd)
	a1, err1 := NormalizeAxis(axes[1], nd)
	if err0 != nil || err1 != nil || a0 == a1 {
		return errorf(op, "Axes must be different and within the array's dimensions, got %v", axes)
	}
	k = ((k % 4) + 4) % 4
	perm := make([]int, nd)
	for i := range perm {
		perm[i] = i
	}
	perm[a0], perm[a1] = perm[a1], perm[a0]
	switch k {
	case 0:
		return a.view(slices.Clone(a.shape), slices.Clone(a.strides), a.offset)
	case 2:
		return Flip(a, a0, a1)
	case 1:
		return Flip(a, a1).Transpose(perm...)
	}
	return Flip(a.Transpose(perm...), a1)
}

// Fliplr reverses the second axis (a view); a must be at least 2-d.
func Fliplr(a *Array) *Array {
	if a.check() == nil && len(a.shape) < 2 {
		return errorf("Fliplr", "Input must be >= 2-d.")
	}
	return Flip(a, 1)
}

// Flipud reverses the first axis (a view); a must be at least 1-d.
func Flipud(a *Array) *Array {
	if a.check() == nil && len(a.shape) < 1 {
		return errorf("Flipud", "Input must be >= 1-d.")
	}
	return Flip(a, 0)
}
