package random

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// Generator draws random numbers on one device. Its methods are safe for
// concurrent use; each draw takes the next stream number, so the order of
// the calls decides which numbers each gets.
type Generator struct {
	dev *array.Device
	key uint64

	mu      sync.Mutex
	next    uint64 // stream number of the next draw
	base    uint64 // the first stream number: Jumped's distance from New's
	spawned uint64 // children spawned so far
}

// jumpStreams is how far Jumped moves the stream number per jump.
const jumpStreams = 1 << 40

// New returns a generator seeded with seed, drawing on the default device.
func New(seed uint64) *Generator { return NewOn(array.DefaultDevice(), seed) }

// NewOn returns a generator seeded with seed, drawing on device d. One
// seed gives the same numbers on every device.
func NewOn(d *array.Device, seed uint64) *Generator {
	return &Generator{dev: d, key: splitMix64(seed)}
}

// splitMix64 is SplitMix64's output function of x + its increment: it
// turns nearby seeds into unrelated keys.
func splitMix64(x uint64) uint64 {
	z := x + 0x9E3779B97F4A7C15
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// errNilGenerator is the error of every draw of a nil *Generator.
var errNilGenerator = errors.New("nil *Generator (use New, NewOn or Default)")

// Device returns the device the generator draws on (nil for a nil g).
func (g *Generator) Device() *array.Device {
	if g == nil {
		return nil
	}
	return g.dev
}

// On returns a generator with g's key and stream position that draws on
// device d: g and it then give the same numbers, each on its device.
func (g *Generator) On(d *array.Device) *Generator {
	if g == nil { // its draws report the nil generator
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return &Generator{dev: d, key: g.key, next: g.next, base: g.base, spawned: g.spawned}
}

// Jumped returns a generator that continues as g would after jumps·2^40
// draws (numpy's Generator.bit_generator.jumped): it never overlaps g
// unless one of the two makes 2^40 draws.
func (g *Generator) Jumped(jumps uint64) *Generator {
	if g == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	base := g.base + jumps*jumpStreams
	return &Generator{dev: g.dev, key: g.key, next: g.next + jumps*jumpStreams, base: base}
}

// MaxSpawn is the most children one Spawn call makes. Successive calls
// continue the numbering of the children, so that Spawn(a) then Spawn(b)
// gives the children Spawn(a+b) would: more are had by calling again.
const MaxSpawn = 1 << 20

// Spawn returns n child generators with independent streams (numpy's
// Generator.spawn): each has its own key, derived from g's key, the
// jumps that made g, and the child's number among all g has spawned. A
// negative n, or one above MaxSpawn, is an error (and spawns nothing).
func (g *Generator) Spawn(n int) ([]*Generator, error) {
	switch {
	case g == nil:
		return nil, fmt.Errorf("random.Spawn: %w", errNilGenerator)
	case n < 0:
		return nil, fmt.Errorf("random.Spawn: negative number of children %d", n)
	case n > MaxSpawn:
		return nil, fmt.Errorf("random.Spawn: %d children at once is more than MaxSpawn (%d); spawn them in several calls", n, MaxSpawn)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]*Generator, n)
	for i := range out {
		g.spawned++
		out[i] = &Generator{dev: g.dev, key: splitMix64(splitMix64(g.key^g.base) + g.spawned)}
	}
	return out, nil
}

// stream takes the stream number of one draw.
func (g *Generator) stream() uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	s := g.next
	g.next++
	return s
}

// kernel builds one draw's kernel: the parameters become scalars or
// inputs, and the stream and key the first two scalars.
type kernel struct {
	scalars []dtype.DType
	vals    []ir.Value
	inputs  []dtype.DType
	ins     []*array.Array
	key     *ir.Node
	stream  *ir.Node
	counter *ir.Node
}

func (g *Generator) newKernel() *kernel {
	k := &kernel{counter: &ir.Node{Op: ir.Counter, DType: dtype.Uint64}}
	k.key = k.scalar(dtype.Uint64, ir.Value{g.key})
	k.stream = k.scalar(dtype.Uint64, ir.Value{g.stream()})
	return k
}

func (k *kernel) scalar(dt dtype.DType, v ir.Value) *ir.Node {
	k.scalars = append(k.scalars, dt)
	k.vals = append(k.vals, v)
	return ir.Param(len(k.scalars)-1, dt)
}

// u64 is a uint64 constant.
func (k *kernel) u64(x uint64) *ir.Node { return k.scalar(dtype.Uint64, ir.Value{x}) }

// u32 is a uint32 constant.
func (k *kernel) u32(x uint32) *ir.Node { return k.scalar(dtype.Uint32, ir.Value{uint64(x)}) }

// i64 is an int64 constant.
func (k *kernel) i64(x int64) *ir.Node { return k.scalar(dtype.Int64, ir.Value{uint64(x)}) }

