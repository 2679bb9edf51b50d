package random

import (
	"fmt"
	"math"
	"slices"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// The permutations order random 64-bit keys drawn on the device by a
// stable argsort on the device (equal keys, a 2^-64 chance, keep their
// positions' order).

// keys draws random uint64 keys of the given shape.
func (g *Generator) keys(op string, shape ...int) *array.Array {
	return g.draw(op, dtype.Uint64, shape, nil, nil, func(k *kernel, _ []*ir.Node) *ir.Node {
		return ir.Apply(ir.Philox, dtype.Uint64, k.key, k.stream, k.counter)
	})
}

// permutation returns a random permutation of [0, n) as int64.
func (g *Generator) permutation(op string, n int) *array.Array {
	ks := g.keys(op, n)
	defer ks.Free()
	return array.ArgSort(ks, 0)
}

// Permutation returns a random permutation (numpy's
// Generator.permutation): of the integers [0, n) as int64 when x is an
// int n, else a shuffled copy of the array x along axis (0 by default).
func (g *Generator) Permutation(x any, axis ...int) *array.Array {
	const op = "Permutation"
	switch v := x.(type) {
	case int:
		if v < 0 {
			return array.Failed(fmt.Errorf("random.%s: negative length %d", op, v))
		}
		return g.permutation(op, v)
	case *array.Array:
		return g.permuteAxis(op, v, axis)
	}
	return array.Failed(fmt.Errorf("random.%s: x must be an int or *array.Array, not %T", op, x))
}

// permuteAxis returns x's slices along the axis in a random order.
func (g *Generator) permuteAxis(op string, x *array.Array, axis []int) *array.Array {
	if err := x.Err(); err != nil {
		return array.Failed(fmt.Errorf("random.%s: %w", op, err))
	}
	ax := 0
	if len(axis) > 0 {
		ax = axis[0]
	}
	if x.NDim() == 0 {
		return array.Failed(fmt.Errorf("random.%s: x must be at least 1-d", op))
	}
	ax, err := array.NormalizeAxis(ax, x.NDim())
	if err != nil {
		return array.Failed(fmt.Errorf("random.%s: %w", op, err))
	}
	perm := g.permutation(op, x.Shape()[ax])
	defer perm.Free()
	return array.Take(x, perm, ax)
}

// Shuffle shuffles x in place along axis (0 by default), as numpy's
// Generator.shuffle: the slices along the axis are reordered, their
// contents kept.
func (g *Generator) Shuffle(x *array.Array, axis ...int) error {
	y := g.permuteAxis("Shuffle", x, axis)
	if err := y.Err(); err != nil {
		return err
	}
	defer y.Free()
	return x.Set(y)
}

// Permuted returns a copy of x whose slices along axis are each shuffled
// independently (numpy's Generator.permuted); with no axis, x is shuffled
// as if flattened, keeping its shape.
func (g *Generator) Permuted(x *array.Array, axis ...int) *array.Array {
	const op = "Permuted"
	if err := x.Err(); err != nil {
		return array.Failed(fmt.Errorf("random.%s: %w", op, err))
	}
	shape := x.Shape()
	if len(axis) == 0 {
		perm := g.permutation(op, x.Size())
		defer perm.Free()
		return array.Take(x.Ravel(), perm, 0).Reshape(shape...)
	}
	if x.NDim() == 0 {
		return array.Failed(fmt.Errorf("random.%s: x must be at least 1-d to take an axis", op))
	}
	ax, err := array.NormalizeAxis(axis[0], x.NDim())
	if err != nil {
		return array.Failed(fmt.Errorf("random.%s: %w", op, err))
	}
	// Each lane along the axis in the order of its own keys.
	ks := g.keys(op, shape...)
	defer ks.Free()
	idx := array.ArgSort(ks, ax)
	defer idx.Free()
	return array.TakeAlongAxis(x, idx, ax)
}

// Choice returns random items of a (numpy's Generator.choice): of [0, a)
// as int64 when a is an int, else slices of the array a along its first
// axis. With replace items may repeat; without, they are distinct (then
// no more than a's length can be taken). p, if not nil, gives the
// probability of each item ([]float64 or *array.Array; they must sum to
// 1). The result has shape size (one item, 0-d, when size is empty).
func (g *Generator) Choice(a any, replace bool, p any, size ...int) *array.Array {
	const op = "Choice"
	fail := func(format string, args ...any) *array.Array {
		return array.Failed(fmt.Errorf("random.%s: "+format, append([]any{op}, args...)...))
	}
	if g == nil {
		return fail("%w", errNilGenerator)
	}
	var n int
	var items *array.Array
	switch v := a.(type) {
	case int:
		if v < 0 {
			return fail("a must be a non-negative integer, not %d", v)
		}
		n = v
	case *array.Array:
		if err := v.Err(); err != nil {
			return fail("%w", err)
		}
		if v.NDim() == 0 {
			return fail("a must be 1-dimensional or an integer")
		}
		n, items = v.Shape()[0], v
	default:
		return fail("a must be an int or *array.Array, not %T", a)
	}
	count := 1
	for _, d := range size {
		if d < 0 {
			return fail("negative dimensions are not allowed")
		}
		count *= d
	}
	if n == 0 && count > 0 {
		return fail("a cannot be empty unless no samples are taken")
	}
	probs, err := probabilities(p, n)
	if err != nil {
		return fail("%w", err)
	}
	if !replace {
		if count > n {
			return fail("cannot take a larger sample than population when replace is false")
		}
		if probs != nil {
			nonzero := 0
			for _, q := range probs {
				if q > 0 {
					nonzero++
				}
			}
			if count > nonzero {
				return fail("fewer non-zero entries in p than size")
			}
		}
	}
	var idx *array.Array
	if replace && probs == nil {
		idx = g.Integers(0, n, false, dtype.Int64, size...)
	} else {
		idx = g.pick(op, n, count, replace, probs).Reshape(size...)
	}
	if items == nil {
		return idx
	}
	defer idx.Free()
	return array.Take(items, idx, 0)
}

// pick draws count indices of [0, n) on the device: by the inverse of p's
// cumulative distribution with replacement; without it, the first of a
// random order (a permutation, or with p the order of exponential races
// E/p, which samples proportionally to p without replacement).
func (g *Generator) pick(op string, n, count int, replace bool, probs []float64) *array.Array {
	if !replace && probs == nil {
		perm := g.permutation(op, n)
		defer perm.Free()
		return perm.Index(array.S(0, count)).Copy()
	}
	draws := count
	if !replace {
		draws = n
	}
	u := g.Random(dtype.Float64, draws)
	defer u.Free()
	p := array.FromSliceOn(g.dev, probs, n)
	defer p.Free()
	if !replace {
		race := array.Neg(array.Log1p(array.Neg(u))).Div(p) // +Inf where p is 0
		defer race.Free()
		order := array.ArgSort(race, 0)
		defer order.Free()
		return order.Index(array.S(0, count)).Copy()
	}
	cdf := make([]float64, n)
	sum := 0.0
	for i, q := range probs {
		sum += q
		cdf[i] = sum
	}
	c := array.FromSliceOn(g.dev, cdf, n)
	defer c.Free()
	// The first item whose interval holds u·sum; the last for rounding at the top.
	return array.Minimum(array.SearchSorted(c, u.Mul(sum), array.Right, nil), n-1)
}

// probabilities reads and checks Choice's p: nil, []float64 or an array
// of n non-negative numbers that sum to 1 (within NumPy's tolerance).
func probabilities(p any, n int) ([]float64, error) {
	var ps []float64
	switch v := p.(type) {
	case nil:
		return nil, nil
	case []float64:
		ps = slices.Clone(v)
	case *array.Array:
		if v.NDim() != 1 {
			return nil, fmt.Errorf("p must be 1-dimensional")
		}
		var err error
		if ps, err = array.ToSlice[float64](v.AsType(dtype.Float64)); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("p must be nil, []float64 or *array.Array, not %T", p)
	}
	if len(ps) != n {
		return nil, fmt.Errorf("a and p must have same size (%d and %d)", n, len(ps))
	}
	sum := 0.0
	for _, q := range ps {
		if !(q >= 0) || math.IsInf(q, 1) {
			return nil, fmt.Errorf("probabilities are not non-negative")
		}
		sum += q
	}
	if math.Abs(sum-1) > math.Sqrt(0x1p-52) {
		return nil, fmt.Errorf("probabilities do not sum to 1 (they sum to %v)", sum)
	}
	return ps, nil
}
