// Package kernelcache keeps the code that run-time compilers (NVRTC,
// hiprtc) produce, so that a kernel is compiled once per machine rather
// than once per process: in memory, and in a directory on disk.
//
// Entries are named by a Key over everything that decides the output.
// Disk writes are atomic (a temporary file renamed into place) and every
// entry carries a SHA-256 of its payload, so a torn or corrupted file is
// detected, recompiled and rewritten, never returned. A directory that
// cannot be written costs one warning and leaves the cache in memory only.
package kernelcache

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// Cache is a compiled-code cache, safe for concurrent use.
type Cache struct {
	dir    string // "" for memory only
	logger *slog.Logger

	mu      sync.Mutex
	mem     map[Key][]byte
	pending map[Key]*flight

	writeFailed atomic.Bool // set, with one warning, when the directory cannot be written
	memoryHits  atomic.Int64
	diskHits    atomic.Int64
	misses      atomic.Int64
	compiles    atomic.Int64
	corrupt     atomic.Int64
}

// flight is one lookup in progress (disk read, then compile); callers
// asking for the same key meanwhile wait for it instead of compiling.
type flight struct {
	done    chan struct{}
	payload []byte
	err     error
}

// Stats counts what a Cache has done since it was made.
type Stats struct {
	MemoryHits int64 // found in memory
	DiskHits   int64 // found on disk (then kept in memory)
	Misses     int64 // found in neither: compiled, or waited for another caller's compile
	Compiles   int64 // calls of a compile function
	Corrupt    int64 // disk entries rejected (bad header, length or checksum)
}

// New returns a cache that keeps entries in memory and, when dir is not
// "", in dir (created on first write). Warnings (an unwritable directory)
// go to logger; nil means slog.Default(). Pass a logger with a discard
// handler to silence them.
func New(dir string, logger *slog.Logger) *Cache {
	if logger == nil {
		logger = slog.Default()
	}
	return &Cache{dir: dir, logger: logger, mem: map[Key][]byte{}, pending: map[Key]*flight{}}
}

var defaultCache = sync.OnceValue(func() *Cache {
	dir, err := DefaultDir()
	if err != nil {
		slog.Warn("kernelcache: no disk cache; compiled kernels are kept in memory only", "err", err)
	}
	return New(dir, nil)
})

// Default returns the process-wide cache, in DefaultDir, logging to
// slog.Default().
func Default() *Cache { return defaultCache() }

// DefaultDir is $CUGO_CACHE_DIR when set, os.UserCacheDir()/cugo/kernels
// otherwise; "" (memory only) when CUGO_CACHE_DIR is "off" or no user
// cache directory is known.
func DefaultDir() (string, error) {
	switch env := os.Getenv("CUGO_CACHE_DIR"); env {
	case "off":
		return "", nil
	case "":
	default:
		return env, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("kernelcache: %w (set CUGO_CACHE_DIR)", err)
	}
	return filepath.Join(base, "cugo", "kernels"), nil
}

// Dir returns the cache's directory, "" when it keeps entries in memory only.
func (c *Cache) Dir() string { return c.dir }

// Stats returns the counters so far.
func (c *Cache) Stats() Stats {
	return Stats{
		MemoryHits: c.memoryHits.Load(),
		DiskHits:   c.diskHits.Load(),
		Misses:     c.misses.Load(),
		Compiles:   c.compiles.Load(),
		Corrupt:    c.corrupt.Load(),
	}
}

// Get returns the payload stored under key, from memory, else from disk,
// else by calling compile and storing what it returns. Concurrent calls
// for one missing key call compile once and share its result. A compile
// error is returned, not stored: the next Get tries again. The returned
// slice is shared with other callers and must not be modified.
func (c *Cache) Get(key Key, compile func() ([]byte, error)) ([]byte, error) {
	c.mu.Lock()
	if p, ok := c.mem[key]; ok {
		c.mu.Unlock()
		c.memoryHits.Add(1)
		return p, nil
	}
	if f, ok := c.pending[key]; ok {
		c.mu.Unlock()
		c.misses.Add(1)
		<-f.done
		return f.payload, f.err
	}
	f := &flight{done: make(chan struct{})}
	c.pending[key] = f
	c.mu.Unlock()

	defer func() {
		if r := recover(); r != nil {
			f.err = fmt.Errorf("kernelcache: compile of %s panicked: %v", key, r)
			c.land(key, f)
			panic(r)
		}
		c.land(key, f)
	}()
	if p, ok := c.readDisk(key); ok {
		c.diskHits.Add(1)
		f.payload = p
		return p, nil
	}
	c.misses.Add(1)
	c.compiles.Add(1)
	f.payload, f.err = compile()
	if f.err == nil {
		c.writeDisk(key, f.payload)
	}
	return f.payload, f.err
}

// land publishes a finished flight: in memory when it succeeded, and to
// the callers waiting for it.
func (c *Cache) land(key Key, f *flight) {
	c.mu.Lock()
	if f.err == nil {
		c.mem[key] = f.payload
	}
	delete(c.pending, key)
	c.mu.Unlock()
	close(f.done)
}

func (c *Cache) path(key Key) string { return filepath.Join(c.dir, key.String()) }

// readDisk returns a valid entry; a missing one is a plain miss, an
// invalid one is counted and logged at debug level, then treated as a miss.
func (c *Cache) readDisk(key Key) ([]byte, bool) {
	if c.dir == "" {
		return nil, false
	}
	data, err := os.ReadFile(c.path(key))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			c.logger.Debug("kernelcache: cannot read entry", "key", key.String(), "err", err)
		}
		return nil, false
	}
	p, err := decodeEntry(data)
	if err != nil {
		c.corrupt.Add(1)
		c.logger.Debug("kernelcache: rejected entry; recompiling", "path", c.path(key), "err", err)
		return nil, false
	}
	return p, true
}

// writeDisk stores an entry atomically. The first failure warns and stops
// further writes; reads go on (a read-only cache still serves).
func (c *Cache) writeDisk(key Key, payload []byte) {
	if c.dir == "" || c.writeFailed.Load() {
		return
	}
	if err := c.writeFile(c.path(key), encodeEntry(payload)); err != nil {
		if c.writeFailed.CompareAndSwap(false, true) {
			c.logger.Warn("kernelcache: cannot write the kernel cache; compiled kernels are kept in memory only",
				"dir", c.dir, "err", err)
		}
	}
}

func (c *Cache) writeFile(path string, data []byte) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(c.dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
