package cublas

import (
	"errors"
	"math"
	"strings"
	"testing"

	sym "github.com/cugo/cugo/internal/sym/cublas"
	"github.com/cugo/cugo/loader"
)

// Tests that need no GPU: the missing-library error, arguments caught in
// Go, status names and float16 rounding.

func TestLoadErrorListsPaths(t *testing.T) {
	if _, err := sym.Load(); err == nil {
		t.Skip("cuBLAS is installed here: nothing to assert about its absence")
	}
	_, _, _, err := Version()
	if !errors.Is(err, loader.ErrNotFound) {
		t.Fatalf("Version() error = %v, want one wrapping loader.ErrNotFound", err)
	}
	for _, name := range loader.CUBLAS.Names() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not list %s among the paths tried:\n%v", name, err)
		}
	}
	if _, err := New(nil); !errors.Is(err, loader.ErrNotFound) {
		t.Errorf("New(nil) error = %v, want one wrapping loader.ErrNotFound", err)
	}
}

// TestLoadResolvesEverySymbol: CI installs Debian's libcublas11 (with
// libcusolver11), so every required symbol of the spec must resolve there.
func TestLoadResolvesEverySymbol(t *testing.T) {
	lib, err := sym.Load()
	if errors.Is(err, loader.ErrNotFound) {
		t.Skipf("cuBLAS is not installed here: %v", err)
	}
	if err != nil {
		t.Fatalf("cuBLAS is installed but does not load (a required symbol is missing?): %v", err)
	}
	for _, s := range sym.Symbols {
		if *s.Addr == 0 && s.Required {
			t.Errorf("required %s unresolved in %s", s.Name, lib.Path)
		}
	}
}

func TestArgumentsCaughtInGo(t *testing.T) {
	h := &Handle{} // never reached: every case fails before calling cuBLAS
	const p = 0x100000
	cases := []struct {
		name, want string
		err        error
	}{
		{"negative m", "Sgemm", Gemm[float32](h, NoTrans, NoTrans, -1, 4, 4, 1, p, 4, p, 4, 0, p, 4)},
		{"lda < rows", "lda = 3", Gemm[float64](h, NoTrans, NoTrans, 4, 4, 4, 1, p, 3, p, 4, 0, p, 4)},
		{"lda < rows of A^T", "lda = 4", Gemm[complex64](h, Trans, NoTrans, 4, 4, 5, 1, p, 4, p, 5, 0, p, 4)},
		{"ldb < k", "ldb", Gemm[complex128](h, NoTrans, NoTrans, 4, 4, 6, 1, p, 4, p, 5, 0, p, 4)},
		{"ldc < m", "ldc", Hgemm(h, NoTrans, NoTrans, 8, 4, 4, 1, p, 8, p, 4, 0, p, 7)},
		{"bad op", "operation", Gemm[float32](h, Op(7), NoTrans, 4, 4, 4, 1, p, 4, p, 4, 0, p, 4)},
		{"size beyond int32", "32-bit", Gemm[float32](h, NoTrans, NoTrans, 1<<31, 1, 1, 1, p, 1<<31, p, 1, 0, p, 1<<31)},
		{"negative batch", "batch", GemmStridedBatched[float32](h, NoTrans, NoTrans, 4, 4, 4, 1, p, 4, 16, p, 4, 16, 0, p, 4, 16, -1)},
		{"batched lda", "lda", GemmBatched[float64](h, NoTrans, NoTrans, 4, 4, 4, 1, p, 2, p, 4, 0, p, 4, 3)},
		{"zero increment", "increment 0", Axpy[float32](h, 10, 2, p, 0, p, 1)},
		{"negative n", "Ddot", func() error { _, err := Dot[float64](h, -1, p, 1, p, 1); return err }()},
		{"dotc", "Zdotc", func() error { _, err := Dotc[complex128](h, -3, p, 1, p, 1); return err }()},
		{"nrm2 increment", "Scnrm2", func() error { _, err := Nrm2[complex64](h, 5, p, -1); return err }()},
		{"gemv lda", "Sgemv", Gemv[float32](h, NoTrans, 5, 3, 1, p, 4, p, 1, 0, p, 1)},
		{"geam ldb", "ldb = 2", Geam[float64](h, NoTrans, Trans, 3, 4, 1, p, 3, 1, p, 2, p, 3)},
		{"ex data type", "data type", GemmEx(h, NoTrans, NoTrans, 2, 2, 2, 1, Operand{p, DataType(99), 2, 0}, Operand{p, R32F, 2, 0}, 0, Operand{p, R32F, 2, 0}, Compute32F)},
		{"ex compute type", "compute type", GemmEx(h, NoTrans, NoTrans, 2, 2, 2, 1, Operand{p, R16F, 2, 0}, Operand{p, R16F, 2, 0}, 0, Operand{p, R16F, 2, 0}, ComputeType(1))},
		{"ex complex half compute", "Compute16F", GemmEx(h, NoTrans, NoTrans, 2, 2, 2, 1, Operand{p, C32F, 2, 0}, Operand{p, C32F, 2, 0}, 0, Operand{p, C32F, 2, 0}, Compute16F)},
		{"closed handle", "closed", Scal[float32](h, 4, 2, p, 1)},
		{"getrf lda", "lda = 3", GetrfBatched[float32](h, 4, p, 3, p, p, 2)},
		{"getrf batch", "batch", GetrfBatched[complex128](h, 4, p, 4, p, p, -1)},
		{"getrs nrhs", "nrhs", GetrsBatched[float64](h, NoTrans, 4, -2, p, 4, p, p, 4, 2)},
		{"getrs ldb", "ldb = 3", GetrsBatched[complex64](h, Trans, 4, 1, p, 4, p, p, 3, 2)},
		{"getrs op", "operation", GetrsBatched[float32](h, Op(9), 4, 1, p, 4, p, p, 4, 2)},
		{"getri ldc", "ldc = 2", GetriBatched[float64](h, 3, p, 3, p, p, 2, p, 2)},
		{"matinv side", "at most 32", MatinvBatched[float32](h, 33, p, 33, p, 33, p, 2)},
		{"matinv lda_inv", "lda_inv", MatinvBatched[complex128](h, 5, p, 5, p, 4, p, 2)},
	}
	for _, c := range cases {
		if !errors.Is(c.err, ErrInvalidValue) || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error = %v, want ErrInvalidValue mentioning %q", c.name, c.err, c.want)
		}
	}
}

