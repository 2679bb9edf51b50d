package cpu

import (
	"fmt"
	"github.com/cugo/cugo/internal/layout"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// Reduce folds the last nred axes of shape (see backend.Backend).
//
// Pre is evaluated chunk by chunk as Elementwise evaluates a kernel, and
// each chunk's values are folded row by row (a row is the reduced
// elements of one kept position). The flat range of all elements is split
// among goroutines at any point; a row that two goroutines share is folded
// from their two partials, in order. Floats accumulate in float64 and
// complex in complex128, sums pairwise within each chunk, and are rounded
// to Acc once at the end: at least as accurate as NumPy's pairwise sum in
// Acc. Integers wrap in 64 bits, which is wrapping in Acc once truncated.
func (b *Backend) Reduce(r *ir.Reduction, shape []int, nred int, out, in backend.Operand, scalars []ir.Value) error {
	if err := b.reduce(r, shape, nred, out, []backend.Operand{in}, scalars); err != nil {
		return fmt.Errorf("cpu: Reduce: %w", err)
	}
	return nil
}

// Scan computes the running sum or product along the last axis (see
// backend.Backend), sequentially along each row as NumPy's cumsum does,
// rows in parallel.
func (b *Backend) Scan(r *ir.Reduction, shape []int, out, in backend.Operand, scalars []ir.Value) error {
	if err := b.scan(r, shape, out, in, scalars); err != nil {
		return fmt.Errorf("cpu: Scan: %w", err)
	}
	return nil
}

// folding is a reduction being run: the launch of Pre over the whole
// input, and the split of its flat index into rows of width elements.
type folding struct {
	r           *ir.Reduction
	l           *launch
	pre         *step
	rows, width int
}

// start checks a call and prepares the launch of Pre over the inputs
// (r.Input, then r.More).
func (b *Backend) start(r *ir.Reduction, shape []int, nred int, ins []backend.Operand, scalars []ir.Value) (*folding, error) {
	switch {
	case nred < 0 || nred > len(shape):
		return nil, fmt.Errorf("cannot fold %d axes of shape %v", nred, shape)
	case len(scalars) != len(r.Scalars):
		return nil, fmt.Errorf("reduction takes %d scalars, got %d", len(r.Scalars), len(scalars))
	case len(ins) != 1+len(r.More):
		return nil, fmt.Errorf("reduction reads %d inputs, got %d", 1+len(r.More), len(ins))
	}
	if _, err := layout.Size(shape); err != nil {
		return nil, err
	}
	fo := &folding{r: r, rows: 1, width: 1}
	for _, n := range shape[:len(shape)-nred] {
		fo.rows *= n
	}
	for _, n := range shape[len(shape)-nred:] {
		fo.width *= n
	}
	k := r.Kernel()
	p, err := compile(k, scalars)
	if err != nil {
		return nil, err
	}
	l := launches.Get().(*launch)
	l.prog = p
	l.mems, l.dtypes = l.mems[:0], l.dtypes[:0]
	nd := max(len(shape), 1)
	l.lay = loopLayout{shape: append(l.lay.shape[:0], 1), strides: resize(l.lay.strides, len(ins)*nd), offsets: l.lay.offsets[:0], nops: len(ins)}
	if len(shape) > 0 {
		l.lay.shape = append(l.lay.shape[:0], shape...)
	}
	fo.l = l
	for i, in := range ins {
		if err := l.addOperand(in, k.Inputs[i], shape); err != nil {
			l.release()
			return nil, fmt.Errorf("input %d: %w", i, err)
		}
	}
	f := getFrame(p)
	f.walk.empty(len(ins))
	err = l.compute(f, 0) // finds ops that do not apply to their types
	frames.Put(f)
	if err != nil {
		l.release()
		return nil, err
	}
	fo.pre = &p.steps[p.outs[0]]
	if fo.rows*fo.width > 0 {
		l.lay.simplify()
		for i, in := range ins {
			if err := checkBounds(&l.lay, i, in.DType, l.mems[i]); err != nil {
				l.release()
				return nil, fmt.Errorf("input %d: %w", i, err)
			}
		}
	}
	return fo, nil
}

func (b *Backend) reduce(r *ir.Reduction, shape []int, nred int, out backend.Operand, ins []backend.Operand, scalars []ir.Value) error {
	if err := r.Validate(); err != nil {
		return err
	}
	fo, err := b.start(r, shape, nred, ins, scalars)
	if err != nil {
		return err
	}
	defer fo.l.release()
	if fo.width == 0 && fo.rows > 0 && !r.Combine.HasIdentity() {
		return fmt.Errorf("zero-size array to reduction operation %s which has no identity", r.Combine)
	}
	wide := wideOf(r.Acc)
	if isArg(r.Combine) {
		wide = dtype.Int64
	}
	tmp, _ := b.Alloc(fo.rows * wide.Size())
	mem, _ := buffer(tmp)
	switch repOf(r.Acc) {
	case repBool:
		runFold(b, fo, (*frame).b, boolFolder(r.Combine), view[bool](mem), nil)
	case repInt:
		runFold(b, fo, (*frame).i, orderedFolder[int64](r.Combine), view[int64](mem), view[int64](mem))
	case repUint:
		runFold(b, fo, (*frame).u, orderedFolder[uint64](r.Combine), view[uint64](mem), view[int64](mem))
	case repFloat:
		runFold(b, fo, (*frame).f, orderedFolder[float64](r.Combine), view[float64](mem), view[int64](mem))
	case repComplex:
		runFold(b, fo, (*frame).c, complexFolder(r.Combine), view[complex128](mem), view[int64](mem))
	}
	return b.finish(r, wide, shape[:len(shape)-nred], out, tmp)
}

// isArg reports whether c gives the position of a value.
func isArg(c ir.Combine) bool { return c == ir.ArgMaxOf || c == ir.ArgMinOf }

// finish casts the folded values (or indices), held in the wide type of
// their rep in tmp, to r.Out in out: through Acc, as if they had been
// accumulated there.
func (b *Backend) finish(r *ir.Reduction, wide dtype.DType, shape []int, out backend.Operand, tmp backend.Buffer) error {
	x := ir.In(0, wide)
	if !isArg(r.Combine) {
		x = ir.To(ir.To(x, r.Acc), r.Out)
	}
	k := &ir.Kernel{Inputs: []dtype.DType{wide}, Outputs: []*ir.Node{x}}
	in := backend.Operand{Buf: tmp, DType: wide, Strides: layout.CStrides(shape)}
	return b.Elementwise(k, shape, []backend.Operand{out}, []backend.Operand{in}, nil)
}

// wideOf is the dtype of the Go type that values of dt are held in.
func wideOf(dt dtype.DType) dtype.DType {
	return [numReps]dtype.DType{dtype.Bool, dtype.Int64, dtype.Uint64, dtype.Float64, dtype.Complex128}[repOf(dt)]
}

// part is the fold of a run of a row's values: v, and for ArgMax and
// ArgMin the position in the row of the value chosen; n counts the values
// (0: the run is empty and v means nothing).
type part[T any] struct {
	v   T
	idx int
	n   int
}

// folder folds runs of values of type T.
type folder[T any] struct {
	seg      func(v []T, j int) part[T] // fold of v (not empty), whose first value is at j in its row
	merge    func(p, q part[T]) part[T] // p's run comes before q's; neither is empty
	identity T                          // of an empty row, for the combines that have one
}

// join merges two parts, either of which may be empty.
func (fo folder[T]) join(p, q part[T]) part[T] {
	switch {
	case p.n == 0:
		return q
	case q.n == 0:
		return p
	}
	m := fo.merge(p, q)
	m.n = p.n + q.n
	return m
}

// edge is the part of a row that one goroutine folded without the rest
// of the row.
type edge[T any] struct {
	row int
	p   part[T]
}

// runFold folds every row into res (and, for ArgMax and ArgMin, the
// position of the chosen value into idx).
func runFold[T any](b *Backend, fo *folding, get func(*frame, *step, int) []T, fd folder[T], res []T, idx []int64) {
	arg := isArg(fo.r.Combine)
	done := func(row int, p part[T]) {
		if arg {
			idx[row] = int64(p.idx)
			return
		}
		res[row] = p.v
		if p.n == 0 {
			res[row] = fd.identity
		}
	}
	total := fo.rows * fo.width
	if fo.width == 0 {
		for row := range fo.rows {
			done(row, part[T]{})
		}
		return
	}
	workers := max(1, min(b.workers, total/minPerWorker))
	per := (total + workers - 1) / workers
	edges := make([][]edge[T], workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*per, min((w+1)*per, total)
		if lo >= hi {
			continue
		}
		wg.Go(func() {
			var cur part[T]
			segments(fo, get, lo, hi, func(row, j int, v []T) {
				q := fd.seg(v, j)
				q.n = len(v)
				cur = fd.join(cur, q)
				if j+len(v) < fo.width {
					return
				}
				if row*fo.width >= lo { // the whole row is ours
					done(row, cur)
				} else {
					edges[w] = append(edges[w], edge[T]{row, cur})
				}
				cur = part[T]{}
			})
			if cur.n > 0 {
				edges[w] = append(edges[w], edge[T]{(hi - 1) / fo.width, cur})
			}
		})
	}
	wg.Wait()
	// Rows shared by neighbouring goroutines: their parts, in order.
	var cur edge[T]
	have := false
	for _, es := range edges {
		for _, e := range es {
			if have && e.row == cur.row {
				cur.p = fd.join(cur.p, e.p)
				continue
			}
			if have {
				done(cur.row, cur.p)
			}
			cur, have = e, true
		}
	}
	if have {
		done(cur.row, cur.p)
	}
}

// segments evaluates Pre over flat indices [lo, hi) and calls fn with each
// run of the values that lies within one row: the row, the position in
// the row of the run's first value, the values.
func segments[T any](fo *folding, get func(*frame, *step, int) []T, lo, hi int, fn func(row, j int, v []T)) {
	f := getFrame(fo.l.prog)
	defer frames.Put(f)
	for start := lo; start < hi; start += chunkLen {
		n := min(chunkLen, hi-start)
		fo.l.lay.walk(&f.walk, start, n)
		fo.l.compute(f, n) // cannot fail: start's dry run passed
		vals := get(f, fo.pre, n)
		for p := 0; p < n; {
			row, j := (start+p)/fo.width, (start+p)%fo.width
			m := min(n-p, fo.width-j)
			fn(row, j, vals[p:p+m])
			p += m
		}
	}
}

func boolFolder(c ir.Combine) folder[bool] {
	all := c == ir.AllOf
	return folder[bool]{
		identity: all,
		seg: func(v []bool, _ int) part[bool] {
			for _, x := range v {
				if x != all {
					return part[bool]{v: x}
				}
			}
			return part[bool]{v: all}
		},
		merge: func(p, q part[bool]) part[bool] {
			if all {
				return part[bool]{v: p.v && q.v}
			}
			return part[bool]{v: p.v || q.v}
		},
	}
}

// isNaN is x != x, false for integers.
func isNaN[T int64 | uint64 | float64](x T) bool { return x != x }

// orderedFolder folds integers and floats. Max and Min propagate NaN
// (the first one wins); FMax and FMin skip it; ArgMax and ArgMin keep the
// first extreme value, a NaN being the most extreme.
func orderedFolder[T int64 | uint64 | float64](c ir.Combine) folder[T] {
	var fd folder[T]
	switch c {
	case ir.SumOf:
		fd.seg = func(v []T, _ int) part[T] { return part[T]{v: pairwise(v)} }
		fd.merge = func(p, q part[T]) part[T] { return part[T]{v: p.v + q.v} }
	case ir.ProdOf:
		fd.identity = 1
		fd.seg = func(v []T, _ int) part[T] {
			r := T(1)
			for _, x := range v {
				r *= x
			}
			return part[T]{v: r}
		}
		fd.merge = func(p, q part[T]) part[T] { return part[T]{v: p.v * q.v} }
	case ir.MaxOf, ir.MinOf, ir.ArgMaxOf, ir.ArgMinOf:
		// better reports whether x replaces the extreme m found so far.
		better := func(x, m T) bool { return x > m }
		if c == ir.MinOf || c == ir.ArgMinOf {
			better = func(x, m T) bool { return x < m }
		}
		fd.seg = func(v []T, j int) part[T] {
			m := part[T]{v: v[0], idx: j}
			for k, x := range v {
				if isNaN(x) {
					return part[T]{v: x, idx: j + k}
				}
				if better(x, m.v) {
					m = part[T]{v: x, idx: j + k}
				}
			}
			return m
		}
		fd.merge = func(p, q part[T]) part[T] {
			if !isNaN(p.v) && (isNaN(q.v) || better(q.v, p.v)) {
				return q
			}
			return p
		}
	case ir.FMaxOf, ir.FMinOf:
		better := func(x, m T) bool { return x > m || isNaN(m) }
		if c == ir.FMinOf {
			better = func(x, m T) bool { return x < m || isNaN(m) }
		}
		fd.seg = func(v []T, _ int) part[T] {
			m := v[0]
			for _, x := range v {
				if better(x, m) {
					m = x
				}
			}
			return part[T]{v: m}
		}
		fd.merge = func(p, q part[T]) part[T] {
			if better(q.v, p.v) {
				return q
			}
			return p
		}
	}
	return fd
}

// complexFolder folds complex values, ordered lexicographically as
// NumPy orders them.
func complexFolder(c ir.Combine) folder[complex128] {
	type z = complex128
	var fd folder[z]
	switch c {
	case ir.SumOf:
		fd.seg = func(v []z, _ int) part[z] { return part[z]{v: pairwise(v)} }
		fd.merge = func(p, q part[z]) part[z] { return part[z]{v: p.v + q.v} }
		return fd
	case ir.ProdOf:
		fd.identity = 1
		fd.seg = func(v []z, _ int) part[z] {
			r := z(1)
			for _, x := range v {
				r *= x
			}
			return part[z]{v: r}
		}
		fd.merge = func(p, q part[z]) part[z] { return part[z]{v: p.v * q.v} }
		return fd
	}
	// better reports whether x replaces m in a fold that meets x after m.
	var better func(x, m z) bool
	switch c {
	case ir.MaxOf, ir.ArgMaxOf:
		better = func(x, m z) bool { return !cisnan(m) && (cisnan(x) || cless(m, x)) }
	case ir.MinOf, ir.ArgMinOf:
		better = func(x, m z) bool { return !cisnan(m) && (cisnan(x) || cless(x, m)) }
	case ir.FMaxOf:
		better = func(x, m z) bool { return cisnan(m) || !cisnan(x) && cless(m, x) }
	case ir.FMinOf:
		better = func(x, m z) bool { return cisnan(m) || !cisnan(x) && cless(x, m) }
	}
	fd.seg = func(v []z, j int) part[z] {
		m := part[z]{v: v[0], idx: j}
		for k, x := range v {
			if better(x, m.v) {
				m = part[z]{v: x, idx: j + k}
			}
		}
		return m
	}
	fd.merge = func(p, q part[z]) part[z] {
		if better(q.v, p.v) {
			return q
		}
		return p
	}
	return fd
}

// pairwise sums v as NumPy's pairwise_sum does: eight accumulators over
// blocks of up to 128 values, halves of longer runs summed separately.
func pairwise[T int64 | uint64 | float64 | complex128](v []T) T {
	switch {
	case len(v) < 8:
		var s T
		for _, x := range v {
			s += x
		}
		return s
	case len(v) <= 128:
		var r [8]T
		copy(r[:], v[:8])
		i := 8
		for ; i+8 <= len(v); i += 8 {
			for k := range r {
				r[k] += v[i+k]
			}
		}
		s := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for _, x := range v[i:] {
			s += x
		}
		return s
	}
	h := len(v) / 2
	h -= h % 8
	return pairwise(v[:h]) + pairwise(v[h:])
}

func (b *Backend) scan(r *ir.Reduction, shape []int, out, in backend.Operand, scalars []ir.Value) error {
	if err := r.ScanValidate(); err != nil {
		return err
	}
	if len(shape) == 0 {
		return fmt.Errorf("a scan needs an axis; shape is ()")
	}
	fo, err := b.start(r, shape, 1, []backend.Operand{in}, scalars)
	if err != nil {
		return err
	}
	defer fo.l.release()
	wide := wideOf(r.Acc)
	tmp, _ := b.Alloc(fo.rows * fo.width * wide.Size())
	mem, _ := buffer(tmp)
	prod := r.Combine == ir.ProdOf
	switch repOf(r.Acc) {
	case repInt:
		runScan(b, fo, (*frame).i, prod, view[int64](mem))
	case repUint:
		runScan(b, fo, (*frame).u, prod, view[uint64](mem))
	case repFloat:
		runScan(b, fo, (*frame).f, prod, view[float64](mem))
	case repComplex:
		runScan(b, fo, (*frame).c, prod, view[complex128](mem))
	}
	return b.finish(r, wide, shape, out, tmp)
}

// runScan writes the running sums (products) of each row into res, in C
// order; goroutines take whole rows.
func runScan[T int64 | uint64 | float64 | complex128](b *Backend, fo *folding, get func(*frame, *step, int) []T, prod bool, res []T) {
	total := fo.rows * fo.width
	if total == 0 {
		return
	}
	workers := max(1, min(b.workers, total/minPerWorker, fo.rows))
	per := (fo.rows + workers - 1) / workers * fo.width
	var wg sync.WaitGroup
	for lo := 0; lo < total; lo += per {
		wg.Go(func() {
			var acc T
			segments(fo, get, lo, min(lo+per, total), func(row, j int, v []T) {
				d := res[row*fo.width+j:]
				for k, x := range v {
					switch {
					case j+k == 0: // a row's first element as it is, as NumPy's accumulate copies it (-0.0, nan+0j)
						acc = x
					case prod:
						acc *= x
					default:
						acc += x
					}
					d[k] = acc
				}
			})
		})
	}
	wg.Wait()
}
