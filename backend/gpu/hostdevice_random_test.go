//go:build linux && amd64 && !race

package gpu

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
	"time"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// randomOnHost adds the CUDA intrinsics the random kernels use to the
// host emulation.
const randomOnHost = `#include <cmath>
#include <cstring>
static unsigned __umulhi(unsigned a, unsigned b) { return (unsigned)(((unsigned long long)a * b) >> 32); }
static unsigned long long __umul64hi(unsigned long long a, unsigned long long b) {
  return (unsigned long long)(((unsigned __int128)a * b) >> 64);
}
static unsigned __float_as_uint(float f) { unsigned u; std::memcpy(&u, &f, 4); return u; }
static float __uint_as_float(unsigned u) { float f; std::memcpy(&f, &u, 4); return f; }
`

// randomHostDevice is the host device with randomOnHost.
type randomHostDevice struct{ *hostDevice }

func (d randomHostDevice) Load(src string, entries ...string) ([]Function, error) {
	return d.hostDevice.Load(randomOnHost+src, entries...)
}

// The float32 normal kernel, launched by the GPU backend on the host
// emulation, gives the CPU backend's bits: into a contiguous output (16-byte
// vectors of four elements sharing a Philox block, then the tail) and into
// a transposed one (the strided loop).
func TestRandomNormalOnHostDevice(t *testing.T) {
	b := New(randomHostDevice{newHostDevice(t)})
	c := cpu.New(0)
	u64 := dtype.Uint64
	k := &ir.Kernel{Scalars: []dtype.DType{u64, u64}, Outputs: []*ir.Node{
		ir.Apply(ir.RandomNormal, dtype.Float32, ir.Param(0, u64), ir.Param(1, u64), &ir.Node{Op: ir.Counter, DType: u64})}}
	scalars := []ir.Value{{0x0123456789abcdef}, {41}}
	for _, tc := range []struct {
		shape, strides []int
	}{{[]int{4099}, []int{1}}, {[]int{53, 37}, []int{1, 53}}} {
		n := tc.shape[0]
		if len(tc.shape) > 1 {
			n *= tc.shape[1]
		}
		run := func(be backend.Backend) []byte {
			buf, err := be.Alloc(4 * n)
			if err != nil {
				t.Fatal(err)
			}
			defer be.Free(buf)
			out := []backend.Operand{{Buf: buf, DType: dtype.Float32, Strides: tc.strides}}
			if err := be.Elementwise(k, tc.shape, out, nil, scalars); err != nil {
				t.Fatal(err)
			}
			raw := make([]byte, 4*n)
			if err := be.Read(raw, buf, 0); err != nil {
				t.Fatal(err)
			}
			return raw
		}
		timeout(t, 5*time.Minute, func() {
			if want, got := run(c), run(b); !bytes.Equal(want, got) {
				t.Errorf("shape %v, strides %v: the kernel's normals differ from the CPU's", tc.shape, tc.strides)
			}
		})
	}
}