// float is a float constant of dtype dt.
func (k *kernel) float(dt dtype.DType, x float64) *ir.Node {
	var bits uint64
	switch dt {
	case dtype.Float16:
		bits = uint64(dtype.F16FromFloat64(x))
	case dtype.Float32:
		bits = uint64(math.Float32bits(float32(x)))
	default:
		bits = math.Float64bits(x)
	}
	return k.scalar(dt, ir.Value{bits})
}

// input adds a parameter array as an input.
func (k *kernel) input(a *array.Array) *ir.Node {
	k.inputs = append(k.inputs, a.DType())
	k.ins = append(k.ins, a)
	return ir.In(len(k.ins)-1, a.DType())
}

// param is a distribution parameter: a scalar constant, or an input when
// it is an array (already of dtype dt).
func (k *kernel) param(p param, dt dtype.DType) *ir.Node {
	if p.arr != nil {
		return k.input(p.arr)
	}
	if dt == dtype.Int64 {
		return k.i64(int64(p.x))
	}
	return k.float(dt, p.x)
}

// position is the stream position of word j of w words per element.
func (k *kernel) position(j, w uint64) *ir.Node {
	if w == 1 {
		return k.counter
	}
	p := ir.Apply(ir.Mul, dtype.Uint64, k.counter, k.u64(w))
	if j == 0 {
		return p
	}
	return ir.Apply(ir.Add, dtype.Uint64, p, k.u64(j))
}

// uniform is word j (of w per element) as a float of dtype dt in [0, 1).
func (k *kernel) uniform(dt dtype.DType, j, w uint64) *ir.Node {
	return k.uniformAt(dt, k.position(j, w))
}

// uniformAt is the word at stream position pos as a float of dtype dt in
// [0, 1): the top 11, 24 or 53 bits scaled, exactly.
func (k *kernel) uniformAt(dt dtype.DType, pos *ir.Node) *ir.Node {
	switch dt {
	case dtype.Float64:
		bits := ir.Apply(ir.Philox, dtype.Uint64, k.key, k.stream, pos)
		top := ir.Apply(ir.RightShift, dtype.Uint64, bits, k.u64(11))
		return ir.Apply(ir.Mul, dt, ir.To(top, dt), k.float(dt, 0x1p-53))
	case dtype.Float32, dtype.Float16:
		shift, scale := uint32(8), 0x1p-24
		if dt == dtype.Float16 {
			shift, scale = 21, 0x1p-11
		}
		bits := ir.Apply(ir.Philox, dtype.Uint32, k.key, k.stream, pos)
		top := ir.Apply(ir.RightShift, dtype.Uint32, bits, k.u32(shift))
		return ir.Apply(ir.Mul, dt, ir.To(top, dt), k.float(dt, scale))
	}
	panic(fmt.Sprintf("random: uniform of %v", dt)) // the callers check dt
}

// normal is a standard normal of dtype dt by Box-Muller. float32 normals
// are ir.RandomNormal, pairs of elements sharing their uniforms (one
// Philox block per four elements); a float64 element takes the 64-bit
// words 2i and 2i+1: sqrt(-2 log(1-u1)) cos(2π u2).
func (k *kernel) normal(dt dtype.DType) *ir.Node {
	if dt == dtype.Float32 {
		return ir.Apply(ir.RandomNormal, dt, k.key, k.stream, k.counter)
	}
	return k.boxMuller(dt, k.uniform(dt, 0, 2), k.uniform(dt, 1, 2))
}

// boxMuller is the normal sqrt(-2 log(1-u1)) cos(2π u2) of uniforms u1, u2.
func (k *kernel) boxMuller(dt dtype.DType, u1, u2 *ir.Node) *ir.Node {
	oneMinus := ir.Apply(ir.Sub, dt, k.float(dt, 1), u1)
	r := ir.Apply(ir.Sqrt, dt, ir.Apply(ir.Mul, dt, k.float(dt, -2), ir.Apply(ir.Log, dt, oneMinus)))
	return ir.Apply(ir.Mul, dt, r, ir.Apply(ir.Cos, dt, ir.Apply(ir.Mul, dt, k.float(dt, 2*math.Pi), u2)))
}

// exponential is a standard exponential of dtype dt: -log(1-u).
func (k *kernel) exponential(dt dtype.DType, j, w uint64) *ir.Node {
	u := k.uniform(dt, j, w)
	return ir.Apply(ir.Neg, dt, ir.Apply(ir.Log1p, dt, ir.Apply(ir.Neg, dt, u)))
}

// gamma is a float64 standard gamma of the given shape, the j-th sampler
// (of w per element).
func (k *kernel) gamma(shape *ir.Node, j, w uint64) *ir.Node {
	return ir.Apply(ir.RandomGamma, dtype.Float64, k.key, k.stream, k.position(j, w), shape)
}

// run evaluates expr into out.
func (k *kernel) run(op string, expr *ir.Node, out *array.Array) error {
	kern := &ir.Kernel{Inputs: k.inputs, Scalars: k.scalars, Outputs: []*ir.Node{ir.To(expr, out.DType())}}
	return array.RunKernel(op, kern, out, k.ins, k.vals)
}
