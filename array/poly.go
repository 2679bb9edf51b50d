package array

import "github.com/cugo/cugo/dtype"

// Polyval evaluates the polynomial with coefficients p (1-d, highest
// power first) at x by Horner's scheme, as np.polyval(p, x): the result
// has x's shape and the dtype x and p promote to (x's for no
// coefficients: zeros). Each coefficient is a 0-d view of p, so nothing
// is read back to the host.
func Polyval(p, x *Array) *Array {
	const op = "Polyval"
	if err := checkAll(op, "", []*Array{p, x}); err != nil {
		return &Array{err: err}
	}
	if p.NDim() != 1 {
		return errorf(op, "p must be 1-d coefficients, not %d-d", p.NDim())
	}
	if _, err := dtype.Promote(x.dt, p.dt); err != nil {
		return failed(op, err)
	}
	y := ZerosLike(x)
	for i := range p.shape[0] {
		y = Add(Mul(y, x), p.Index(I(i)))
	}
	return failedAs(op, y)
}
