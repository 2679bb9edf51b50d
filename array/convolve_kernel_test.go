package array

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// correlateKernelDTypes are the dtypes the direct kernel is built for.
var correlateKernelDTypes = []DType{Bool, Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32, Uint64, Float32, Float64}

// TestCorrelateKernelsCompile compiles the direct correlation kernel of
// every dtype, in the layouts a GPU launches it with (a new contiguous
// output, 32- and 64-bit indices), with NVRTC and hiprtc: no GPU needed.
func TestCorrelateKernelsCompile(t *testing.T) {
	for _, c := range []struct {
		v       cgen.Vendor
		need    func(testing.TB)
		compile func(string) error
	}{{cgen.CUDA, kerneltest.NeedNVRTC, kerneltest.CompileCUDA}, {cgen.HIP, kerneltest.NeedHIPRTC, kerneltest.CompileHIP}} {
		t.Run(c.v.String(), func(t *testing.T) {
			c.need(t)
			var srcs []kerneltest.Source
			for _, dt := range correlateKernelDTypes {
				for _, l := range []cgen.Layout{{Contiguous: true}, {Contiguous: true, Index64: true}} {
					s, err := cgen.RenderC(correlateKernel(dt), l, c.v)
					require.NoError(t, err, dt)
					srcs = append(srcs, kerneltest.Source{Name: dt.String() + " " + l.String(), Code: s.Code})
				}
			}
			kerneltest.CompileAll(t, srcs, c.compile)
		})
	}
}

// correlateEmulator is the CPU backend with the direct correlation
// kernel computed in Go, as its C body does on a GPU (64-bit unsigned
// integer arithmetic, float and double sums), so that the path a GPU
// takes (padding, offsets, the filter copied when it is a view, the
// scalar m) runs without one.
type correlateEmulator struct {
	*cpu.Backend
	launches int
}

func (e *correlateEmulator) ElementwiseC(k *ir.CKernel, shape []int, out, in, raw []backend.Operand, scalars []ir.Value) error {
	if k.Name != "correlate_direct" {
		return backend.ErrNoCompiler
	}
	e.launches++
	dt, m, n := out[0].DType, int(scalars[0][0]), shapeSize(shape) // the collapsed shape of a 1-d output
	pad, signal := int(scalars[1][0]), int(scalars[2][0])
	terms := func(i int) (int, int) { return max(0, pad-i), min(m, pad+signal-i) }
	size := dt.Size()
	read := func(o backend.Operand, count int) []byte {
		b := make([]byte, count*size)
		if err := e.Read(b, o.Buf, o.Offset*size); err != nil {
			panic(err)
		}
		return b
	}
	x, y := read(raw[0], n+m-1), read(raw[1], m)
	res := make([]byte, n*size)
	for i := range n {
		if dt.Kind() == dtype.FloatKind {
			s := 0.0
			k0, k1 := terms(i)
			for k := k0; k < k1; k++ {
				p := floatAt(dt, x[(i+k)*size:]) * floatAt(dt, y[k*size:])
				if dt == Float32 {
					s = float64(float32(s) + float32(p))
				} else {
					s += p
				}
			}
			putFloat(dt, res[i*size:], s)
			continue
		}
		var s uint64
		k0, k1 := terms(i)
		for k := k0; k < k1; k++ {
			s += intBits(dt, x[(i+k)*size:]) * intBits(dt, y[k*size:])
		}
		if dt == Bool && s != 0 {
			s = 1
		}
		for j := range size {
			res[i*size+j] = byte(s >> (8 * j))
		}
	}
	return e.Write(out[0].Buf, out[0].Offset*size, res)
}

func (e *correlateEmulator) LoadRaw(backend.RawSource) (backend.RawModule, error) {
	return nil, backend.ErrNoCompiler
}

func (e *correlateEmulator) LaunchRaw(backend.RawFunction, [3]uint32, [3]uint32, uint32, []backend.RawArg) error {
	return backend.ErrNoCompiler
}

// intBits is an integer element, sign-extended, as 64 unsigned bits.
func intBits(dt DType, b []byte) uint64 {
	var u uint64
	for j := range dt.Size() {
		u |= uint64(b[j]) << (8 * j)
	}
	if dt.Kind() == dtype.IntKind && dt.Size() < 8 && u>>(8*dt.Size()-1)&1 == 1 {
		u |= math.MaxUint64 << (8 * dt.Size())
	}
	return u
}

func putFloat(dt DType, b []byte, f float64) {
	if dt == Float32 {
		binary.LittleEndian.PutUint32(b, math.Float32bits(float32(f)))
		return
	}
	binary.LittleEndian.PutUint64(b, math.Float64bits(f))
}

// TestCorrelateKernelPath runs the convolution cases of the NumPy
// fixture on a backend that "compiles" the direct kernel, emulated in
// Go: the inputs and dtypes a GPU sends to the kernel, checked against
// NumPy.
func TestCorrelateKernelPath(t *testing.T) {
	e := &correlateEmulator{Backend: cpu.New(0)}
	checkSignalCases(t, On(e), func(fn string) bool { return strings.HasPrefix(fn, "convolve") || strings.HasPrefix(fn, "correlate") })
	require.Positive(t, e.launches)
}
