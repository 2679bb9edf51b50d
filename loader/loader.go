// Package loader finds, opens and resolves the vendor shared libraries (CUDA
// driver, NVRTC, cuBLAS, HIP, hiprtc, hipBLAS) at run time, without cgo.
//
// A Spec names a library by the file names it has on each OS and the
// environment variables that name directories to search first. Open tries
// every candidate and, when none loads, returns a *NotFoundError listing each
// path tried and why it failed. Symbols are resolved in bulk by Bind: a
// missing required symbol fails the bind with its name; a missing optional
// one leaves a zero pointer that callers turn into ErrNotSupported.
package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// ErrNotFound is wrapped by the error of a library that could not be opened.
var ErrNotFound = errors.New("library not found")

// ErrNotSupported is wrapped by the error of a call to an optional symbol
// that the loaded library does not export (an older version).
var ErrNotSupported = errors.New("not supported by the loaded library")

// Spec describes one vendor library.
type Spec struct {
	Name    string   // short name used in messages: "cuda", "nvrtc", ...
	Linux   []string // candidate file names on Linux, newest first
	Windows []string // candidate file names on Windows, newest first
	// Env lists environment variables naming installation directories;
	// each is searched (with the Subdirs below) before the system's own search.
	Env []string
	// Subdirs of each Env directory to search, in order ("" is the directory itself).
	Subdirs []string
	// Fallback directories searched after the system loader on Linux
	// (common install locations that are not always in the loader's path);
	// Windows installers name theirs in the environment instead.
	Fallback []string
}

// Names returns the candidate file names for the running OS.
func (s *Spec) Names() []string {
	switch runtime.GOOS {
	case "windows":
		return s.Windows
	case "linux", "freebsd", "android":
		return s.Linux
	}
	return nil // no CUDA or HIP stack exists on other systems (macOS)
}

// Candidates returns every path Open will try, in order: the user's
// directories, then bare names for the system loader, then (on Linux) the
// fallbacks.
func (s *Spec) Candidates() []string {
	names := s.Names()
	var paths []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	for _, env := range s.Env {
		dir := os.Getenv(env)
		if dir == "" {
			continue
		}
		for _, sub := range s.Subdirs {
			for _, n := range names {
				add(filepath.Join(dir, sub, n))
			}
		}
	}
	for _, n := range names {
		add(n)
	}
	for _, dir := range s.fallback() {
		for _, n := range names {
			add(filepath.Join(dir, n))
		}
	}
	return paths
}

// fallback returns the Fallback directories where they mean something:
// they are Linux paths, which on Windows would name the current drive.
func (s *Spec) fallback() []string {
	if runtime.GOOS == "windows" {
		return nil
	}
	return s.Fallback
}

// Library is an opened shared library.
type Library struct {
	Spec   *Spec
	Path   string // the path or name it was opened by
	handle uintptr
}

// Attempt records one path that Open tried and why it failed.
type Attempt struct {
	Path string
	Err  error
}

// NotFoundError lists every path tried for a library.
type NotFoundError struct {
	Library string
	Tried   []Attempt
}

func (e *NotFoundError) Error() string {
	if len(e.Tried) == 0 {
		return fmt.Sprintf("loader: %s: %v: no candidate names on %s", e.Library, ErrNotFound, runtime.GOOS)
	}
	// The first line names every path, for one-line reports (cugo info);
	// the lines after it say why each failed.
	paths := make([]string, len(e.Tried))
	for i, a := range e.Tried {
		paths[i] = a.Path
	}
	var b strings.Builder
	fmt.Fprintf(&b, "loader: %s: %v (tried %s)", e.Library, ErrNotFound, strings.Join(paths, ", "))
	for _, a := range e.Tried {
		fmt.Fprintf(&b, "\n  %s: %v", a.Path, a.Err)
	}
	return b.String()
}

func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// Open loads the first candidate of spec that the system can open.
func Open(spec *Spec) (*Library, error) {
	nf := &NotFoundError{Library: spec.Name}
	for _, path := range spec.Candidates() {
		h, err := dlopen(path)
		if err == nil {
			return &Library{Spec: spec, Path: path, handle: h}, nil
		}
		nf.Tried = append(nf.Tried, Attempt{Path: path, Err: err})
	}
	return nil, nf
}

// Lookup returns the address of a symbol, or an error if it is absent.
func (l *Library) Lookup(name string) (uintptr, error) {
	return dlsym(l.handle, name)
}

// File returns the file the library was loaded from, resolved through the
// system where it was opened by bare name; Path when that is not known.
func (l *Library) File() string {
	if f := loadedFile(l.handle, l.Path); f != "" {
		return f
	}
	return l.Path
}

// Symbol is one entry of a symbol table handed to Bind.
type Symbol struct {
	Name     string   // the C name callers know ("cuMemAlloc")
	Export   string   // the exported name to resolve when it differs ("cuMemAlloc_v2")
	Required bool     // a missing required symbol fails the bind
	Addr     *uintptr // where the resolved address is stored (0 if absent)
}

// MissingSymbolsError names the required symbols a library lacks.
type MissingSymbolsError struct {
	Library string
	Path    string
	Names   []string
}

func (e *MissingSymbolsError) Error() string {
	return fmt.Sprintf("loader: %s (%s) lacks required symbols: %s", e.Library, e.Path, strings.Join(e.Names, ", "))
}

// Resolver finds a symbol's address by its exported name (which may carry
// a version suffix); it returns 0 when it cannot, and Bind then falls back
// to looking up the exported name in the library.
type Resolver func(name string) uintptr

// Bind resolves every symbol of table into its Addr. resolve, if non-nil,
// is asked first (the CUDA driver answers through cuGetProcAddress).
func (l *Library) Bind(table []Symbol, resolve Resolver) error {
	var missing []string
	for _, s := range table {
		var addr uintptr
		if resolve != nil {
			addr = resolve(s.exportName())
		}
		if addr == 0 {
			addr, _ = l.Lookup(s.exportName())
		}
		*s.Addr = addr
		if addr == 0 && s.Required {
			missing = append(missing, s.exportName())
		}
	}
	if len(missing) > 0 {
		return &MissingSymbolsError{Library: l.Spec.Name, Path: l.File(), Names: missing}
	}
	return nil
}

func (s Symbol) exportName() string {
	if s.Export != "" {
		return s.Export
	}
	return s.Name
}

// OpenBound opens the first of specs that both opens and binds table
// (asking resolver for a Resolver of the opened library, when not nil),
// and returns the first error when none does: a library may come in
// several files (hiprtc is its own library from ROCm 6, inside
// libamdhip64 before).
func OpenBound(specs []*Spec, table []Symbol, resolver func(*Library) Resolver) (*Library, error) {
	var firstErr error
	for _, spec := range specs {
		lib, err := Open(spec)
		if err == nil {
			var r Resolver
			if resolver != nil {
				r = resolver(lib)
			}
			err = lib.Bind(table, r)
		}
		if err == nil {
			return lib, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}

// NotSupported returns the error of a call to an absent optional symbol.
func NotSupported(library, symbol string) error {
	return fmt.Errorf("%s: %s: %w (update the %s library)", library, symbol, ErrNotSupported, library)
}

// Lazy opens a library at most once, on first use, and is safe for
// concurrent use.
type Lazy struct {
	Spec *Spec
	once sync.Once
	lib  *Library
	err  error
}

// Load opens the library on the first call and returns the same result after.
func (z *Lazy) Load() (*Library, error) {
	z.once.Do(func() { z.lib, z.err = Open(z.Spec) })
	return z.lib, z.err
}
