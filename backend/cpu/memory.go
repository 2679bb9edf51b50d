package cpu

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cugo/cugo/internal/bytesize"
)

// memory is the budget of a CPU backend: the bytes its live buffers hold
// and the most they may hold. A request past the limit is an error rather
// than the Go runtime's fatal "out of memory", which no caller can catch.
type memory struct {
	used  atomic.Int64
	limit atomic.Int64
}

// SetMemoryLimit sets how many bytes b's buffers may hold at once; n <= 0
// restores the default: the machine's memory (or the process's cgroup
// limit, if lower), or CUGO_CPU_MEMORY where it is set.
func (b *Backend) SetMemoryLimit(n int64) {
	if n <= 0 {
		n = defaultLimit()
	}
	b.mem.limit.Store(n)
}

// MemoryLimit returns the limit SetMemoryLimit sets.
func (b *Backend) MemoryLimit() int64 { return b.mem.limit.Load() }

// MemoryInUse returns the bytes that b's live buffers hold.
func (b *Backend) MemoryInUse() int64 { return b.mem.used.Load() }

// reserve counts n more bytes in use, or fails if that would pass the
// limit even after a garbage collection has reclaimed unreachable buffers.
func (m *memory) reserve(n int) error {
	for attempt := 0; ; attempt++ {
		used, limit := m.used.Load(), m.limit.Load()
		if int64(n) > limit-used {
			// Cleanups of unreachable buffers give their bytes back after
			// a collection, on their own goroutine: give them up to about
			// 200 ms before failing.
			if int64(n) <= limit && attempt < 8 {
				runtime.GC()
				time.Sleep(time.Duration(1<<attempt) * time.Millisecond)
				continue
			}
			return fmt.Errorf("cpu: out of memory: %s would pass the CPU backend's limit of %s (%s in use by arrays); "+
				"set CUGO_CPU_MEMORY or call SetMemoryLimit to change it", bytesize.Format(int64(n)), bytesize.Format(limit), bytesize.Format(used))
		}
		if m.used.CompareAndSwap(used, used+int64(n)) {
			return nil
		}
	}
}

func (m *memory) unreserve(n int) { m.used.Add(-int64(n)) }

// defaultLimit is CUGO_CPU_MEMORY where it is set and valid, else the
// memory the machine (or the cgroup) gives the process. Where neither is
// known it is 1 TiB: a bound against size arithmetic gone wrong, not a
// measure of the machine.
func defaultLimit() int64 {
	if n, err := limitFromEnv(); err == nil && n > 0 {
		return n
	}
	if n := systemMemory(); n > 0 {
		return n
	}
	return 1 << 40
}

// limitFromEnv parses CUGO_CPU_MEMORY (see bytesize.Parse); 0 means unset.
func limitFromEnv() (int64, error) {
	s := strings.TrimSpace(os.Getenv("CUGO_CPU_MEMORY"))
	if s == "" {
		return 0, nil
	}
	n, err := bytesize.Parse(s)
	if err != nil {
		return 0, fmt.Errorf("CUGO_CPU_MEMORY=%q: %w", s, err)
	}
	return n, nil
}
