package poly

import (
	"fmt"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/linalg"
	"github.com/cugo/cugo/dtype"
)

// FitOption is one of np.polyfit's keyword arguments rcond and w.
type FitOption func(*fitArgs)

type fitArgs struct {
	w        *array.Array
	rcond    float64
	setRcond bool
}

// Rcond sets the relative cutoff below which singular values of the
// scaled Vandermonde matrix count as zero (default len(x) times the
// machine epsilon of x's dtype, float32's for float32 x).
func Rcond(rcond float64) FitOption {
	return func(a *fitArgs) { a.rcond, a.setRcond = rcond, true }
}

// Weights multiplies each residual y[i] - p(x[i]) by w[i] (w is 1-d, as
// long as y); for Gaussian noise w[i] is 1/σ[i].
func Weights(w *array.Array) FitOption { return func(a *fitArgs) { a.w = w } }

// CovMode is np.polyfit's cov=True or cov="unscaled".
type CovMode int

const (
	// CovScaled scales the covariance by the residuals' variance,
	// resid / (len(x) - deg - 1) (cov=True).
	CovScaled CovMode = iota
	// CovUnscaled leaves it unscaled, for weights that are 1/σ of
	// known errors (cov="unscaled").
	CovUnscaled
)

// Fit returns the least-squares polynomial of degree deg through the
// points (x[i], y[i]) (np.polyfit), highest power first: (deg+1,) for
// 1-d y, (deg+1, K) for y of shape (len(x), K), one fit per column. Where
// NumPy warns RankWarning (the Vandermonde matrix has rank below deg+1),
// Fit returns the coefficients as NumPy does; FitFull's rank tells.
func Fit(x, y *array.Array, deg int, opts ...FitOption) *array.Array {
	f, err := fit("Fit", x, y, deg, opts)
	if err != nil {
		return array.Failed(err)
	}
	return f.p
}

// FitFull is np.polyfit(..., full=True): the coefficients, the sums of
// squared residuals of each column (empty where the rank is below deg+1
// or len(x) <= deg+1), the rank and singular values of the scaled
// Vandermonde matrix, and the rcond used.
func FitFull(x, y *array.Array, deg int, opts ...FitOption) (p, residuals *array.Array, rank int, singularValues *array.Array, rcond float64) {
	f, err := fit("FitFull", x, y, deg, opts)
	if err != nil {
		return array.Failed(err), array.Failed(err), 0, array.Failed(err), 0
	}
	return f.p, f.residuals, f.rank, f.s, f.rcond
}

// FitCov is np.polyfit(..., cov=True) (mode CovScaled) or cov="unscaled":
// the coefficients and their covariance matrix, (deg+1, deg+1) for 1-d y,
// (deg+1, deg+1, K) for K columns (K = 1 unscaled, as NumPy's). Scaling
// needs more points than coefficients and a fit of full rank.
func FitCov(x, y *array.Array, deg int, mode CovMode, opts ...FitOption) (p, cov *array.Array) {
	const op = "FitCov"
	fail := func(err error) (*array.Array, *array.Array) { return array.Failed(err), array.Failed(err) }
	f, err := fit(op, x, y, deg, opts)
	if err != nil {
		return fail(err)
	}
	// inv(lhsᵀ·lhs) / outer(scale, scale): lhs transposed, not conjugated, as NumPy's.
	cov = linalg.Inv(f.lhs.T().Matmul(f.lhs)).Div(array.Outer(f.scale, f.scale))
	n, order := x.Size(), deg+1
	switch mode {
	case CovUnscaled:
		if f.columns {
			cov = cov.ExpandDims(-1)
		}
	case CovScaled:
		if n <= order {
			return fail(errorf(op, "the number of data points must exceed order to scale the covariance matrix (%d points, order %d)", n, order))
		}
		if f.residuals.Size() == 0 {
			return fail(errorf(op, "no residuals to scale the covariance by: the fit is rank deficient (rank %d < %d)", f.rank, order))
		}
		fac := f.residuals.Div(float64(n - order))
		if f.columns {
			cov = cov.ExpandDims(-1)
		}
		cov = cov.Mul(fac)
	default:
		return fail(errorf(op, "unknown covariance mode %d", mode))
	}
	if err := cov.Err(); err != nil {
		return fail(errorf(op, "%w", err))
	}
	return f.p, cov
}

// fitted is what np.polyfit computes.
type fitted struct {
	p, residuals, s *array.Array
	rank            int
	rcond           float64
	lhs, scale      *array.Array // the scaled Vandermonde matrix and its column norms
	columns         bool         // y is 2-d
}

