package nvrtc

import (
	"fmt"
	"sync"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/kernelcache"
)

// Kernel compiles src for ctx's device through the kernel cache (CUBIN for
// the device's own architecture when this NVRTC knows it, else PTX for the
// driver to JIT), loads it into ctx, and returns the function named entry
// (an extern "C" name, or a name expression of opts.NameExpressions).
// Modules stay loaded for the life of the process, one per distinct
// compiled image and context, so asking again costs a map lookup.
func Kernel(ctx *driver.Context, src, entry string, opts Options) (*driver.Function, error) {
	major, minor, err := ctx.Device().ComputeCapability()
	if err != nil {
		return nil, err
	}
	if opts.Target == 0 {
		opts.Target, opts.CUBIN = PickTarget(major*10 + minor)
	}
	res, err := CompileCached(kernelcache.Default(), src, opts)
	if err != nil {
		return nil, err
	}
	mod, err := loaded.module(ctx, res.Code)
	if err != nil {
		return nil, err
	}
	name := entry
	if lowered, ok := res.LoweredNames[entry]; ok {
		name = lowered
	}
	fn, err := mod.Function(name)
	if err != nil {
		return nil, fmt.Errorf("nvrtc: %s: %w", entry, err)
	}
	return fn, nil
}

// loaded maps (context, image) to its module. Images are keyed by content:
// a cache hit returns the same bytes for the same kernel.
var loaded = moduleTable{m: map[moduleKey]*driver.Module{}}

type moduleKey struct {
	ctx   *driver.Context
	image string
}

type moduleTable struct {
	mu sync.Mutex
	m  map[moduleKey]*driver.Module
}

func (t *moduleTable) module(ctx *driver.Context, image []byte) (*driver.Module, error) {
	key := moduleKey{ctx, string(image)}
	t.mu.Lock()
	defer t.mu.Unlock()
	if mod, ok := t.m[key]; ok {
		return mod, nil
	}
	mod, err := ctx.LoadModule(image)
	if err != nil {
		return nil, err
	}
	t.m[key] = mod
	return mod, nil
}
