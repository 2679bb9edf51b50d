package array

import (
	"math"

	"github.com/cugo/cugo/dtype"
)

// Around rounds x to the given number of decimals, halves to even, as
// np.round(x, decimals) (np.around) does and in the same steps: rint(x·10^d)/10^d,
// or rint(x/10^-d)·10^-d for negative d, in x's dtype, so a result carries
// the rounding of the scaled value (np.round(2.675, 2) is 2.67, since
// 2.675·100 is 267.49999999999997). Integers and bools are returned as
// they are for decimals >= 0 and rounded through float64 back to their
// dtype otherwise (np.round([15, 25], -1) is [20, 20]); complex numbers
// round their real and imaginary parts. The result is a new array of x's
// dtype.
func Around(x *Array, decimals int) *Array {
	const op = "Around"
	if err := x.checkOp(op); err != nil {
		return &Array{err: err}
	}
	switch k := x.dt.Kind(); {
	case k == dtype.ComplexKind:
		parts := [2]*Array{x.Real(), x.Imag()}
		for i, p := range parts {
			parts[i] = Around(p, decimals)
			p.Free()
			defer parts[i].Free()
		}
		return complexFromParts(op, parts[0], parts[1])
	case k < dtype.FloatKind && decimals >= 0:
		return x.Copy()
	case k < dtype.FloatKind:
		f := x.AsType(Float64)
		defer f.Free()
		r := Around(f, decimals)
		defer r.Free()
		return r.AsType(x.dt)
	case decimals == 0:
		return Rint(x)
	}
	scale, undo := Mul, Div
	if decimals < 0 {
		scale, undo = Div, Mul
	}
	f := math.Pow10(max(decimals, -decimals))
	y := scale(x, f)
	if y.err != nil {
		return failed(op, y.err)
	}
	if r := Rint(y, y); r.err != nil {
		return failed(op, r.err)
	}
	if r := undo(y, f, y); r.err != nil {
		return failed(op, r.err)
	}
	return y
}
