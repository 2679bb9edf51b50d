// Package gputest decides what a test does when the GPU stack it needs is
// missing: skip with the reason, or fail when CUGO_REQUIRE names that stack
// (set on GPU machines, so that a broken loader cannot pass by skipping).
package gputest

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/loader"
)

// Required reports whether CUGO_REQUIRE names the stack ("cuda" or "hip").
func Required(stack string) bool {
	for _, s := range strings.Split(os.Getenv("CUGO_REQUIRE"), ",") {
		if strings.TrimSpace(s) == stack {
			return true
		}
	}
	return false
}

// Need skips t (or fails it, under CUGO_REQUIRE) when err is not nil; err
// says why the stack is unusable.
func Need(t testing.TB, stack string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if Required(stack) {
		t.Fatalf("CUGO_REQUIRE=%s but %s is unusable: %v", os.Getenv("CUGO_REQUIRE"), stack, err)
	}
	t.Skipf("no usable %s: %v", stack, err)
}

// NeedLibrary skips t where a vendor library is not installed at all (err
// wraps loader.ErrNotFound), and fails it on any other error. CI installs
// the libraries Debian ships, so the tests that need a library but no GPU
// run there.
func NeedLibrary(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, loader.ErrNotFound) {
		t.Skipf("library not installed: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// EachGPU runs f, as a subtest per GPU kind ("cuda", "hip"), on device 0
// of each kind that opens, skipping (or failing under CUGO_REQUIRE) the
// kinds that do not.
func EachGPU(t *testing.T, f func(t *testing.T, b backend.Backend)) {
	for _, kind := range []string{"cuda", "hip"} {
		t.Run(kind, func(t *testing.T) {
			b, err := backend.Open(kind, 0)
			Need(t, kind, err)
			f(t, b)
		})
	}
}

// EachBackend runs f as a subtest on the CPU backend ("cpu") and then as
// EachGPU does on each GPU kind.
func EachBackend(t *testing.T, f func(t *testing.T, b backend.Backend)) {
	t.Run("cpu", func(t *testing.T) {
		b, err := backend.Open("cpu", 0)
		if err != nil {
			t.Fatal(err)
		}
		f(t, b)
	})
	EachGPU(t, f)
}
