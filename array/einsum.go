package array

import (
	"fmt"
	"slices"
	"strings"
)

// Einsum evaluates the Einstein summation convention on the operands
// (np.einsum): subscripts such as "ij,jk->ik" name each operand's axes
// with letters; a letter repeated within an operand takes its diagonal, a
// letter missing from the output is summed over, and "..." stands for
// axes that broadcast as in arithmetic. Without "->", the output is the
// broadcast "..." axes followed by the letters that appear once, in
// alphabetical order (capitals first). The operands are cast to their
// common dtype, which is the result's (bool sums are logical or).
//
// Each pair of operands is contracted as one (batched) matrix product,
// through views where the layout allows: "bij,bjk->bik" is one batched
// GEMM on contiguous operands. Products without a summed letter are
// broadcast multiplies. With more than two operands, the pair whose
// contraction leaves the smallest intermediate goes first (as NumPy's
// optimize="greedy"). A single operand whose subscripts only permute axes
// or take diagonals gives a view of it, as in NumPy.
func Einsum(subscripts string, xs ...*Array) *Array {
	const op = "einsum"
	if len(xs) == 0 {
		return errorf(op, "must specify the einstein sum subscripts string and at least one operand")
	}
	if err := operands(op, xs...); err != nil {
		return &Array{err: err}
	}
	dt := resultType(xs)
	spec, err := parseEinsum(subscripts, xs)
	if err != nil {
		return failed(op, err)
	}
	e := &einsum{dt: dt, sizes: spec.sizes, out: spec.out}
	for _, x := range xs {
		e.inputs = append(e.inputs, x.st)
	}
	defer func() {
		for _, t := range e.terms {
			e.discard(t.x, nil)
		}
	}()
	for i, x := range xs {
		if x.dt != dt {
			if x = x.convert(op, dt); x.err != nil {
				return x
			}
		}
		e.terms = append(e.terms, e.prepare(x, spec.ins[i]))
	}
	for i := range e.terms {
		if e.terms[i], err = e.sumUnused(e.terms[i], i); err != nil {
			return failed(op, err)
		}
	}
	for len(e.terms) > 1 {
		i, j := e.nextPair()
		t, err := e.contract(i, j)
		if err != nil {
			return failed(op, err)
		}
		e.discard(e.terms[i].x, t.x)
		e.discard(e.terms[j].x, t.x)
		e.terms[i] = t
		e.terms = slices.Delete(e.terms, j, j+1)
	}
	t := e.terms[0]
	perm := make([]int, len(e.out))
	for i, l := range e.out {
		perm[i] = slices.Index(t.labels, l)
	}
	e.terms = nil
	return t.x.Transpose(perm...)
}

// Labels number the axes of an einsum: the letters in ASCII order ('A' is
// 0, 'a' is 26, so sorting labels sorts letters as NumPy does), then the
// broadcast "..." axes from the left.
const ellipsisLabel = 52

func labelOf(c byte) (int, bool) {
	switch {
	case 'A' <= c && c <= 'Z':
		return int(c - 'A'), true
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 26, true
	}
	return 0, false
}

func labelName(l int) string {
	switch {
	case l < 26:
		return string(rune('A' + l))
	case l < ellipsisLabel:
		return string(rune('a' + l - 26))
	}
	return fmt.Sprintf("... axis %d", l-ellipsisLabel)
}

// einsumSpec is parsed subscripts: each operand's label per axis, the
// output's labels and the size of each label after broadcasting.
type einsumSpec struct {
	ins   [][]int
	out   []int
	sizes map[int]int
}

// subscriptTerm is one operand's subscripts: its letters and where "..."
// stands among them (-1 if it does not).
type subscriptTerm struct {
	labels   []int
	ellipsis int
}

func parseTerm(s string, operand int) (subscriptTerm, error) {
	t := subscriptTerm{ellipsis: -1}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
		case c == '.':
			if t.ellipsis >= 0 || !strings.HasPrefix(s[i:], "...") {
				where := fmt.Sprintf("in operand %d", operand)
				if operand < 0 {
					where = "in the output"
				}
				return t, fmt.Errorf("einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') %s", where)
			}
			t.ellipsis = len(t.labels)
			i += 2
		default:
			l, ok := labelOf(c)
			if !ok {
				return t, fmt.Errorf("invalid subscript %q in einstein sum subscripts string, subscripts must be letters", c)
			}
			t.labels = append(t.labels, l)
		}
	}
	return t, nil
}

