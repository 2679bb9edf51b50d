package cufft

import (
	"errors"
	"strings"
	"testing"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/gputest"
	sym "github.com/cugo/cugo/internal/sym/cufft"
	"github.com/cugo/cugo/loader"
)

// Tests that need no GPU: every symbol of the spec resolves against the
// installed library (Debian's libcufft10 in CI), the version, arguments
// caught in Go, and result names.

func TestLoadResolvesEverySymbol(t *testing.T) {
	lib, err := sym.Load()
	gputest.Need(t, "cuda", err)
	v, err := Version()
	if err != nil {
		t.Fatalf("Version: %v", err)
	}
	// cufftGetVersion answers major*1000 + minor*100 + patch from cuFFT 10.
	if v < 10000 {
		t.Errorf("Version() = %d from %s, want cuFFT 10 or later", v, lib.File())
	}
}

func TestLoadErrorListsPaths(t *testing.T) {
	if _, err := sym.Load(); err == nil {
		t.Skip("cuFFT is installed here: nothing to assert about its absence")
	}
	_, err := Version()
	if !errors.Is(err, loader.ErrNotFound) {
		t.Fatalf("Version() error = %v, want one wrapping loader.ErrNotFound", err)
	}
	for _, name := range loader.CUFFT.Names() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not list %s among the paths tried:\n%v", name, err)
		}
	}
}

func TestArgumentsCaughtInGo(t *testing.T) {
	if _, err := sym.Load(); err != nil {
		t.Skip("NewPlan loads cuFFT before it checks its arguments")
	}
	ctx := &driver.Context{} // never made current: every case fails before
	basic := Layout{}
	cases := []struct {
		name, want string
		err        error
		is         error
	}{
		{"nil context", "nil context", plan(nil, C2C, []int{8}, basic, basic, 1), ErrInvalidValue},
		{"rank 0", "rank 0", plan(ctx, C2C, nil, basic, basic, 1), ErrInvalidValue},
		{"rank 4", "rank 4", plan(ctx, Z2Z, []int{2, 2, 2, 2}, basic, basic, 1), ErrInvalidValue},
		{"length 0", "CUFFT_INVALID_SIZE", plan(ctx, R2C, []int{4, 0}, basic, basic, 1), nil},
		{"batch 0", "batch 0", plan(ctx, D2Z, []int{4}, basic, basic, 0), nil},
		{"type", "CUFFT_INVALID_TYPE", plan(ctx, Type(7), []int{4}, basic, basic, 1), nil},
		{"embed rank", "layout", plan(ctx, C2C, []int{4, 4}, Layout{Embed: []int{4}, Stride: 1, Dist: 16}, basic, 1), ErrInvalidValue},
		{"stride 0", "layout", plan(ctx, C2C, []int{4}, basic, Layout{Embed: []int{4}, Stride: 0, Dist: 4}, 1), ErrInvalidValue},
		{"closed exec", "closed", (&Plan{}).Exec(0, 0, Forward), ErrInvalidValue},
		{"closed stream", "nil stream", (&Plan{}).SetStream(nil), ErrInvalidValue},
		{"closed work area", "closed", (&Plan{}).SetWorkArea(0), ErrInvalidValue},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(c.err.Error(), c.want) || !strings.HasPrefix(c.err.Error(), "cufft: ") {
			t.Errorf("%s: error %q, want one starting cufft: and containing %q", c.name, c.err, c.want)
		}
		if c.is != nil && !errors.Is(c.err, c.is) {
			t.Errorf("%s: errors.Is(%v, %v) = false", c.name, c.err, c.is)
		}
	}
	if err := (&Plan{}).Close(); err != nil {
		t.Errorf("Close of a closed plan: %v", err)
	}
}

func plan(ctx *driver.Context, ty Type, n []int, in, out Layout, batch int) error {
	_, err := NewPlan(ctx, ty, n, in, out, batch, false)
	return err
}

func TestResultNames(t *testing.T) {
	err := check("cufftExecC2C", 2)
	if err == nil || err.Error() != "cufft: cufftExecC2C: CUFFT_ALLOC_FAILED (2)" {
		t.Errorf("check(2) = %v", err)
	}
	if !errors.Is(err, ErrOutOfMemory) || errors.Is(err, ErrNotSupported) {
		t.Errorf("errors.Is does not match by code: %v", err)
	}
	if check("cufftDestroy", 0) != nil {
		t.Errorf("check(0) is an error")
	}
}
