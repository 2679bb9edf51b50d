package cpu_test

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// view is an operand laid out in its own buffer of float64 or int32
// elements, for the naive reference evaluation below.
type view struct {
	op  backend.Operand
	mem []byte
}

// at returns the element at multi-index idx, as float64 (int32 values
// are exact in it).
func (v view) at(idx []int) float64 {
	off := v.op.Offset
	for d, i := range idx {
		off += i * v.op.Strides[d]
	}
	if v.op.DType == dtype.Int32 {
		return float64(int32(binary.LittleEndian.Uint32(v.mem[4*off:])))
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(v.mem[8*off:]))
}

// randomView lays out an operand of shape in a fresh buffer: axes in a
// random order, gaps between elements, reversed axes, and, if broadcast,
// stride 0 on random axes. Elements get random values.
func randomView(t testing.TB, r *rand.Rand, b backend.Backend, shape []int, dt dtype.DType, broadcast bool) view {
	nd := len(shape)
	strides := make([]int, nd)
	offset := 0
	step := 1 + r.IntN(2)
	for _, d := range r.Perm(nd) {
		switch {
		case broadcast && r.IntN(3) == 0:
			strides[d] = 0
		case r.IntN(3) == 0: // reversed axis
			strides[d] = -step
			offset += step * max(shape[d]-1, 0)
		default:
			strides[d] = step
		}
		step *= max(shape[d], 1) + r.IntN(2)
	}
	n := offset + step + r.IntN(3)
	mem := make([]byte, n*dt.Size())
	for i := range n {
		if dt == dtype.Int32 {
			binary.LittleEndian.PutUint32(mem[4*i:], r.Uint32())
		} else {
			binary.LittleEndian.PutUint64(mem[8*i:], math.Float64bits(r.NormFloat64()*10))
		}
	}
	return view{backend.Operand{Buf: upload(t, b, host{dt, mem}), DType: dt, Offset: offset, Strides: strides}, mem}
}

// randomKernel builds a random tree of ops that the naive evaluator
// knows, over nin inputs and one scalar of type dt.
func randomKernel(r *rand.Rand, dt dtype.DType, nin, depth int) *ir.Node {
	if depth == 0 || r.IntN(4) == 0 {
		if r.IntN(5) == 0 {
			return ir.Param(0, dt)
		}
		return ir.In(r.IntN(nin), dt)
	}
	sub := func() *ir.Node { return randomKernel(r, dt, nin, depth-1) }
	switch r.IntN(7) {
	case 0:
		return ir.Apply(ir.Neg, dt, sub())
	case 1:
		return ir.Apply(ir.Abs, dt, sub())
	case 2:
		return ir.Apply(ir.Where, dt, ir.Apply(ir.Less, dtype.Bool, sub(), sub()), sub(), sub())
	}
	return ir.Apply([]ir.Op{ir.Add, ir.Sub, ir.Mul, ir.Maximum}[r.IntN(4)], dt, sub(), sub())
}

// naive evaluates n at one element, one node at a time: float64 nodes in
// float64, int32 nodes in int64 wrapped to int32 after each node.
func naive(n *ir.Node, in []float64, scalar float64) float64 {
	arg := func(i int) float64 { return naive(n.Args[i], in, scalar) }
	var v float64
	switch n.Op {
	case ir.Input:
		return in[n.Index]
	case ir.Scalar:
		return scalar
	case ir.Neg:
		v = -arg(0)
	case ir.Abs:
		v = math.Abs(arg(0))
	case ir.Where:
		if arg(0) != 0 {
			return arg(1)
		}
		return arg(2)
	case ir.Less:
		if arg(0) < arg(1) {
			return 1
		}
		return 0
	case ir.Add:
		v = arg(0) + arg(1)
	case ir.Sub:
		v = arg(0) - arg(1)
	case ir.Mul:
		if n.DType == dtype.Int32 {
			return float64(int32(int64(arg(0)) * int64(arg(1))))
		}
		v = arg(0) * arg(1)
	case ir.Maximum:
		v = math.Max(arg(0), arg(1))
	}
	if n.DType == dtype.Int32 {
		return float64(int32(int64(v)))
	}
	return v
}

