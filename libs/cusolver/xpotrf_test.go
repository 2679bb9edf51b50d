package cusolver

import (
	"errors"
	"strings"
	"testing"

	sym "github.com/cugo/cugo/internal/sym/cusolver"
)

func TestXpotrfArgumentsCaughtInGo(t *testing.T) {
	h := &Handle{}
	const p = 0x100000
	params := &Params{p: 1} // never reached: every case fails before calling cuSOLVER
	_, _, sizeErr := XpotrfBufferSize[float64](h, nil, Lower, 4, p, 4)
	cases := []struct {
		name, want string
		err        error
	}{
		{"nil parameters", "parameters are nil", sizeErr},
		{"lda < n", "lda = 3", Xpotrf[complex64](h, params, Upper, 4, p, 3, p, 8, nil, p)},
		{"negative n", "out of range", Xpotrf[float32](h, params, Lower, -1, p, 1, p, 8, nil, p)},
		{"negative lwork", "lwork = -1", Xpotrf[complex128](h, params, Upper, 2, p, 2, p, -1, nil, p)},
		{"closed handle", "closed", Xpotrf[float64](h, params, Upper, 2, p, 2, p, 0, nil, p)},
	}
	for _, c := range cases {
		if !errors.Is(c.err, ErrInvalidValue) || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want ErrInvalidValue mentioning %q", c.name, c.err, c.want)
		}
	}
}

// TestXpotrfResolves: Debian's cuSOLVER 11 has the 64-bit potrf, so the
// knob linalg_potrf_64 runs wherever the legacy potrf does.
func TestXpotrfResolves(t *testing.T) {
	if _, err := sym.Load(); err != nil {
		t.Skipf("cuSOLVER is not installed here: %v", err)
	}
	for _, s := range sym.Symbols {
		if strings.HasPrefix(s.Name, "cusolverDnXpotrf") && *s.Addr == 0 {
			t.Errorf("%s unresolved", s.Name)
		}
	}
}
