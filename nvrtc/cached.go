package nvrtc

import (
	"fmt"

	"github.com/cugo/cugo/kernelcache"
)

// CompileCached is Compile through a cache (nil means kernelcache.Default()),
// keyed on the source, headers, options, name expressions, target and the
// loaded NVRTC's version. A cached Result's Code is shared with the cache
// and must not be modified. Compile errors are not cached.
func CompileCached(cache *kernelcache.Cache, src string, opts Options) (*Result, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	major, minor, err := Version()
	if err != nil {
		return nil, err
	}
	if cache == nil {
		cache = kernelcache.Default()
	}
	target := opts.arch()
	if target == "" {
		target = "default"
	}
	key := kernelcache.Input{
		Compiler:        fmt.Sprintf("nvrtc %d.%d", major, minor),
		Target:          target,
		Name:            opts.name(),
		Source:          src,
		Headers:         opts.Headers,
		Options:         opts.flags(),
		NameExpressions: opts.NameExpressions,
	}.Key()
	c, err := cache.GetCompiled(key, func() (*kernelcache.Compiled, error) {
		res, err := Compile(src, opts)
		if err != nil {
			return nil, err
		}
		return &kernelcache.Compiled{Code: res.Code, Binary: res.CUBIN, Log: res.Log, Names: res.LoweredNames}, nil
	})
	if err != nil {
		return nil, err
	}
	return &Result{Code: c.Code, CUBIN: c.Binary, Log: c.Log, LoweredNames: c.Names}, nil
}