func fit(op string, x, y *array.Array, deg int, opts []FitOption) (fitted, error) {
	var args fitArgs
	for _, o := range opts {
		o(&args)
	}
	for _, a := range []*array.Array{x, y} {
		if err := a.Err(); err != nil {
			return fitted{}, err
		}
	}
	// NumPy's checks, in its order.
	switch {
	case deg < 0:
		return fitted{}, errorf(op, "expected deg >= 0, not %d", deg)
	case x.NDim() != 1:
		return fitted{}, errorf(op, "expected 1D vector for x, not %d-d", x.NDim())
	case x.Size() == 0:
		return fitted{}, errorf(op, "expected non-empty vector for x")
	case y.NDim() < 1 || y.NDim() > 2:
		return fitted{}, errorf(op, "expected 1D or 2D array for y, not %d-d", y.NDim())
	case x.Size() != y.Shape()[0]:
		return fitted{}, errorf(op, "expected x and y to have same length (%d and %d)", x.Size(), y.Shape()[0])
	}
	// NumPy's x + 0.0, y + 0.0: integers and bool become float64.
	x, y = x.Add(0.0), y.Add(0.0)
	order := deg + 1
	rcond := float64(x.Size()) * epsilon(x.DType())
	if args.setRcond {
		rcond = args.rcond
	}
	lhs, rhs := array.Vander(x, order, false), y
	if w := args.w; w != nil {
		if err := w.Err(); err != nil {
			return fitted{}, err
		}
		if w.NDim() != 1 {
			return fitted{}, errorf(op, "expected a 1-d array for weights, not %d-d", w.NDim())
		}
		if w.Size() != y.Shape()[0] {
			return fitted{}, errorf(op, "expected w and y to have the same length (%d and %d)", w.Size(), y.Shape()[0])
		}
		w = w.Add(0.0)
		// NumPy weights in place: the products keep lhs's and rhs's dtypes.
		var err error
		if lhs, err = weighted(op, lhs, w); err != nil {
			return fitted{}, err
		}
		if rhs, err = weighted(op, rhs, w); err != nil {
			return fitted{}, err
		}
	}
	// Columns of unit norm improve the condition number.
	scale := array.Sqrt(lhs.Mul(lhs).Sum(array.Axis(0)))
	lhs = lhs.Div(scale)
	if err := finite(op, lhs, rhs, x, y, args.w); err != nil {
		return fitted{}, err
	}
	c, residuals, rank, s := linalg.Lstsq(lhs, rhs, rcond)
	columns := rhs.NDim() == 2
	if columns {
		c = c.Div(scale.Reshape(order, 1))
	} else {
		c = c.Div(scale)
	}
	if err := c.Err(); err != nil {
		return fitted{}, errorf(op, "%w", err)
	}
	return fitted{c, residuals, s, rank, rcond, lhs, scale, columns}, nil
}

// weighted is a·w along a's first axis, in a's dtype.
func weighted(op string, a, w *array.Array) (*array.Array, error) {
	if a.DType().Kind() != dtype.ComplexKind && w.DType().Kind() == dtype.ComplexKind {
		return nil, errorf(op, "cannot weight %v data by %v weights", a.DType(), w.DType())
	}
	if a.NDim() == 2 {
		w = w.Reshape(-1, 1)
	}
	return a.Mul(w).AsType(a.DType()), nil
}

// finite checks the least-squares problem for NaN and infinities, on which
// NumPy's SVD fails to converge, and says where they come from.
func finite(op string, lhs, rhs *array.Array, inputs ...*array.Array) error {
	ok, err := array.Item[bool](array.LogicalAnd(array.AllTrue(array.IsFinite(lhs)), array.AllTrue(array.IsFinite(rhs))))
	if err != nil || ok {
		return err
	}
	for i, name := range []string{"x", "y", "w"} {
		if a := inputs[i]; a != nil {
			ok, err := array.Item[bool](array.AllTrue(array.IsFinite(a)))
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("poly.%s: %w: %s holds NaN or infinity", op, linalg.ErrLinAlg, name)
			}
		}
	}
	return fmt.Errorf("poly.%s: %w: the scaled Vandermonde matrix is not finite: a column is all zero (x all 0, or the weights) or x**deg overflows", op, linalg.ErrLinAlg)
}

// epsilon is the machine epsilon of a float or complex dtype.
func epsilon(dt dtype.DType) float64 {
	switch dt {
	case dtype.Float16:
		return 0x1p-10
	case dtype.BFloat16:
		return 0x1p-7
	case dtype.Float32, dtype.Complex64:
		return 0x1p-23
	}
	return 0x1p-52
}
