package array

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// matmulSignature is NumPy's gufunc signature of matmul, which its errors quote.
const matmulSignature = "(n?,k),(k,m?)->(n?,m?)"

// Matmul returns the matrix product of x1 and x2 with NumPy's rules: the
// last two axes of each are matrices and the leading axes broadcast; a 1-D
// operand is a row (x1) or a column (x2) vector whose axis the result
// drops; 0-d operands are an error (use Mul). The dtypes promote as in
// arithmetic. The result is written into out if given (its shape must be
// the result's; it is cast with same-kind casting). Contiguous and
// transposed operands reach the backend's BLAS without copies.
func Matmul(x1, x2 *Array, out ...*Array) *Array { return matmul("matmul", x1, x2, out) }

// Matmul returns a @ b (see the function Matmul).
func (a *Array) Matmul(b *Array, out ...*Array) *Array { return matmul("matmul", a, b, out) }

// operands checks the arrays of op: each usable, all on one backend.
func operands(op string, xs ...*Array) error {
	for _, x := range xs {
		if err := x.checkOp(op); err != nil {
			return err
		}
	}
	for _, x := range xs[1:] {
		if err := sameBackend(op, xs[0].st.b, x.st.b); err != nil {
			return err
		}
	}
	return nil
}

func matmul(op string, x1, x2 *Array, out []*Array) *Array {
	if err := operands(op, x1, x2); err != nil {
		return &Array{err: err}
	}
	if len(out) > 1 {
		return errorf(op, "%d outputs given, want at most 1", len(out))
	}
	for i, x := range []*Array{x1, x2} {
		if x.NDim() == 0 {
			return errorf(op, "Input operand %d does not have enough dimensions (has 0, gufunc core with signature %s requires 1)", i, matmulSignature)
		}
	}
	dt, err := dtype.Promote(x1.dt, x2.dt)
	if err != nil {
		return failed(op, err)
	}
	n1, n2 := x1.NDim(), x2.NDim()
	k1, k2 := x1.shape[n1-1], x2.shape[max(0, n2-2)]
	if k1 != k2 {
		return errorf(op, "Input operand 1 has a mismatch in its core dimension 0, with gufunc signature %s (size %d is different from %d)", matmulSignature, k2, k1)
	}
	lead1, lead2 := x1.shape[:max(0, n1-2)], x2.shape[:max(0, n2-2)]
	var core []int // the result's trailing axes
	if n1 > 1 {
		core = append(core, x1.shape[n1-2])
	}
	if n2 > 1 {
		core = append(core, x2.shape[n2-1])
	}
	lead, err := Broadcast(lead1, lead2)
	if err != nil {
		return errorf(op, "operands could not be broadcast together with remapped shapes [original->remapped]: %s %s  and requested shape %s",
			remapped(x1.shape, len(lead1)), remapped(x2.shape, len(lead2)), formatShape(core))
	}
	shape := slices.Concat(lead, core)

	var dst *Array
	if len(out) == 1 {
		dst = out[0]
		if err := operands(op, x1, dst); err != nil {
			return &Array{err: err}
		}
		if err := checkOut(op, dst, shape, core, dt); err != nil {
			return &Array{err: err}
		}
	}
	// Inputs of another dtype are cast first, as NumPy's loop for dt does.
	var temps []*Array
	defer func() {
		for _, t := range temps {
			t.Free()
		}
	}()
	ins := [2]*Array{x1, x2}
	for i, x := range ins {
		if x.dt != dt {
			c := x.convert(op, dt)
			if c.err != nil {
				return c
			}
			temps = append(temps, c)
			ins[i] = c
		}
	}
	res := dst
	if dst == nil || dst.dt != dt || dst.st == x1.st || dst.st == x2.st {
		if res, err = empty(x1.st.b, dt, shape); err != nil {
			return failed(op, err)
		}
		if dst != nil {
			temps = append(temps, res)
		}
	}
	if err := matmulInto(ins[0], ins[1], res, lead); err != nil {
		if dst == nil {
			res.Free()
		}
		return failed(op, err)
	}
	if dst != nil && res != dst {
		if err := dst.set(op, res); err != nil {
			return &Array{err: err}
		}
		return dst
	}
	return res
}

// remapped writes a matmul operand's shape as NumPy's broadcast error
// does: "(2,3,4)->(2,newaxis,newaxis)".
func remapped(shape []int, lead int) string {
	parts := make([]string, 0, len(shape))
	for _, d := range shape[:lead] {
		parts = append(parts, fmt.Sprint(d))
	}
	parts = append(parts, "newaxis", "newaxis")
	return formatShape(shape) + "->(" + strings.Join(parts, ",") + ")"
}

