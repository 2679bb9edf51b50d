package array

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// Whole-array comparisons and the complex-number tests of NumPy:
// array_equal, array_equiv, isreal, iscomplex, real_if_close.

// ArrayEqual reports whether a1 and a2 have the same shape and elements,
// as np.array_equal(a1, a2, equal_nan): with equalNaN, NaN equals NaN
// (a complex number with a NaN part equals another such).
func ArrayEqual(a1, a2 *Array, equalNaN bool) (bool, error) {
	const op = "ArrayEqual"
	if err := checkAll(op, "", []*Array{a1, a2}); err != nil {
		return false, err
	}
	if !equalShapes(a1.shape, a2.shape) {
		return false, nil
	}
	return allEqual(op, a1, a2, equalNaN)
}

// ArrayEquiv reports whether a1 and a2 broadcast together and are equal
// element for element there, as np.array_equiv.
func ArrayEquiv(a1, a2 *Array) (bool, error) {
	const op = "ArrayEquiv"
	if err := checkAll(op, "", []*Array{a1, a2}); err != nil {
		return false, err
	}
	if _, err := Broadcast(a1.shape, a2.shape); err != nil {
		return false, nil
	}
	return allEqual(op, a1, a2, false)
}

// allEqual reads whether every element of a1 equals a2's.
func allEqual(op string, a1, a2 *Array, equalNaN bool) (bool, error) {
	eq := Equal(a1, a2)
	if equalNaN && isFloating(a1.dt) && isFloating(a2.dt) {
		eq = LogicalOr(eq, LogicalAnd(IsNaN(a1), IsNaN(a2)))
	}
	all, err := Item[bool](AllTrue(eq))
	if err != nil {
		return false, fmt.Errorf("%s: %w", op, err)
	}
	return all, nil
}

// Isreal reports elementwise whether x has no imaginary part (true for
// every element of a real array), as np.isreal.
func Isreal(x *Array) *Array { return imagTest("Isreal", x, Equal, true) }

// Iscomplex reports elementwise whether x has a nonzero imaginary part
// (false for every element of a real array), as np.iscomplex.
func Iscomplex(x *Array) *Array { return imagTest("Iscomplex", x, NotEqual, false) }

// imagTest compares x's imaginary parts with 0; real x gives ofReal
// everywhere.
func imagTest(op string, x *Array, cmp func(x, y any, out ...*Array) *Array, ofReal bool) *Array {
	if err := x.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if x.dt.Kind() != dtype.ComplexKind {
		return On(x.st.b).full(op, Bool, ofReal, x.shape)
	}
	return failedAs(op, cmp(Imag(x), 0))
}

// RealIfClose returns the real part of a where every imaginary part is
// below tol, and a itself otherwise (or where a is real), as
// np.real_if_close(a, tol): a tol above 1 counts machine epsilons of a's
// precision (NumPy's default is 100).
func RealIfClose(a *Array, tol float64) *Array {
	const op = "RealIfClose"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if a.dt.Kind() != dtype.ComplexKind {
		return a
	}
	if tol > 1 {
		eps := 0x1p-52
		if a.dt == Complex64 {
			eps = 0x1p-23
		}
		tol *= eps
	}
	close, err := Item[bool](AllTrue(Less(Abs(Imag(a)), tol)))
	if err != nil {
		return failed(op, err)
	}
	if close {
		return Real(a)
	}
	return a
}
