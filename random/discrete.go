package random

import (
	"fmt"
	"math"
	"math/big"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// integerDTypes are the dtypes Integers draws.
var integerDTypes = []dtype.DType{dtype.Bool, dtype.Int8, dtype.Int16, dtype.Int32, dtype.Int64,
	dtype.Uint8, dtype.Uint16, dtype.Uint32, dtype.Uint64}

// Integers returns integers of dtype dt uniform in [low, high), or in
// [low, high] with endpoint (numpy's Generator.integers). low and high
// are Go integers (a uint64 reaches the top of uint64's range) or integer
// arrays that broadcast against size (or give the shape when size is
// empty); every value is equally likely, with no modulo bias, for any
// range up to the full range of int64 and uint64.
func (g *Generator) Integers(low, high any, endpoint bool, dt dtype.DType, size ...int) *array.Array {
	b, shape, err := g.integerBounds(low, high, endpoint, dt, shapeOf(size))
	if err != nil {
		return array.Failed(fmt.Errorf("random.Integers: %w", err))
	}
	return g.draw("Integers", dt, shape, nil, nil, b.draw)
}

// IntegersInto fills out (any integer dtype or bool) as Integers does.
func (g *Generator) IntegersInto(out *array.Array, low, high any, endpoint bool) error {
	if err := out.Err(); err != nil {
		return fmt.Errorf("random.Integers: %w", err)
	}
	b, _, err := g.integerBounds(low, high, endpoint, out.DType(), out.Shape())
	if err != nil {
		return fmt.Errorf("random.Integers: %w", err)
	}
	return g.into("Integers", out, integerDTypes, nil, nil, b.draw)
}

// bounds are Integers' checked bounds: low's two's-complement bits and the
// inclusive span high-low, as numbers, or as int64 or uint64 arrays.
type bounds struct {
	lo, span  uint64
	low, high *array.Array
	endpoint  bool
}

// draw is low + a uniform integer in [0, span], as uint64 bits.
func (b *bounds) draw(k *kernel, _ []*ir.Node) *ir.Node {
	u := dtype.Uint64
	lo, span := k.u64(b.lo), k.u64(b.span)
	if b.low != nil {
		lo = ir.To(k.input(b.low), u)
		span = ir.Apply(ir.Sub, u, ir.To(k.input(b.high), u), lo)
		if !b.endpoint {
			span = ir.Apply(ir.Sub, u, span, k.u64(1))
		}
	}
	x := ir.Apply(ir.RandomBounded, u, k.key, k.stream, k.counter, span)
	return ir.Apply(ir.Add, u, x, lo)
}

// integerBounds checks low and high for dtype dt and returns them as
// bounds, with the result's shape: size if not nil, else the broadcast
// shape of the array bounds. Array bounds are checked element by element
// on the host.
func (g *Generator) integerBounds(low, high any, endpoint bool, dt dtype.DType, size []int) (*bounds, []int, error) {
	la, lowIsArray := low.(*array.Array)
	ha, highIsArray := high.(*array.Array)
	if !lowIsArray && !highIsArray {
		lo, span, err := integerRange(low, high, endpoint, dt)
		return &bounds{lo: lo, span: span}, size, err
	}
	wide := dtype.Int64 // the bounds' dtype in the kernel: uint64 only for uint64 draws
	if dt == dtype.Uint64 {
		wide = dtype.Uint64
	}
	asArray := func(name string, v any) (*array.Array, error) {
		if a, ok := v.(*array.Array); ok {
			if err := a.Err(); err != nil {
				return nil, err
			}
			if k := a.DType().Kind(); k != dtype.IntKind && k != dtype.UintKind && k != dtype.BoolKind {
				return nil, fmt.Errorf("%s must be of an integer dtype, not %v", name, a.DType())
			}
			return a, nil
		}
		i, ok := integer(v)
		if !ok {
			return nil, fmt.Errorf("%s must be a Go integer or an integer array, not %T", name, v)
		}
		if i.Sign() < 0 {
			return g.dev.Full(dtype.Int64, i.Int64()), nil
		}
		return g.dev.Full(dtype.Uint64, i.Uint64()), nil
	}
	var err error
	if la, err = asArray("low", low); err != nil {
		return nil, nil, err
	}
	if ha, err = asArray("high", high); err != nil {
		return nil, nil, err
	}
	shape := size
	if shape == nil {
		if shape, err = array.Broadcast(la.Shape(), ha.Shape()); err != nil {
			return nil, nil, err
		}
	}
	los, err := hostIntegers(la, shape)
	if err != nil {
		return nil, nil, err
	}
	his, err := hostIntegers(ha, shape)
	if err != nil {
		return nil, nil, err
	}
	for i := range los {
		if _, _, err := integerRange(los[i], his[i], endpoint, dt); err != nil {
			return nil, nil, err
		}
	}
	return &bounds{low: la.AsType(wide), high: ha.AsType(wide), endpoint: endpoint}, shape, nil
}

// hostIntegers reads an integer array broadcast to shape as Go integers
// (int64, or uint64 for unsigned dtypes).
func hostIntegers(a *array.Array, shape []int) ([]any, error) {
	b := a.BroadcastTo(shape...)
	var out []any
	if a.DType().Kind() == dtype.UintKind {
		xs, err := array.ToSlice[uint64](b.AsType(dtype.Uint64))
		for _, x := range xs {
			out = append(out, x)
		}
		return out, err
	}
	xs, err := array.ToSlice[int64](b.AsType(dtype.Int64))
	for _, x := range xs {
		out = append(out, x)
	}
	return out, err
}

// integerRange checks the bounds against dt's range and returns low's
// two's-complement bits and the inclusive span high-low.
func integerRange(low, high any, endpoint bool, dt dtype.DType) (lo, span uint64, err error) {
	if !containsDType(integerDTypes, dt) {
		return 0, 0, fmt.Errorf("unsupported dtype %v (want an integer dtype or bool)", dt)
	}
	l, err := bigInt("low", low)
	if err != nil {
		return 0, 0, err
	}
	h, err := bigInt("high", high)
	if err != nil {
		return 0, 0, err
	}
	if !endpoint {
		if l.Cmp(h) >= 0 {
			return 0, 0, fmt.Errorf("low >= high (%v >= %v)", l, h)
		}
		h.Sub(h, big.NewInt(1))
	} else if l.Cmp(h) > 0 {
		return 0, 0, fmt.Errorf("low > high (%v > %v)", l, h)
	}
	minV, maxV := dtypeRange(dt)
	if l.Cmp(minV) < 0 {
		return 0, 0, fmt.Errorf("low %v is out of bounds for %v", l, dt)
	}
	if h.Cmp(maxV) > 0 {
		return 0, 0, fmt.Errorf("high %v is out of bounds for %v", high, dt)
	}
	s := new(big.Int).Sub(h, l)
	mask := new(big.Int).SetUint64(math.MaxUint64)
	return new(big.Int).And(l, mask).Uint64(), s.Uint64(), nil
}

func bigInt(name string, v any) (*big.Int, error) {
	if i, ok := integer(v); ok {
		return i, nil
	}
	return nil, fmt.Errorf("%s must be a Go integer, not %T", name, v)
}

// dtypeRange is the smallest and largest value of an integer dtype (or bool).
func dtypeRange(dt dtype.DType) (*big.Int, *big.Int) {
	bits := uint(8 * dt.Size())
	switch {
	case dt == dtype.Bool:
		return big.NewInt(0), big.NewInt(1)
	case dt.Kind() == dtype.IntKind:
		top := new(big.Int).Lsh(big.NewInt(1), bits-1)
		return new(big.Int).Neg(top), top.Sub(top, big.NewInt(1))
	}
	top := new(big.Int).Lsh(big.NewInt(1), bits)
	return big.NewInt(0), top.Sub(top, big.NewInt(1))
}

var (
	lamRule = rule{name: "lam", dt: dtype.Float64, valid: func(x float64) bool { return x >= 0 && x < 9.2e18 },
		msg: "lam < 0, lam is NaN or lam is too large"}
	trialsRule = rule{name: "n", dt: dtype.Int64, valid: nonNegative, msg: "n < 0"}
	pRule      = rule{name: "p", dt: dtype.Float64, valid: probability, msg: "p < 0, p > 1 or p is NaN"}
	geomRule   = rule{name: "p", dt: dtype.Float64, valid: func(x float64) bool { return x > 0 && x <= 1 },
		msg: "p <= 0, p > 1 or p is NaN"}
)

// Poisson returns int64 Poisson variates of mean lam.
func (g *Generator) Poisson(lam any, size ...int) *array.Array {
	return g.draw("Poisson", dtype.Int64, shapeOf(size), []rule{lamRule}, []any{lam},
		func(k *kernel, p []*ir.Node) *ir.Node {
			return ir.Apply(ir.RandomPoisson, dtype.Int64, k.key, k.stream, k.counter, p[0])
		})
}

// Binomial returns int64 binomial variates: successes in n trials of
// probability p.
func (g *Generator) Binomial(n, p any, size ...int) *array.Array {
	return g.draw("Binomial", dtype.Int64, shapeOf(size), []rule{trialsRule, pRule}, []any{n, p}, binomialOf)
}

// binomialOf is a binomial variate of parameters ps: n (int64) and p.
func binomialOf(k *kernel, ps []*ir.Node) *ir.Node {
	return ir.Apply(ir.RandomBinomial, dtype.Int64, k.key, k.stream, k.counter, ps[0], ps[1])
}

// Geometric returns int64 geometric variates: the number of trials of
// probability p up to and including the first success (at least 1), by
// inversion: ceil(log(1-u) / log1p(-p)).
func (g *Generator) Geometric(p any, size ...int) *array.Array {
	return g.draw("Geometric", dtype.Int64, shapeOf(size), []rule{geomRule}, []any{p},
		func(k *kernel, ps []*ir.Node) *ir.Node {
			f := dtype.Float64
			num := ir.Apply(ir.Log, f, ir.Apply(ir.Sub, f, k.float(f, 1), k.uniform(f, 0, 1)))
			den := ir.Apply(ir.Log1p, f, ir.Apply(ir.Neg, f, ps[0]))
			return ir.Apply(ir.FMax, f, ir.Apply(ir.Ceil, f, ir.Apply(ir.Div, f, num, den)), k.float(f, 1))
		})
}
