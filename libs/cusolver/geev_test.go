package cusolver

import (
	"errors"
	"strings"
	"testing"

	sym "github.com/cugo/cugo/internal/sym/cusolver"
	"github.com/cugo/cugo/loader"
)

func TestGeevArgumentsCaughtInGo(t *testing.T) {
	h := &Handle{}
	const p = 0x100000
	params := &Params{p: 1} // never reached: every case fails before calling cuSOLVER
	_, _, sizeErr := GeevBufferSize[float64](h, nil, WithVectors, 4, p, 4, p, p, 4)
	cases := []struct {
		name, want string
		err        error
	}{
		{"nil parameters", "parameters are nil", sizeErr},
		{"lda < n", "lda = 3", Geev[complex64](h, params, WithVectors, 4, p, 3, p, p, 4, p, 8, nil, p)},
		{"negative n", "out of range", Geev[float32](h, params, NoVectors, -1, p, 1, p, p, 1, p, 8, nil, p)},
		{"negative lwork", "lwork = -1", Geev[complex128](h, params, NoVectors, 2, p, 2, p, p, 1, p, -1, nil, p)},
		{"closed handle", "closed", Geev[complex128](h, params, NoVectors, 2, p, 2, p, p, 1, p, 0, nil, p)},
	}
	for _, c := range cases {
		if !errors.Is(c.err, ErrInvalidValue) || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want ErrInvalidValue mentioning %q", c.name, c.err, c.want)
		}
	}
}

// TestGeevOptional: a cuSOLVER without Xgeev (Debian's cuSOLVER 11) still
// loads, and the missing routine is an error that matches both
// ErrNotSupported and loader.ErrNotSupported.
func TestGeevOptional(t *testing.T) {
	if _, err := sym.Load(); err != nil {
		t.Skipf("cuSOLVER is not installed here: %v", err)
	}
	_, missing := sym.CusolverDnXgeev(0, 0, 0, 0, 0, 0, nil, 1, 0, nil, 0, nil, 1, 0, nil, 1, 0, nil, 0, nil, 0, nil)
	if missing == nil {
		t.Skip("this cuSOLVER has Xgeev")
	}
	err := lib.Wrap("cusolverDnXgeev", ErrNotSupported.Code, missing)
	if !errors.Is(err, ErrNotSupported) || !errors.Is(err, loader.ErrNotSupported) {
		t.Errorf("error %v matches ErrNotSupported %v, loader.ErrNotSupported %v", err, errors.Is(err, ErrNotSupported), errors.Is(err, loader.ErrNotSupported))
	}
}
