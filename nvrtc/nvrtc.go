// Package nvrtc compiles CUDA C++ to GPU code at run time with NVIDIA's
// NVRTC library, loaded without cgo.
//
// Compile turns a source into a CUBIN for one GPU architecture (loaded by
// the driver in about a millisecond) or into PTX (which the driver
// JIT-compiles at load, taking a hundred milliseconds or more, but which
// also runs on GPUs newer than the compiler). PickTarget chooses between
// them for a device; CompileCached keeps the result in a kernelcache.Cache.
package nvrtc

import (
	"fmt"
	"slices"

	"github.com/cugo/cugo/internal/cstr"
	sym "github.com/cugo/cugo/internal/sym/nvrtc"
	"github.com/cugo/cugo/internal/vendorerr"
)

// Error is a failed NVRTC call: the call, the nvrtcResult code and its
// name (nvrtcGetErrorString).
type Error = vendorerr.Error

// lib names the nvrtcResult codes.
var lib = &vendorerr.Library{
	Name: "nvrtc",
	Names: map[int32]string{
		1: "NVRTC_ERROR_OUT_OF_MEMORY", 3: "NVRTC_ERROR_INVALID_INPUT",
		5: "NVRTC_ERROR_INVALID_OPTION", 6: "NVRTC_ERROR_COMPILATION",
	},
	Describe: func(code int32) (name, msg string) {
		if _, err := sym.Load(); err != nil {
			return "", ""
		}
		return cstr.GoString(sym.NvrtcGetErrorString(sym.NvrtcResult(code))), ""
	},
}

// Sentinels for errors.Is: each matches every failed NVRTC call that
// returned its code.
var (
	ErrOutOfMemory  = lib.Sentinel(1)
	ErrInvalidValue = lib.Sentinel(3) // NVRTC_ERROR_INVALID_INPUT
	ErrCompilation  = lib.Sentinel(6)
)

func check(call string, r sym.NvrtcResult) error { return lib.Check(call, int32(r)) }

func load() error {
	if _, err := sym.Load(); err != nil {
		return fmt.Errorf("nvrtc: %w", err)
	}
	return nil
}

// Version returns the version of the loaded NVRTC, e.g. 12, 8.
func Version() (major, minor int, err error) {
	if err := load(); err != nil {
		return 0, 0, err
	}
	var maj, min int32
	if err := check("nvrtcVersion", sym.NvrtcVersion(&maj, &min)); err != nil {
		return 0, 0, err
	}
	return int(maj), int(min), nil
}

// SupportedArchs returns, in ascending order, the architectures the loaded
// NVRTC compiles for, as compute capabilities times ten (52, ..., 90, 100,
// 120). It needs NVRTC 11.2 or later.
func SupportedArchs() ([]int, error) {
	if err := load(); err != nil {
		return nil, err
	}
	var n int32
	r, err := sym.NvrtcGetNumSupportedArchs(&n)
	if err != nil {
		return nil, err
	}
	if err := check("nvrtcGetNumSupportedArchs", r); err != nil {
		return nil, err
	}
	if n <= 0 {
		return nil, fmt.Errorf("nvrtc: nvrtcGetNumSupportedArchs reports %d architectures", n)
	}
	archs := make([]int32, n)
	r, err = sym.NvrtcGetSupportedArchs(&archs[0])
	if err != nil {
		return nil, err
	}
	if err := check("nvrtcGetSupportedArchs", r); err != nil {
		return nil, err
	}
	out := make([]int, n)
	for i, a := range archs {
		out[i] = int(a)
	}
	slices.Sort(out)
	return out, nil
}

// PickTarget chooses what to compile for a device of compute capability
// deviceCC (major*10 + minor: 90 for Hopper): a CUBIN for its own
// architecture when the loaded NVRTC lists it, else PTX for the highest
// architecture NVRTC knows that the device can run, so that a GPU newer
// than the compiler still works through the driver's JIT. Put the answer
// in Options.Target and Options.CUBIN. (Plain sm_90 covers Hopper; the
// sm_90a variant only adds wgmma/setmaxnreg, which generated code does not use.)
//
// When NVRTC cannot list its architectures (it failed to load), PickTarget
// answers PTX for deviceCC, and Compile reports the real error.
func PickTarget(deviceCC int) (arch int, cubin bool) {
	archs, err := SupportedArchs()
	if err != nil {
		return deviceCC, false
	}
	return pickTarget(archs, deviceCC)
}

func pickTarget(archs []int, deviceCC int) (arch int, cubin bool) {
	if slices.Contains(archs, deviceCC) {
		return deviceCC, true
	}
	best := 0
	for _, a := range archs {
		if a <= deviceCC && a > best {
			best = a
		}
	}
	if best == 0 {
		return deviceCC, false // older than anything NVRTC knows: let it say so
	}
	return best, false
}

// cstrings returns a C array of C strings (nil when ss is empty).
func cstrings(ss []string) **byte {
	if len(ss) == 0 {
		return nil
	}
	ps := make([]*byte, len(ss))
	for i, s := range ss {
		ps[i] = cstr.New(s)
	}
	return &ps[0]
}
