package cpu_test

import (
	"math"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// host is an array on the host: elements of dt, little-endian, C order.
type host struct {
	dt   dtype.DType
	data []byte
}

func (h host) len() int { return len(h.data) / h.dt.Size() }

func hostOf[T dtype.Element](v ...T) host {
	var zero T
	n := len(v) * int(unsafe.Sizeof(zero))
	b := make([]byte, n)
	if n > 0 {
		copy(b, unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), n))
	}
	return host{dtype.Of[T](), b}
}

func elems[T dtype.Element](h host) []T {
	var zero T
	n := len(h.data) / int(unsafe.Sizeof(zero))
	out := make([]T, n)
	if n > 0 {
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&out[0])), len(h.data)), h.data)
	}
	return out
}

func upload(t testing.TB, b backend.Backend, h host) backend.Buffer {
	t.Helper()
	buf, err := b.Alloc(len(h.data))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Write(buf, 0, h.data); err != nil {
		t.Fatal(err)
	}
	return buf
}

func download(t testing.TB, b backend.Backend, buf backend.Buffer, dt dtype.DType) host {
	t.Helper()
	h := host{dt, make([]byte, buf.Size())}
	if err := b.Read(h.data, buf, 0); err != nil {
		t.Fatal(err)
	}
	return h
}

// apply runs k over contiguous 1-d inputs and returns its outputs.
func apply(t testing.TB, b backend.Backend, k *ir.Kernel, ins []host, scalars ...ir.Value) []host {
	t.Helper()
	n := 1
	if len(ins) > 0 {
		n = ins[0].len()
	}
	var in, out []backend.Operand
	for _, h := range ins {
		in = append(in, backend.Operand{Buf: upload(t, b, h), DType: h.dt, Strides: []int{1}})
	}
	for _, o := range k.Outputs {
		buf, err := b.Alloc(n * o.DType.Size())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, backend.Operand{Buf: buf, DType: o.DType, Strides: []int{1}})
	}
	if err := b.Elementwise(k, []int{n}, out, in, scalars); err != nil {
		t.Fatal(err)
	}
	var res []host
	for _, o := range out {
		res = append(res, download(t, b, o.Buf, o.DType))
	}
	return res
}

// kernelOf returns the kernel out = op(in0, in1...) with result type dt.
func kernelOf(op ir.Op, dt dtype.DType, ins ...dtype.DType) *ir.Kernel {
	k := &ir.Kernel{Inputs: ins}
	var args []*ir.Node
	for i, d := range ins {
		args = append(args, ir.In(i, d))
	}
	if op == ir.Cast {
		k.Outputs = []*ir.Node{ir.To(args[0], dt)}
	} else {
		k.Outputs = []*ir.Node{ir.Apply(op, dt, args...)}
	}
	return k
}

// parts returns element i of a float or complex array as float64
// parts (one for floats, two for complex).
func parts(h host, i int) []float64 {
	d := h.data
	switch h.dt {
	case dtype.Float16:
		return []float64{dtype.F16(uint16(d[2*i]) | uint16(d[2*i+1])<<8).Float64()}
	case dtype.BFloat16:
		return []float64{dtype.BF16(uint16(d[2*i]) | uint16(d[2*i+1])<<8).Float64()}
	case dtype.Float32:
		return []float64{float64(f32at(d, i))}
	case dtype.Float64:
		return []float64{f64at(d, i)}
	case dtype.Complex64:
		return []float64{float64(f32at(d, 2*i)), float64(f32at(d, 2*i+1))}
	case dtype.Complex128:
		return []float64{f64at(d, 2*i), f64at(d, 2*i+1)}
	}
	return nil
}

func f32at(d []byte, i int) float32 {
	return math.Float32frombits(uint32(d[4*i]) | uint32(d[4*i+1])<<8 | uint32(d[4*i+2])<<16 | uint32(d[4*i+3])<<24)
}

func f64at(d []byte, i int) float64 {
	var u uint64
	for j := 7; j >= 0; j-- {
		u = u<<8 | uint64(d[8*i+j])
	}
	return math.Float64frombits(u)
}

// ulpDiff returns how many values of float type dt lie between x and y
// (both exactly representable in dt); 0 for two NaNs, and a large number
// for NaN against a number or +0 against -0 (which count as 1 apart).
func ulpDiff(x, y float64, dt dtype.DType) uint64 {
	if math.IsNaN(x) || math.IsNaN(y) {
		if math.IsNaN(x) && math.IsNaN(y) {
			return 0
		}
		return math.MaxUint64
	}
	ord := func(v float64) int64 {
		var b int64
		switch dt {
		case dtype.Float16:
			b = int64(dtype.F16FromFloat64(v))
			if b&0x8000 != 0 {
				b = -(b &^ 0x8000) - 1
			}
		case dtype.BFloat16:
			b = int64(dtype.BF16FromFloat64(v))
			if b&0x8000 != 0 {
				b = -(b &^ 0x8000) - 1
			}
		case dtype.Float32, dtype.Complex64:
			b = int64(math.Float32bits(float32(v)))
			if b&(1<<31) != 0 {
				b = -(b &^ (1 << 31)) - 1
			}
		default:
			u := math.Float64bits(v)
			b = int64(u &^ (1 << 63))
			if u>>63 != 0 {
				b = -b - 1
			}
		}
		return b
	}
	d := ord(x) - ord(y)
	if d < 0 {
		d = -d
	}
	return uint64(d)
}

// opByName maps NumPy's ufunc names to ops.
var opByName = func() map[string]ir.Op {
	m := map[string]ir.Op{}
	for op := ir.Op(0); op < 255; op++ {
		if op.Arity() >= 0 {
			m[op.String()] = op
		}
	}
	return m
}()
