package backend

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
)

// ErrUnavailable is wrapped by the error of a backend whose device or
// libraries are missing on this machine.
var ErrUnavailable = errors.New("backend unavailable")

// Opener opens device ordinal of one kind of backend.
type Opener func(ordinal int) (Backend, error)

var registry = struct {
	sync.Mutex
	order   []string
	openers map[string]Opener
	opened  map[openKey]Backend
}{openers: map[string]Opener{}, opened: map[openKey]Backend{}}

type openKey struct {
	kind    string
	ordinal int
}

// Register makes a kind of backend known to Open and Default. The backends
// register themselves from their init; the order does not matter, since
// Default tries cuda, then hip, then cpu, whichever are registered.
func Register(kind string, open Opener) {
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.openers[kind]; !dup {
		registry.order = append(registry.order, kind)
	}
	registry.openers[kind] = open
}

// Open returns device ordinal of the named kind ("cuda", "hip", "cpu"),
// opening it on first use: every call for the same device returns the same
// Backend, so arrays made from separate calls can be used together.
func Open(kind string, ordinal int) (Backend, error) {
	registry.Lock()
	defer registry.Unlock()
	key := openKey{kind, ordinal}
	if b, ok := registry.opened[key]; ok {
		return b, nil
	}
	open := registry.openers[kind]
	if open == nil {
		return nil, fmt.Errorf("backend: unknown kind %q (known: %s)", kind, strings.Join(registry.order, ", "))
	}
	b, err := open(ordinal)
	if err != nil {
		return nil, err
	}
	registry.opened[key] = b
	return b, nil
}

// preference is the order in which Default tries the kinds of backend.
var preference = []string{"cuda", "hip", "cpu"}

var def struct {
	once sync.Once
	b    Backend
	err  error
	why  []error
}

// Default returns the backend that array operations use unless told
// otherwise: CUGO_BACKEND=cuda|hip|cpu if set (an error if that one cannot
// open), else the first GPU that opens (CUDA, then HIP), else the CPU.
func Default() (Backend, error) {
	def.once.Do(func() {
		if kind := os.Getenv("CUGO_BACKEND"); kind != "" {
			def.b, def.err = Open(kind, 0)
			if def.err != nil {
				def.err = fmt.Errorf("CUGO_BACKEND=%s: %w", kind, def.err)
			}
			return
		}
		registry.Lock()
		order := append([]string(nil), registry.order...)
		registry.Unlock()
		for _, kind := range preference {
			if !contains(order, kind) {
				continue
			}
			b, err := Open(kind, 0)
			if err == nil {
				def.b = b
				return
			}
			def.why = append(def.why, err)
		}
		def.err = errors.Join(append([]error{errors.New("backend: no backend could be opened")}, def.why...)...)
	})
	return def.b, def.err
}

// Skipped returns why each preferred backend was passed over by Default
// (for example "no CUDA device"), so a program can say why it runs on the CPU.
func Skipped() []error {
	Default()
	return def.why
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
