package linalg

import (
	"math"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
)

// Solve returns x with a @ x == b for each square matrix of a, as
// numpy.linalg.solve (NumPy 2): b is one vector per matrix if it is 1-D,
// else a stack of (M, K) right-hand sides; the leading axes broadcast. A
// singular matrix gives ErrSingular.
func Solve(a, b *array.Array) *array.Array {
	const op = "Solve"
	if err := operands(op, a, b); err != nil {
		return array.Failed(err)
	}
	if err := stacked(op, a, true); err != nil {
		return array.Failed(err)
	}
	dt, err := commonType(op, a, b)
	if err != nil {
		return array.Failed(err)
	}
	leadA, n, _ := matrixShape(a)
	vector := b.NDim() == 1
	if vector {
		b = b.Reshape(-1, 1)
	}
	if b.NDim() < 2 {
		return array.Failed(linalgErrorf(op, "0-dimensional array given. Array must be at least one-dimensional"))
	}
	leadB, rows, k := matrixShape(b)
	if rows != n {
		return array.Failed(linalgErrorf(op, "Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size %d is different from %d)", rows, n))
	}
	lead, err := array.Broadcast(leadA, leadB)
	if err != nil {
		return array.Failed(linalgErrorf(op, "the stacks of a %v and b %v do not broadcast", leadA, leadB))
	}
	x, err := solve(op, a, b, dt, lead, n, k)
	if err != nil {
		return array.Failed(err)
	}
	if vector {
		return x.Reshape(with(lead, n)...)
	}
	return x
}

// solve returns A⁻¹B for a and b broadcast to the stack lead.
func solve(op string, a, b *array.Array, dt dtype.DType, lead []int, n, k int) (*array.Array, error) {
	la, err := solver(op, a)
	if err != nil {
		return nil, err
	}
	wa, err := workCopy(a, dt, with(lead, n, n))
	defer free(wa)
	if err != nil {
		return nil, err
	}
	wb, err := workCopy(b, dt, with(lead, n, k))
	if err != nil {
		return nil, err
	}
	err = call(op, lead, func() error { return la.Solve(dt, batchOf(lead), n, k, wa.buf, wb.buf) }, wa, wb)
	if err != nil {
		free(wb)
		return nil, err
	}
	return wb.Array, nil
}

// Inv returns the inverse of each square matrix of a (numpy.linalg.inv).
// A singular matrix gives ErrSingular.
func Inv(a *array.Array) *array.Array {
	const op = "Inv"
	if err := operands(op, a); err != nil {
		return array.Failed(err)
	}
	if err := stacked(op, a, true); err != nil {
		return array.Failed(err)
	}
	dt, err := commonType(op, a)
	if err != nil {
		return array.Failed(err)
	}
	lead, n, _ := matrixShape(a)
	eye := array.On(a.Backend()).Identity(n, dt)
	defer eye.Free()
	x, err := solve(op, a, eye, dt, lead, n, n)
	if err != nil {
		return array.Failed(err)
	}
	return x
}

// lu returns the LU factors of each square matrix of a in the dtype of the
// computation, the diagonal of U as a view, and the sign of the pivots'
// permutation (±1 in dt).
func lu(op string, a *array.Array) (factors, diag, sign *array.Array, err error) {
	if err := operands(op, a); err != nil {
		return nil, nil, nil, err
	}
	if err := stacked(op, a, true); err != nil {
		return nil, nil, nil, err
	}
	dt, err := commonType(op, a)
	if err != nil {
		return nil, nil, nil, err
	}
	la, err := solver(op, a)
	if err != nil {
		return nil, nil, nil, err
	}
	lead, n, _ := matrixShape(a)
	wa, err := workCopy(a, dt, with(lead, n, n))
	if err != nil {
		free(wa)
		return nil, nil, nil, err
	}
	piv, err := newMatrices(a.Backend(), dtype.Int32, with(lead, n))
	defer free(piv)
	if err == nil {
		err = call(op, lead, func() error { return la.LU(dt, batchOf(lead), n, wa.buf, piv.buf) }, wa, piv)
	}
	if err != nil {
		free(wa)
		return nil, nil, nil, err
	}
	// Each pivot that is not its own row is one swap.
	rows := array.On(a.Backend()).Arange(1, float64(n)+1, 1, dtype.Int32)
	defer rows.Free()
	swaps := piv.NotEqual(rows).Sum(array.Axis(-1))
	sign = swaps.Mod(2).Mul(-2).Add(1).AsType(dt)
	return wa.Array, wa.Diagonal(0, -2, -1), sign, sign.Err()
}

// Det returns the determinant of each square matrix of a
// (numpy.linalg.det): 0 for a singular matrix, 1 for a 0×0 one. Like
// NumPy it is sign·exp(logabsdet) of Slogdet rather than the product of
// the pivots, so it overflows only where the determinant does.
func Det(a *array.Array) *array.Array {
	sign, logabsdet := slogdet("Det", a)
	return sign.Mul(array.Exp(logabsdet))
}

// Slogdet returns the sign (±1, or a complex number of modulus 1) and the
// natural logarithm of the absolute value of the determinant of each
// square matrix of a (numpy.linalg.slogdet), which stays finite where the
// determinant overflows. A singular matrix has sign 0 and logabsdet -inf.
func Slogdet(a *array.Array) (sign, logabsdet *array.Array) { return slogdet("Slogdet", a) }

func slogdet(op string, a *array.Array) (sign, logabsdet *array.Array) {
	_, diag, psign, err := lu(op, a)
	if err != nil {
		return array.Failed(err), array.Failed(err)
	}
	abs := diag.Abs()
	var unit *array.Array // each pivot's sign
	if diag.DType().Kind() == dtype.ComplexKind {
		unit = array.Where(abs.Equal(0), 0, diag.Div(abs))
	} else { // NaN pivots keep the sign, as in NumPy (only negative ones flip it)
		unit = array.Where(array.IsNaN(diag), 1, array.Sign(diag))
	}
	// A zero pivot is NumPy's failed factorization: sign 0 and -inf
	// whatever the other pivots hold (inf, NaN).
	singular := abs.Equal(0).AnyTrue(array.Axis(-1))
	sign = array.Where(singular, 0, unit.Prod(array.Axis(-1)).Mul(psign))
	return sign, array.Where(singular, math.Inf(-1), abs.Log().Sum(array.Axis(-1)))
}

// MatrixPower raises each square matrix of a to the integer power n
// (numpy.linalg.matrix_power): repeated squaring for n > 0, the identity
// for n == 0, powers of the inverse for n < 0. Integer matrices stay
// integers for n >= 0.
func MatrixPower(a *array.Array, n int) *array.Array {
	const op = "MatrixPower"
	if err := operands(op, a); err != nil {
		return array.Failed(err)
	}
	if err := stacked(op, a, true); err != nil {
		return array.Failed(err)
	}
	if n == 0 {
		_, m, _ := matrixShape(a)
		return array.On(a.Backend()).Identity(m, a.DType()).BroadcastTo(a.Shape()...).Copy()
	}
	k := uint(n) // the exponent's magnitude, exact for math.MinInt too
	if n < 0 {
		a, k = Inv(a), -k
	}
	var result *array.Array
	for p := a; ; {
		if k&1 == 1 {
			if result == nil {
				result = p
			} else {
				result = result.Matmul(p)
			}
		}
		if k >>= 1; k == 0 {
			break
		}
		p = p.Matmul(p)
	}
	if result == a {
		return a.Copy()
	}
	return result
}
