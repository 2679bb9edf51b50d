package backend

import (
	"errors"
	"strings"
	"sync"

	"github.com/cugo/cugo/loader"
)

// Library is what a backend found of one vendor library it uses, for
// reports such as `cugo info`.
type Library struct {
	Name    string   // "cuda", "nvrtc", "cublas", "hip", "hiprtc", "hipblas"
	Path    string   // the file loaded; empty when not found
	Version string   // as the library reports it, where it can
	Tried   []string // when not found: each path tried and why it failed
}

// Found reports whether the library was loaded.
func (l Library) Found() bool { return l.Path != "" }

var libraryFinders = struct {
	sync.Mutex
	kinds []string
	find  map[string]func() []Library
}{find: map[string]func() []Library{}}

// RegisterLibraries makes known the function that looks for the vendor
// libraries of a kind of backend; the GPU backends call it from their init.
func RegisterLibraries(kind string, find func() []Library) {
	libraryFinders.Lock()
	defer libraryFinders.Unlock()
	if _, dup := libraryFinders.find[kind]; !dup {
		libraryFinders.kinds = append(libraryFinders.kinds, kind)
	}
	libraryFinders.find[kind] = find
}

// Libraries looks for the vendor libraries of every kind of backend, in
// Default's order of preference (CUDA's, then HIP's).
func Libraries() []Library {
	libraryFinders.Lock()
	var finders []func() []Library
	for _, kind := range preference {
		if f := libraryFinders.find[kind]; f != nil {
			finders = append(finders, f)
		}
	}
	libraryFinders.Unlock()
	libs := []Library{}
	for _, f := range finders {
		libs = append(libs, f()...)
	}
	return libs
}

// FindLibrary opens the library of spec and asks its version (where
// version is not nil): the Library of a backend's report.
func FindLibrary(spec *loader.Spec, version func() (string, error)) Library {
	l := Library{Name: spec.Name}
	lib, err := loader.Open(spec)
	if err != nil {
		var nf *loader.NotFoundError
		if errors.As(err, &nf) {
			for _, a := range nf.Tried {
				why := a.Err.Error()
				if !strings.HasPrefix(why, a.Path) { // dlerror names the path itself
					why = a.Path + ": " + why
				}
				l.Tried = append(l.Tried, why)
			}
		} else {
			l.Tried = []string{err.Error()}
		}
		return l
	}
	l.Path = lib.File()
	if version == nil {
		return l
	}
	if v, err := version(); err == nil {
		l.Version = v
	}
	return l
}
