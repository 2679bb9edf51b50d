package gpu

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/internal/ir"
)

// kernel is a compiled, loaded elementwise kernel for one layout.
type kernel struct {
	fn     Function
	entry  string
	layout cgen.Layout
	params []cgen.Param
	size   int // bytes of the packed parameters
	vec    int // elements per thread and step of the flat loop
}

// kernelKey finds a kernel by the identity of its *ir.Kernel: the array
// package keeps its kernels, so a repeated op hits without hashing text.
type kernelKey struct {
	k *ir.Kernel
	l cgen.Layout
}

// kernelCache holds loaded kernels by a key of pointer identity (K) and
// by canonical text (equal kernels built separately share one compile and
// module).
type kernelCache[K comparable, V any] struct {
	mu     sync.RWMutex
	byPtr  map[K]*cached[K, V]
	byText map[string]*building[V]
	// last is the entry found last: a loop of one small op finds it
	// without the lock or hashing the key.
	last atomic.Pointer[cached[K, V]]
}

// cached is a kernel of the cache with its key, never changed.
type cached[K comparable, V any] struct {
	key K
	kn  V
}

// building is a kernel being compiled, or compiled: others that want it
// wait for done rather than compile it again.
type building[V any] struct {
	done chan struct{}
	kn   V
	err  error
}

// get returns the kernel of key, whose canonical text is text(), calling
// build on the first request. Different kernels build in parallel.
func (c *kernelCache[K, V]) get(key K, text func() string, build func() (V, error)) (V, error) {
	if e := c.last.Load(); e != nil && e.key == key {
		return e.kn, nil
	}
	c.mu.RLock()
	e, ok := c.byPtr[key]
	c.mu.RUnlock()
	if ok {
		c.last.Store(e)
		return e.kn, nil
	}
	t := text()
	c.mu.Lock()
	if c.byPtr == nil {
		c.byPtr, c.byText = map[K]*cached[K, V]{}, map[string]*building[V]{}
	}
	bd, found := c.byText[t]
	if !found {
		bd = &building[V]{done: make(chan struct{})}
		c.byText[t] = bd
	}
	c.mu.Unlock()
	if found {
		<-bd.done
	} else {
		bd.kn, bd.err = build()
		close(bd.done)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if bd.err != nil {
		if c.byText[t] == bd {
			delete(c.byText, t) // not kept: a later call tries again
		}
		var zero V
		return zero, bd.err
	}
	c.byPtr[key] = &cached[K, V]{key, bd.kn}
	return bd.kn, nil
}

// kernel returns the loaded kernel of k for layout l, compiling it on the
// first call.
func (b *Backend) kernel(k *ir.Kernel, l cgen.Layout) (*kernel, error) {
	return b.root().kernels.get(kernelKey{k, l}, func() string { return k.Key() + "|" + l.String() },
		func() (*kernel, error) { return b.build(k, l) })
}

// build renders k for layout l in the device's dialect, compiles and
// loads it.
func (b *Backend) build(k *ir.Kernel, l cgen.Layout) (*kernel, error) {
	src, err := cgen.Render(k, l, b.vendor)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", b.kind, err)
	}
	fns, err := b.dev.Load(src.Code, src.Entry)
	if err != nil {
		return nil, fmt.Errorf("%s: %s (%s) for %s: %w", b.kind, src.Entry, l, b.info.Arch, err)
	}
	return &kernel{fn: fns[0], entry: src.Entry, layout: l, params: src.Params, size: src.ParamSize, vec: src.Vec}, nil
}
