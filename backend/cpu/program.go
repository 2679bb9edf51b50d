package cpu

import (
	"fmt"
	"math"
	"sync"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// chunkLen is how many elements one frame evaluates at a time: large
// enough that per-chunk dispatch is noise, small enough that the temporaries
// of a typical kernel stay in L2.
const chunkLen = 2048

// rep is how values of a dtype are held while a kernel runs: every node of
// a kind computes in the widest Go type of that kind and is then narrowed to
// its own dtype (wrapped for integers, rounded for floats).
type rep uint8

const (
	repBool rep = iota
	repInt
	repUint
	repFloat
	repComplex
	numReps
)

func repOf(dt dtype.DType) rep {
	switch dt.Kind() {
	case dtype.BoolKind:
		return repBool
	case dtype.IntKind:
		return repInt
	case dtype.UintKind:
		return repUint
	case dtype.FloatKind:
		return repFloat
	}
	return repComplex
}

// step is one node of the kernel, in evaluation order. Its value for the
// current chunk lives in slot number slot of its rep in the frame.
type step struct {
	op    ir.Op
	dt    dtype.DType
	rep   rep
	slot  int
	index int    // input or scalar index of a leaf
	args  [6]int // step numbers of the arguments (ir.RandomHypergeometric has six)
}

// scalar is a decoded scalar parameter, in the field of its rep.
type scalar struct {
	b bool
	i int64
	u uint64
	f float64
	c complex128
}

// program is a kernel flattened into steps. Shared subtrees are evaluated
// once. Programs are pooled, so that a small launch allocates little.
type program struct {
	steps   []step
	nodes   []*ir.Node // nodes[i] is the node of steps[i], to find shared ones
	slots   [numReps]int
	outs    []int // step of each output
	scalars []scalar
}

var programs = sync.Pool{New: func() any { return new(program) }}

// compile flattens k, checking the operand types of every node.
func compile(k *ir.Kernel, scalars []ir.Value) (*program, error) {
	p := programs.Get().(*program)
	p.steps, p.nodes, p.outs, p.scalars = p.steps[:0], p.nodes[:0], p.outs[:0], p.scalars[:0]
	p.slots = [numReps]int{}
	for _, o := range k.Outputs {
		s, err := p.add(k, o)
		if err != nil {
			p.release()
			return nil, err
		}
		p.outs = append(p.outs, s)
	}
	for i, v := range scalars {
		p.scalars = append(p.scalars, decodeScalar(k.Scalars[i], v))
	}
	return p, nil
}

func (p *program) release() { programs.Put(p) }

// add appends the steps of n's subtree (once per distinct node) and
// returns n's step number.
func (p *program) add(k *ir.Kernel, n *ir.Node) (int, error) {
	if n == nil {
		return 0, fmt.Errorf("nil node")
	}
	for i, m := range p.nodes {
		if m == n {
			return i, nil
		}
	}
	if n.DType.Size() == 0 {
		return 0, fmt.Errorf("%s has invalid dtype %v", n.Op, n.DType)
	}
	if want := n.Op.Arity(); want < 0 || len(n.Args) != want {
		return 0, fmt.Errorf("%s takes %d arguments, has %d", n.Op, want, len(n.Args))
	}
	switch {
	case n.Op == ir.Input && (n.Index < 0 || n.Index >= len(k.Inputs) || k.Inputs[n.Index] != n.DType):
		return 0, fmt.Errorf("input %d (%v) does not match the kernel's inputs %v", n.Index, n.DType, k.Inputs)
	case n.Op == ir.Scalar && (n.Index < 0 || n.Index >= len(k.Scalars) || k.Scalars[n.Index] != n.DType):
		return 0, fmt.Errorf("scalar %d (%v) does not match the kernel's scalars %v", n.Index, n.DType, k.Scalars)
	}
	s := step{op: n.Op, dt: n.DType, rep: repOf(n.DType), index: n.Index}
	for i, a := range n.Args {
		j, err := p.add(k, a)
		if err != nil {
			return 0, err
		}
		s.args[i] = j
	}
	if err := n.Check(); err != nil {
		return 0, err
	}
	s.slot = p.slots[s.rep]
	p.slots[s.rep]++
	p.steps = append(p.steps, s)
	p.nodes = append(p.nodes, n)
	return len(p.steps) - 1, nil
}

// componentOf returns the float type of a complex type's parts.
func componentOf(c dtype.DType) dtype.DType {
	if c == dtype.Complex64 {
		return dtype.Float32
	}
	return dtype.Float64
}

// decodeScalar reads v, which holds the little-endian bytes of a value of
// type dt from its low word up.
func decodeScalar(dt dtype.DType, v ir.Value) scalar {
	w := v[0]
	switch dt {
	case dtype.Bool:
		return scalar{b: uint8(w) != 0}
	case dtype.Int8:
		return scalar{i: int64(int8(w))}
	case dtype.Int16:
		return scalar{i: int64(int16(w))}
	case dtype.Int32:
		return scalar{i: int64(int32(w))}
	case dtype.Int64:
		return scalar{i: int64(w)}
	case dtype.Uint8:
		return scalar{u: uint64(uint8(w))}
	case dtype.Uint16:
		return scalar{u: uint64(uint16(w))}
	case dtype.Uint32:
		return scalar{u: uint64(uint32(w))}
	case dtype.Uint64:
		return scalar{u: w}
	case dtype.Float16:
		return scalar{f: dtype.F16(w).Float64()}
	case dtype.BFloat16:
		return scalar{f: dtype.BF16(w).Float64()}
	case dtype.Float32:
		return scalar{f: float64(math.Float32frombits(uint32(w)))}
	case dtype.Float64:
		return scalar{f: math.Float64frombits(w)}
	case dtype.Complex64:
		return scalar{c: complex(float64(math.Float32frombits(uint32(w))), float64(math.Float32frombits(uint32(w>>32))))}
	}
	return scalar{c: complex(math.Float64frombits(w), math.Float64frombits(v[1]))}
}

// frame holds the temporaries of one chunk: a slice of chunkLen values per
// slot, plus the walk of the chunk over the operands.
type frame struct {
	bools     [][]bool
	ints      [][]int64
	uints     [][]uint64
	floats    [][]float64
	complexes [][]complex128
	walk      walk
	start     int // flat index of the chunk's first element (ir.Counter)
}

var frames = sync.Pool{New: func() any { return new(frame) }}

// getFrame returns a frame with at least the slots p needs.
func getFrame(p *program) *frame {
	f := frames.Get().(*frame)
	grow(&f.bools, p.slots[repBool])
	grow(&f.ints, p.slots[repInt])
	grow(&f.uints, p.slots[repUint])
	grow(&f.floats, p.slots[repFloat])
	grow(&f.complexes, p.slots[repComplex])
	return f
}

func grow[T any](slots *[][]T, n int) {
	for len(*slots) < n {
		*slots = append(*slots, make([]T, chunkLen))
	}
}

func (f *frame) b(s *step, n int) []bool       { return f.bools[s.slot][:n] }
func (f *frame) i(s *step, n int) []int64      { return f.ints[s.slot][:n] }
func (f *frame) u(s *step, n int) []uint64     { return f.uints[s.slot][:n] }
func (f *frame) f(s *step, n int) []float64    { return f.floats[s.slot][:n] }
func (f *frame) c(s *step, n int) []complex128 { return f.complexes[s.slot][:n] }
