package poly

import (
	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
)

// Div divides the polynomial u by v (np.polydiv): u = q·v + r with r of
// lower degree than v. Both compute in the inexact dtype u and v promote
// to (integers and bool in float64), by NumPy's long division; the
// remainder then loses its leading terms of magnitude at most 1e-8 (NumPy's
// allclose(r[0], 0)), keeping at least one. A quotient of degree below 0
// is [0]. A v whose leading coefficient is 0 gives infinities and NaN, as
// in NumPy. The division is sequential: a few array operations per
// coefficient of the quotient.
func Div(u, v *array.Array) (q, r *array.Array) {
	const op = "Div"
	fail := func(err error) (*array.Array, *array.Array) { return array.Failed(err), array.Failed(err) }
	u, err := vector(op, "u", u)
	if err != nil {
		return fail(err)
	}
	if v, err = vector(op, "v", v); err != nil {
		return fail(err)
	}
	if u.Size() == 0 || v.Size() == 0 {
		return fail(errorf(op, "the polynomials must have coefficients (u has %d, v %d)", u.Size(), v.Size()))
	}
	// NumPy's u + 0.0 and v + 0.0: integers become float64.
	u, v = u.Add(0.0), v.Add(0.0)
	dt, err := dtype.Promote(u.DType(), v.DType())
	if err != nil {
		return fail(errorf(op, "%w", err))
	}
	m, n := u.Size()-1, v.Size()-1
	scale := array.Div(1.0, v.Index(array.I(0)))
	q = array.On(u.Backend()).Zeros(dt, max(m-n+1, 1))
	r = u.AsType(dt)
	for k := range m - n + 1 {
		d := scale.Mul(r.Index(array.I(k)))
		term := r.Index(array.S(k, k+n+1))
		if err := q.Index(array.I(k)).Set(d); err != nil {
			return fail(err)
		}
		if err := term.Set(term.Sub(d.Mul(v))); err != nil {
			return fail(err)
		}
	}
	size, err := array.ToSlice[float64](array.Abs(r).AsType(array.Float64))
	if err != nil {
		return fail(err)
	}
	lead := 0
	for lead < len(size)-1 && size[lead] <= 1e-8 {
		lead++
	}
	return q, r.Index(array.S(lead, len(size)))
}
