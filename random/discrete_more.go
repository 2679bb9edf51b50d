package random

import (
	"fmt"
	"math"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

var (
	negBinNRule = rule{name: "n", dt: f64, valid: positive, msg: "n <= 0 or n is NaN"}
	negBinPRule = rule{name: "p", dt: f64, valid: func(x float64) bool { return x > 0 && x <= 1 },
		msg: "p <= 0, p > 1 or p contains NaNs"}
	logseriesRule = rule{name: "p", dt: f64, valid: func(x float64) bool { return x >= 0 && x < 1 },
		msg: "p < 0, p >= 1 or p is NaN"}
	zipfRule = rule{name: "a", dt: f64, valid: func(x float64) bool { return x > 1 }, msg: "a <= 1 or a is NaN"}
	// The hypergeometric counts are checked together, in NumPy's order.
	ngoodRule   = rule{name: "ngood", dt: dtype.Int64, valid: anyFloat}
	nbadRule    = rule{name: "nbad", dt: dtype.Int64, valid: anyFloat}
	nsampleRule = rule{name: "nsample", dt: dtype.Int64, valid: anyFloat}
)

// hypergeometricMax bounds ngood and nbad, as NumPy's.
const hypergeometricMax = 1e9

// NegativeBinomial returns int64 negative binomial variates: the failures
// before the n-th success of trials of probability p (n may be any
// positive number). As NumPy, it draws a Poisson variate whose mean is a
// gamma variate of shape n and scale (1-p)/p, and refuses n and p whose
// gamma would pass the largest Poisson mean by 10 standard deviations.
func (g *Generator) NegativeBinomial(n, p any, size ...int) *array.Array {
	return g.drawJoint("NegativeBinomial", dtype.Int64, shapeOf(size), []rule{negBinNRule, negBinPRule}, []any{n, p},
		func(xs []float64) error {
			if lam := (1 - xs[1]) / xs[1] * (xs[0] + 10*math.Sqrt(xs[0])); !(lam <= maxPoisson) {
				return fmt.Errorf("n too large or p too small, see Generator.negative_binomial Notes")
			}
			return nil
		},
		func(k *kernel, ps []*ir.Node) *ir.Node {
			odds := op2(ir.Div, op2(ir.Sub, k.c(1), ps[1]), ps[1])
			return k.sampler(ir.RandomPoisson, dtype.Int64, 1, 2, op2(ir.Mul, k.gamma(ps[0], 0, 2), odds))
		})
}

// Hypergeometric returns int64 hypergeometric variates: the good items
// among nsample drawn without replacement from ngood good and nbad bad
// ones. The counts are Go integers or integer arrays; each must be
// non-negative, ngood and nbad below 10^9, and nsample at most ngood+nbad.
func (g *Generator) Hypergeometric(ngood, nbad, nsample any, size ...int) *array.Array {
	return g.drawJoint("Hypergeometric", dtype.Int64, shapeOf(size), []rule{ngoodRule, nbadRule, nsampleRule}, []any{ngood, nbad, nsample},
		func(xs []float64) error {
			good, bad, sample := xs[0], xs[1], xs[2]
			switch {
			case good >= hypergeometricMax || bad >= hypergeometricMax:
				return fmt.Errorf("both ngood and nbad must be less than %d", int64(hypergeometricMax))
			case good+bad < sample:
				return fmt.Errorf("ngood + nbad < nsample")
			case good < 0:
				return fmt.Errorf("ngood < 0")
			case bad < 0:
				return fmt.Errorf("nbad < 0")
			case sample < 0:
				return fmt.Errorf("nsample < 0")
			}
			return nil
		},
		func(k *kernel, ps []*ir.Node) *ir.Node {
			return k.sampler(ir.RandomHypergeometric, dtype.Int64, 0, 1, ps...)
		})
}

// Logseries returns int64 variates of the logarithmic series distribution
// of parameter p in [0, 1), by Kemp's algorithm.
func (g *Generator) Logseries(p any, size ...int) *array.Array {
	return g.draw("Logseries", dtype.Int64, shapeOf(size), []rule{logseriesRule}, []any{p}, func(k *kernel, ps []*ir.Node) *ir.Node {
		return k.sampler(ir.RandomLogseries, dtype.Int64, 0, 1, ps[0])
	})
}

// Zipf returns int64 Zipf variates of exponent a > 1 (P(k) ∝ k^-a), by
// Devroye's rejection, truncated to int64's range as NumPy's.
func (g *Generator) Zipf(a any, size ...int) *array.Array {
	return g.draw("Zipf", dtype.Int64, shapeOf(size), []rule{zipfRule}, []any{a}, func(k *kernel, ps []*ir.Node) *ir.Node {
		return k.sampler(ir.RandomZipf, dtype.Int64, 0, 1, ps[0])
	})
}
