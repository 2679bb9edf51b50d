package array

import (
	"math"

	"github.com/cugo/cugo/dtype"
)

// NaN-ignoring reductions and the covariance, composed from the plain
// reductions: NaN is replaced by the fold's neutral element first.

// isFloating reports whether dt can hold NaN.
func isFloating(dt DType) bool {
	k := dt.Kind()
	return k == dtype.FloatKind || k == dtype.ComplexKind
}

// withoutNaN returns a with its NaN replaced by fill (a itself for
// dtypes without NaN).
func withoutNaN(a *Array, fill any) *Array {
	if a.check() != nil || !isFloating(a.dt) {
		return a
	}
	return Where(IsNaN(a), fill, a)
}

// NanProd returns the product over the axes, counting NaN as one.
func NanProd(a *Array, opts ...ReduceOption) *Array { return Prod(withoutNaN(a, 1), opts...) }

// NanCumSum returns the running sum along the axis, counting NaN as zero.
func NanCumSum(a *Array, opts ...ReduceOption) *Array { return CumSum(withoutNaN(a, 0), opts...) }

// NanCumProd returns the running product along the axis, counting NaN as one.
func NanCumProd(a *Array, opts ...ReduceOption) *Array { return CumProd(withoutNaN(a, 1), opts...) }

// NanArgMax returns the index of the largest element ignoring NaN, as
// ArgMax does; a slice of NaN only is an error, as in NumPy.
func NanArgMax(a *Array, opts ...ReduceOption) *Array {
	return nanArg("NanArgMax", a, math.Inf(-1), ArgMax, opts)
}

// NanArgMin returns the index of the smallest element ignoring NaN.
func NanArgMin(a *Array, opts ...ReduceOption) *Array {
	return nanArg("NanArgMin", a, math.Inf(1), ArgMin, opts)
}

func nanArg(op string, a *Array, fill float64, arg func(*Array, ...ReduceOption) *Array, opts []ReduceOption) *Array {
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if !isFloating(a.dt) {
		return arg(a, opts...)
	}
	c := config(opts)
	var axes []ReduceOption
	if c.axes != nil {
		axes = append(axes, Axis(c.axes...))
	}
	allNaN, err := Item[bool](AnyTrue(AllTrue(IsNaN(a), axes...)))
	if err != nil {
		return failed(op, err)
	}
	if allNaN && a.Size() > 0 {
		return errorf(op, "All-NaN slice encountered")
	}
	return arg(Where(IsNaN(a), fill, a), opts...)
}

// NanVar returns the variance over the axes ignoring NaN, with DDof;
// NaN where fewer than ddof+1 numbers remain. Options as for Var.
func NanVar(a *Array, opts ...ReduceOption) *Array { return nanVariance("NanVar", a, opts, false) }

// NanStd returns the standard deviation over the axes ignoring NaN.
func NanStd(a *Array, opts ...ReduceOption) *Array { return nanVariance("NanStd", a, opts, true) }

func nanVariance(op string, a *Array, opts []ReduceOption, root bool) *Array {
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if !isFloating(a.dt) {
		if root {
			return Std(a, opts...)
		}
		return Var(a, opts...)
	}
	c := config(opts)
	if c.out != nil || c.dt != 0 {
		return errorf(op, "Out and WithDType are not supported")
	}
	keep := []ReduceOption{KeepDims()}
	if c.axes != nil {
		keep = append(keep, Axis(c.axes...))
	}
	nan := IsNaN(a)
	count := CountNonzero(LogicalNot(nan), keep...)
	mean := Div(NanSum(a, keep...), count)
	dev := Square(Abs(Where(nan, 0, Sub(a, mean))))
	dof := Sub(count, c.ddof)
	v := Where(LessEqual(dof, 0), math.NaN(), Div(Sum(dev, keep...), dof))
	if root {
		v = Sqrt(v)
	}
	if !c.keep {
		v = squeezeFolded(v, c.axes)
	}
	real := a.dt
	if a.dt == Complex64 {
		real = Float32
	} else if a.dt == Complex128 {
		real = Float64
	}
	if v.err != nil {
		return failed(op, v.err)
	}
	return v.AsType(real)
}

// squeezeFolded removes the kept axes of a reduction over axes (nil: all).
func squeezeFolded(v *Array, axes []int) *Array {
	if axes == nil {
		return v.Reshape()
	}
	norm, err := normalizeAxes("squeeze", axes, len(v.shape))
	if err != nil {
		return &Array{err: err}
	}
	return v.Squeeze(norm...)
}

// Cov returns the covariance matrix of the variables in m, as np.cov(m,
// rowvar=rowvar, ddof=ddof): each row a variable and each column an
// observation (each column a variable if !rowvar); a 1-d m is one
// variable and gives a 0-d result. The result is float64 (complex128
// for complex input).
func Cov(m *Array, rowvar bool, ddof int) *Array {
	const op = "Cov"
	if err := m.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if len(m.shape) > 2 {
		return errorf(op, "m has more than 2 dimensions")
	}
	dt := Float64
	if m.dt.Kind() == dtype.ComplexKind {
		dt = Complex128
	}
	x := m.AsType(dt)
	one := len(m.shape) < 2
	switch {
	case len(m.shape) == 0:
		x = x.Reshape(1, 1)
	case one:
		x = x.Reshape(1, -1)
	case !rowvar:
		x = x.T()
	}
	if x.err != nil {
		return failed(op, x.err)
	}
	n := x.shape[1]
	centred := Sub(x, Mean(x, Axis(1), KeepDims()))
	// NumPy divides by zero where the count is not positive: inf or NaN.
	c := Div(Matmul(centred, Conj(centred).T()), max(float64(n-ddof), 0))
	if one {
		c = c.Reshape()
	}
	if c.err != nil {
		return failed(op, c.err)
	}
	return c
}

// Corrcoef returns the Pearson correlation coefficients of the variables
// in x, as np.corrcoef(x, rowvar=rowvar): the covariance divided by the
// outer product of the standard deviations, its real part clipped to
// [-1, 1].
func Corrcoef(x *Array, rowvar bool) *Array {
	c := Cov(x, rowvar, 1)
	if c.err != nil || len(c.shape) == 0 {
		return Div(c, c)
	}
	std := Sqrt(Real(c.Diagonal(0, 0, 1)))
	r := Div(Div(c, std.ExpandDims(1)), std.ExpandDims(0))
	if r.dt == Float64 {
		return Clip(r, -1.0, 1.0)
	}
	return Add(Clip(Real(r), -1.0, 1.0), Mul(Imag(r), complex(0, 1)))
}
