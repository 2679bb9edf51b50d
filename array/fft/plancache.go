package fft

import (
	"fmt"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
)

// PlanCacheInfo describes the FFT plan cache of d's backend: a GPU backend
// keeps a plan per transform layout (16 at most by default, as CuPy) so
// that repeated calls make none. ok is false for backends without a cache
// (the CPU).
func PlanCacheInfo(d *array.Device) (info backend.FFTPlanCacheInfo, ok bool) {
	c, ok := cacher(d)
	if !ok {
		return info, false
	}
	return c.FFTPlanCache(), true
}

// SetPlanCacheLimits bounds d's plan cache to plans plans and bytes bytes
// of work areas (0: no limit), releasing the least recently used plans
// beyond them. Backends without a cache ignore it.
func SetPlanCacheLimits(d *array.Device, plans, bytes int) error {
	if plans < 1 || bytes < 0 {
		return fmt.Errorf("fft.SetPlanCacheLimits: %d plans and %d bytes (at least 1 plan, and bytes >= 0)", plans, bytes)
	}
	if c, ok := cacher(d); ok {
		return c.SetFFTPlanCacheLimits(plans, bytes)
	}
	return nil
}

// ClearPlanCache releases every plan of d's cache and the memory of their
// work areas.
func ClearPlanCache(d *array.Device) error {
	if c, ok := cacher(d); ok {
		return c.ClearFFTPlanCache()
	}
	return nil
}

func cacher(d *array.Device) (backend.FFTPlanCacher, bool) {
	if d == nil || d.Err() != nil {
		return nil, false
	}
	c, ok := d.Backend().(backend.FFTPlanCacher)
	return c, ok
}
