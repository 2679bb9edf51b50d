package hiprtc

import (
	"fmt"

	"github.com/cugo/cugo/kernelcache"
)

// CompileCached is Compile through a kernel cache (nil means
// kernelcache.Default()), keyed on the source, headers, options, name
// expressions, gfx target and the loaded hiprtc's version. A cached
// Result's Code is shared with the cache and must not be modified.
// Compile errors are not cached.
func CompileCached(cache *kernelcache.Cache, src string, opts Options) (*Result, error) {
	major, minor, err := Version()
	if err != nil {
		return nil, err
	}
	if cache == nil {
		cache = kernelcache.Default()
	}
	key := kernelcache.Input{
		Compiler:        fmt.Sprintf("hiprtc %d.%d", major, minor),
		Target:          opts.Target,
		Name:            opts.Name,
		Source:          src,
		Headers:         opts.Headers,
		Options:         opts.Options,
		NameExpressions: opts.NameExpressions,
	}.Key()
	c, err := cache.GetCompiled(key, func() (*kernelcache.Compiled, error) {
		res, err := Compile(src, opts)
		if err != nil {
			return nil, err
		}
		return &kernelcache.Compiled{Code: res.Code, Binary: true, Log: res.Log, Names: res.LoweredNames}, nil
	})
	if err != nil {
		return nil, err
	}
	return &Result{Code: c.Code, Log: c.Log, LoweredNames: c.Names}, nil
}
