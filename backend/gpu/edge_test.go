package gpu

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// An edge is one element through one op, with NumPy's (or glibc's) answer.
type edge struct {
	name string
	op   ir.Op // ir.Cast: to the dtype of want
	in   []elem
	want elem
}

// elem is one element: its dtype and little-endian bytes.
type elem struct {
	dt   dtype.DType
	data []byte
}

func f64(x float64) elem {
	return elem{dtype.Float64, binary.LittleEndian.AppendUint64(nil, math.Float64bits(x))}
}

func f32(x float32) elem {
	return elem{dtype.Float32, binary.LittleEndian.AppendUint32(nil, math.Float32bits(x))}
}

func f32bits(u uint32) elem { return f32(math.Float32frombits(u)) }

func integer(dt dtype.DType, v int64) elem {
	return elem{dt, binary.LittleEndian.AppendUint64(nil, uint64(v))[:dt.Size()]}
}

// edges are the inputs where the CPU backend and the GPU once disagreed
// (the first GPU run of the oracle test), with the answers of NumPy 1.24
// on x86-64 and glibc, which both backends must now give.
func edges() []edge {
	inf32 := float32(math.Inf(1))
	i8, i32, i64 := dtype.Int8, dtype.Int32, dtype.Int64
	u8, u32, u64 := dtype.Uint8, dtype.Uint32, dtype.Uint64
	nan := math.NaN()
	return []edge{
		// glibc's sin and tan of MaxFloat64 (Go's math.Sin was 25 ulp off).
		{"sin(MaxFloat64)", ir.Sin, []elem{f64(math.MaxFloat64)}, f64(0x1.452fc98b34e97p-8)},
		{"tan(MaxFloat64)", ir.Tan, []elem{f64(math.MaxFloat64)}, f64(-0x1.4530cfe729484p-8)},
		{"cos(2^1023)", ir.Cos, []elem{f64(0x1p1023)}, f64(cosOf2p1023)},
		// NumPy's (T)(1.0/0): inf to an integer.
		{"reciprocal(int32 0)", ir.Reciprocal, []elem{integer(i32, 0)}, integer(i32, math.MinInt32)},
		{"reciprocal(int64 0)", ir.Reciprocal, []elem{integer(i64, 0)}, integer(i64, math.MinInt64)},
		{"reciprocal(int8 0)", ir.Reciprocal, []elem{integer(i8, 0)}, integer(i8, 0)},
		{"reciprocal(uint32 0)", ir.Reciprocal, []elem{integer(u32, 0)}, integer(u32, 0)},
		{"reciprocal(int32 -1)", ir.Reciprocal, []elem{integer(i32, -1)}, integer(i32, -1)},
		// Out-of-range casts, as NumPy's on x86-64 (its vectorised loops, for
		// arrays of 8 elements or more: shorter ones give 5e9 mod 2^32 for
		// uint32(5e9), and 0 for uint32(NaN)).
		{"int32(NaN)", ir.Cast, []elem{f64(nan)}, integer(i32, math.MinInt32)},
		{"int32(3e9)", ir.Cast, []elem{f64(3e9)}, integer(i32, math.MinInt32)},
		{"int64(-inf)", ir.Cast, []elem{f64(math.Inf(-1))}, integer(i64, math.MinInt64)},
		{"int8(300.0)", ir.Cast, []elem{f64(300)}, integer(i8, 44)},
		{"int8(NaN)", ir.Cast, []elem{f32(float32(nan))}, integer(i8, 0)},
		{"uint8(-1.0)", ir.Cast, []elem{f64(-1)}, integer(u8, 255)},
		{"uint32(3e9)", ir.Cast, []elem{f64(3e9)}, integer(u32, 3e9)},
		{"uint32(5e9)", ir.Cast, []elem{f64(5e9)}, integer(u32, 0)},
		{"uint64(inf)", ir.Cast, []elem{f32(inf32)}, integer(u64, 0)},
		{"uint64(NaN)", ir.Cast, []elem{f64(nan)}, integer(u64, math.MinInt64)},
		{"uint64(1.5e19)", ir.Cast, []elem{f64(1.5e19)}, integer(u64, -3446744073709551616)},
		// npy_divmodf in float32.
		{"floor_divide(float32)", ir.FloorDiv, []elem{f32(70000), f32bits(0x3bb4ee4b)}, f32bits(0x4b4171ae)},
		{"remainder(float32)", ir.Mod, []elem{f32bits(0x453356e9), f32bits(0x38b421d5)}, f32bits(0x3796324c)},
		// A negative base to a huge (even) power overflows to +inf.
		{"power(float32)", ir.Pow, []elem{f32bits(0xbefd0818), f32(-math.MaxFloat32)}, f32(inf32)},
		{"power(float64)", ir.Pow, []elem{f64(-0.006105816467182314), f64(-math.MaxFloat32)}, f64(math.Inf(1))},
		// exp is finite up to 709.78 (Go's amd64 math.Exp overflows from 709.44).
		{"exp(709.4479281823017)", ir.Exp, []elem{f64(709.4479281823017)}, f64(0x1.6e54fb42bf122p+1023)},
		{"cosh(710)", ir.Cosh, []elem{f64(710)}, f64(0x1.3e21a464507fap+1023)},
	}
}

// cosOf2p1023 is cos(2^1023), from glibc.
const cosOf2p1023 = -0x1.a719f26c232bfp-1

// runEdge computes e on b.
func runEdge(b backend.Backend, e edge) ([]byte, error) {
	var args []*ir.Node
	var ins []backend.Operand
	var dts []dtype.DType
	for i, x := range e.in {
		buf, err := b.Alloc(len(x.data))
		if err != nil {
			return nil, err
		}
		defer b.Free(buf)
		if err := b.Write(buf, 0, x.data); err != nil {
			return nil, err
		}
		ins = append(ins, backend.Operand{Buf: buf, DType: x.dt, Strides: []int{1}})
		args = append(args, ir.In(i, x.dt))
		dts = append(dts, x.dt)
	}
	node := ir.To(args[0], e.want.dt)
	if e.op != ir.Cast {
		node = ir.Apply(e.op, e.want.dt, args...)
	}
	out, err := b.Alloc(e.want.dt.Size())
	if err != nil {
		return nil, err
	}
	defer b.Free(out)
	k := kernelOf(dts, nil, node)
	if err := b.Elementwise(k, []int{1}, []backend.Operand{{Buf: out, DType: e.want.dt, Strides: []int{1}}}, ins, nil); err != nil {
		return nil, err
	}
	got := make([]byte, e.want.dt.Size())
	return got, b.Read(got, out, 0)
}

// checkEdges runs every edge on b: the result must be NumPy's within the
// oracle's tolerance for the op.
func checkEdges(t *testing.T, name string, b backend.Backend) {
	for _, e := range edges() {
		got, err := runEdge(b, e)
		if err != nil {
			t.Errorf("%s: %s: %v", name, e.name, err)
			continue
		}
		if !bytes.Equal(got, e.want.data) && !closeEnough(e.want.dt, got, e.want.data, tolFor(e.op, e.in[0].dt)) {
			t.Errorf("%s: %s = %x, want %x", name, e.name, got, e.want.data)
		}
	}
}

// TestEdgesMatchNumPy checks the inputs of the oracle's first GPU
// mismatches against NumPy's answers, on the CPU backend (everywhere)
// and on the GPU.
func TestEdgesMatchNumPy(t *testing.T) {
	checkEdges(t, "CPU", cpu.New(0))
	checkEdges(t, "GPU", gpu(t))
}
