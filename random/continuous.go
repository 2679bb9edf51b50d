package random

import (
	"fmt"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// The dtypes of the draws that take one (NumPy's float32 and float64;
// Random also makes float16).
var (
	randomDTypes = []dtype.DType{dtype.Float16, dtype.Float32, dtype.Float64}
	floatDTypes  = []dtype.DType{dtype.Float32, dtype.Float64}
)

// checkDType returns an array carrying an error if dt is not one of ok.
func checkDType(op string, dt dtype.DType, ok []dtype.DType) *array.Array {
	if containsDType(ok, dt) {
		return nil
	}
	return array.Failed(fmt.Errorf("random.%s: unsupported dtype %v (want one of %v)", op, dt, ok))
}

// Random returns floats uniform in [0, 1) of dtype dt (float16, float32
// or float64) and shape size (numpy's Generator.random).
func (g *Generator) Random(dt dtype.DType, size ...int) *array.Array {
	if bad := checkDType("Random", dt, randomDTypes); bad != nil {
		return bad
	}
	return g.draw("Random", dt, shapeOf(size), nil, nil, func(k *kernel, _ []*ir.Node) *ir.Node { return k.uniform(dt, 0, 1) })
}

// RandomInto fills out (float16, float32 or float64) with floats uniform in [0, 1).
func (g *Generator) RandomInto(out *array.Array) error {
	return g.into("Random", out, randomDTypes, nil, nil, func(k *kernel, _ []*ir.Node) *ir.Node {
		return k.uniform(out.DType(), 0, 1)
	})
}

// shapeOf is size as a draw's shape: nil (the parameters' broadcast
// shape) when no size is given.
func shapeOf(size []int) []int {
	if len(size) == 0 {
		return nil
	}
	return size
}

var (
	lowRule   = rule{name: "low", dt: dtype.Float64, valid: anyFloat}
	highRule  = rule{name: "high", dt: dtype.Float64, valid: anyFloat}
	locRule   = rule{name: "loc", dt: dtype.Float64, valid: anyFloat}
	meanRule  = rule{name: "mean", dt: dtype.Float64, valid: anyFloat}
	scaleRule = rule{name: "scale", dt: dtype.Float64, valid: nonNegative, msg: "scale < 0"}
	sigmaRule = rule{name: "sigma", dt: dtype.Float64, valid: nonNegative, msg: "sigma < 0"}
	shapeRule = rule{name: "shape", dt: dtype.Float64, valid: nonNegative, msg: "shape < 0"}
	aRule     = rule{name: "a", dt: dtype.Float64, valid: positive, msg: "a <= 0"}
	bRule     = rule{name: "b", dt: dtype.Float64, valid: positive, msg: "b <= 0"}
	dfRule    = rule{name: "df", dt: dtype.Float64, valid: positive, msg: "df <= 0"}
)

// Uniform returns float64 values uniform in [low, high): low + (high-low)·u.
// low and high are Go numbers or arrays that broadcast against size (or
// give the shape when size is empty).
func (g *Generator) Uniform(low, high any, size ...int) *array.Array {
	return g.draw("Uniform", dtype.Float64, shapeOf(size), []rule{lowRule, highRule}, []any{low, high},
		func(k *kernel, p []*ir.Node) *ir.Node {
			f := dtype.Float64
			return ir.Apply(ir.Add, f, p[0], ir.Apply(ir.Mul, f, ir.Apply(ir.Sub, f, p[1], p[0]), k.uniform(f, 0, 1)))
		})
}

// StandardNormal returns normals of mean 0 and variance 1, of dtype dt
// (float32 or float64).
func (g *Generator) StandardNormal(dt dtype.DType, size ...int) *array.Array {
	if bad := checkDType("StandardNormal", dt, floatDTypes); bad != nil {
		return bad
	}
	return g.draw("StandardNormal", dt, shapeOf(size), nil, nil, func(k *kernel, _ []*ir.Node) *ir.Node { return k.normal(dt) })
}

// StandardNormalInto fills out (float32 or float64) with standard normals.
func (g *Generator) StandardNormalInto(out *array.Array) error {
	return g.into("StandardNormal", out, floatDTypes, nil, nil, func(k *kernel, _ []*ir.Node) *ir.Node {
		return k.normal(out.DType())
	})
}

// Normal returns float64 normals of mean loc and standard deviation scale.
func (g *Generator) Normal(loc, scale any, size ...int) *array.Array {
	return g.draw("Normal", dtype.Float64, shapeOf(size), []rule{locRule, scaleRule}, []any{loc, scale},
		func(k *kernel, p []*ir.Node) *ir.Node {
			f := dtype.Float64
			return ir.Apply(ir.Add, f, p[0], ir.Apply(ir.Mul, f, p[1], k.normal(f)))
		})
}

// LogNormal returns float64 values whose logarithm is normal with the given
// mean and sigma.
func (g *Generator) LogNormal(mean, sigma any, size ...int) *array.Array {
	return g.draw("LogNormal", dtype.Float64, shapeOf(size), []rule{meanRule, sigmaRule}, []any{mean, sigma},
		func(k *kernel, p []*ir.Node) *ir.Node {
			f := dtype.Float64
			return ir.Apply(ir.Exp, f, ir.Apply(ir.Add, f, p[0], ir.Apply(ir.Mul, f, p[1], k.normal(f))))
		})
}

// StandardExponential returns exponentials of mean 1 of dtype dt (float32
// or float64), by inversion: -log(1-u).
func (g *Generator) StandardExponential(dt dtype.DType, size ...int) *array.Array {
	if bad := checkDType("StandardExponential", dt, floatDTypes); bad != nil {
		return bad
	}
	return g.draw("StandardExponential", dt, shapeOf(size), nil, nil, func(k *kernel, _ []*ir.Node) *ir.Node { return k.exponential(dt, 0, 1) })
}

// StandardExponentialInto fills out (float32 or float64) with exponentials of mean 1.
func (g *Generator) StandardExponentialInto(out *array.Array) error {
	return g.into("StandardExponential", out, floatDTypes, nil, nil, func(k *kernel, _ []*ir.Node) *ir.Node {
		return k.exponential(out.DType(), 0, 1)
	})
}

// Exponential returns float64 exponentials of mean scale.
func (g *Generator) Exponential(scale any, size ...int) *array.Array {
	return g.draw("Exponential", dtype.Float64, shapeOf(size), []rule{scaleRule}, []any{scale},
		func(k *kernel, p []*ir.Node) *ir.Node {
			return ir.Apply(ir.Mul, dtype.Float64, p[0], k.exponential(dtype.Float64, 0, 1))
		})
}

// StandardGamma returns gamma variates of the given shape and scale 1, of
// dtype dt (float32 or float64).
func (g *Generator) StandardGamma(shape any, dt dtype.DType, size ...int) *array.Array {
	if bad := checkDType("StandardGamma", dt, floatDTypes); bad != nil {
		return bad
	}
	return g.draw("StandardGamma", dt, shapeOf(size), []rule{shapeRule}, []any{shape},
		func(k *kernel, p []*ir.Node) *ir.Node { return k.gamma(p[0], 0, 1) })
}

// StandardGammaInto fills out (float32 or float64) with gamma variates of the given shape.
func (g *Generator) StandardGammaInto(out *array.Array, shape any) error {
	return g.into("StandardGamma", out, floatDTypes, []rule{shapeRule}, []any{shape},
		func(k *kernel, p []*ir.Node) *ir.Node { return k.gamma(p[0], 0, 1) })
}

// Gamma returns float64 gamma variates of the given shape and scale.
func (g *Generator) Gamma(shape, scale any, size ...int) *array.Array {
	return g.draw("Gamma", dtype.Float64, shapeOf(size), []rule{shapeRule, scaleRule}, []any{shape, scale},
		func(k *kernel, p []*ir.Node) *ir.Node {
			return ir.Apply(ir.Mul, dtype.Float64, p[1], k.gamma(p[0], 0, 1))
		})
}

// Beta returns float64 beta variates: X/(X+Y) of gammas X of shape a and
// Y of shape b.
func (g *Generator) Beta(a, b any, size ...int) *array.Array {
	return g.draw("Beta", dtype.Float64, shapeOf(size), []rule{aRule, bRule}, []any{a, b},
		func(k *kernel, p []*ir.Node) *ir.Node {
			f := dtype.Float64
			x, y := k.gamma(p[0], 0, 2), k.gamma(p[1], 1, 2)
			return ir.Apply(ir.Div, f, x, ir.Apply(ir.Add, f, x, y))
		})
}

// ChiSquare returns float64 chi-square variates with df degrees of
// freedom: twice a gamma of shape df/2 (+Inf for an infinite df).
func (g *Generator) ChiSquare(df any, size ...int) *array.Array {
	return g.draw("ChiSquare", dtype.Float64, shapeOf(size), []rule{dfRule}, []any{df},
		func(k *kernel, p []*ir.Node) *ir.Node { return k.chisquare(p[0], 0, 1) })
}
