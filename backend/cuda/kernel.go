package cuda

import (
	"fmt"
	"sync"

	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/sym/cuda"
	"github.com/cugo/cugo/kernelcache"
	"github.com/cugo/cugo/nvrtc"
)

// kernel is a compiled, loaded elementwise kernel for one layout.
type kernel struct {
	fn     cuda.CUfunction
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

// kernelCache holds the loaded kernels by pointer and by canonical text
// (equal kernels built separately share one compile and module).
type kernelCache struct {
	mu     sync.RWMutex
	byPtr  map[kernelKey]*kernel
	byText map[string]*building
}

// building is a kernel being compiled, or compiled: others that want it
// wait for done rather than compile it again.
type building struct {
	done chan struct{}
	kn   *kernel
	err  error
}

// kernel returns the loaded kernel of k for layout l, compiling it on the
// first call. Different kernels compile in parallel.
func (b *Backend) kernel(k *ir.Kernel, l cgen.Layout) (*kernel, error) {
	c := &b.kernels
	key := kernelKey{k, l}
	c.mu.RLock()
	kn := c.byPtr[key]
	c.mu.RUnlock()
	if kn != nil {
		return kn, nil
	}
	text := k.Key() + "|" + l.String()
	c.mu.Lock()
	if c.byPtr == nil {
		c.byPtr, c.byText = map[kernelKey]*kernel{}, map[string]*building{}
	}
	bd, found := c.byText[text]
	if !found {
		bd = &building{done: make(chan struct{})}
		c.byText[text] = bd
	}
	c.mu.Unlock()
	if found {
		<-bd.done
	} else {
		bd.kn, bd.err = b.build(k, l)
		close(bd.done)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if bd.err != nil {
		if c.byText[text] == bd {
			delete(c.byText, text) // not kept: a later call tries again
		}
		return nil, bd.err
	}
	c.byPtr[key] = bd.kn
	return bd.kn, nil
}

// build renders, compiles (through the kernel cache, on disk too) and
// loads k for layout l.
func (b *Backend) build(k *ir.Kernel, l cgen.Layout) (*kernel, error) {
	src, err := cgen.Render(k, l, cgen.CUDA)
	if err != nil {
		return nil, fmt.Errorf("cuda: %w", err)
	}
	res, err := nvrtc.CompileCached(kernelcache.Default(), src.Code, compileOptions(src.Entry, b.target, b.cubin))
	if err != nil {
		return nil, fmt.Errorf("cuda: compile %s (%s) for %s: %w", src.Entry, l, b.dev.Arch, err)
	}
	fn, err := b.load(res.Code, src.Entry)
	if err != nil {
		return nil, fmt.Errorf("cuda: load %s (%s): %w", src.Entry, l, err)
	}
	return &kernel{fn: fn, entry: src.Entry, layout: l, params: src.Params, size: src.ParamSize, vec: src.Vec}, nil
}

// load loads a CUBIN or PTX image into the backend's context (for the
// life of the process) and returns its function entry.
func (b *Backend) load(image []byte, entry string) (cuda.CUfunction, error) {
	mod, err := b.ctx.LoadModule(image)
	if err != nil {
		return 0, err
	}
	fn, err := mod.Function(entry)
	if err != nil {
		return 0, err
	}
	return cuda.CUfunction(fn.Handle()), nil
}

// compileOptions are the NVRTC options of every kernel.
func compileOptions(entry string, target int, cubin bool) nvrtc.Options {
	return nvrtc.Options{
		Name: entry + ".cu",
		// No fused multiply-add contraction: NumPy's loops round a*b
		// before adding, and so must we to give its answers (a complex
		// product's cancellation, say); elementwise kernels wait on
		// memory, not on arithmetic.
		Options: []string{"-fmad=false"},
		Target:  target,
		CUBIN:   cubin,
		Minimal: true, // generated kernels use nothing of the CUDA runtime
	}
}
