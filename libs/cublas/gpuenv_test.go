package cublas

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"sync"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	"github.com/cugo/cugo/internal/gputest"
)

// gpuEnv is GPU 0's primary context and a non-default stream of it, so
// that SetStream is exercised by every test.
type gpuEnv struct {
	ctx    *driver.Context
	stream *driver.Stream
	mem    driverMem
}

var gpu struct {
	once sync.Once
	env  *gpuEnv
	err  error
}

// newGPUHandle returns the GPU environment and a cuBLAS handle bound to its
// non-default stream, or skips (fails under CUGO_REQUIRE=cuda).
func newGPUHandle(t testing.TB) (*gpuEnv, *Handle) {
	t.Helper()
	gpu.once.Do(func() {
		gpu.env, gpu.err = openDriverGPU()
	})
	err := gpu.err
	var h *Handle
	if err == nil {
		h, err = New(gpu.env.ctx)
	}
	gputest.Need(t, "cuda", err)
	t.Cleanup(func() {
		if err := h.Close(); err != nil {
			t.Error(err)
		}
	})
	if err := h.SetStream(gpu.env.stream); err != nil {
		t.Fatal(err)
	}
	return gpu.env, h
}

func upload[T any](t testing.TB, g *gpuEnv, host []T) driver.DevicePtr {
	t.Helper()
	bytes := len(host) * int(unsafe.Sizeof(*new(T)))
	p, err := g.mem.Alloc(max(bytes, 1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.mem.Free(p) })
	if bytes > 0 {
		if err := g.mem.Upload(p, unsafe.Pointer(&host[0]), bytes); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func download[T any](t testing.TB, g *gpuEnv, p driver.DevicePtr, n int) []T {
	t.Helper()
	out := make([]T, n)
	if n > 0 {
		if err := g.mem.Download(unsafe.Pointer(&out[0]), p, n*int(unsafe.Sizeof(out[0]))); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// randElems returns n values with real and imaginary parts in [-1, 1).
func randElems[T Elem](rng *rand.Rand, n int) []T {
	out := make([]T, n)
	for i := range out {
		re, im := rng.Float64()*2-1, rng.Float64()*2-1
		switch p := any(&out[i]).(type) {
		case *float32:
			*p = float32(re)
		case *float64:
			*p = re
		case *complex64:
			*p = complex64(complex(re, im))
		case *complex128:
			*p = complex(re, im)
		}
	}
	return out
}

func c128[T Elem](v T) complex128 {
	switch x := any(v).(type) {
	case float32:
		return complex(float64(x), 0)
	case float64:
		return complex(x, 0)
	case complex64:
		return complex128(x)
	}
	return any(v).(complex128)
}

func c128s[T Elem](xs []T) []complex128 {
	out := make([]complex128, len(xs))
	for i, x := range xs {
		out[i] = c128(x)
	}
	return out
}

func fromC128[T Elem](v complex128) T {
	var r T
	switch p := any(&r).(type) {
	case *float32:
		*p = float32(real(v))
	case *float64:
		*p = real(v)
	case *complex64:
		*p = complex64(v)
	case *complex128:
		*p = v
	}
	return r
}

// tolerance is the relative error allowed for T (of Σ|terms|).
func tolerance[T Elem]() float64 {
	switch cargs.Prefix[T]() {
	case "S", "C":
		return 1e-5
	}
	return 1e-12
}

// Precision-specific tolerances of reduced-precision products.
const (
	tolTF32 = 1e-3
	tolHalf = 1e-2
)

// ref is a float64 (complex128) reference result with the sum of the
// absolute values of its terms, which bounds the rounding error.
type ref struct {
	want, scale []complex128
}

// at reads op(X)(i, j) of a column-major matrix.
func at(x []complex128, o Op, ld, i, j int) complex128 {
	switch o {
	case Trans:
		return x[j+i*ld]
	case ConjTrans:
		return cmplx.Conj(x[j+i*ld])
	}
	return x[i+j*ld]
}

// refGemm computes alpha·op(A)·op(B) + beta·C (column-major) into a copy of c.
func refGemm(ta, tb Op, m, n, k int, alpha complex128, a []complex128, lda int, b []complex128, ldb int,
	beta complex128, c []complex128, ldc int) ref {
	r := ref{want: append([]complex128(nil), c...), scale: make([]complex128, len(c))}
	for j := range n {
		for i := range m {
			var s complex128
			var sc float64
			for l := range k {
				p := at(a, ta, lda, i, l) * at(b, tb, ldb, l, j)
				s += p
				sc += cmplx.Abs(p)
			}
			idx := i + j*ldc
			r.want[idx] = alpha*s + beta*c[idx]
			r.scale[idx] = complex(cmplx.Abs(alpha)*sc+cmplx.Abs(beta*c[idx]), 0)
		}
	}
	return r
}

// check compares got with r within tol·scale (plus a floor for exact zeros).
func (r ref) check(t testing.TB, what string, got []complex128, tol float64) {
	t.Helper()
	bad := 0
	for i := range r.want {
		limit := tol * (real(r.scale[i]) + 1e-30)
		if d := cmplx.Abs(got[i] - r.want[i]); d > limit || math.IsNaN(d) {
			if bad < 5 {
				t.Errorf("%s: element %d = %v, want %v (|diff| %.3g > %.3g)", what, i, got[i], r.want[i], d, limit)
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d elements differ", what, bad, len(r.want))
	}
}

// bf16Bits rounds f to bfloat16 (nearest, ties to even); finite inputs.
func bf16Bits(f float32) uint16 {
	b := math.Float32bits(f)
	b += 0x7fff + (b>>16)&1
	return uint16(b >> 16)
}

func bf16ToFloat(b uint16) float64 { return float64(math.Float32frombits(uint32(b) << 16)) }

// randLowPrecision returns n random values rounded to float16 (or bfloat16)
// bits, and their exact values.
func randLowPrecision(rng *rand.Rand, n int, bf16 bool) ([]uint16, []complex128) {
	bits, vals := make([]uint16, n), make([]complex128, n)
	for i := range bits {
		f := float32(rng.Float64()*2 - 1)
		if bf16 {
			bits[i] = bf16Bits(f)
			vals[i] = complex(bf16ToFloat(bits[i]), 0)
		} else {
			bits[i] = halfBits(f)
			vals[i] = complex(halfToFloat(bits[i]), 0)
		}
	}
	return bits, vals
}

func decodeLowPrecision(bits []uint16, bf16 bool) []complex128 {
	out := make([]complex128, len(bits))
	for i, b := range bits {
		if bf16 {
			out[i] = complex(bf16ToFloat(b), 0)
		} else {
			out[i] = complex(halfToFloat(b), 0)
		}
	}
	return out
}

func openDriverGPU() (*gpuEnv, error) {
	if err := driver.Init(); err != nil {
		return nil, err
	}
	dev, err := driver.DeviceGet(0)
	if err != nil {
		return nil, err
	}
	ctx, err := dev.PrimaryContext()
	if err != nil {
		return nil, err
	}
	s, err := ctx.NewStream(driver.StreamNonBlocking, 0)
	if err != nil {
		return nil, err
	}
	return &gpuEnv{ctx: ctx, stream: s, mem: driverMem{ctx, s}}, nil
}

type driverMem struct {
	ctx    *driver.Context
	stream *driver.Stream
}

func (m driverMem) Alloc(bytes int) (driver.DevicePtr, error) { return m.ctx.MemAlloc(bytes) }

func (m driverMem) Free(p driver.DevicePtr) error { return m.ctx.MemFree(p) }

func (m driverMem) Upload(dst driver.DevicePtr, src unsafe.Pointer, bytes int) error {
	if err := m.stream.Synchronize(); err != nil {
		return err
	}
	return m.ctx.MemcpyHtoDPtr(dst, src, bytes)
}

func (m driverMem) Download(dst unsafe.Pointer, src driver.DevicePtr, bytes int) error {
	if err := m.stream.Synchronize(); err != nil {
		return err
	}
	return m.ctx.MemcpyDtoHPtr(dst, src, bytes)
}
