package cpu

import (
	"fmt"
	"github.com/cugo/cugo/internal/layout"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// minPerWorker is the fewest elements worth a goroutine of their own: a
// launch smaller than two of these runs on the calling goroutine.
const minPerWorker = 32 << 10

// launch is one call of Elementwise: the program, the operands' memory
// and their layout. Launches are pooled with their slices.
type launch struct {
	prog   *program
	mems   [][]byte      // inputs, then outputs
	dtypes []dtype.DType // of mems
	lay    loopLayout
}

var launches = sync.Pool{New: func() any { return new(launch) }}

// Elementwise evaluates k over shape: out[j][idx] = k.Outputs[j](in[..][idx], scalars).
// The work is split into chunks of chunkLen elements; each chunk reads all
// of its inputs before it writes any output, so outputs may alias inputs
// element for element.
func (b *Backend) Elementwise(k *ir.Kernel, shape []int, out, in []backend.Operand, scalars []ir.Value) error {
	l, total, err := b.prepare(k, shape, out, in, scalars)
	if err != nil {
		return fmt.Errorf("cpu: Elementwise: %w", err)
	}
	defer l.release()
	if total == 0 {
		return nil
	}
	workers := min(b.workers, total/minPerWorker)
	if workers <= 1 {
		l.run(0, total)
		return nil
	}
	var wg sync.WaitGroup
	per := (total + workers - 1) / workers
	for lo := 0; lo < total; lo += per {
		wg.Go(func() { l.run(lo, min(lo+per, total)) })
	}
	wg.Wait()
	return nil
}

// prepare checks the call and builds its launch.
func (b *Backend) prepare(k *ir.Kernel, shape []int, out, in []backend.Operand, scalars []ir.Value) (*launch, int, error) {
	switch {
	case k == nil:
		return nil, 0, fmt.Errorf("nil kernel")
	case len(k.Outputs) == 0:
		return nil, 0, fmt.Errorf("kernel has no outputs")
	case len(in) != len(k.Inputs):
		return nil, 0, fmt.Errorf("kernel takes %d inputs, got %d", len(k.Inputs), len(in))
	case len(out) != len(k.Outputs):
		return nil, 0, fmt.Errorf("kernel has %d outputs, got %d", len(k.Outputs), len(out))
	case len(scalars) != len(k.Scalars):
		return nil, 0, fmt.Errorf("kernel takes %d scalars, got %d", len(k.Scalars), len(scalars))
	}
	total, err := layout.Size(shape)
	if err != nil {
		return nil, 0, err
	}
	p, err := compile(k, scalars) // checks k as k.Validate does, without its allocations
	if err != nil {
		return nil, 0, err
	}
	l := launches.Get().(*launch)
	l.prog = p
	l.mems, l.dtypes = l.mems[:0], l.dtypes[:0]
	nd := max(len(shape), 1) // a 0-d launch is one axis of length 1
	nops := len(in) + len(out)
	l.lay = loopLayout{
		shape:   append(l.lay.shape[:0], 1),
		strides: resize(l.lay.strides, nops*nd),
		offsets: l.lay.offsets[:0],
		nops:    nops,
	}
	if len(shape) > 0 {
		l.lay.shape = append(l.lay.shape[:0], shape...)
	}
	for i, o := range in {
		if err := l.addOperand(o, k.Inputs[i], shape); err != nil {
			l.release()
			return nil, 0, fmt.Errorf("input %d: %w", i, err)
		}
	}
	for i, o := range out {
		if err := l.addOperand(o, k.Outputs[i].DType, shape); err != nil {
			l.release()
			return nil, 0, fmt.Errorf("output %d: %w", i, err)
		}
	}
	// A dry run over zero elements finds ops that do not apply to their
	// operand types, before anything is written.
	f := getFrame(p)
	f.walk.empty(nops)
	err = l.eval(f, 0)
	frames.Put(f)
	if err != nil {
		l.release()
		return nil, 0, err
	}
	if total == 0 {
		return l, 0, nil
	}
	l.lay.simplify()
	for i := range nops {
		if err := checkBounds(&l.lay, i, l.dtypes[i], l.mems[i]); err != nil {
			l.release()
			if i >= len(in) {
				return nil, 0, fmt.Errorf("output %d %w", i-len(in), err)
			}
			return nil, 0, fmt.Errorf("input %d %w", i, err)
		}
	}
	return l, total, nil
}

// addOperand records operand o of type want for a launch of shape.
func (l *launch) addOperand(o backend.Operand, want dtype.DType, shape []int) error {
	if o.DType != want {
		return fmt.Errorf("is %v, the kernel wants %v", o.DType, want)
	}
	if len(o.Strides) != len(shape) {
		return fmt.Errorf("has %d strides for a %d-d shape", len(o.Strides), len(shape))
	}
	mem, err := buffer(o.Buf)
	if err != nil {
		return err
	}
	k := len(l.mems)
	nd := len(l.lay.shape)
	if len(shape) == 0 {
		l.lay.strides[k] = 0
	}
	copy(l.lay.strides[k*nd:], o.Strides)
	l.lay.offsets = append(l.lay.offsets, o.Offset)
	l.mems = append(l.mems, mem)
	l.dtypes = append(l.dtypes, o.DType)
	return nil
}

func (l *launch) release() {
	l.prog.release()
	clear(l.mems)
	launches.Put(l)
}

// run evaluates flat indices [lo, hi) chunk by chunk.
func (l *launch) run(lo, hi int) {
	f := getFrame(l.prog)
	defer frames.Put(f)
	for start := lo; start < hi; start += chunkLen {
		n := min(chunkLen, hi-start)
		l.lay.walk(&f.walk, start, n)
		f.start = start
		l.eval(f, n) // cannot fail: prepare's dry run passed
	}
}

// eval computes every step of the program for the chunk walked into f,
// then stores the outputs.
func (l *launch) eval(f *frame, n int) error {
	if err := l.compute(f, n); err != nil {
		return err
	}
	p := l.prog
	nin := len(l.mems) - len(p.outs)
	for j, o := range p.outs {
		k := nin + j
		store(f, &p.steps[o], n, l.dtypes[k], l.mems[k], k)
	}
	return nil
}

// compute evaluates every step of the program for the chunk walked into
// f, leaving each step's values in its slot (Reduce folds them there).
func (l *launch) compute(f *frame, n int) error {
	p := l.prog
	for i := range p.steps {
		s := &p.steps[i]
		arg := func(j int) *step { return &p.steps[s.args[j]] }
		switch s.op {
		case ir.Input:
			load(f, s, n, l.dtypes[s.index], l.mems[s.index], s.index)
			continue
		case ir.Scalar:
			fill(f, s, n, p.scalars[s.index])
			continue
		case ir.Cast:
			cast(f, s, arg(0), n)
		case ir.Where:
			where(f, s, arg(0), arg(1), arg(2), n)
			continue
		case ir.Counter, ir.Philox, ir.RandomBounded, ir.RandomGamma, ir.RandomPoisson, ir.RandomBinomial, ir.RandomNormal,
			ir.RandomVonMises, ir.RandomZipf, ir.RandomLogseries, ir.RandomHypergeometric:
			random(f, s, arg, f.start, n)
			continue
		default:
			ok := false
			if s.op.Arity() == 1 {
				ok = unary(f, s, arg(0), n)
			} else {
				ok = binary(f, s, arg(0), arg(1), n)
			}
			if !ok {
				return fmt.Errorf("%s does not apply to %v", s.op, p.steps[s.args[0]].dt)
			}
		}
		narrow(f, s, n)
	}
	return nil
}

// fill sets the slot of a scalar leaf to its value.
func fill(f *frame, s *step, n int, v scalar) {
	switch s.rep {
	case repBool:
		setAll(f.b(s, n), v.b)
	case repInt:
		setAll(f.i(s, n), v.i)
	case repUint:
		setAll(f.u(s, n), v.u)
	case repFloat:
		setAll(f.f(s, n), v.f)
	case repComplex:
		setAll(f.c(s, n), v.c)
	}
}

func setAll[T any](d []T, v T) {
	for i := range d {
		d[i] = v
	}
}
