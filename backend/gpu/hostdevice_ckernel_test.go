//go:build linux && amd64 && !race

package gpu

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/ebitengine/purego"
	"github.com/stretchr/testify/require"
)

// LoadRaw compiles a module of extern "C" kernels for the host.
func (d *hostDevice) LoadRaw(m backend.RawSource) (LoadedModule, error) {
	h, err := d.open(m.Code)
	if err != nil {
		return nil, err
	}
	return hostModule(h), nil
}

type hostModule uintptr

func (h hostModule) Function(name string) (Function, error) {
	sym, err := purego.Dlsym(uintptr(h), "launch_"+name)
	return Function(sym), err
}

func f32s(xs []float32) []byte {
	b := make([]byte, 4*len(xs))
	for i, x := range xs {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

func upload(t *testing.T, b *Backend, data []byte) backend.Buffer {
	buf, err := b.Alloc(len(data))
	require.NoError(t, err)
	require.NoError(t, b.Write(buf, 0, data))
	return buf
}

func downloadF32(t *testing.T, b *Backend, buf backend.Buffer, n int) []float32 {
	raw := make([]byte, 4*n)
	require.NoError(t, b.Read(raw, buf, 0))
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return out
}

// A user kernel runs in each loop of the built-in kernels on the host
// emulation and matches the same arithmetic done in float64 and rounded
// once to float32 (the kernels compute in float32: 1e-6 relative): the
// flat loop with vectors (and an output the body reads), a broadcast row
// and a transposed input (strided; the tiled path needs 2-D blocks, which
// the emulation lacks), and raw neighbour access with
// the element index and count.
func TestUserKernelOnHostDevice(t *testing.T) {
	b := New(newHostDevice(t))
	r := rand.New(rand.NewPCG(3, 4))
	const rows, cols = 3, 700
	n := rows * cols
	x, y, z0 := make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range n {
		x[i], y[i], z0[i] = float32(r.NormFloat64()), float32(r.NormFloat64()), float32(r.NormFloat64())
	}
	f := dtype.Float32
	in2 := []ir.CParam{{Name: "x", DType: f}, {Name: "y", DType: f}}
	cases := []struct {
		name  string
		k     *ir.CKernel
		shape []int
		cs    []int // the C strides of shape: x's and z's
		ys    []int // y's strides
		raw   bool
		want  func(i, r, c int) float64
	}{
		{"contiguous", &ir.CKernel{Name: "diff", Inputs: in2, Outputs: []ir.CParam{{Name: "z", DType: f}},
			Types: []ir.CParam{{Name: "T", DType: f}}, Body: "const T d = x - y; z = d * d"},
			[]int{n}, []int{1}, []int{1}, false, func(i, _, _ int) float64 { d := float64(x[i]) - float64(y[i]); return d * d }},
		{"reads its output", &ir.CKernel{Name: "acc", Inputs: in2, Outputs: []ir.CParam{{Name: "z", DType: f}},
			Body: "z += x * y"},
			[]int{n}, []int{1}, []int{1}, false, func(i, _, _ int) float64 { return float64(z0[i]) + float64(x[i])*float64(y[i]) }},
		{"broadcast row", &ir.CKernel{Name: "bcast", Inputs: in2, Outputs: []ir.CParam{{Name: "z", DType: f}},
			Body: "z = x * 2.0f + y * y - 1.0f"},
			[]int{rows, cols}, []int{cols, 1}, []int{0, 1}, false, func(i, _, c int) float64 { return float64(x[i])*2 + float64(y[c])*float64(y[c]) - 1 }},
		{"transposed input", &ir.CKernel{Name: "tr", Inputs: in2, Outputs: []ir.CParam{{Name: "z", DType: f}},
			Body: "z = x - y"},
			[]int{rows, 7, cols / 7}, []int{cols, cols / 7, 1}, []int{1, rows * cols / 7, rows}, false, func(i, r, c int) float64 { return float64(x[i]) - float64(y[c*rows+r]) }},
		{"raw neighbour", &ir.CKernel{Name: "nb", Inputs: []ir.CParam{{Name: "x", DType: f}}, Raw: []ir.CParam{{Name: "y", DType: f}},
			Outputs: []ir.CParam{{Name: "z", DType: f}}, Body: "z = x + y[_ind.size() - i - 1]"},
			[]int{n}, []int{1}, nil, true, func(i, _, _ int) float64 { return float64(x[i]) + float64(y[n-1-i]) }},
	}
	timeout(t, 5*time.Minute, func() {
		for _, c := range cases {
			xb, yb, zb := upload(t, b, f32s(x)), upload(t, b, f32s(y)), upload(t, b, f32s(z0))
			out := []backend.Operand{{Buf: zb, DType: f, Strides: c.cs}}
			in := []backend.Operand{{Buf: xb, DType: f, Strides: c.cs}}
			var raw []backend.Operand
			if c.raw {
				raw = []backend.Operand{{Buf: yb, DType: f}}
			} else {
				in = append(in, backend.Operand{Buf: yb, DType: f, Strides: c.ys})
			}
			require.NoError(t, b.ElementwiseC(c.k, c.shape, out, in, raw, nil), c.name)
			got := downloadF32(t, b, zb, n)
			for i := range n {
				want := float32(c.want(i, i/cols, i%cols))
				if math.Abs(float64(got[i]-want)) > 1e-6*math.Max(1, math.Abs(float64(want))) {
					t.Fatalf("%s: element %d is %v, want %v", c.name, i, got[i], want)
				}
			}
		}
	})
}

// A raw kernel launches over a grid with Go scalars and a buffer offset.
func TestRawKernelOnHostDevice(t *testing.T) {
	b := New(newHostDevice(t))
	mod, err := b.LoadRaw(backend.RawSource{Code: `extern "C" __global__ void scale(float *x, float a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = x[i] * a + i;
}
`})
	require.NoError(t, err)
	fn, err := mod.Function("scale")
	require.NoError(t, err)
	const n = 1000
	xs := make([]float32, n+8)
	for i := range xs {
		xs[i] = float32(i) / 3
	}
	buf := upload(t, b, f32s(xs))
	timeout(t, time.Minute, func() {
		require.NoError(t, b.LaunchRaw(fn, [3]uint32{(n + 127) / 128, 1, 1}, [3]uint32{128, 1, 1}, 0, []backend.RawArg{
			{Buf: buf, Offset: 8 * 4}, {Bits: ir.Value{uint64(math.Float32bits(-2))}, Size: 4}, {Bits: ir.Value{n}, Size: 4},
		}))
	})
	got := downloadF32(t, b, buf, n+8)
	for i := range xs {
		want := xs[i]
		if i >= 8 {
			want = xs[i]*-2 + float32(i-8)
		}
		require.Equal(t, want, got[i], "element %d", i)
	}
	require.ErrorContains(t, b.LaunchRaw(fn, [3]uint32{0, 1, 1}, [3]uint32{1, 1, 1}, 0, nil), "at least 1")
	require.ErrorContains(t, b.LaunchRaw(fn, [3]uint32{1, 1, 1}, [3]uint32{1, 1, 1}, 0,
		[]backend.RawArg{{Buf: buf, Offset: 1 << 20}}), "offset")
}

// A kernel whose only outputs are raw runs over its inputs' shape, or over
// a size when it walks no array, as CuPy's does: a scatter through an
// index input (contiguous, and transposed so that the loop is strided) and
// a fill of n elements from i and _ind.size(), checked against float64.
func TestRawOutputsOnHostDevice(t *testing.T) {
	b := New(newHostDevice(t))
	r := rand.New(rand.NewPCG(8, 9))
	f, i32 := dtype.Float32, dtype.Int32
	const rows, cols = 30, 41
	n := rows * cols
	x := make([]float32, n)
	at := make([]byte, 4*n)
	perm := r.Perm(n)
	for i := range n {
		x[i] = float32(r.NormFloat64())
		binary.LittleEndian.PutUint32(at[4*i:], uint32(perm[i]))
	}
	scatter := &ir.CKernel{Name: "scatter", Inputs: []ir.CParam{{Name: "x", DType: f}, {Name: "at", DType: i32}},
		Raw: []ir.CParam{{Name: "y", DType: f, Out: true}}, Body: "y[at] = x * 2.0f + 1.0f"}
	fill := &ir.CKernel{Name: "fill", Raw: []ir.CParam{{Name: "y", DType: f, Out: true}},
		Body: "y[i] = (float)((double)i / _ind.size())"}
	timeout(t, 5*time.Minute, func() {
		for _, strides := range [][]int{{cols, 1}, {1, rows}} { // C order, then transposed
			xb, ab, yb := upload(t, b, f32s(x)), upload(t, b, at), upload(t, b, make([]byte, 4*n))
			in := []backend.Operand{{Buf: xb, DType: f, Strides: strides}, {Buf: ab, DType: i32, Strides: strides}}
			require.NoError(t, b.ElementwiseC(scatter, []int{rows, cols}, nil, in, []backend.Operand{{Buf: yb, DType: f}}, nil))
			got := downloadF32(t, b, yb, n)
			for i := range n { // every element is written once, wherever the loop visits it
				want := float32(float64(x[i])*2 + 1)
				require.InDelta(t, want, got[perm[i]], 1e-6*math.Max(1, math.Abs(float64(want))), "strides %v, element %d", strides, i)
			}
		}
		yb := upload(t, b, make([]byte, 4*(n+1)))
		require.NoError(t, b.ElementwiseC(fill, []int{n}, nil, nil, []backend.Operand{{Buf: yb, DType: f}}, nil))
		got := downloadF32(t, b, yb, n+1)
		for i := range n {
			require.Equal(t, float32(float64(i)/float64(n)), got[i], "element %d", i)
		}
		require.Zero(t, got[n], "the loop stops at the size")
	})
}

// A user kernel's per-thread code runs once per thread around its
// elements in the flat and the strided loops (the tiled one needs 2-D
// blocks, which the emulation lacks): LoopPrep reads a scale once
// that the body uses, and AfterLoop adds the count of the thread's
// elements to a raw counter, which must come to the element count (every
// element counted once, by whichever thread ran it). Each element is one
// float32 product, so it equals the float64 product rounded once.
func TestUserKernelPerThreadOnHostDevice(t *testing.T) {
	b := New(newHostDevice(t))
	r := rand.New(rand.NewPCG(11, 12))
	f := dtype.Float32
	const rows, cols = 37, 291 // odd sizes: vector loop and scalar tail
	n := rows * cols
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(r.NormFloat64())
	}
	scale := float32(r.Float64() + 0.5)
	k := &ir.CKernel{Name: "scaled_count", Inputs: []ir.CParam{{Name: "x", DType: f}}, Outputs: []ir.CParam{{Name: "y", DType: f}},
		Raw:      []ir.CParam{{Name: "scale", DType: f}, {Name: "count", DType: dtype.Uint64, Out: true}},
		Types:    []ir.CParam{{Name: "T", DType: f}},
		LoopPrep: "const T s = scale[0]; unsigned long long done = 0", Body: "y = x * s; done++",
		AfterLoop: "atomicAdd((unsigned long long *)count, done)"}
	timeout(t, 5*time.Minute, func() {
		for _, c := range []struct {
			name    string
			shape   []int
			strides []int // x's; y is C-contiguous
			at      func(i int) int
		}{
			{"contiguous", []int{n}, []int{1}, func(i int) int { return i }},
			{"transposed", []int{rows, 3, cols / 3}, []int{1, rows * cols / 3, rows}, func(i int) int { return (i%cols)*rows + i/cols }},
		} {
			xb, yb := upload(t, b, f32s(x)), upload(t, b, make([]byte, 4*n))
			sb, cb := upload(t, b, f32s([]float32{scale})), upload(t, b, make([]byte, 8))
			ys := []int{1}
			if len(c.shape) == 3 {
				ys = []int{cols, cols / 3, 1}
			}
			require.NoError(t, b.ElementwiseC(k, c.shape, []backend.Operand{{Buf: yb, DType: f, Strides: ys}},
				[]backend.Operand{{Buf: xb, DType: f, Strides: c.strides}},
				[]backend.Operand{{Buf: sb, DType: f}, {Buf: cb, DType: dtype.Uint64}}, nil), c.name)
			got := downloadF32(t, b, yb, n)
			for i := range n {
				require.Equal(t, float32(float64(x[c.at(i)])*float64(scale)), got[i], "%s: element %d", c.name, i)
			}
			count := make([]byte, 8)
			require.NoError(t, b.Read(count, cb, 0))
			require.Equal(t, uint64(n), binary.LittleEndian.Uint64(count), "%s: elements counted", c.name)
		}
	})
}
