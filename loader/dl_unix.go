//go:build !windows

package loader

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/ebitengine/purego"
)

// dlopen runs on a locked OS thread so that dlerror reports this call's
// error and not another goroutine's.
func dlopen(path string) (uintptr, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	h, err := purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_GLOBAL)
	if err != nil {
		// dlerror starts with the path, which NotFoundError already names.
		return 0, errors.New(strings.TrimPrefix(err.Error(), path+": "))
	}
	return h, nil
}

func dlsym(handle uintptr, name string) (uintptr, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return purego.Dlsym(handle, name)
}

// loadedFile finds the mapped file of a library opened by bare name, from
// /proc/self/maps (Linux); "" elsewhere or when not found.
func loadedFile(_ uintptr, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return ""
	}
	defer f.Close()
	// libcuda.so.1 maps as libcuda.so.535.247.01: match on the part before the version.
	stem := name
	if i := strings.Index(name, ".so"); i >= 0 {
		stem = name[:i+3]
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 {
			continue
		}
		p := fields[len(fields)-1]
		if base := filepath.Base(p); base == stem || strings.HasPrefix(base, stem+".") {
			if real, err := filepath.EvalSymlinks(p); err == nil {
				return real
			}
			return p
		}
	}
	return ""
}