// checkRandomLaunch evaluates a random kernel on random strided operands
// of shape and compares every output element with the naive evaluator,
// and every element outside the output view with its old value.
func checkRandomLaunch(t *testing.T, r *rand.Rand, workers int, shape []int) {
	b := cpu.New(workers)
	dt := []dtype.DType{dtype.Float64, dtype.Int32}[r.IntN(2)]
	nin := 1 + r.IntN(3)
	root := randomKernel(r, dt, nin, 4)
	k := &ir.Kernel{Scalars: []dtype.DType{dt}, Outputs: []*ir.Node{root}}
	var ins []view
	var in []backend.Operand
	for range nin {
		k.Inputs = append(k.Inputs, dt)
		v := randomView(t, r, b, shape, dt, true)
		ins, in = append(ins, v), append(in, v.op)
	}
	out := randomView(t, r, b, shape, dt, false)
	scalar := float64(r.IntN(7) - 3)
	var sv ir.Value
	if dt == dtype.Int32 {
		sv[0] = uint64(uint32(int32(scalar)))
	} else {
		sv[0] = math.Float64bits(scalar)
	}
	if err := b.Elementwise(k, shape, []backend.Operand{out.op}, in, []ir.Value{sv}); err != nil {
		t.Fatal(err)
	}
	got := view{out.op, download(t, b, out.op.Buf, dt).data}
	touched := make([]bool, len(out.mem)/dt.Size())
	idx := make([]int, len(shape))
	vals := make([]float64, nin)
	for flat := range total(shape) {
		for d, rem := len(shape)-1, flat; d >= 0; d-- {
			idx[d], rem = rem%shape[d], rem/shape[d]
		}
		for i, v := range ins {
			vals[i] = v.at(idx)
		}
		want := naive(root, vals, scalar)
		if g := got.at(idx); g != want && !(math.IsNaN(g) && math.IsNaN(want)) {
			t.Fatalf("%v kernel %s, shape %v, element %v: got %v, want %v", dt, k.Key(), shape, idx, g, want)
		}
		off := out.op.Offset
		for d, i := range idx {
			off += i * out.op.Strides[d]
		}
		touched[off] = true
	}
	sz := dt.Size()
	for i, tch := range touched {
		if !tch && string(got.mem[i*sz:(i+1)*sz]) != string(out.mem[i*sz:(i+1)*sz]) {
			t.Fatalf("shape %v: element %d outside the output view was written", shape, i)
		}
	}
}

func total(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// FuzzElementwise runs random kernels over random layouts (0-d to 4-d,
// empty axes, broadcasts, reversed and permuted axes) against the naive
// evaluator.
func FuzzElementwise(f *testing.F) {
	for seed := range uint64(60) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		r := rand.New(rand.NewPCG(seed, 99))
		shape := make([]int, r.IntN(5))
		for d := range shape {
			shape[d] = []int{0, 1, 2, 3, 5, 7}[r.IntN(6)]
			if seed%11 == 0 && shape[d] == 0 {
				shape[d] = 4
			}
		}
		checkRandomLaunch(t, r, 1+r.IntN(4), shape)
	})
}

// TestLargeParallel splits launches over many goroutines, with chunk
// boundaries falling inside rows.
func TestLargeParallel(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, shape := range [][]int{{301, 263}, {70001}, {3, 131, 257}} {
		checkRandomLaunch(t, r, 8, shape)
	}
}

// TestAliasedOutput writes a*2 + b back into a, through a strided view.
func TestAliasedOutput(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for _, workers := range []int{1, 8} {
		b := cpu.New(workers)
		shape := []int{190, 400}
		a := randomView(t, r, b, shape, dtype.Float64, false)
		c := randomView(t, r, b, shape, dtype.Float64, true)
		f64 := dtype.Float64
		k := &ir.Kernel{Inputs: []dtype.DType{f64, f64}, Outputs: []*ir.Node{
			ir.Apply(ir.Add, f64, ir.Apply(ir.Add, f64, ir.In(0, f64), ir.In(0, f64)), ir.In(1, f64))}}
		if err := b.Elementwise(k, shape, []backend.Operand{a.op}, []backend.Operand{a.op, c.op}, nil); err != nil {
			t.Fatal(err)
		}
		got := view{a.op, download(t, b, a.op.Buf, f64).data}
		for i := range shape[0] {
			for j := range shape[1] {
				idx := []int{i, j}
				if g, want := got.at(idx), a.at(idx)*2+c.at(idx); g != want {
					t.Fatalf("workers %d, element %v: got %v, want %v", workers, idx, g, want)
				}
			}
		}
	}
}

