package random

import (
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/linalg"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// hostFloats reads v ([]float64, [][]float64 or a real *array.Array) as
// float64 values on the host, with its shape.
func hostFloats(name string, v any) ([]float64, []int, error) {
	switch x := v.(type) {
	case []float64:
		return slices.Clone(x), []int{len(x)}, nil
	case [][]float64:
		var out []float64
		for _, row := range x {
			if len(row) != len(x[0]) {
				return nil, nil, fmt.Errorf("%s has rows of different lengths", name)
			}
			out = append(out, row...)
		}
		cols := 0
		if len(x) > 0 {
			cols = len(x[0])
		}
		return out, []int{len(x), cols}, nil
	case *array.Array:
		if err := x.Err(); err != nil {
			return nil, nil, err
		}
		if k := x.DType().Kind(); k == dtype.ComplexKind {
			return nil, nil, fmt.Errorf("%s must not be complex", name)
		}
		xs, err := array.ToSlice[float64](x.AsType(dtype.Float64))
		return xs, x.Shape(), err
	}
	return nil, nil, fmt.Errorf("%s must be []float64, [][]float64 or *array.Array, not %T", name, v)
}

// withLast is shape with d appended.
func withLast(shape []int, d int) []int { return append(slices.Clone(shape), d) }

// Dirichlet returns float64 Dirichlet variates of parameters alpha (a
// []float64 or a 1-d array of k non-negative numbers), of shape size +
// (k,): each row sums to 1. The rows are normalised gamma variates, taken
// through their logarithms so that tiny alphas underflow to nothing (a
// gamma of shape a < 1 is one of shape a+1 times U^(1/a)); alphas that
// are all 0 give rows of zeros, as NumPy's.
func (g *Generator) Dirichlet(alpha any, size ...int) *array.Array {
	fail := func(err error) *array.Array { return array.Failed(fmt.Errorf("random.Dirichlet: %w", err)) }
	if g == nil {
		return fail(errNilGenerator)
	}
	as, shape, err := hostFloats("alpha", alpha)
	switch {
	case err != nil:
		return fail(err)
	case len(shape) != 1:
		return fail(fmt.Errorf("alpha must be 1-dimensional, not %d-dimensional", len(shape)))
	case slices.ContainsFunc(as, math.IsNaN):
		return fail(fmt.Errorf("alpha contains NaNs"))
	case slices.ContainsFunc(as, func(a float64) bool { return a < 0 }):
		return fail(fmt.Errorf("alpha < 0"))
	}
	out := withLast(size, len(as))
	if !slices.ContainsFunc(as, func(a float64) bool { return a > 0 }) {
		return g.dev.Zeros(f64, out...)
	}
	a := array.FromSliceOn(g.dev, as, len(as))
	defer a.Free()
	logs := g.drawParsed("Dirichlet", f64, out, []rule{aNonNeg}, []param{{arr: a}}, func(k *kernel, p []*ir.Node) *ir.Node {
		a := p[0]
		big := op1(ir.Log, k.gamma(a, 0, 2))
		small := op2(ir.Add, op1(ir.Log, k.gamma(op2(ir.Add, a, k.c(1)), 0, 2)), op2(ir.Div, op1(ir.Log1p, op1(ir.Neg, k.slotUniform(1, 2))), a))
		x := where(less(a, k.c(1)), small, big)
		return where(ir.Apply(ir.Equal, dtype.Bool, a, k.c(0)), k.c(math.Inf(-1)), x)
	})
	if err := logs.Err(); err != nil {
		return logs
	}
	defer logs.Free()
	e := array.Exp(logs.Sub(logs.Max(array.Axis(-1), array.KeepDims())))
	defer e.Free()
	return e.Div(e.Sum(array.Axis(-1), array.KeepDims()))
}

// Multinomial returns int64 multinomial variates: the counts of n trials
// over the categories of pvals (a []float64 or an array whose last axis
// holds the k probabilities; the last category takes what the others
// leave, as NumPy's). n is a Go integer or an integer array that
// broadcasts against pvals' other axes; the result has shape size + (k,),
// size defaulting to that broadcast shape. The counts are drawn on the
// device by halving the categories: each of ceil(log2 k) rounds splits
// the count of every group between its halves with one binomial draw.
func (g *Generator) Multinomial(n, pvals any, size ...int) *array.Array {
	fail := func(err error) *array.Array { return array.Failed(fmt.Errorf("random.Multinomial: %w", err)) }
	if g == nil {
		return fail(errNilGenerator)
	}
	ps, pshape, err := hostFloats("pvals", pvals)
	if err != nil {
		return fail(err)
	}
	if len(pshape) == 0 || pshape[len(pshape)-1] == 0 {
		return fail(fmt.Errorf("pvals must have at least 1 dimension and the last dimension of pvals must be greater than 0"))
	}
	if slices.ContainsFunc(ps, func(p float64) bool { return !(p >= 0 && p <= 1) }) {
		return fail(fmt.Errorf("pvals < 0, pvals > 1 or pvals contains NaNs"))
	}
	d := pshape[len(pshape)-1]
	rows := pshape[:len(pshape)-1]
	for r := 0; r < len(ps); r += d {
		if kahanSum(ps[r:r+d-1]) > 1+1e-12 {
			if len(rows) > 0 {
				return fail(fmt.Errorf("sum(pvals[...,:-1]) > 1.0"))
			}
			return fail(fmt.Errorf("sum(pvals[:-1]) > 1.0"))
		}
	}
	trials, err := trialsRule.parse(n)
	if err != nil {
		return fail(err)
	}
	var nshape []int
	if trials.arr != nil {
		nshape = trials.arr.Shape()
	}
	batch, err := array.Broadcast(nshape, rows)
	if err != nil {
		return fail(err)
	}
	if len(size) > 0 {
		if all, err := array.Broadcast(batch, size); err != nil || !slices.Equal(all, size) {
			return fail(fmt.Errorf("output size %v is not compatible with broadcast dimensions of inputs %v", size, batch))
		}
		batch = size
	}
	var counts *array.Array // the count of each group, one group to start
	if trials.arr != nil {
		counts = trials.arr.Reshape(withLast(nshape, 1)...).BroadcastTo(withLast(batch, 1)...)
	} else {
		counts = g.dev.Full(dtype.Int64, int64(trials.x), withLast(batch, 1)...)
	}
	for level, ratios := range splitRatios(ps, d) {
		r := array.FromSliceOn(g.dev, ratios, withLast(rows, 1<<level)...)
		left := g.drawParsed("Multinomial", dtype.Int64, withLast(batch, 1<<level), []rule{trialsRule, pRule},
			[]param{{arr: counts}, {arr: r}}, binomialOf)
		r.Free()
		if err := left.Err(); err != nil {
			return left
		}
		counts = array.Stack([]*array.Array{left, counts.Sub(left)}, -1).Reshape(withLast(batch, 2<<level)...)
		left.Free()
	}
	return counts.Index(append(slices.Repeat([]array.Index{array.All}, len(batch)), array.S(0, d))...).Copy()
}

// splitRatios returns, for each halving round of Multinomial, the chance
// that a trial of each group falls in its lower half: the categories,
// padded with empty ones to a power of two, are in groups of 2^(L-level)
// for round level of L. Each row of d probabilities gives its own ratios,
// its last category taking 1 less the sum of the others.
func splitRatios(ps []float64, d int) [][]float64 {
	width := 1
	if d > 1 {
		width = 1 << bits.Len(uint(d-1))
	}
	rows := len(ps) / d
	mass := make([]float64, rows*width) // each row's probabilities, padded
	for r := range rows {
		row := ps[r*d : (r+1)*d]
		copy(mass[r*width:], row[:d-1])
		mass[r*width+d-1] = max(0, 1-kahanSum(row[:d-1]))
	}
	var out [][]float64
	for groups := 1; groups < width; groups *= 2 {
		span := width / groups
		ratios := make([]float64, 0, rows*groups)
		for r := range rows {
			for j := range groups {
				lo := kahanSum(mass[r*width+j*span : r*width+j*span+span/2])
				total := lo + kahanSum(mass[r*width+j*span+span/2:r*width+(j+1)*span])
				ratios = append(ratios, 0)
				if total > 0 {
					ratios[len(ratios)-1] = lo / total
				}
			}
		}
		out = append(out, ratios)
	}
	return out
}

// kahanSum is the compensated sum of xs, as NumPy sums pvals.
func kahanSum(xs []float64) float64 {
	sum, c := 0.0, 0.0
	for _, x := range xs {
		y := x - c
		t := sum + y
		c = (t - sum) - y
		sum = t
	}
	return sum
}

// MultivariateNormalOptions are the keyword arguments of numpy's
// Generator.multivariate_normal. The zero value, or nil, is NumPy's
// defaults, but for CheckValid: a Go library has no warnings, so "warn"
// (NumPy's default) and "raise" both make a covariance that fails the
// check an error; "ignore" draws with it regardless.
type MultivariateNormalOptions struct {
	Method     string  // "svd" (the default), "eigh" or "cholesky"
	CheckValid string  // "raise" (the default), "warn" (the same) or "ignore"
	Tol        float64 // tolerance of the check; 0 means 1e-8
}

// MultivariateNormal returns float64 multivariate normal variates of mean
// mean (a []float64 or a 1-d array of length d) and covariance cov (a
// [][]float64 or a (d, d) array), of shape size + (d,): mean + z·Aᵀ for
// standard normals z and A·Aᵀ = cov, A factored once on the device by
// opts.Method. With "svd" and "eigh" the covariance is first checked to
// be symmetric positive-semidefinite (NumPy's check_valid and tol);
// "cholesky" fails on one that is not positive-definite.
func (g *Generator) MultivariateNormal(mean, cov any, opts *MultivariateNormalOptions, size ...int) *array.Array {
	fail := func(err error) *array.Array { return array.Failed(fmt.Errorf("random.MultivariateNormal: %w", err)) }
	if g == nil {
		return fail(errNilGenerator)
	}
	var o MultivariateNormalOptions
	if opts != nil {
		o = *opts
	}
	if o.Method == "" {
		o.Method = "svd"
	}
	if o.Tol == 0 {
		o.Tol = 1e-8
	}
	switch {
	case o.Method != "svd" && o.Method != "eigh" && o.Method != "cholesky":
		return fail(fmt.Errorf("method must be one of {'eigh', 'svd', 'cholesky'}, not %q", o.Method))
	case o.CheckValid != "" && o.CheckValid != "warn" && o.CheckValid != "raise" && o.CheckValid != "ignore":
		return fail(fmt.Errorf("check_valid must equal 'warn', 'raise', or 'ignore', not %q", o.CheckValid))
	}
	ms, mshape, err := hostFloats("mean", mean)
	if err != nil {
		return fail(err)
	}
	cs, cshape, err := hostFloats("cov", cov)
	switch {
	case err != nil:
		return fail(err)
	case len(mshape) != 1:
		return fail(fmt.Errorf("mean must be 1 dimensional"))
	case len(cshape) != 2 || cshape[0] != cshape[1]:
		return fail(fmt.Errorf("cov must be 2 dimensional and square"))
	case mshape[0] != cshape[0]:
		return fail(fmt.Errorf("mean and cov must have same length"))
	}
	d := len(ms)
	out := withLast(size, d)
	if d == 0 {
		return g.dev.Zeros(f64, out...)
	}
	// The factor is found on the CPU, as NumPy finds it on the host: the
	// singular (or eigen) vectors' signs are each solver's choice, and one
	// solver for every backend gives every backend the same numbers.
	c := array.FromSliceOn(array.On(cpu.Shared()), cs, d, d)
	defer c.Free()
	hostFactor, err := covarianceFactor(c, cs, o)
	if err != nil {
		return fail(err)
	}
	defer hostFactor.Free()
	factor := hostFactor.To(g.dev.Backend())
	defer factor.Free()
	z := g.drawParsed("MultivariateNormal", f64, out, nil, nil, func(k *kernel, _ []*ir.Node) *ir.Node { return k.normal(f64) })
	if err := z.Err(); err != nil {
		return z
	}
	defer z.Free()
	m := array.FromSliceOn(g.dev, ms, d)
	defer m.Free()
	return array.Matmul(z, factor.T()).Add(m)
}

// covarianceFactor returns A with A·Aᵀ = cov (of host values cs), by
// o.Method, after o's check of cov.
func covarianceFactor(cov *array.Array, cs []float64, o MultivariateNormalOptions) (*array.Array, error) {
	check := o.CheckValid != "ignore"
	invalid := fmt.Errorf("covariance is not symmetric positive-semidefinite (CheckValid \"ignore\" draws regardless)")
	switch o.Method {
	case "cholesky":
		l := linalg.Cholesky(cov, false)
		return l, l.Err()
	case "eigh":
		s, u := linalg.Eigh(cov, "L")
		defer s.Free()
		if check {
			ws, err := array.ToSlice[float64](s)
			if err != nil {
				return nil, err
			}
			if slices.ContainsFunc(ws, func(w float64) bool { return w < -o.Tol }) {
				return nil, invalid
			}
		}
		defer u.Free()
		f := u.Mul(array.Sqrt(array.Abs(s)))
		return f, f.Err()
	}
	u, s, vh := linalg.SVD(cov, true, true)
	defer u.Free()
	defer s.Free()
	defer vh.Free()
	if check {
		// NumPy's test: vhᵀ·diag(s)·vh close to cov, to tol absolute and relative.
		back, err := array.ToSlice[float64](array.Matmul(vh.T().Mul(s), vh))
		if err != nil {
			return nil, err
		}
		for i, b := range back {
			if !(math.Abs(b-cs[i]) <= o.Tol+o.Tol*math.Abs(cs[i])) {
				return nil, invalid
			}
		}
	}
	f := u.Mul(array.Sqrt(s))
	return f, f.Err()
}

// Bytes returns length random bytes (numpy's Generator.bytes).
func (g *Generator) Bytes(length int) ([]byte, error) {
	b, err := array.ToSlice[uint8](g.Integers(0, 255, true, dtype.Uint8, length))
	if err != nil {
		return nil, fmt.Errorf("random.Bytes: %w", err)
	}
	return b, nil
}