func TestPointerModeDeviceRefusesGoScalars(t *testing.T) {
	h := &Handle{mode: PointerModeDevice}
	err := Gemm[float32](h, NoTrans, NoTrans, 2, 2, 2, 1, 0x100000, 2, 0x100000, 2, 0, 0x100000, 2)
	if !errors.Is(err, ErrInvalidValue) || !strings.Contains(err.Error(), "PointerModeDevice") {
		t.Fatalf("error = %v, want one naming PointerModeDevice", err)
	}
}

func TestStatusErrors(t *testing.T) {
	err := check("Sgemm", sym.CublasStatus_t(ErrInvalidValue.Code))
	if !errors.Is(err, ErrInvalidValue) || errors.Is(err, ErrNotSupported) {
		t.Fatalf("errors.Is mismatch for %v", err)
	}
	if !strings.HasPrefix(err.Error(), "cublas: cublasSgemm: CUBLAS_STATUS_INVALID_VALUE (7)") {
		t.Errorf("error %q lacks the op or the status name", err)
	}
	if check("Sgemm", 0) != nil {
		t.Error("status 0 is not an error")
	}
	for code, name := range lib.Names {
		var e *Error
		if !errors.As(check("Sgemm", sym.CublasStatus_t(code)), &e) || e.Name != name {
			t.Errorf("status %d named %q, want %q", code, e.Name, name)
		}
	}
	if got := lib.New("Sgemm", 999).Name; got != "unknown status" {
		t.Errorf("unknown status name %q", got)
	}
}

func TestHalfBits(t *testing.T) {
	for _, c := range []struct {
		f    float32
		want uint16
	}{
		{0, 0x0000}, {float32(math.Copysign(0, -1)), 0x8000},
		{1, 0x3c00}, {-2, 0xc000}, {0.1, 0x2e66}, {65504, 0x7bff},
		{65520, 0x7c00},                                // rounds up past the largest half: Inf
		{1 + 1.0/2048, 0x3c00}, {1 + 3.0/2048, 0x3c02}, // ties to even
		{float32(math.Ldexp(1, -24)), 0x0001},               // smallest subnormal
		{float32(math.Ldexp(1, -25)), 0x0000},               // half of it: tie to even, 0
		{float32(math.Ldexp(1.5, -25)), 0x0001},             // above the tie
		{float32(math.Ldexp(1, -14)) * 1023 / 1024, 0x03ff}, // largest subnormal
		{float32(math.Inf(-1)), 0xfc00},
	} {
		if got := halfBits(c.f); got != c.want {
			t.Errorf("halfBits(%g) = %#04x, want %#04x", c.f, got, c.want)
		}
	}
	if got := halfBits(float32(math.NaN())); got&0x7c00 != 0x7c00 || got&0x3ff == 0 {
		t.Errorf("halfBits(NaN) = %#04x, not a NaN", got)
	}
	// Every half value converts back to itself.
	for b := range uint16(0x7c00) {
		if got := halfBits(float32(halfToFloat(b))); got != b {
			t.Fatalf("halfBits(halfToFloat(%#04x)) = %#04x", b, got)
		}
	}
}

// halfToFloat decodes binary16 bits (finite values) for the tests.
func halfToFloat(b uint16) float64 {
	sign := 1.0
	if b&0x8000 != 0 {
		sign = -1
	}
	exp, mant := int(b>>10)&0x1f, float64(b&0x3ff)
	if exp == 0 {
		return sign * math.Ldexp(mant, -24)
	}
	return sign * math.Ldexp(1+mant/1024, exp-15)
}
