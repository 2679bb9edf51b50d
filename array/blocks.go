package array

import (
	"fmt"
	"reflect"
)

// Stacking and splitting by NumPy's named axes (column_stack, row_stack,
// hsplit, vsplit, dsplit) and assembling arrays from nested blocks
// (np.block), built on Concatenate and the split views.

// ColumnStack joins 1-d arrays as the columns of a 2-d array, as
// np.column_stack: arrays of fewer than 2 dimensions become columns
// (n, 1) (a 0-d one (1, 1)); others are joined along axis 1.
func ColumnStack(arrays []*Array) *Array {
	const op = "ColumnStack"
	if err := checkAll(op, "need at least one array to concatenate", arrays); err != nil {
		return &Array{err: err}
	}
	cols := make([]*Array, len(arrays))
	for i, x := range arrays {
		cols[i] = x
		if len(x.shape) < 2 {
			cols[i] = x.leading(2).T()
		}
	}
	return concatenate(op, cols, 1)
}

// RowStack is Vstack (NumPy 2 deprecates np.row_stack, its alias of
// np.vstack).
func RowStack(arrays []*Array) *Array { return failedAs("RowStack", Vstack(arrays)) }

// Hsplit cuts a into sections equal views along axis 1 (axis 0 for a 1-d
// a), as np.hsplit.
func Hsplit(a *Array, sections int) ([]*Array, error) {
	return namedSplit("Hsplit", a, 1, func(a *Array, ax int) ([]*Array, error) { return Split(a, sections, ax) })
}

// HsplitAt cuts a before each of the positions along axis 1 (axis 0 for
// a 1-d a), as np.hsplit(a, indices).
func HsplitAt(a *Array, indices []int) ([]*Array, error) {
	return namedSplit("HsplitAt", a, 1, func(a *Array, ax int) ([]*Array, error) { return SplitAt(a, indices, ax) })
}

// Vsplit cuts a (at least 2-d) into sections equal views along axis 0,
// as np.vsplit.
func Vsplit(a *Array, sections int) ([]*Array, error) {
	return namedSplit("Vsplit", a, 2, func(a *Array, ax int) ([]*Array, error) { return Split(a, sections, ax) })
}

// VsplitAt cuts a (at least 2-d) before each of the positions along
// axis 0, as np.vsplit(a, indices).
func VsplitAt(a *Array, indices []int) ([]*Array, error) {
	return namedSplit("VsplitAt", a, 2, func(a *Array, ax int) ([]*Array, error) { return SplitAt(a, indices, ax) })
}

// Dsplit cuts a (at least 3-d) into sections equal views along axis 2,
// as np.dsplit.
func Dsplit(a *Array, sections int) ([]*Array, error) {
	return namedSplit("Dsplit", a, 3, func(a *Array, ax int) ([]*Array, error) { return Split(a, sections, ax) })
}

// DsplitAt cuts a (at least 3-d) before each of the positions along
// axis 2, as np.dsplit(a, indices).
func DsplitAt(a *Array, indices []int) ([]*Array, error) {
	return namedSplit("DsplitAt", a, 3, func(a *Array, ax int) ([]*Array, error) { return SplitAt(a, indices, ax) })
}