// checkOut checks a matmul output against the result's shape and dtype.
func checkOut(op string, out *Array, shape, core []int, dt DType) error {
	if err := out.checkWrite(op); err != nil {
		return err
	}
	if !slices.Equal(out.shape, shape) {
		nc := len(core)
		if len(out.shape) >= nc {
			for i, d := range out.shape[len(out.shape)-nc:] {
				if d != core[i] {
					return fmt.Errorf("%s: Output operand 0 has a mismatch in its core dimension %d, with gufunc signature %s (size %d is different from %d)",
						op, i, matmulSignature, d, core[i])
				}
			}
		}
		return fmt.Errorf("%s: output operand of shape %s does not match the result's shape %s", op, formatShape(out.shape), formatShape(shape))
	}
	if !dtype.CanCast(dt, out.dt, dtype.CastSameKind) {
		return fmt.Errorf("%s: Cannot cast ufunc 'matmul' output from dtype('%v') to dtype('%v') with casting rule 'same_kind'", op, dt, out.dt)
	}
	return nil
}

// matmulInto computes res = x1 @ x2 on the backend, where x1, x2 and res
// share res's dtype, and lead is the broadcast shape of the leading axes.
// The leading axes become the batch of one backend call where their
// strides allow, else one call per position of the outer ones.
func matmulInto(x1, x2, res *Array, lead []int) error {
	if err := hold(x1, x2, res); err != nil {
		return err
	}
	defer release(x1, x2, res)
	n1, n2, nr := x1.NDim(), x2.NDim(), res.NDim()
	a := backend.Matrix{Buf: x1.st.buf, Rows: 1, Cols: x1.shape[n1-1], ColStride: x1.strides[n1-1]}
	if n1 > 1 {
		a.Rows, a.RowStride = x1.shape[n1-2], x1.strides[n1-2]
	}
	b := backend.Matrix{Buf: x2.st.buf, Rows: x2.shape[max(0, n2-2)], RowStride: x2.strides[max(0, n2-2)], Cols: 1}
	if n2 > 1 {
		b.Cols, b.ColStride = x2.shape[n2-1], x2.strides[n2-1]
	}
	c := backend.Matrix{Buf: res.st.buf, Rows: a.Rows, Cols: b.Cols}
	switch {
	case n1 > 1 && n2 > 1:
		c.RowStride, c.ColStride = res.strides[nr-2], res.strides[nr-1]
	case n1 > 1:
		c.RowStride = res.strides[nr-1]
	case n2 > 1:
		c.ColStride = res.strides[nr-1]
	}
	// Strides of the leading axes, 0 where an operand is broadcast.
	lstrides := func(x *Array, n int) []int {
		s := make([]int, len(lead))
		off := len(lead) - n
		for i := range n {
			if x.shape[i] != 1 {
				s[off+i] = x.strides[i]
			}
		}
		return s
	}
	shape, st := collapseDims(lead, lstrides(x1, max(0, n1-2)), lstrides(x2, max(0, n2-2)), res.strides[:len(lead)])
	batch := 1
	if len(shape) > 0 {
		last := len(shape) - 1
		batch = shape[last]
		a.BatchStride, b.BatchStride, c.BatchStride = st[0][last], st[1][last], st[2][last]
		shape = shape[:last]
	}
	if batch == 0 {
		return nil
	}
	dev := res.st.b
	idx := make([]int, len(shape))
	for {
		ao, bo, co := x1.offset, x2.offset, res.offset
		for i, v := range idx {
			ao, bo, co = ao+v*st[0][i], bo+v*st[1][i], co+v*st[2][i]
		}
		a.Offset, b.Offset, c.Offset = ao, bo, co
		if err := dev.Matmul(res.dt, batch, a, b, c); err != nil {
			return err
		}
		i := len(idx) - 1
		for ; i >= 0; i-- {
			if idx[i]++; idx[i] < shape[i] {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			return nil
		}
	}
}

// Dot returns the dot product of a and b with NumPy's rules: a product
// with a 0-d operand is Mul; 1-D by 1-D is the inner product (0-d); up to
// 2-D by 2-D, or any by 1-D, is Matmul; otherwise the sum product over the
// last axis of a and the second-to-last of b, of shape
// a.shape[:-1] + b.shape[:-2] + b.shape[-1:].
func Dot(a, b *Array) *Array {
	const op = "dot"
	if err := operands(op, a, b); err != nil {
		return &Array{err: err}
	}
	na, nb := a.NDim(), b.NDim()
	if na == 0 || nb == 0 {
		return Mul(a, b)
	}
	ib := max(0, nb-2)
	if a.shape[na-1] != b.shape[ib] {
		return errorf(op, "shapes %s and %s not aligned: %d (dim %d) != %d (dim %d)",
			formatShape(a.shape), formatShape(b.shape), a.shape[na-1], na-1, b.shape[ib], ib)
	}
	if nb == 1 || na <= 2 && nb == 2 {
		return matmul(op, a, b, nil)
	}
	return tensordot(op, a, b, []int{na - 1}, []int{nb - 2})
}

// Dot returns the dot product of a and b (see the function Dot).
func (a *Array) Dot(b *Array) *Array { return Dot(a, b) }

// Vdot returns the dot product of a and b flattened, conjugating a if it
// is complex, as a 0-d array (np.vdot).
func Vdot(a, b *Array) *Array {
	const op = "vdot"
	if err := operands(op, a, b); err != nil {
		return &Array{err: err}
	}
	if a.Size() != b.Size() {
		return errorf(op, "cannot reshape array of size %d into shape (%d,)", b.Size(), a.Size())
	}
	fa, fb := a.Ravel(), b.Ravel()
	defer freeIfCopy(fa, a)
	defer freeIfCopy(fb, b)
	if a.dt.Kind() == dtype.ComplexKind {
		fa = Conj(fa)
		defer fa.Free()
	}
	return matmul(op, fa, fb, nil)
}

// freeIfCopy frees v if it does not share orig's buffer: a copy that a
// view-or-copy operation (Ravel, Reshape) made.
func freeIfCopy(v, orig *Array) {
	if v.st != nil && v.st != orig.st {
		v.Free()
	}
}

// Inner returns the inner product of a and b over their last axes, of
// shape a.shape[:-1] + b.shape[:-1] (np.inner); with a 0-d operand, Mul.
func Inner(a, b *Array) *Array {
	const op = "inner"
	if err := operands(op, a, b); err != nil {
		return &Array{err: err}
	}
	na, nb := a.NDim(), b.NDim()
	if na == 0 || nb == 0 {
		return Mul(a, b)
	}
	if a.shape[na-1] != b.shape[nb-1] {
		return errorf(op, "shapes %s and %s not aligned: %d (dim %d) != %d (dim %d)",
			formatShape(a.shape), formatShape(b.shape), a.shape[na-1], na-1, b.shape[nb-1], nb-1)
	}
	return tensordot(op, a, b, []int{na - 1}, []int{nb - 1})
}

// Outer returns the outer product of a and b flattened: out[i, j] =
// a[i] * b[j] (np.outer).
func Outer(a, b *Array) *Array {
	const op = "outer"
	if err := operands(op, a, b); err != nil {
		return &Array{err: err}
	}
	fa, fb := a.Ravel(), b.Ravel()
	defer freeIfCopy(fa, a)
	defer freeIfCopy(fb, b)
	return Mul(fa.Reshape(-1, 1), fb)
}

// Tensordot returns the sum of products of a and b over the last n axes
// of a and the first n of b (np.tensordot(a, b, n)).
func Tensordot(a, b *Array, n int) *Array {
	const op = "tensordot"
	if err := operands(op, a, b); err != nil {
		return &Array{err: err}
	}
	if n < 0 || n > a.NDim() || n > b.NDim() {
		return errorf(op, "cannot sum over %d axes of arrays of shapes %s and %s", n, formatShape(a.shape), formatShape(b.shape))
	}
	axesA, axesB := make([]int, n), make([]int, n)
	for i := range n {
		axesA[i], axesB[i] = a.NDim()-n+i, i
	}
	return tensordot(op, a, b, axesA, axesB)
}

// TensordotAxes returns the sum of products of a and b over the axes
// axesA of a and axesB of b, paired in order (np.tensordot(a, b,
// (axesA, axesB))); the result's axes are a's others, then b's.
func TensordotAxes(a, b *Array, axesA, axesB []int) *Array {
	const op = "tensordot"
	if err := operands(op, a, b); err != nil {
		return &Array{err: err}
	}
	return tensordot(op, a, b, axesA, axesB)
}

// tensordot moves the summed axes of a last and of b first, makes each a
// matrix (a view where the layout allows), and multiplies them.
func tensordot(op string, a, b *Array, axesA, axesB []int) *Array {
	if len(axesA) != len(axesB) {
		return errorf(op, "shape-mismatch for sum")
	}
	freeA, sumA, err := splitAxes(a, axesA)
	if err != nil {
		return failed(op, err)
	}
	freeB, sumB, err := splitAxes(b, axesB)
	if err != nil {
		return failed(op, err)
	}
	k := 1
	for i := range sumA {
		if a.shape[sumA[i]] != b.shape[sumB[i]] {
			return errorf(op, "shape-mismatch for sum")
		}
		k *= a.shape[sumA[i]]
	}
	shapeOf := func(x *Array, axes []int) ([]int, int) {
		s, n := make([]int, len(axes)), 1
		for i, ax := range axes {
			s[i] = x.shape[ax]
			n *= s[i]
		}
		return s, n
	}
	sa, pa := shapeOf(a, freeA)
	sb, pb := shapeOf(b, freeB)
	ma := a.Transpose(slices.Concat(freeA, sumA)...).Reshape(pa, k)
	mb := b.Transpose(slices.Concat(sumB, freeB)...).Reshape(k, pb)
	defer freeIfCopy(ma, a)
	defer freeIfCopy(mb, b)
	return matmul(op, ma, mb, nil).Reshape(slices.Concat(sa, sb)...)
}

// splitAxes normalises axes of x (each once) and returns the others, in order.
func splitAxes(x *Array, axes []int) (free, summed []int, err error) {
	nd := x.NDim()
	used := make([]bool, nd)
	for _, ax := range axes {
		ax, err := NormalizeAxis(ax, nd)
		if err != nil {
			return nil, nil, err
		}
		if used[ax] {
			return nil, nil, fmt.Errorf("repeated axis %d", ax)
		}
		used[ax] = true
		summed = append(summed, ax)
	}
	for ax := range nd {
		if !used[ax] {
			free = append(free, ax)
		}
	}
	return free, summed, nil
}

// Diagonal returns the view of the diagonal of a at offset (above the main
// diagonal if positive) in the plane of axes axis1 and axis2, which the
// view drops, appending the diagonal as its last axis (NumPy's
// a.diagonal(offset, axis1, axis2)).
func (a *Array) Diagonal(offset, axis1, axis2 int) *Array {
	const op = "diagonal"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	nd := a.NDim()
	if nd < 2 {
		return errorf(op, "diag requires an array of at least two dimensions")
	}
	ax1, err := NormalizeAxis(axis1, nd)
	if err != nil {
		return failed(op, fmt.Errorf("axis1: %w", err))
	}
	ax2, err := NormalizeAxis(axis2, nd)
	if err != nil {
		return failed(op, fmt.Errorf("axis2: %w", err))
	}
	if ax1 == ax2 {
		return errorf(op, "axis1 and axis2 cannot be the same")
	}
	n1, n2 := a.shape[ax1], a.shape[ax2]
	start := a.offset
	var n int
	if offset >= 0 {
		n = max(0, min(n1, n2-offset))
		if n > 0 {
			start += offset * a.strides[ax2]
		}
	} else {
		n = max(0, min(n1+offset, n2))
		if n > 0 {
			start -= offset * a.strides[ax1]
		}
	}
	var shape, strides []int
	for i := range nd {
		if i != ax1 && i != ax2 {
			shape, strides = append(shape, a.shape[i]), append(strides, a.strides[i])
		}
	}
	shape, strides = append(shape, n), append(strides, a.strides[ax1]+a.strides[ax2])
	return a.view(shape, strides, start)
}

// Trace returns the sum along the diagonal of a.Diagonal(offset, axis1,
// axis2): the sum of the main diagonal of a matrix. Its dtype is NumPy's
// for a sum: int64 for bool and signed integers, uint64 for unsigned ones,
// a's own for floats (float16 and bfloat16 accumulate in float32).
func (a *Array) Trace(offset, axis1, axis2 int) *Array {
	const op = "trace"
	d := a.Diagonal(offset, axis1, axis2)
	if err := d.Err(); err != nil {
		return &Array{err: fmt.Errorf("%s: %w", op, err)}
	}
	return sumLastAxis(op, d)
}

// Trace returns the sum along the diagonal of a (see Array.Trace).
func Trace(a *Array, offset, axis1, axis2 int) *Array { return a.Trace(offset, axis1, axis2) }

// sumLastAxis returns the sum of x over its last axis, with NumPy's dtype
// for a sum, through the backend's Reduce.
func sumLastAxis(op string, x *Array) *Array {
	acc := x.dt
	switch x.dt.Kind() {
	case dtype.BoolKind, dtype.IntKind:
		acc = Int64
	case dtype.UintKind:
		acc = Uint64
	}
	outDT := acc
	if acc == Float16 || acc == BFloat16 {
		acc = Float32
	}
	nd := x.NDim()
	res, err := empty(x.st.b, outDT, x.shape[:nd-1])
	if err != nil {
		return failed(op, err)
	}
	r := &ir.Reduction{Input: x.dt, Pre: ir.To(ir.In(0, x.dt), acc), Combine: ir.SumOf, Acc: acc, Out: outDT}
	err = hold(x)
	if err == nil {
		in := backend.Operand{Buf: x.st.buf, DType: x.dt, Offset: x.offset, Strides: x.strides}
		out := backend.Operand{Buf: res.st.buf, DType: outDT, Offset: res.offset, Strides: res.strides}
		err = x.st.b.Reduce(r, x.shape, 1, out, in, nil)
		release(x)
	}
	if err != nil {
		res.Free()
		return failed(op, err)
	}
	return res
}
