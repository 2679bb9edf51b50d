package random

import (
	"fmt"
	"math/big"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// param is a distribution parameter: a Go number, or an array whose
// values broadcast against the result.
type param struct {
	x   float64
	arr *array.Array // nil for a number; else of the parameter's dtype
}

// rule is what a parameter must satisfy, with NumPy's message otherwise.
type rule struct {
	name  string
	dt    dtype.DType // Float64, or Int64 for counts
	valid func(x float64) bool
	msg   string
}

var (
	anyFloat    = func(x float64) bool { return true }
	nonNegative = func(x float64) bool { return x >= 0 }
	positive    = func(x float64) bool { return x > 0 }
	probability = func(x float64) bool { return x >= 0 && x <= 1 }
)

// parse reads parameter v by rule r: numbers are checked at once, arrays
// are converted to r.dt and checked on the host.
func (r rule) parse(v any) (param, error) {
	if a, ok := v.(*array.Array); ok {
		if err := a.Err(); err != nil {
			return param{}, err
		}
		if k := a.DType().Kind(); k == dtype.ComplexKind || k == dtype.BoolKind {
			return param{}, fmt.Errorf("%s must be a real number, not %v", r.name, a.DType())
		}
		if r.dt == dtype.Int64 && a.DType().Kind() == dtype.FloatKind {
			return param{}, fmt.Errorf("%s must be an integer, not %v", r.name, a.DType())
		}
		c := a.AsType(r.dt)
		if err := r.checkArray(c); err != nil {
			return param{}, err
		}
		return param{arr: c}, nil
	}
	x, isInt, err := number(v)
	if err != nil {
		return param{}, fmt.Errorf("%s: %w", r.name, err)
	}
	if r.dt == dtype.Int64 && !isInt {
		return param{}, fmt.Errorf("%s must be an integer, not %v", r.name, v)
	}
	if r.dt == dtype.Int64 && x >= 1<<63 {
		return param{}, fmt.Errorf("%s = %v does not fit int64", r.name, v)
	}
	if !r.valid(x) {
		return param{}, fmt.Errorf("%s", r.msg)
	}
	return param{x: x}, nil
}

func (r rule) checkArray(a *array.Array) error {
	var xs []float64
	if r.dt == dtype.Int64 {
		is, err := array.ToSlice[int64](a)
		if err != nil {
			return err
		}
		for _, i := range is {
			xs = append(xs, float64(i))
		}
	} else {
		var err error
		if xs, err = array.ToSlice[float64](a); err != nil {
			return err
		}
	}
	for _, x := range xs {
		if !r.valid(x) {
			return fmt.Errorf("%s", r.msg)
		}
	}
	return nil
}

// number converts a Go number to float64, saying whether it is of an
// integer type.
func number(v any) (float64, bool, error) {
	if i, ok := integer(v); ok {
		f, _ := new(big.Float).SetInt(i).Float64()
		return f, true, nil
	}
	switch x := v.(type) {
	case float32:
		return float64(x), false, nil
	case float64:
		return x, false, nil
	}
	return 0, false, fmt.Errorf("unsupported parameter of type %T (want a Go number or *array.Array)", v)
}

// integer returns v exactly if it is a Go integer.
func integer(v any) (*big.Int, bool) {
	switch x := v.(type) {
	case int:
		return big.NewInt(int64(x)), true
	case int8:
		return big.NewInt(int64(x)), true
	case int16:
		return big.NewInt(int64(x)), true
	case int32:
		return big.NewInt(int64(x)), true
	case int64:
		return big.NewInt(x), true
	case uint:
		return new(big.Int).SetUint64(uint64(x)), true
	case uint8:
		return big.NewInt(int64(x)), true
	case uint16:
		return big.NewInt(int64(x)), true
	case uint32:
		return big.NewInt(int64(x)), true
	case uint64:
		return new(big.Int).SetUint64(x), true
	}
	return nil, false
}

// draw makes a result of dtype dt and fills it with fill's expression of
// the parameters (nodes of their rules' dtypes). Its shape is size when
// given, else the broadcast shape of the array parameters (0-d if none).
func (g *Generator) draw(op string, dt dtype.DType, size []int, rules []rule, values []any,
	fill func(k *kernel, ps []*ir.Node) *ir.Node) *array.Array {
	return g.drawJoint(op, dt, size, rules, values, nil, fill)
}

// drawJoint is draw with a check of the parameters together: joint, if
// not nil, gets the values of each combination the broadcast makes.
func (g *Generator) drawJoint(op string, dt dtype.DType, size []int, rules []rule, values []any,
	joint func(xs []float64) error, fill func(k *kernel, ps []*ir.Node) *ir.Node) *array.Array {
	fail := func(err error) *array.Array { return array.Failed(fmt.Errorf("random.%s: %w", op, err)) }
	if g == nil {
		return fail(errNilGenerator)
	}
	ps, err := parseAll(rules, values)
	if err != nil {
		return fail(err)
	}
	if joint != nil {
		if err := checkJoint(ps, joint); err != nil {
			return fail(err)
		}
	}
	return g.drawParsed(op, dt, size, rules, ps, fill)
}

// drawParsed is draw with the parameters already parsed and checked.
func (g *Generator) drawParsed(op string, dt dtype.DType, size []int, rules []rule, ps []param,
	fill func(k *kernel, ps []*ir.Node) *ir.Node) *array.Array {
	fail := func(err error) *array.Array { return array.Failed(fmt.Errorf("random.%s: %w", op, err)) }
	if g == nil {
		return fail(errNilGenerator)
	}
	shape := size
	if shape == nil {
		var shapes [][]int
		for _, p := range ps {
			if p.arr != nil {
				shapes = append(shapes, p.arr.Shape())
			}
		}
		var err error
		if shape, err = array.Broadcast(shapes...); err != nil {
			return fail(err)
		}
	}
	out := g.dev.Empty(dt, shape...)
	if err := out.Err(); err != nil {
		return fail(err)
	}
	if err := g.fill(op, out, rules, ps, fill); err != nil {
		return array.Failed(err)
	}
	return out
}

func parseAll(rules []rule, values []any) ([]param, error) {
	ps := make([]param, len(rules))
	for i, r := range rules {
		var err error
		if ps[i], err = r.parse(values[i]); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// fill evaluates fill's expression into out; its errors name the operation.
func (g *Generator) fill(op string, out *array.Array, rules []rule, ps []param, fill func(k *kernel, ps []*ir.Node) *ir.Node) error {
	if g == nil {
		return fmt.Errorf("random.%s: %w", op, errNilGenerator)
	}
	if err := g.dev.Err(); err != nil {
		return fmt.Errorf("random.%s: %w", op, err)
	}
	k := g.newKernel()
	nodes := make([]*ir.Node, len(ps))
	for i, p := range ps {
		nodes[i] = k.param(p, rules[i].dt)
	}
	return k.run("random."+op, fill(k, nodes), out)
}

// into fills out (one of dtypes) with fill's expression, for the Into forms.
func (g *Generator) into(op string, out *array.Array, dtypes []dtype.DType, rules []rule, values []any,
	fill func(k *kernel, ps []*ir.Node) *ir.Node) error {
	if err := out.Err(); err != nil {
		return fmt.Errorf("random.%s: %w", op, err)
	}
	if !containsDType(dtypes, out.DType()) {
		return fmt.Errorf("random.%s: unsupported dtype %v for out (want one of %v)", op, out.DType(), dtypes)
	}
	ps, err := parseAll(rules, values)
	if err != nil {
		return fmt.Errorf("random.%s: %w", op, err)
	}
	return g.fill(op, out, rules, ps, fill)
}

func containsDType(ds []dtype.DType, d dtype.DType) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

// checkJoint calls joint with the parameters' values at each index of
// their broadcast shape (read on the host), and returns its first error.
func checkJoint(ps []param, joint func(xs []float64) error) error {
	var shapes [][]int
	for _, p := range ps {
		if p.arr != nil {
			shapes = append(shapes, p.arr.Shape())
		}
	}
	shape, err := array.Broadcast(shapes...)
	if err != nil {
		return err
	}
	n := 1
	for _, d := range shape {
		n *= d
	}
	cols := make([][]float64, len(ps))
	for j, p := range ps {
		if p.arr == nil {
			continue
		}
		if cols[j], err = array.ToSlice[float64](p.arr.BroadcastTo(shape...).AsType(dtype.Float64)); err != nil {
			return err
		}
	}
	xs := make([]float64, len(ps))
	for i := range n {
		for j, p := range ps {
			xs[j] = p.x
			if cols[j] != nil {
				xs[j] = cols[j][i]
			}
		}
		if err := joint(xs); err != nil {
			return err
		}
	}
	return nil
}
