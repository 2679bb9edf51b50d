package gpu

import (
	"container/list"
	"errors"

	"github.com/cugo/cugo/backend"
)

// planCache keeps the FFT plans of one backend (one device and stream),
// least recently used first out, within a number of plans and a number of
// bytes of their work areas, as CuPy's plan cache does. A plan is made
// once per layout and reused by every later call; an evicted plan is
// destroyed and its work area freed. The zero value is unusable: see
// newPlanCache. It is not safe for concurrent use: its owner locks.
type planCache[K comparable, P any] struct {
	maxEntries int
	maxBytes   int        // 0: no limit
	order      *list.List // of *cacheEntry[K, P], most recent first
	byKey      map[K]*list.Element
	bytes      int
	hits, miss int64
	release    func(P) error
}

type cacheEntry[K comparable, P any] struct {
	key   K
	plan  P
	bytes int
}

func newPlanCache[K comparable, P any](maxEntries, maxBytes int, release func(P) error) *planCache[K, P] {
	return &planCache[K, P]{maxEntries: maxEntries, maxBytes: maxBytes, order: list.New(), byKey: map[K]*list.Element{}, release: release}
}

// get returns the plan of key, making it with make (which also says how
// many bytes the plan holds) on a miss and evicting the least recently
// used plans beyond the limits. A plan larger than the byte limit is made,
// returned and kept alone. The caller holds the plan only until its next
// call of get or clear: use it under lock.
func (c *planCache[K, P]) get(key K, make func() (P, int, error)) (P, error) {
	if e, ok := c.byKey[key]; ok {
		c.hits++
		c.order.MoveToFront(e)
		return e.Value.(*cacheEntry[K, P]).plan, nil
	}
	c.miss++
	p, n, err := make()
	if err != nil {
		var zero P
		return zero, err
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry[K, P]{key, p, n})
	c.bytes += n
	return p, c.evict()
}

// evict releases the least recently used plans, never the newest, until
// the cache is within its limits.
func (c *planCache[K, P]) evict() error {
	var errs []error
	for c.order.Len() > 1 && (c.order.Len() > c.maxEntries || c.maxBytes > 0 && c.bytes > c.maxBytes) {
		errs = append(errs, c.remove(c.order.Back()))
	}
	return errors.Join(errs...)
}

func (c *planCache[K, P]) remove(e *list.Element) error {
	entry := c.order.Remove(e).(*cacheEntry[K, P])
	delete(c.byKey, entry.key)
	c.bytes -= entry.bytes
	return c.release(entry.plan)
}

// clear releases every plan.
func (c *planCache[K, P]) clear() error {
	var errs []error
	for c.order.Len() > 0 {
		errs = append(errs, c.remove(c.order.Back()))
	}
	return errors.Join(errs...)
}

// setLimits changes the limits, evicting what no longer fits.
func (c *planCache[K, P]) setLimits(entries, bytes int) error {
	c.maxEntries, c.maxBytes = max(entries, 1), max(bytes, 0)
	return c.evict()
}

func (c *planCache[K, P]) info() backend.FFTPlanCacheInfo {
	return backend.FFTPlanCacheInfo{
		Plans: c.order.Len(), MaxPlans: c.maxEntries,
		Bytes: c.bytes, MaxBytes: c.maxBytes,
		Hits: c.hits, Misses: c.miss,
	}
}
