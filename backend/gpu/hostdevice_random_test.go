//go:build linux && amd64 && !race

package gpu

import (
	"bytes"
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
