package cuda

import (
	"errors"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/cstr"
	"github.com/cugo/cugo/internal/gputest"

	"github.com/cugo/cugo/loader"
)

// needLibrary opens libcuda or skips: the library is installed on the CI and GPU
// machines, so a skip here means a machine without any CUDA driver.
func needLibrary(t *testing.T) {
	t.Helper()
	_, err := Load()
	gputest.NeedLibrary(t, err)
}

func TestEveryRequiredSymbolResolves(t *testing.T) {
	needLibrary(t)
	for _, s := range Symbols {
		if s.Required && *s.Addr == 0 {
			t.Errorf("%s did not resolve", s.Name)
		}
	}
}

func TestErrorNameWithoutDevice(t *testing.T) {
	needLibrary(t)
	var p *byte
	if r := CuGetErrorName(100, &p); r != 0 || p == nil {
		t.Fatalf("cuGetErrorName(100) = %d, %p", r, p)
	}
	if got := cstr.GoString(p); got != "CUDA_ERROR_NO_DEVICE" {
		t.Errorf("cuGetErrorName(100) = %q, want CUDA_ERROR_NO_DEVICE", got)
	}
}

func TestAbsentOptionalSymbolIsNotSupported(t *testing.T) {
	needLibrary(t)
	// Simulate a driver older than CUDA 11.2, which lacks memory pools.
	saved := addr.cuMemPoolTrimTo
	addr.cuMemPoolTrimTo = 0
	defer func() { addr.cuMemPoolTrimTo = saved }()

	_, err := CuMemPoolTrimTo(0, 0)
	if !errors.Is(err, loader.ErrNotSupported) || !strings.Contains(err.Error(), "cuMemPoolTrimTo") {
		t.Errorf("call of an absent optional symbol: %v, want loader.ErrNotSupported naming cuMemPoolTrimTo", err)
	}
}