// TestMultipleOutputs evaluates three outputs of different dtypes that
// share a subexpression, over a 0-d and a 1-d launch.
func TestMultipleOutputs(t *testing.T) {
	b := cpu.New(0)
	f32 := dtype.Float32
	sum := ir.Apply(ir.Add, f32, ir.In(0, f32), ir.Param(0, f32))
	k := &ir.Kernel{Inputs: []dtype.DType{f32}, Scalars: []dtype.DType{f32}, Outputs: []*ir.Node{
		sum,
		ir.Apply(ir.Greater, dtype.Bool, sum, ir.In(0, f32)),
		ir.To(sum, dtype.Int8),
	}}
	x := []float32{1.5, -2.25, 100, 126.75}
	half := ir.Value{uint64(math.Float32bits(0.5))}
	outs := apply(t, b, k, []host{hostOf(x...)}, half)
	s, gt, i8 := elems[float32](outs[0]), elems[bool](outs[1]), elems[int8](outs[2])
	for i, v := range x {
		if s[i] != v+0.5 || !gt[i] || i8[i] != int8(v+0.5) {
			t.Errorf("x=%v: got %v %v %v", v, s[i], gt[i], i8[i])
		}
	}
	// 0-d: one element, no strides.
	in, _ := b.Alloc(4)
	b.Write(in, 0, hostOf[float32](3).data)
	var out []backend.Operand
	for _, o := range k.Outputs {
		buf, _ := b.Alloc(o.DType.Size())
		out = append(out, backend.Operand{Buf: buf, DType: o.DType, Strides: []int{}})
	}
	if err := b.Elementwise(k, nil, out, []backend.Operand{{Buf: in, DType: f32}}, []ir.Value{half}); err != nil {
		t.Fatal(err)
	}
	if got := elems[float32](download(t, b, out[0].Buf, f32)); got[0] != 3.5 {
		t.Errorf("0-d: got %v, want 3.5", got[0])
	}
	if got := elems[int8](download(t, b, out[2].Buf, dtype.Int8)); got[0] != 3 {
		t.Errorf("0-d int8: got %v, want 3", got[0])
	}
}

// TestEmptyLaunch writes nothing, but still rejects a bad kernel.
func TestEmptyLaunch(t *testing.T) {
	b := cpu.New(0)
	buf, _ := b.Alloc(0)
	op := backend.Operand{Buf: buf, DType: dtype.Float32, Strides: []int{0, 1}}
	k := kernelOf(ir.Add, dtype.Float32, dtype.Float32, dtype.Float32)
	if err := b.Elementwise(k, []int{3, 0}, []backend.Operand{op}, []backend.Operand{op, op}, nil); err != nil {
		t.Fatal(err)
	}
	bop := backend.Operand{Buf: buf, DType: dtype.Bool, Strides: []int{0, 1}}
	bad := kernelOf(ir.Sub, dtype.Bool, dtype.Bool, dtype.Bool)
	if err := b.Elementwise(bad, []int{3, 0}, []backend.Operand{bop}, []backend.Operand{bop, bop}, nil); err == nil {
		t.Error("subtract of bools over an empty shape: no error")
	}
}