// parseEinsum reads subscripts for the operands xs, checking what NumPy
// checks, with NumPy's messages where it has one.
func parseEinsum(subscripts string, xs []*Array) (einsumSpec, error) {
	spec := einsumSpec{sizes: map[int]int{}}
	lhs, rhs, explicit := strings.Cut(subscripts, "->")
	if !explicit && strings.Contains(subscripts, "-") {
		return spec, fmt.Errorf("einstein sum subscript string does not contain proper '->' output specified")
	}
	inputs := strings.Split(lhs, ",")
	switch {
	case len(inputs) < len(xs):
		return spec, fmt.Errorf("more operands provided to einstein sum function than specified in the subscripts string")
	case len(inputs) > len(xs):
		return spec, fmt.Errorf("fewer operands provided to einstein sum function than specified in the subscripts string")
	}
	terms := make([]subscriptTerm, len(xs))
	nell := 0 // the broadcast "..." axes
	for k, s := range inputs {
		t, err := parseTerm(s, k)
		if err != nil {
			return spec, err
		}
		nd, nl := xs[k].NDim(), len(t.labels)
		switch {
		case nl > nd:
			return spec, fmt.Errorf("einstein sum subscripts string contains too many subscripts for operand %d", k)
		case nl < nd && t.ellipsis < 0:
			return spec, fmt.Errorf("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.")
		}
		nell = max(nell, nd-nl)
		terms[k] = t
	}
	count := map[int]int{}
	from := map[int]int{} // the operand that gave a label its size
	for k, t := range terms {
		x := xs[k]
		labels := slices.Clone(t.labels)
		if t.ellipsis >= 0 {
			e := x.NDim() - len(t.labels)
			ell := make([]int, e)
			for j := range ell {
				ell[j] = ellipsisLabel + nell - e + j
			}
			labels = slices.Insert(labels, t.ellipsis, ell...)
		}
		own := map[int]int{}
		for ax, l := range labels {
			n := x.shape[ax]
			if m, ok := own[l]; ok && m != n {
				return spec, fmt.Errorf("dimensions in operand %d for collapsing index '%s' don't match (%d != %d)", k, labelName(l), m, n)
			}
			own[l] = n
			count[l]++
		}
		for l, n := range own {
			m, ok := spec.sizes[l]
			switch {
			case !ok || m == 1:
				spec.sizes[l], from[l] = n, k
			case n != 1 && n != m:
				return spec, fmt.Errorf("operands could not be broadcast together: subscript '%s' has size %d in operand %d and %d in operand %d",
					labelName(l), m, from[l], n, k)
			}
		}
		spec.ins = append(spec.ins, labels)
	}
	ell := make([]int, nell)
	for j := range ell {
		ell[j] = ellipsisLabel + j
	}
	if !explicit {
		spec.out = ell
		for l := range ellipsisLabel {
			if count[l] == 1 {
				spec.out = append(spec.out, l)
			}
		}
		return spec, nil
	}
	t, err := parseTerm(rhs, -1)
	if err != nil {
		return spec, err
	}
	for i, l := range t.labels {
		if slices.Contains(t.labels[:i], l) {
			return spec, fmt.Errorf("einstein sum subscripts string includes output subscript '%s' multiple times", labelName(l))
		}
		if count[l] == 0 {
			return spec, fmt.Errorf("einstein sum subscripts string included output subscript '%s' which never appeared in an input", labelName(l))
		}
	}
	spec.out = t.labels
	if t.ellipsis >= 0 {
		spec.out = slices.Insert(slices.Clone(t.labels), t.ellipsis, ell...)
	} else if nell > 0 {
		return spec, fmt.Errorf("output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.")
	}
	return spec, nil
}

// einsum is the state of an evaluation: the operands still to contract,
// each with one label per axis.
type einsum struct {
	dt     DType
	sizes  map[int]int
	out    []int
	terms  []einsumTerm
	inputs []*storage // the callers' buffers, never freed here
}

type einsumTerm struct {
	x      *Array
	labels []int
}

// prepare takes the diagonal of repeated labels and drops the axes of
// size 1 that broadcast against a longer one: the operand is constant
// along them. Both are views.
func (e *einsum) prepare(x *Array, labels []int) einsumTerm {
	var shape, strides, uniq []int
	for ax, l := range labels {
		if i := slices.Index(uniq, l); i >= 0 {
			strides[i] += x.strides[ax]
			continue
		}
		uniq = append(uniq, l)
		shape, strides = append(shape, x.shape[ax]), append(strides, x.strides[ax])
	}
	var t einsumTerm
	var keptShape, keptStrides []int
	for i, l := range uniq {
		if shape[i] == 1 && e.sizes[l] != 1 {
			continue
		}
		t.labels = append(t.labels, l)
		keptShape, keptStrides = append(keptShape, shape[i]), append(keptStrides, strides[i])
	}
	t.x = x.view(keptShape, keptStrides, x.offset)
	return t
}

// needed reports whether label l is in the output or in a term other than
// skip1 and skip2.
func (e *einsum) needed(l, skip1, skip2 int) bool {
	if slices.Contains(e.out, l) {
		return true
	}
	for k, t := range e.terms {
		if k != skip1 && k != skip2 && slices.Contains(t.labels, l) {
			return true
		}
	}
	return false
}

