package nvrtc

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/kernelcache"
)

// freshChildEnv marks the re-executed test binary of TestFreshProcessUsesDiskCache.
const freshChildEnv = "CUGO_NVRTC_FRESH_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(freshChildEnv) != "" {
		// The child: compile one kernel through the default cache (whose
		// directory the parent set) and report what the cache did.
		_, err := CompileCached(nil, "extern \"C\" __global__ void fresh(float *x) { x[threadIdx.x] *= 3.0f; }",
			Options{Name: "fresh.cu", Target: 80})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		json.NewEncoder(os.Stdout).Encode(kernelcache.Default().Stats())
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestFreshProcessUsesDiskCache runs two fresh processes on one cache
// directory: the first compiles, the second finds the kernel on disk.
func TestFreshProcessUsesDiskCache(t *testing.T) {
	_, _, err := Version()
	gputest.Need(t, "cuda", err)
	dir := t.TempDir()
	run := func() kernelcache.Stats {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), freshChildEnv+"=1", "CUGO_CACHE_DIR="+dir)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child: %v: %s", err, out)
		}
		var s kernelcache.Stats
		if err := json.Unmarshal(out, &s); err != nil {
			t.Fatalf("child printed %q: %v", out, err)
		}
		return s
	}
	if first := run(); first.Compiles != 1 || first.DiskHits != 0 {
		t.Fatalf("first process: %+v, want one compile", first)
	}
	if second := run(); second.Compiles != 0 || second.DiskHits != 1 {
		t.Fatalf("second process: %+v, want one disk hit and no compile", second)
	}
}
