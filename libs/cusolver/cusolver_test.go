package cusolver

import (
	"errors"
	"strings"
	"testing"

	sym "github.com/cugo/cugo/internal/sym/cusolver"
	"github.com/cugo/cugo/loader"
)

// Tests that need no GPU: loading (CI installs Debian's libcusolver11, so
// every required symbol must resolve), the version, the missing-library
// error, and arguments caught in Go.

func TestLoad(t *testing.T) {
	lib, err := sym.Load()
	if errors.Is(err, loader.ErrNotFound) {
		for _, name := range loader.CUSOLVER.Names() {
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error does not list %s among the paths tried:\n%v", name, err)
			}
		}
		if _, err := New(nil); !errors.Is(err, loader.ErrNotFound) {
			t.Errorf("New(nil) error = %v, want one wrapping loader.ErrNotFound", err)
		}
		t.Skipf("cuSOLVER is not installed here: %v", err)
	}
	if err != nil {
		t.Fatalf("cuSOLVER is installed but does not load (a required symbol is missing?): %v", err)
	}
	major, minor, patch, err := Version()
	if err != nil || major < 11 {
		t.Fatalf("Version() = %d.%d.%d, %v; want 11 or later", major, minor, patch, err)
	}
	t.Logf("cuSOLVER %d.%d.%d from %s", major, minor, patch, lib.Path)
	if _, err := New(nil); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("New(nil) error = %v, want ErrInvalidValue", err)
	}
}

func TestArgumentsCaughtInGo(t *testing.T) {
	h := &Handle{} // never reached: every case fails before calling cuSOLVER
	const p = 0x100000
	cases := []struct {
		name, want string
		err        error
	}{
		{"negative m", "cusolverDnSgetrf", Getrf[float32](h, -1, 4, p, 4, p, p, p)},
		{"lda < m", "lda = 3", Getrf[float64](h, 4, 4, p, 3, p, p, p)},
		{"ldb < n", "ldb = 2", Getrs[complex64](h, NoTrans, 4, 1, p, 4, p, p, 2, p)},
		{"negative lwork", "cusolverDnZpotrf", Potrf[complex128](h, Lower, 4, p, 4, p, -1, p)},
		{"ungqr for complex", "cusolverDnCungqr", Orgqr[complex64](h, 4, 4, 4, p, 2, p, p, 1, p)},
		{"size beyond int32", "out of range", Geqrf[float32](h, 1<<31, 1, p, 1<<31, p, p, 1, p)},
		{"heevd for complex", "cusolverDnZheevd", Syevd[complex128](h, WithVectors, Upper, 3, p, 2, p, p, 1, p)},
		{"batched count", "cusolverDnSsyevjBatched", SyevjBatched[float32](h, WithVectors, Lower, 3, p, 3, p, p, 1, p, nil, -2)},
		{"closed handle", "closed", Getrs[float32](h, NoTrans, 4, 1, p, 4, p, p, 4, p)},
	}
	for _, c := range cases {
		if !errors.Is(c.err, ErrInvalidValue) {
			t.Errorf("%s: error %v, want ErrInvalidValue", c.name, c.err)
			continue
		}
		if !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %q does not mention %q", c.name, c.err, c.want)
		}
	}
}

func TestErrorShape(t *testing.T) {
	err := check("cusolverDnSgetrf", 2)
	if got, want := err.Error(), "cusolver: cusolverDnSgetrf: CUSOLVER_STATUS_ALLOC_FAILED (2)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, ErrOutOfMemory) || errors.Is(err, ErrInvalidValue) {
		t.Errorf("errors.Is does not match by code: %v", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Call != "cusolverDnSgetrf" || e.Code != 2 {
		t.Errorf("errors.As gives %+v", e)
	}
	if check("x", 0) != nil {
		t.Error("status 0 is not an error")
	}
	arg := argErr("cusolverDnSgetrf", "lda = %d", 3)
	if got, want := arg.Error(), "cusolver: cusolverDnSgetrf: CUSOLVER_STATUS_INVALID_VALUE (3): lda = 3"; got != want || !errors.Is(arg, ErrInvalidValue) {
		t.Errorf("argErr: %q (matches ErrInvalidValue: %v), want %q", got, errors.Is(arg, ErrInvalidValue), want)
	}
	if got := check("x", 99).Error(); got != "cusolver: x: unknown status (99)" {
		t.Errorf("an unknown status reads %q", got)
	}
}
