// Package cuda holds the generated bindings of the CUDA driver API
// (libcuda); the driver package builds the Go API on top of them.
package cuda

//go:generate go run ../../cmd/symgen -spec cuda.spec -out zcuda.go

import (
	"strings"
	"unsafe"

	"github.com/ebitengine/purego"

	"github.com/cugo/cugo/loader"
)

// APIVersion is the CUDA version whose ABI the spec's prototypes describe;
// cuGetProcAddress hands out the entry points of that version.
const APIVersion = 12000

// cuGetProcAddressLegacyStream asks for the default-stream semantics of
// plain (non-_ptds) driver calls.
const cuGetProcAddressLegacyStream = 1

// procAddress resolves symbols through cuGetProcAddress (CUDA 11.3+),
// which picks the ABI of APIVersion whatever the driver's own version.
// It asks by the exported name without its version suffix (cuMemAlloc_v2
// is asked as cuMemAlloc; cuGraphInstantiateWithFlags as itself).
// It returns nil where the driver predates it; Bind then uses dlsym.
func procAddress(lib *loader.Library) loader.Resolver {
	resolve := procAddressByName(lib)
	if resolve == nil {
		return nil
	}
	return func(export string) uintptr { return resolve(unversioned(export)) }
}

// unversioned strips a _vN suffix: cuMemAlloc_v2 -> cuMemAlloc.
func unversioned(name string) string {
	i := strings.LastIndex(name, "_v")
	if i < 0 || i+2 == len(name) {
		return name
	}
	for _, c := range name[i+2:] {
		if c < '0' || c > '9' {
			return name
		}
	}
	return name[:i]
}

func procAddressByName(lib *loader.Library) loader.Resolver {
	if p, err := lib.Lookup("cuGetProcAddress_v2"); err == nil {
		return func(name string) uintptr {
			var fn uintptr
			var status int32
			cname := append([]byte(name), 0)
			r, _, _ := purego.SyscallN(p, uintptr(unsafe.Pointer(&cname[0])), uintptr(unsafe.Pointer(&fn)),
				APIVersion, cuGetProcAddressLegacyStream, uintptr(unsafe.Pointer(&status)))
			if int32(r) != 0 || status != 0 {
				return 0
			}
			return fn
		}
	}
	if p, err := lib.Lookup("cuGetProcAddress"); err == nil {
		return func(name string) uintptr {
			var fn uintptr
			cname := append([]byte(name), 0)
			r, _, _ := purego.SyscallN(p, uintptr(unsafe.Pointer(&cname[0])), uintptr(unsafe.Pointer(&fn)),
				APIVersion, cuGetProcAddressLegacyStream)
			if int32(r) != 0 {
				return 0
			}
			return fn
		}
	}
	return nil
}
