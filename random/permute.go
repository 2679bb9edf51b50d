package random

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// The permutations order random 64-bit keys drawn on the device (equal
// keys, a 2^-64 chance, by position); the ordering runs on the host.

// keys draws n random uint64 keys and reads them to the host.
func (g *Generator) keys(op string, n int) ([]uint64, error) {
	a := g.draw(op, dtype.Uint64, []int{n}, nil, nil, func(k *kernel, _ []*ir.Node) *ir.Node {
		return ir.Apply(ir.Philox, dtype.Uint64, k.key, k.stream, k.counter)
	})
	defer a.Free()
	return array.ToSlice[uint64](a)
}

// order returns the positions of keys in increasing order of their keys.
func order[K int | uint64 | float64](keys []K) []int64 {
	idx := make([]int64, len(keys))
	for i := range idx {
		idx[i] = int64(i)
	}
	sort.SliceStable(idx, func(i, j int) bool { return keys[idx[i]] < keys[idx[j]] })
	return idx
}

// permutation returns a random permutation of [0, n) on the host.
func (g *Generator) permutation(op string, n int) ([]int64, error) {
	ks, err := g.keys(op, n)
	if err != nil {
		return nil, err
	}
	return order(ks), nil
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
		perm, err := g.permutation(op, v)
		if err != nil {
			return array.Failed(err)
		}
		return array.FromSliceOn(g.dev, perm, v)
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
	perm, err := g.permutation(op, x.Shape()[ax])
	if err != nil {
		return array.Failed(err)
	}
	return array.Take(x, array.FromSliceOn(g.dev, perm, len(perm)), ax)
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
		perm, err := g.permutation(op, x.Size())
		if err != nil {
			return array.Failed(err)
		}
		return array.Take(x.Ravel(), array.FromSliceOn(g.dev, perm, len(perm)), 0).Reshape(shape...)
	}
	if x.NDim() == 0 {
		return array.Failed(fmt.Errorf("random.%s: x must be at least 1-d to take an axis", op))
	}
	ax, err := array.NormalizeAxis(axis[0], x.NDim())
	if err != nil {
		return array.Failed(fmt.Errorf("random.%s: %w", op, err))
	}
	ks, err := g.keys(op, x.Size())
	if err != nil {
		return array.Failed(err)
	}
	// For each lane along the axis (C order over shape), the order of its keys.
	n := shape[ax]
	inner := 1
	for _, d := range shape[ax+1:] {
		inner *= d
	}
	idx := make([]int64, len(ks))
	lane := make([]uint64, n)
	for start := 0; start < len(ks); start += n * inner {
		for j := range inner {
			for i := range n {
				lane[i] = ks[start+i*inner+j]
			}
			for i, p := range order(lane) {
				idx[start+i*inner+j] = p
			}
		}
	}
	return array.TakeAlongAxis(x, array.FromSliceOn(g.dev, idx, shape...), ax)
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
	switch {
	case replace && probs == nil:
		idx = g.Integers(0, n, false, dtype.Int64, size...)
	default:
		picks, err := g.pick(op, n, count, replace, probs)
		if err != nil {
			return array.Failed(err)
		}
		idx = array.FromSliceOn(g.dev, picks, size...)
	}
	if items == nil {
		return idx
	}
	return array.Take(items, idx, 0)
}

// pick draws count indices of [0, n) on the host from device-drawn bits:
// by the inverse of p's cumulative distribution with replacement; without
// it, the first of a random order (exponential races E/p with p, which
// samples proportionally to p without replacement).
func (g *Generator) pick(op string, n, count int, replace bool, probs []float64) ([]int64, error) {
	if !replace && probs == nil {
		perm, err := g.permutation(op, n)
		if err != nil {
			return nil, err
		}
		return perm[:count], nil
	}
	draws := count
	if !replace {
		draws = n
	}
	u := g.Random(dtype.Float64, draws)
	defer u.Free()
	us, err := array.ToSlice[float64](u)
	if err != nil {
		return nil, err
	}
	if !replace {
		race := make([]float64, n)
		for i, q := range probs {
			race[i] = -math.Log1p(-us[i]) / q // +Inf where q is 0
		}
		return order(race)[:count], nil
	}
	cdf := make([]float64, n)
	sum := 0.0
	for i, q := range probs {
		sum += q
		cdf[i] = sum
	}
	picks := make([]int64, count)
	for i, x := range us {
		j := sort.SearchFloat64s(cdf, x*sum)
		for j < n-1 && cdf[j] <= x*sum { // the first item whose interval holds x
			j++
		}
		picks[i] = int64(j)
	}
	return picks, nil
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
