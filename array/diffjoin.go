package array

import (
	"fmt"
	"slices"
)

// DiffOption joins values to Diff's array before it differences
// (NumPy's prepend= and append=).
type DiffOption func(*diffConfig)

type diffConfig struct {
	prepend, append any
}

// DiffPrepend joins v before the array along Diff's axis: an *Array of
// the array's shape but along the axis, or one value (a 0-d *Array or a
// Go number or bool: int is int64, float64 float64, as NumPy takes a
// Python number) repeated across it. The result has the dtype both
// promote to.
func DiffPrepend(v any) DiffOption { return func(c *diffConfig) { c.prepend = v } }

// DiffAppend joins v after the array along Diff's axis, as DiffPrepend.
func DiffAppend(v any) DiffOption { return func(c *diffConfig) { c.append = v } }

// diffOperand returns a with the options' values joined to it along
// axis ax, as np.diff joins them: one value is broadcast to a's shape
// with ax one long.
func diffOperand(a *Array, ax int, opts []DiffOption) (*Array, error) {
	var c diffConfig
	for _, o := range opts {
		o(&c)
	}
	if c.prepend == nil && c.append == nil {
		return a, nil
	}
	one := slices.Clone(a.shape)
	one[ax] = 1
	part := func(name string, v any) (*Array, error) {
		x, ok := v.(*Array)
		if !ok {
			x = On(a.st.b).Scalar(v)
		}
		if err := x.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(x.shape) == 0 {
			x = x.BroadcastTo(one...)
		}
		return x, nil
	}
	parts := []*Array{a}
	if c.prepend != nil {
		p, err := part("prepend", c.prepend)
		if err != nil {
			return nil, err
		}
		parts = append([]*Array{p}, parts...)
	}
	if c.append != nil {
		p, err := part("append", c.append)
		if err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	joined := Concatenate(parts, ax)
	return joined, joined.err
}
