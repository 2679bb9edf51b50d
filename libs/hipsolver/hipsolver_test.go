package hipsolver

import (
	"errors"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/gputest"
	sym "github.com/cugo/cugo/internal/sym/hipsolver"
	"github.com/cugo/cugo/loader"
)

// Tests that need no GPU. hipSOLVER is not packaged in Debian, so CI
// checks the error of its absence; where it is installed, every required
// symbol must resolve.

func TestLoad(t *testing.T) {
	_, err := sym.Load()
	if err == nil {
		return
	}
	if !errors.Is(err, loader.ErrNotFound) {
		t.Fatalf("hipSOLVER is installed but does not load (a required symbol is missing?): %v", err)
	}
	for _, name := range loader.HIPSOLVER.Names() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not list %s among the paths tried:\n%v", name, err)
		}
	}
	if _, err := New(nil); !errors.Is(err, loader.ErrNotFound) {
		t.Errorf("New(nil) error = %v, want one wrapping loader.ErrNotFound", err)
	}
	gputest.Need(t, "hip", err)
}

func TestArgumentsCaughtInGo(t *testing.T) {
	h := &Handle{} // never reached: every case fails before calling hipSOLVER
	const p = 0x100000
	cases := []struct {
		name, want string
		err        error
	}{
		{"negative m", "hipsolverSgetrf", Getrf[float32](h, -1, 4, p, 4, p, 1, p, p)},
		{"lda < m", "lda = 3", Getrf[float64](h, 4, 4, p, 3, p, 1, p, p)},
		{"ldb < n", "ldb = 2", Getrs[complex64](h, NoTrans, 4, 1, p, 4, p, p, 2, p, 1, p)},
		{"negative lwork", "hipsolverZpotrs", Potrs[complex128](h, Lower, 4, 1, p, 4, p, 4, p, -1, p)},
		{"ungqr for complex", "hipsolverCungqr", Orgqr[complex64](h, 4, 4, 4, p, 2, p, p, 1, p)},
		{"heevd for complex", "hipsolverZheevd", Syevd[complex128](h, WithVectors, Upper, 3, p, 2, p, p, 1, p)},
		{"ldb < n", "ldb = 3", potrsBufferSize(h, 4, 3)},
		{"negative batch", "hipsolverDpotrfBatched_bufferSize", potrfBatchedBufferSize(h, -1)},
		{"closed handle", "closed", closedHandleCall(h)},
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

// closedHandleCall is a GesvdBufferSize call on a closed handle.
func closedHandleCall(h *Handle) error {
	_, err := GesvdBufferSize[float32](h, SVDAll, SVDAll, 4, 4)
	return err
}

func potrsBufferSize(h *Handle, n, ldb int) error {
	_, err := PotrsBufferSize[complex64](h, Upper, n, 1, 0x100000, n, 0x100000, ldb)
	return err
}

func potrfBatchedBufferSize(h *Handle, batch int) error {
	_, err := PotrfBatchedBufferSize[float64](h, Lower, 4, 0x100000, 4, batch)
	return err
}

func TestErrorShape(t *testing.T) {
	err := check("hipsolverSgetrf", 7)
	if got, want := err.Error(), "hipsolver: hipsolverSgetrf: HIPSOLVER_STATUS_NOT_SUPPORTED (7)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, ErrNotSupported) || errors.Is(err, ErrInvalidValue) {
		t.Errorf("errors.Is does not match by code: %v", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Library != "hipsolver" || e.Call != "hipsolverSgetrf" || e.Code != 7 {
		t.Errorf("errors.As gives %+v", e)
	}
	if check("x", 0) != nil {
		t.Error("status 0 is not an error")
	}
	arg := argErr("hipsolverSgetrf", "lda = %d", 3)
	if got, want := arg.Error(), "hipsolver: hipsolverSgetrf: HIPSOLVER_STATUS_INVALID_VALUE (3): lda = 3"; got != want || !errors.Is(arg, ErrInvalidValue) {
		t.Errorf("argErr: %q (matches ErrInvalidValue: %v), want %q", got, errors.Is(arg, ErrInvalidValue), want)
	}
}
