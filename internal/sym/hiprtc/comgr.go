package hiprtc

import (
	"fmt"
	"github.com/cugo/cugo/internal/cstr"
	"strings"
	"unsafe"

	"github.com/ebitengine/purego"

	"github.com/cugo/cugo/loader"
)

// comgr is AMD's code-object manager, the code generator behind hiprtc
// (which dlopens it itself). Its soname follows its own major version: 2
// in ROCm 5 and 6, 3 in ROCm 6.4 and later. Windows names are not known
// to us; there the target check is skipped.
var comgr = loader.Lazy{Spec: &loader.Spec{
	Name:     "amd_comgr",
	Linux:    []string{"libamd_comgr.so.3", "libamd_comgr.so.2"},
	Env:      []string{"ROCM_PATH", "HIP_PATH"},
	Subdirs:  []string{"", "lib", "lib64"},
	Fallback: []string{"/opt/rocm/lib"},
}}

// ISAs lists the gfx processors the code generator behind hiprtc knows
// ("gfx90a", "gfx1030"), asked from amd_comgr. hiprtc of HIP 5.2 aborts
// the process (munmap_chunk(): invalid pointer) when asked for a processor
// its LLVM does not know (gfx1100), so callers check first. It is
// hand-written because comgr has no spec of its own: two calls suffice.
func ISAs() ([]string, error) {
	lib, err := comgr.Load()
	if err != nil {
		return nil, err
	}
	countFn, err1 := lib.Lookup("amd_comgr_get_isa_count")
	nameFn, err2 := lib.Lookup("amd_comgr_get_isa_name")
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("hiprtc: %s: %v", lib.File(), firstErr(err1, err2))
	}
	var n uintptr
	if r, _, _ := purego.SyscallN(countFn, uintptr(unsafe.Pointer(&n))); int32(r) != 0 {
		return nil, fmt.Errorf("hiprtc: amd_comgr_get_isa_count: status %d", int32(r))
	}
	seen := map[string]bool{}
	var isas []string
	for i := uintptr(0); i < n; i++ {
		var name *byte
		if r, _, _ := purego.SyscallN(nameFn, i, uintptr(unsafe.Pointer(&name))); int32(r) != 0 || name == nil {
			return nil, fmt.Errorf("hiprtc: amd_comgr_get_isa_name(%d): status %d", i, int32(r))
		}
		// "amdgcn-amd-amdhsa--gfx90a:sramecc+:xnack-" -> "gfx90a"
		full := cstr.GoString(name)
		_, proc, _ := strings.Cut(full, "--")
		proc, _, _ = strings.Cut(proc, ":")
		if proc != "" && !seen[proc] {
			seen[proc] = true
			isas = append(isas, proc)
		}
	}
	return isas, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
