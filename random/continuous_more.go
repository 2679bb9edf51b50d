package random

import (
	"fmt"
	"math"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

var (
	dfnumRule  = rule{name: "dfnum", dt: f64, valid: positive, msg: "dfnum <= 0"}
	dfdenRule  = rule{name: "dfden", dt: f64, valid: positive, msg: "dfden <= 0"}
	noncRule   = rule{name: "nonc", dt: f64, valid: nonNegative, msg: "nonc < 0"}
	aPositive  = rule{name: "a", dt: f64, valid: positive, msg: "a <= 0"}
	aNonNeg    = rule{name: "a", dt: f64, valid: nonNegative, msg: "a < 0"}
	muRule     = rule{name: "mu", dt: f64, valid: anyFloat}
	kappaRule  = rule{name: "kappa", dt: f64, valid: nonNegative, msg: "kappa < 0"}
	waldMean   = rule{name: "mean", dt: f64, valid: positive, msg: "mean <= 0"}
	waldScale  = rule{name: "scale", dt: f64, valid: positive, msg: "scale <= 0"}
	leftRule   = notNaN("left")
	modeRule   = notNaN("mode")
	rightRule  = notNaN("right")
	maxPoisson = math.MaxInt64 - math.Sqrt(math.MaxInt64)*10 // NumPy's POISSON_LAM_MAX
)

// notNaN is the rule of a parameter that may be any number but NaN.
func notNaN(name string) rule {
	return rule{name: name, dt: f64, valid: func(x float64) bool { return !math.IsNaN(x) }, msg: name + " is NaN"}
}

// StandardCauchy returns float64 standard Cauchy variates (numpy's
// Generator.standard_cauchy), by inversion: tan(π(u - 1/2)).
func (g *Generator) StandardCauchy(size ...int) *array.Array {
	return g.draw("StandardCauchy", f64, shapeOf(size), nil, nil, func(k *kernel, _ []*ir.Node) *ir.Node {
		return op1(ir.Tan, op2(ir.Mul, k.c(math.Pi), op2(ir.Sub, k.uniform(f64, 0, 1), k.c(0.5))))
	})
}

// StandardT returns float64 Student's t variates with df degrees of
// freedom: a normal over the square root of a chi-square over df (a
// standard normal for an infinite df).
func (g *Generator) StandardT(df any, size ...int) *array.Array {
	return g.draw("StandardT", f64, shapeOf(size), []rule{dfRule}, []any{df}, func(k *kernel, p []*ir.Node) *ir.Node {
		return op2(ir.Div, k.slotNormal(1, 2), op1(ir.Sqrt, k.chisquareMean1(p[0], 0, 2)))
	})
}

// F returns float64 F variates (numpy's Generator.f): the ratio of
// chi-squares over their degrees of freedom dfnum and dfden.
func (g *Generator) F(dfnum, dfden any, size ...int) *array.Array {
	return g.draw("F", f64, shapeOf(size), []rule{dfnumRule, dfdenRule}, []any{dfnum, dfden}, func(k *kernel, p []*ir.Node) *ir.Node {
		return op2(ir.Div, k.chisquareMean1(p[0], 0, 2), k.chisquareMean1(p[1], 1, 2))
	})
}

// NoncentralChisquare returns float64 noncentral chi-square variates with
// df degrees of freedom and noncentrality nonc.
func (g *Generator) NoncentralChisquare(df, nonc any, size ...int) *array.Array {
	return g.drawJoint("NoncentralChisquare", f64, shapeOf(size), []rule{dfRule, noncRule}, []any{df, nonc}, checkNonc,
		func(k *kernel, p []*ir.Node) *ir.Node { return k.noncentralChisquare(p[0], p[1], 0, 4) })
}

// checkNonc refuses a noncentrality whose Poisson mixture (taken for
// df <= 1) would pass the largest Poisson mean.
func checkNonc(xs []float64) error {
	if xs[0] <= 1 && xs[1]/2 > maxPoisson {
		return fmt.Errorf("nonc too large for df <= 1 (nonc/2 must not pass %g)", maxPoisson)
	}
	return nil
}

// NoncentralF returns float64 noncentral F variates: a noncentral
// chi-square of dfnum degrees of freedom and noncentrality nonc over
// dfnum, divided by a chi-square of dfden over dfden.
func (g *Generator) NoncentralF(dfnum, dfden, nonc any, size ...int) *array.Array {
	return g.drawJoint("NoncentralF", f64, shapeOf(size), []rule{dfnumRule, dfdenRule, noncRule}, []any{dfnum, dfden, nonc},
		func(xs []float64) error { return checkNonc([]float64{xs[0], xs[2]}) },
		func(k *kernel, p []*ir.Node) *ir.Node {
			num := op2(ir.Div, k.noncentralChisquare(p[0], p[2], 0, 5), p[0])
			return op2(ir.Div, num, k.chisquareMean1(p[1], 4, 5))
		})
}

// Laplace returns float64 Laplace (double exponential) variates of
// location loc and scale scale, by inversion.
func (g *Generator) Laplace(loc, scale any, size ...int) *array.Array {
	return g.draw("Laplace", f64, shapeOf(size), []rule{locRule, scaleRule}, []any{loc, scale}, func(k *kernel, p []*ir.Node) *ir.Node {
		u := k.openUniform(0, 1)
		low := op1(ir.Log, op2(ir.Mul, k.c(2), u))                                    // u < 1/2
		high := op1(ir.Neg, op1(ir.Log, op2(ir.Mul, k.c(2), op2(ir.Sub, k.c(1), u)))) // u >= 1/2
		return op2(ir.Add, p[0], op2(ir.Mul, p[1], where(less(u, k.c(0.5)), low, high)))
	})
}

// Logistic returns float64 logistic variates of location loc and scale
// scale: loc + scale·log(u/(1-u)).
func (g *Generator) Logistic(loc, scale any, size ...int) *array.Array {
	return g.draw("Logistic", f64, shapeOf(size), []rule{locRule, scaleRule}, []any{loc, scale}, func(k *kernel, p []*ir.Node) *ir.Node {
		u := k.openUniform(0, 1)
		return op2(ir.Add, p[0], op2(ir.Mul, p[1], op1(ir.Log, op2(ir.Div, u, op2(ir.Sub, k.c(1), u)))))
	})
}

// Gumbel returns float64 Gumbel variates of location loc and scale
// scale: loc - scale·log(-log(u)).
func (g *Generator) Gumbel(loc, scale any, size ...int) *array.Array {
	return g.draw("Gumbel", f64, shapeOf(size), []rule{locRule, scaleRule}, []any{loc, scale}, func(k *kernel, p []*ir.Node) *ir.Node {
		return op2(ir.Sub, p[0], op2(ir.Mul, p[1], op1(ir.Log, op1(ir.Neg, op1(ir.Log, k.openUniform(0, 1))))))
	})
}

// Pareto returns float64 Pareto II (Lomax) variates of shape a, as
// numpy's Generator.pareto: exp(E/a) - 1 for E standard exponential.
func (g *Generator) Pareto(a any, size ...int) *array.Array {
	return g.draw("Pareto", f64, shapeOf(size), []rule{aPositive}, []any{a}, func(k *kernel, p []*ir.Node) *ir.Node {
		return op1(ir.Expm1, op2(ir.Div, k.exponential(f64, 0, 1), p[0]))
	})
}

// Power returns float64 variates in [0, 1] of the power distribution of
// exponent a - 1 (CDF x^a): u^(1/a).
func (g *Generator) Power(a any, size ...int) *array.Array {
	return g.draw("Power", f64, shapeOf(size), []rule{aPositive}, []any{a}, func(k *kernel, p []*ir.Node) *ir.Node {
		return op2(ir.Pow, k.uniform(f64, 0, 1), op2(ir.Div, k.c(1), p[0]))
	})
}

// Rayleigh returns float64 Rayleigh variates of the given scale:
// scale·sqrt(2E) for E standard exponential.
func (g *Generator) Rayleigh(scale any, size ...int) *array.Array {
	return g.draw("Rayleigh", f64, shapeOf(size), []rule{scaleRule}, []any{scale}, func(k *kernel, p []*ir.Node) *ir.Node {
		return op2(ir.Mul, p[0], op1(ir.Sqrt, op2(ir.Mul, k.c(2), k.exponential(f64, 0, 1))))
	})
}

// Weibull returns float64 Weibull variates of shape a and scale 1:
// E^(1/a) for E standard exponential, and 0 for a = 0.
func (g *Generator) Weibull(a any, size ...int) *array.Array {
	return g.draw("Weibull", f64, shapeOf(size), []rule{aNonNeg}, []any{a}, func(k *kernel, p []*ir.Node) *ir.Node {
		x := op2(ir.Pow, k.exponential(f64, 0, 1), op2(ir.Div, k.c(1), p[0]))
		return where(ir.Apply(ir.Equal, dtype.Bool, p[0], k.c(0)), k.c(0), x)
	})
}

// Triangular returns float64 variates of the triangular distribution on
// [left, right] with its peak at mode, by inversion. left <= mode <=
// right and left < right, as NumPy requires.
func (g *Generator) Triangular(left, mode, right any, size ...int) *array.Array {
	return g.drawJoint("Triangular", f64, shapeOf(size), []rule{leftRule, modeRule, rightRule}, []any{left, mode, right},
		func(xs []float64) error {
			switch {
			case xs[0] > xs[1]:
				return fmt.Errorf("left > mode")
			case xs[1] > xs[2]:
				return fmt.Errorf("mode > right")
			case xs[0] == xs[2]:
				return fmt.Errorf("left == right")
			}
			return nil
		},
		func(k *kernel, p []*ir.Node) *ir.Node {
			l, m, r := p[0], p[1], p[2]
			base, leftBase := op2(ir.Sub, r, l), op2(ir.Sub, m, l)
			u := k.uniform(f64, 0, 1)
			rising := op2(ir.Add, l, op1(ir.Sqrt, op2(ir.Mul, u, op2(ir.Mul, leftBase, base))))
			falling := op2(ir.Sub, r, op1(ir.Sqrt, op2(ir.Mul, op2(ir.Sub, k.c(1), u), op2(ir.Mul, op2(ir.Sub, r, m), base))))
			return where(ir.Apply(ir.LessEqual, dtype.Bool, u, op2(ir.Div, leftBase, base)), rising, falling)
		})
}

// Wald returns float64 Wald (inverse Gaussian) variates of the given mean
// and scale, by Michael, Schucany and Haas's transformation of a
// chi-square of one degree of freedom, computed without cancellation.
func (g *Generator) Wald(mean, scale any, size ...int) *array.Array {
	return g.draw("Wald", f64, shapeOf(size), []rule{waldMean, waldScale}, []any{mean, scale}, func(k *kernel, p []*ir.Node) *ir.Node {
		mu := p[0]
		z := k.boxMuller(f64, k.uniform(f64, 0, 3), k.uniform(f64, 1, 3)) // word 2 picks the root
		y := op2(ir.Mul, mu, op2(ir.Mul, z, z))
		x := op2(ir.Div, op2(ir.Mul, k.c(4), p[1]), y)
		// The smaller root mu·(1 - 2/(1+sqrt(1+x))) = mu/(1 + 2/t), t = sqrt(1+x) - 1.
		t := op1(ir.Expm1, op2(ir.Mul, k.c(0.5), op1(ir.Log1p, x)))
		small := op2(ir.Div, mu, op2(ir.Add, k.c(1), op2(ir.Div, k.c(2), t)))
		keep := ir.Apply(ir.LessEqual, dtype.Bool, k.uniform(f64, 2, 3), op2(ir.Div, mu, op2(ir.Add, mu, small)))
		return where(keep, small, op2(ir.Mul, mu, op2(ir.Div, mu, small)))
	})
}

// VonMises returns float64 von Mises variates on [-π, π] of mode mu and
// concentration kappa (uniform for kappa = 0).
func (g *Generator) VonMises(mu, kappa any, size ...int) *array.Array {
	return g.draw("VonMises", f64, shapeOf(size), []rule{muRule, kappaRule}, []any{mu, kappa}, func(k *kernel, p []*ir.Node) *ir.Node {
		return k.wrapAngle(op2(ir.Add, p[0], k.sampler(ir.RandomVonMises, f64, 0, 1, p[1])))
	})
}
