//go:build windows

package loader

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

// dlopen uses LoadLibraryEx: purego has no Dlopen on Windows. A full path
// also searches its own directory for the DLL's dependencies.
func dlopen(path string) (uintptr, error) {
	flags := uintptr(windows.LOAD_LIBRARY_SEARCH_DEFAULT_DIRS)
	if filepath.IsAbs(path) {
		flags |= windows.LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR
	}
	h, err := windows.LoadLibraryEx(path, 0, flags)
	if err != nil {
		// Fall back to the classic search order (PATH), where CUDA installs its bin directory.
		h, err = windows.LoadLibraryEx(path, 0, 0)
	}
	return uintptr(h), err
}

func dlsym(handle uintptr, name string) (uintptr, error) {
	return windows.GetProcAddress(windows.Handle(handle), name)
}

// loadedFile asks Windows for the file behind the module handle.
func loadedFile(handle uintptr, _ string) string {
	buf := make([]uint16, windows.MAX_LONG_PATH)
	n, err := windows.GetModuleFileName(windows.Handle(handle), &buf[0], uint32(len(buf)))
	if err != nil {
		return ""
	}
	return windows.UTF16ToString(buf[:n])
}
