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
	if c.out != nil || c.dt != 0 || c.hasInit {
		return errorf(op, "Out, WithDType and WithInitial are not supported")
	}
	if len(a.shape) == 0 && len(c.axes) == 1 && (c.axes[0] == 0 || c.axes[0] == -1) {
		c.axes = []int{} // as np.nanvar, axis 0 or -1 of a 0-d array is no axis
	}
	keep := []ReduceOption{KeepDims()}
	if c.axes != nil {
		keep = append(keep, Axis(c.axes...))
	}
	left, err := leftOut(op, a, c.where)
	if err != nil {
		return &Array{err: err}
	}
	count := CountNonzero(LogicalNot(left), keep...)
	mean := Div(Sum(Where(left, 0, a), keep...), count)
	dev := Square(Abs(Where(left, 0, Sub(a, mean))))
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

// leftOut is where a NaN reduction leaves a's elements out: where they
// are NaN, and where the mask of WithWhere (if not nil) is false.
func leftOut(op string, a, where *Array) (*Array, error) {
	nan := IsNaN(a)
	if where == nil {
		return nan, nil
	}
	if err := checkWhere(op, a, where); err != nil {
		return nil, err
	}
	return LogicalOr(nan, LogicalNot(where)), nil
}

// squeezeFolded removes the kept axes of a reduction over axes (nil: all;
// Axis() with none folds none).
func squeezeFolded(v *Array, axes []int) *Array {
	switch {
	case axes == nil:
		return v.Reshape()
	case len(axes) == 0:
		return v
	}
	norm, err := normalizeAxes("squeeze", axes, len(v.shape))
	if err != nil {
		return &Array{err: err}
	}
	return v.Squeeze(norm...)
}

// Cov returns the covariance matrix of the variables in m, as np.cov(m,
// rowvar=rowvar, ddof=ddof): each row a variable and each column an
// observation (each column a variable if !rowvar, as NumPy 2 does for a
// one-row m too); a 1-d m is one variable. Axes of length one are squeezed away, as
// NumPy does: one variable gives a 0-d result. The result is float64
// (complex128 for complex input).
func Cov(m *Array, rowvar bool, ddof int) *Array {
	return cov("Cov", m, nil, rowvar, []CovOption{CovDDof(ddof)})
}

// CovXY is Cov of the variables of m and then those of y (laid out as m's:
// np.cov(m, y, rowvar, ddof)), which must have as many observations.
func CovXY(m, y *Array, rowvar bool, ddof int) *Array {
	if err := y.checkOp("CovXY"); err != nil { // a nil y is an error here, not Cov
		return &Array{err: err}
	}
	return cov("CovXY", m, y, rowvar, []CovOption{CovDDof(ddof)})
}

func cov(op string, m, y *Array, rowvar bool, opts []CovOption) *Array {
	var cfg covConfig
	for _, o := range opts {
		o(&cfg)
	}
	operands := []*Array{m}
	if y != nil {
		operands = append(operands, y)
	}
	if err := checkAll(op, "", operands); err != nil {
		return &Array{err: err}
	}
	dt := Float64
	var vars []*Array
	for i, v := range operands {
		if len(v.shape) > 2 {
			return errorf(op, "%s has more than 2 dimensions", []string{"m", "y"}[i])
		}
		if v.dt.Kind() == dtype.ComplexKind {
			dt = Complex128
		}
		x := v
		switch {
		case len(v.shape) < 2:
			x = x.Reshape(1, -1)
		case !rowvar:
			x = x.T()
		}
		vars = append(vars, x)
	}
	if cfg.dt != 0 {
		dt = cfg.dt
		if k := dt.Kind(); k != dtype.FloatKind && k != dtype.ComplexKind {
			return errorf(op, "cannot compute a covariance in %v (a float or complex dtype)", dt)
		}
	}
	x := vars[0]
	if len(vars) > 1 {
		if vars[0].err == nil && vars[1].err == nil && vars[0].shape[1] != vars[1].shape[1] {
			return errorf(op, "m and y have %d and %d observations", vars[0].shape[1], vars[1].shape[1])
		}
		x = Concatenate(vars, 0)
	}
	x = x.AsType(dt)
	if x.err != nil {
		return failed(op, x.err)
	}
	if x.shape[0] == 0 { // no variables: NumPy's empty float64 matrix
		return On(x.st.b).alloc(op, Float64, []int{0, 0})
	}
	n := x.shape[1]
	w, err := cfg.weights(n)
	if err != nil {
		return failed(op, err)
	}
	if w == nil {
		centred := Sub(x, Mean(x, Axis(1), KeepDims()))
		// NumPy multiplies by 1/count, inf where the count is not positive
		// (complex parts each times inf, not a complex division by zero).
		return covProduct(op, centred, centred, float64(n-cfg.degrees()))
	}
	avg, sums := AverageAndSum(x, w, Axis(1), KeepDims())
	sum, err := Item[float64](Real(sums.Index(Ellipsis, I(0), I(0))))
	if err != nil {
		return failed(op, err)
	}
	fact, err := cfg.weightedCount(w, sum)
	if err != nil {
		return failed(op, err)
	}
	// As NumPy: x centred in its dtype, times the float64 weights.
	centred := Sub(x, avg).AsType(dt)
	return covProduct(op, centred, Mul(centred, w), fact)
}

// covProduct is centred times the conjugate transpose of weighted, times
// 1/fact (inf where fact is not positive, as NumPy's), squeezed.
func covProduct(op string, centred, weighted *Array, fact float64) *Array {
	c := Mul(Matmul(centred, Conj(weighted).T()), 1/max(fact, 0))
	if c.err != nil {
		return failed(op, c.err)
	}
	return c.Squeeze()
}

// Corrcoef returns the Pearson correlation coefficients of the variables
// in x, as np.corrcoef(x, rowvar=rowvar): the covariance divided by the
// outer product of the standard deviations, its real part clipped to
// [-1, 1].
func Corrcoef(x *Array, rowvar bool) *Array { return corrcoef(Cov(x, rowvar, 1)) }

// CorrcoefXY is Corrcoef of the variables of x and then those of y
// (np.corrcoef(x, y, rowvar)).
func CorrcoefXY(x, y *Array, rowvar bool) *Array { return corrcoef(CovXY(x, y, rowvar, 1)) }

// corrcoef normalises a covariance matrix into correlation coefficients.
func corrcoef(c *Array) *Array {
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