// sumUnused sums t, the k-th term, over the labels that nothing else needs.
func (e *einsum) sumUnused(t einsumTerm, k int) (einsumTerm, error) {
	var axes, kept []int
	for ax, l := range t.labels {
		if e.needed(l, k, k) {
			kept = append(kept, l)
		} else {
			axes = append(axes, ax)
		}
	}
	if len(axes) == 0 {
		return t, nil
	}
	s := e.sum(t.x, axes)
	if s.err != nil {
		return t, s.err
	}
	e.discard(t.x, s)
	return einsumTerm{s, kept}, nil
}

// sum sums x over axes in the einsum's dtype: logical or for bool.
func (e *einsum) sum(x *Array, axes []int) *Array {
	if e.dt == Bool {
		return AnyTrue(x, Axis(axes...))
	}
	return Sum(x, Axis(axes...), WithDType(e.dt))
}

// discard frees x if it is an intermediate that keep does not share.
func (e *einsum) discard(x, keep *Array) {
	if x.st == nil || slices.Contains(e.inputs, x.st) || keep != nil && keep.st == x.st {
		return
	}
	x.Free()
}

func (e *einsum) size(labels []int) float64 {
	n := 1.0
	for _, l := range labels {
		n *= float64(e.sizes[l])
	}
	return n
}

// pairLabels splits the labels of terms i and j: those both have that
// are needed afterwards (batch) or not (summed), and each one's own.
func (e *einsum) pairLabels(i, j int) (batch, summed, onlyA, onlyB []int) {
	a, b := e.terms[i].labels, e.terms[j].labels
	for _, l := range a {
		switch {
		case !slices.Contains(b, l):
			onlyA = append(onlyA, l)
		case e.needed(l, i, j):
			batch = append(batch, l)
		default:
			summed = append(summed, l)
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			onlyB = append(onlyB, l)
		}
	}
	return batch, summed, onlyA, onlyB
}

// nextPair picks the pair of terms to contract: among pairs that share a
// label (all pairs if none do), the one whose result grows the least over
// its operands, the first on ties.
func (e *einsum) nextPair() (int, int) {
	bi, bj, best, bestShares := 0, 1, 0.0, false
	for i := range e.terms {
		for j := i + 1; j < len(e.terms); j++ {
			batch, summed, onlyA, onlyB := e.pairLabels(i, j)
			shares := len(batch)+len(summed) > 0
			cost := e.size(slices.Concat(batch, onlyA, onlyB)) - e.size(e.terms[i].labels) - e.size(e.terms[j].labels)
			if (i == 0 && j == 1) || shares && !bestShares || shares == bestShares && cost < best {
				bi, bj, best, bestShares = i, j, cost, shares
			}
		}
	}
	return bi, bj
}

// contract multiplies terms i and j and sums the labels only they had.
// Each term's own labels that nothing needs are summed first, as they
// were in sumUnused; the rest is a batched matrix product
// (batch, onlyA, summed) @ (batch, summed, onlyB), or a broadcast multiply
// when nothing is summed or both matrices are vectors.
func (e *einsum) contract(i, j int) (einsumTerm, error) {
	batch, summed, onlyA, onlyB := e.pairLabels(i, j)
	a, b := e.terms[i], e.terms[j]
	m, k, n := e.size(onlyA), e.size(summed), e.size(onlyB)
	labels := slices.Concat(batch, onlyA, onlyB)
	if len(summed) == 0 || m == 1 && n == 1 {
		all := slices.Concat(labels, summed)
		p := Mul(e.aligned(a, all), e.aligned(b, all))
		if p.err != nil || len(summed) == 0 {
			return einsumTerm{p, labels}, p.err
		}
		axes := make([]int, len(summed))
		for s := range axes {
			axes[s] = len(labels) + s
		}
		r := e.sum(p, axes)
		p.Free()
		return einsumTerm{r, labels}, r.err
	}
	nb := int(e.size(batch))
	ma := e.permuted(a, slices.Concat(batch, onlyA, summed)).Reshape(nb, int(m), int(k))
	mb := e.permuted(b, slices.Concat(batch, summed, onlyB)).Reshape(nb, int(k), int(n))
	defer e.discard(ma, a.x)
	defer e.discard(mb, b.x)
	shape := make([]int, len(labels))
	for s, l := range labels {
		shape[s] = e.sizes[l]
	}
	r := Matmul(ma, mb).Reshape(shape...)
	return einsumTerm{r, labels}, r.err
}

// permuted is the view of t with its axes in the order of labels.
func (e *einsum) permuted(t einsumTerm, labels []int) *Array {
	perm := make([]int, len(labels))
	for s, l := range labels {
		perm[s] = slices.Index(t.labels, l)
	}
	return t.x.Transpose(perm...)
}

// aligned is the view of t with one axis per label of all, in that order:
// of size 1 where t lacks the label, so that it broadcasts.
func (e *einsum) aligned(t einsumTerm, all []int) *Array {
	shape, strides := make([]int, len(all)), make([]int, len(all))
	for s, l := range all {
		shape[s] = 1
		if ax := slices.Index(t.labels, l); ax >= 0 {
			shape[s], strides[s] = t.x.shape[ax], t.x.strides[ax]
		}
	}
	return t.x.view(shape, strides, t.x.offset)
}