// TestErrors checks that bad calls return errors that say what is wrong,
// and write nothing.
func TestErrors(t *testing.T) {
	b := cpu.New(2)
	f32 := dtype.Float32
	buf, _ := b.Alloc(16)
	freed, _ := b.Alloc(16)
	b.Free(freed)
	op := func(buf backend.Buffer, dt dtype.DType, off int, strides ...int) backend.Operand {
		return backend.Operand{Buf: buf, DType: dt, Offset: off, Strides: strides}
	}
	add := kernelOf(ir.Add, f32, f32, f32)
	ok := op(buf, f32, 0, 1)
	cases := []struct {
		name    string
		k       *ir.Kernel
		shape   []int
		out, in []backend.Operand
		want    string
	}{
		{"nil kernel", nil, []int{4}, []backend.Operand{ok}, []backend.Operand{ok, ok}, "nil kernel"},
		{"inputs", add, []int{4}, []backend.Operand{ok}, []backend.Operand{ok}, "takes 2 inputs"},
		{"dtype", add, []int{4}, []backend.Operand{ok}, []backend.Operand{ok, op(buf, dtype.Int32, 0, 1)}, "input 1: is int32"},
		{"strides", add, []int{4}, []backend.Operand{ok}, []backend.Operand{ok, op(buf, f32, 0, 1, 1)}, "2 strides for a 1-d shape"},
		{"past the end", add, []int{5}, []backend.Operand{op(buf, f32, 0, 1)}, []backend.Operand{ok, ok}, "reaches elements [0, 4]"},
		{"offset", add, []int{4}, []backend.Operand{ok}, []backend.Operand{ok, op(buf, f32, 1, 1)}, "input 1 reaches elements [1, 4]"},
		{"negative stride", add, []int{4}, []backend.Operand{ok}, []backend.Operand{op(buf, f32, 2, -1), ok}, "input 0 reaches elements [-1, 2]"},
		{"freed", add, []int{4}, []backend.Operand{ok}, []backend.Operand{ok, op(freed, f32, 0, 1)}, "used after Free"},
		{"foreign", add, []int{4}, []backend.Operand{ok}, []backend.Operand{ok, op(fakeBuffer{}, f32, 0, 1)}, "does not belong"},
		{"negative dim", add, []int{-1}, []backend.Operand{ok}, []backend.Operand{ok, ok}, "negative dimension"},
		{"bool subtract", kernelOf(ir.Sub, dtype.Bool, dtype.Bool, dtype.Bool), []int{4},
			[]backend.Operand{op(buf, dtype.Bool, 0, 1)}, []backend.Operand{op(buf, dtype.Bool, 0, 1), op(buf, dtype.Bool, 0, 1)}, "subtract is not defined for bool"},
		{"arg type", &ir.Kernel{Inputs: []dtype.DType{f32, dtype.Int32}, Outputs: []*ir.Node{ir.Apply(ir.Add, f32, ir.In(0, f32), ir.In(1, dtype.Int32))}},
			[]int{4}, []backend.Operand{ok}, []backend.Operand{ok, op(buf, dtype.Int32, 0, 1)}, "different dtypes float32 and int32"},
		{"arity", &ir.Kernel{Inputs: []dtype.DType{f32}, Outputs: []*ir.Node{ir.Apply(ir.Add, f32, ir.In(0, f32))}},
			[]int{4}, []backend.Operand{ok}, []backend.Operand{ok}, "add takes 2 arguments, has 1"},
		{"scalar index", &ir.Kernel{Inputs: []dtype.DType{f32}, Outputs: []*ir.Node{ir.Apply(ir.Add, f32, ir.In(0, f32), ir.Param(0, f32))}},
			[]int{4}, []backend.Operand{ok}, []backend.Operand{ok}, "scalar 0"},
	}
	before := download(t, b, buf, f32)
	for _, c := range cases {
		err := b.Elementwise(c.k, c.shape, c.out, c.in, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "cpu: Elementwise: ") {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	if after := download(t, b, buf, f32); string(after.data) != string(before.data) {
		t.Error("a failed launch wrote its output")
	}
}

type fakeBuffer struct{}

func (fakeBuffer) Size() int { return 16 }

func TestReadWriteAlloc(t *testing.T) {
	b := cpu.New(1)
	buf, err := b.Alloc(10)
	if err != nil || buf.Size() != 10 {
		t.Fatalf("Alloc(10) = %v, %v", buf, err)
	}
	if err := b.Write(buf, 2, []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, 4)
	if err := b.Read(got, buf, 1); err != nil || string(got) != "\x00\x01\x02\x03" {
		t.Errorf("Read = %v, %v", got, err)
	}
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"write past end", b.Write(buf, 8, []byte{1, 2, 3}), "cpu: Write: bytes [8, 11) is outside [0, 10)"},
		{"read negative", b.Read(got, buf, -1), "cpu: Read: bytes [-1, 3) is outside"},
		{"read foreign", b.Read(got, fakeBuffer{}, 0), "does not belong to the CPU backend"},
		{"read nil", b.Read(got, nil, 0), "nil buffer"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, c.err, c.want)
		}
	}
	if _, err := b.Alloc(-1); err == nil {
		t.Error("Alloc(-1): no error")
	}
	empty, err := b.Alloc(0)
	if err != nil || empty.Size() != 0 || b.Write(empty, 0, nil) != nil {
		t.Errorf("Alloc(0) = %v, %v", empty, err)
	}
	b.Free(buf)
	if err := b.Read(got, buf, 0); err == nil || !strings.Contains(err.Error(), "after Free") {
		t.Errorf("read after Free: %v", err)
	}
	if b.Sync() != nil {
		t.Error("Sync failed")
	}
	if d := b.Device(); d.Kind != "cpu" || d.Units != 1 {
		t.Errorf("Device() = %+v", d)
	}
	if _, err := backend.Open("cpu", 1); err == nil {
		t.Error(`Open("cpu", 1): no error`)
	}
	if be, err := backend.Open("cpu", 0); err != nil || be.Device().Kind != "cpu" {
		t.Errorf(`Open("cpu", 0) = %v, %v`, be, err)
	}
}
