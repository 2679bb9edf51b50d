package hiprtc

import (
	"bytes"
	"errors"
	"testing"

	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/kernelcache"
)

func TestCompileCached(t *testing.T) {
	_, _, err := Version()
	gputest.Need(t, "hip", err)
	dir := t.TempDir()
	src := `extern "C" __global__ void twice(float *x) { x[threadIdx.x] *= 2.0f; }`
	opts := Options{Name: "twice.hip", Target: "gfx90a"}
	cache := kernelcache.New(dir, nil)
	first, err := CompileCached(cache, src, opts)
	if err != nil {
		t.Fatal(err)
	}
	fresh := kernelcache.New(dir, nil)
	again, err := CompileCached(fresh, src, opts)
	if err != nil {
		t.Fatal(err)
	}
	if s := fresh.Stats(); s.DiskHits != 1 || s.Compiles != 0 {
		t.Errorf("a fresh cache on the same directory: %+v, want one disk hit", s)
	}
	if !bytes.Equal(first.Code, again.Code) {
		t.Error("the code from disk differs from the compiled code")
	}
	other, err := CompileCached(cache, src, Options{Name: "twice.hip", Target: "gfx1030"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other.Code, first.Code) || cache.Stats().Compiles != 2 {
		t.Error("another gfx target did not compile again")
	}
	_, err = CompileCached(cache, `extern "C" __global__ void broken() { nope }`, opts)
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Errorf("a broken kernel gave %v, want a *CompileError", err)
	}
}