// The samplers, launched by the GPU backend on the host emulation, give
// the CPU backend's draws: the Philox words and the bounded integers bit
// for bit, the integer samplers exactly (each path: inversion and
// rejection for Poisson and binomial, the small and the ratio method of
// the hypergeometric), and the float64 ones (gamma below and above shape
// 1, von Mises) to 1e-12 relative, as the host's libm and Go's math may
// differ in last bits.
func TestRandomSamplersOnHostDevice(t *testing.T) {
	b := New(randomHostDevice{newHostDevice(t)})
	c := cpu.New(0)
	u32, u64, f64, i64 := dtype.Uint32, dtype.Uint64, dtype.Float64, dtype.Int64
	f := func(v float64) ir.Value { return ir.Value{math.Float64bits(v)} }
	i := func(v int64) ir.Value { return ir.Value{uint64(v)} }
	cases := []struct {
		name   string
		op     ir.Op
		out    dtype.DType
		params []dtype.DType
		values []ir.Value
	}{
		{"philox32", ir.Philox, u32, nil, nil},
		{"philox64", ir.Philox, u64, nil, nil},
		{"bounded", ir.RandomBounded, u64, []dtype.DType{u64}, []ir.Value{{1000}}},
		{"gamma 0.7", ir.RandomGamma, f64, []dtype.DType{f64}, []ir.Value{f(0.7)}},
		{"gamma 3.5", ir.RandomGamma, f64, []dtype.DType{f64}, []ir.Value{f(3.5)}},
		{"poisson 4", ir.RandomPoisson, i64, []dtype.DType{f64}, []ir.Value{f(4)}},
		{"poisson 50", ir.RandomPoisson, i64, []dtype.DType{f64}, []ir.Value{f(50)}},
		{"binomial 20 0.3", ir.RandomBinomial, i64, []dtype.DType{i64, f64}, []ir.Value{i(20), f(0.3)}},
		{"binomial 1000 0.4", ir.RandomBinomial, i64, []dtype.DType{i64, f64}, []ir.Value{i(1000), f(0.4)}},
		{"vonmises 2", ir.RandomVonMises, f64, []dtype.DType{f64}, []ir.Value{f(2)}},
		{"zipf 2.5", ir.RandomZipf, i64, []dtype.DType{f64}, []ir.Value{f(2.5)}},
		{"logseries 0.7", ir.RandomLogseries, i64, []dtype.DType{f64}, []ir.Value{f(0.7)}},
		{"hypergeometric small", ir.RandomHypergeometric, i64, []dtype.DType{i64, i64, i64}, []ir.Value{i(20), i(30), i(10)}},
		{"hypergeometric ratio", ir.RandomHypergeometric, i64, []dtype.DType{i64, i64, i64}, []ir.Value{i(500), i(700), i(300)}},
	}
	const n = 1001
	for _, tc := range cases {
		args := []*ir.Node{ir.Param(0, u64), ir.Param(1, u64), {Op: ir.Counter, DType: u64}}
		for k, dt := range tc.params {
			args = append(args, ir.Param(2+k, dt))
		}
		k := &ir.Kernel{Scalars: append([]dtype.DType{u64, u64}, tc.params...),
			Outputs: []*ir.Node{ir.Apply(tc.op, tc.out, args...)}}
		scalars := append([]ir.Value{{0x0123456789abcdef}, {7}}, tc.values...)
		run := func(be backend.Backend) []byte {
			buf, err := be.Alloc(tc.out.Size() * n)
			if err != nil {
				t.Fatal(err)
			}
			defer be.Free(buf)
			out := []backend.Operand{{Buf: buf, DType: tc.out, Strides: []int{1}}}
			if err := be.Elementwise(k, []int{n}, out, nil, scalars); err != nil {
				t.Fatal(tc.name, err)
			}
			raw := make([]byte, tc.out.Size()*n)
			if err := be.Read(raw, buf, 0); err != nil {
				t.Fatal(err)
			}
			return raw
		}
		var want, got []byte
		timeout(t, 5*time.Minute, func() { want, got = run(c), run(b) })
		// real draws, not a sampler giving up (NaN, -1) or a constant
		size := tc.out.Size()
		distinct := map[string]bool{}
		for e := range n {
			v := want[size*e : size*(e+1)]
			distinct[string(v)] = true
			if tc.out == f64 && math.IsNaN(math.Float64frombits(binary.LittleEndian.Uint64(v))) ||
				tc.out == i64 && int64(binary.LittleEndian.Uint64(v)) < 0 {
				t.Fatalf("%s: element %d gave up", tc.name, e)
			}
		}
		if len(distinct) < 5 {
			t.Fatalf("%s: %d distinct draws of %d", tc.name, len(distinct), n)
		}
		if tc.out != f64 {
			if !bytes.Equal(want, got) {
				t.Errorf("%s: the kernel's draws differ from the CPU's", tc.name)
			}
			continue
		}
		for e := range n {
			w := math.Float64frombits(binary.LittleEndian.Uint64(want[8*e:]))
			g := math.Float64frombits(binary.LittleEndian.Uint64(got[8*e:]))
			if math.Abs(w-g) > 1e-12*math.Abs(w) {
				t.Errorf("%s: element %d is %v, the CPU's %v", tc.name, e, g, w)
				break
			}
		}
	}
}
