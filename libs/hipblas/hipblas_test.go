package hipblas

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/internal/gputest"
	sym "github.com/cugo/cugo/internal/sym/hipblas"
)

func TestLoadResolvesEverySymbol(t *testing.T) {
	gputest.Need(t, "hip", load())
	lib, _ := sym.Load()
	t.Logf("hipBLAS from %s", lib.File())
	for _, s := range sym.Symbols {
		if *s.Addr == 0 && s.Required {
			t.Errorf("required %s unresolved", s.Name)
		}
	}
}

func TestErrorNames(t *testing.T) {
	err := check("hipblasSgemm", 3)
	if !errors.Is(err, ErrInvalidValue) || errors.Is(err, ErrNotSupported) {
		t.Fatalf("errors.Is wrong for %v", err)
	}
	if err.Error() != "hipblas: hipblasSgemm: HIPBLAS_STATUS_INVALID_VALUE (3)" {
		t.Fatalf("Error() = %q", err.Error())
	}
	if check("x", 0) != nil {
		t.Fatal("success is an error")
	}
	if got := lib.New("x", 99).Name; got != "unknown status" {
		t.Fatalf("unknown status name %q", got)
	}
}

func TestGemmExRejectsBadTypes(t *testing.T) {
	h := &Handle{}
	err := GemmEx(h, NoTrans, NoTrans, 1, 1, 1, 1, Operand{Type: R64F, LD: 1}, Operand{Type: R64F, LD: 1}, 0, Operand{Type: R32F, LD: 1})
	if !errors.Is(err, ErrInvalidValue) || !strings.Contains(err.Error(), "unsupported types") {
		t.Fatalf("GemmEx(f64 inputs) = %v", err)
	}
}

// setup returns a handle on GPU 0, or skips (fails under CUGO_REQUIRE=hip).
func setup(t *testing.T) (*hip.Context, *Handle) {
	t.Helper()
	gputest.Need(t, "hip", load())
	d, err := hip.DeviceGet(0)
	gputest.Need(t, "hip", err)
	c, err := d.PrimaryContext()
	gputest.Need(t, "hip", err)
	h, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return c, h
}

func upload[T any](t *testing.T, c *hip.Context, v []T) hip.DevicePtr {
	t.Helper()
	var zero T
	p, err := c.MemAlloc(len(v) * int(unsafe.Sizeof(zero)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.MemFree(p) })
	if err := hip.CopyHtoD(c, p, v); err != nil {
		t.Fatal(err)
	}
	return p
}

func download[T any](t *testing.T, c *hip.Context, p hip.DevicePtr, n int) []T {
	t.Helper()
	out := make([]T, n)
	if err := hip.CopyDtoH(c, out, p); err != nil {
		t.Fatal(err)
	}
	return out
}

// refGemm is column-major C = alpha*A*B + beta*C in float64 (no transposes).
func refGemm(m, n, k int, alpha float64, a, b []float64, beta float64, c []float64) []float64 {
	out := make([]float64, m*n)
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			s := 0.0
			for p := 0; p < k; p++ {
				s += a[i+p*m] * b[p+j*k]
			}
			out[i+j*m] = alpha*s + beta*c[i+j*m]
		}
	}
	return out
}

func randoms(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = rand.Float64()*2 - 1
	}
	return v
}

func conv[T float32 | float64](v []float64) []T {
	out := make([]T, len(v))
	for i, x := range v {
		out[i] = T(x)
	}
	return out
}

func closeAll[T float32 | float64](t *testing.T, what string, got []T, want []float64, tol float64) {
	t.Helper()
	for i := range want {
		if d := math.Abs(float64(got[i]) - want[i]); d > tol*math.Max(1, math.Abs(want[i])) {
			t.Fatalf("%s[%d] = %v, want %v (tolerance %g)", what, i, got[i], want[i], tol)
		}
	}
}

// Tolerances: float32 sums of k=37 products of values in [-1,1]: 1e-5;
// float64: 1e-12.
func TestSgemmDgemm(t *testing.T) {
	c, h := setup(t)
	const m, n, k = 33, 21, 37
	a, b, cc := randoms(m*k), randoms(k*n), randoms(m*n)
	want := refGemm(m, n, k, 1.5, a, b, -0.5, cc)

	pc32 := upload(t, c, conv[float32](cc))
	if err := Gemm[float32](h, NoTrans, NoTrans, m, n, k, 1.5, upload(t, c, conv[float32](a)), m, upload(t, c, conv[float32](b)), k, -0.5, pc32, m); err != nil {
		t.Fatal(err)
	}
	closeAll(t, "Sgemm", download[float32](t, c, pc32, m*n), want, 1e-5)

	pc64 := upload(t, c, cc)
	if err := Gemm[float64](h, NoTrans, NoTrans, m, n, k, 1.5, upload(t, c, a), m, upload(t, c, b), k, -0.5, pc64, m); err != nil {
		t.Fatal(err)
	}
	closeAll(t, "Dgemm", download[float64](t, c, pc64, m*n), want, 1e-12)
}

func TestGemmExHalfToFloat(t *testing.T) {
	c, h := setup(t)
	const m, n, k = 16, 24, 32
	a, b := randoms(m*k), randoms(k*n)
	ah, bh := make([]uint16, len(a)), make([]uint16, len(b))
	for i := range a { // the reference uses the values as rounded to f16
		ah[i] = toHalf(float32(a[i]))
		a[i] = float64(fromHalf(ah[i]))
	}
	for i := range b {
		bh[i] = toHalf(float32(b[i]))
		b[i] = float64(fromHalf(bh[i]))
	}
	want := refGemm(m, n, k, 1, a, b, 0, make([]float64, m*n))
	pc := upload(t, c, make([]float32, m*n))
	if err := GemmEx(h, NoTrans, NoTrans, m, n, k, 1, Operand{upload(t, c, ah), R16F, m, 0}, Operand{upload(t, c, bh), R16F, k, 0}, 0, Operand{pc, R32F, m, 0}); err != nil {
		t.Fatal(err)
	}
	closeAll(t, "GemmEx f16->f32", download[float32](t, c, pc, m*n), want, 1e-5)
}

func TestSgemmStridedBatched(t *testing.T) {
	c, h := setup(t)
	const m, n, k, batch = 8, 5, 6, 3
	a, b := randoms(m*k*batch), randoms(k*n*batch)
	pc := upload(t, c, make([]float32, m*n*batch))
	if err := GemmStridedBatched[float32](h, NoTrans, NoTrans, m, n, k, 1, upload(t, c, conv[float32](a)), m, m*k,
		upload(t, c, conv[float32](b)), k, k*n, 0, pc, m, m*n, batch); err != nil {
		t.Fatal(err)
	}
	got := download[float32](t, c, pc, m*n*batch)
	for i := 0; i < batch; i++ {
		want := refGemm(m, n, k, 1, a[i*m*k:(i+1)*m*k], b[i*k*n:(i+1)*k*n], 0, make([]float64, m*n))
		closeAll(t, "batch", got[i*m*n:(i+1)*m*n], want, 1e-5)
	}
}