// namedSplit splits a, of at least minDim dimensions, along the axis
// its function names: 0 for vsplit (minDim 2), 2 for dsplit (3), and for
// hsplit (1) axis 1, or 0 if a is 1-d; split cuts along it.
func namedSplit(op string, a *Array, minDim int, split func(a *Array, ax int) ([]*Array, error)) ([]*Array, error) {
	if err := a.checkOp(op); err != nil {
		return nil, err
	}
	if len(a.shape) < minDim {
		name := map[int]string{1: "hsplit", 2: "vsplit", 3: "dsplit"}[minDim]
		return nil, fmt.Errorf("%s: %s only works on arrays of %d or more dimensions", op, name, minDim)
	}
	ax := map[int]int{1: 1, 2: 0, 3: 2}[minDim]
	if len(a.shape) == 1 {
		ax = 0
	}
	out, err := split(a, ax)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

// Block assembles an array from nested lists of blocks, as np.block:
// blocks is an *Array, or a slice ([]*Array, [][]*Array, [][][]*Array,
// ..., or []any holding either) whose innermost lists are joined along the last axis, the lists
// of those along the axis before it, and so on. Every block gets leading
// axes of length 1 up to the result's dimensions, the larger of the
// nesting depth and the blocks' own. All leaves must lie at one depth,
// and no list may be empty.
func Block(blocks any) *Array {
	const op = "Block"
	root, err := blockTree(op, reflect.ValueOf(blocks), "arrays")
	if err != nil {
		return &Array{err: err}
	}
	depth, ndim, err := root.measure(op, 0)
	if err != nil {
		return &Array{err: err}
	}
	if depth == 0 {
		return failedAs(op, root.leaf.Copy())
	}
	ndim = max(ndim, depth)
	out, fresh := root.assemble(op, ndim-depth, ndim)
	if out.err == nil && !fresh {
		out = out.Copy()
	}
	return failedAs(op, out)
}

// blockNode is a block (leaf) or a list of them, with its place in the
// nesting for messages (arrays[1][0]).
type blockNode struct {
	leaf  *Array
	kids  []blockNode
	where string
}

func blockTree(op string, v reflect.Value, where string) (blockNode, error) {
	if v.Kind() == reflect.Interface { // an element of a []any
		v = v.Elem()
	}
	if !v.IsValid() {
		return blockNode{}, fmt.Errorf("%s: %s is nil", op, where)
	}
	if a, ok := v.Interface().(*Array); ok {
		if err := a.checkOp(op); err != nil {
			return blockNode{}, err
		}
		return blockNode{leaf: a, where: where}, nil
	}
	if v.Kind() != reflect.Slice {
		return blockNode{}, fmt.Errorf("%s: %s is a %s (want *Array or a slice of them, nested)", op, where, v.Type())
	}
	if v.Len() == 0 {
		return blockNode{}, fmt.Errorf("%s: Lists cannot be empty (%s)", op, where)
	}
	n := blockNode{where: where, kids: make([]blockNode, v.Len())}
	for i := range n.kids {
		kid, err := blockTree(op, v.Index(i), fmt.Sprintf("%s[%d]", where, i))
		if err != nil {
			return blockNode{}, err
		}
		n.kids[i] = kid
	}
	return n, nil
}

// measure returns the depth of n's leaves (equal for all of them) and
// the largest number of dimensions among them.
func (n blockNode) measure(op string, level int) (depth, ndim int, err error) {
	if n.leaf != nil {
		return level, len(n.leaf.shape), nil
	}
	for i, k := range n.kids {
		d, nd, err := k.measure(op, level+1)
		if err != nil {
			return 0, 0, err
		}
		if i > 0 && d != depth {
			return 0, 0, fmt.Errorf("%s: List depths are mismatched. First element was at depth %d, but there is an element at depth %d (%s)", op, depth, d, firstLeaf(k))
		}
		depth, ndim = d, max(ndim, nd)
	}
	return depth, ndim, nil
}

// firstLeaf names the first leaf of n.
func firstLeaf(n blockNode) string {
	for n.leaf == nil {
		n = n.kids[0]
	}
	return n.where
}

// assemble joins n's blocks along axis (of the ndim-dimensional result);
// fresh reports that the result is a new array rather than a view of a
// block.
func (n blockNode) assemble(op string, axis, ndim int) (*Array, bool) {
	if n.leaf != nil {
		return n.leaf.leading(ndim), false
	}
	parts := make([]*Array, len(n.kids))
	for i, k := range n.kids {
		p, fresh := k.assemble(op, axis+1, ndim)
		if p.err != nil {
			return p, false
		}
		if fresh {
			defer p.Free()
		}
		parts[i] = p
	}
	return concatenate(op, parts, axis), true
}
