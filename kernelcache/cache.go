// Package kernelcache keeps the code that run-time compilers (NVRTC,
// hiprtc) produce, so that a kernel is compiled once per machine rather
// than once per process: in memory, and in a directory on disk.
//
// Entries are named by a Key over everything that decides the output.
// Disk writes are atomic (a temporary file renamed into place).
//
// What the disk cache trusts: the user's own account, and nothing else in
// the directory. The directory is created private to the user (0700) and
// holds a random secret (0600); every entry carries an HMAC of its key and
// payload under that secret. A torn, corrupted, swapped (another key's),
// planted (written without the secret) or old-format entry is rejected,
// recompiled and replaced, never returned. Only regular files of at most
// 256 MiB are read, without following links or blocking on FIFOs. A
// directory that cannot be written costs one warning and leaves the cache
// in memory only; an entry that cannot be replaced costs only itself.
package kernelcache

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
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

	secret func() ([]byte, error) // the directory's MAC key, read or made once

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
	Corrupt    int64 // disk entries rejected (not a regular file, too big, bad header, length or MAC)
}

// New returns a cache that keeps entries in memory and, when dir is not
// "", in dir (created on first write). Warnings (an unwritable directory)
// go to logger; nil means slog.Default(). Pass a logger with a discard
// handler to silence them.
func New(dir string, logger *slog.Logger) *Cache {
	if logger == nil {
		logger = slog.Default()
	}
	c := &Cache{dir: dir, logger: logger, mem: map[Key][]byte{}, pending: map[Key]*flight{}}
	c.secret = sync.OnceValues(c.loadSecret)
	return c
}

// secretName is the file, in the cache directory, of the key that
// authenticates its entries.
const secretName = "secret"

// loadSecret reads the directory's secret, or makes one where there is
// none (or one that is not a private regular file of the right size).
func (c *Cache) loadSecret() ([]byte, error) {
	path := filepath.Join(c.dir, secretName)
	if data, err := readRegular(path, 32); err == nil && len(data) == 32 {
		// Windows reports no Unix permissions (its ACLs keep the user's
		// cache directory private); elsewhere others must not read it.
		if fi, err := os.Lstat(path); err == nil && (runtime.GOOS == "windows" || fi.Mode().Perm()&0o077 == 0) {
			return data, nil
		}
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, err
	}
	if err := c.writeFile(path, secret); err != nil {
		return nil, err
	}
	return secret, nil
}

// notEntryError is the error of a file that is there but cannot be an
// entry: not a regular file, or too big.
type notEntryError struct{ msg string }

func (e *notEntryError) Error() string { return e.msg }

// readRegular reads the file at path if it is a regular file of at most
// limit bytes, without following a link or blocking on a FIFO.
func readRegular(path string, limit int64) ([]byte, error) {
	if fi, err := os.Lstat(path); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, &notEntryError{fmt.Sprintf("%s is not a regular file (%v)", path, fi.Mode().Type())}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, &notEntryError{fmt.Sprintf("%s is not a regular file (%v)", path, fi.Mode().Type())}
	case fi.Size() > limit:
		return nil, &notEntryError{fmt.Sprintf("%s has %d bytes, more than the %d an entry may have", path, fi.Size(), limit)}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = &notEntryError{fmt.Sprintf("%s grew past %d bytes while read", path, limit)}
	}
	return data, err
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
	data, err := readRegular(c.path(key), maxEntrySize)
	var notEntry *notEntryError
	if err != nil && !errors.As(err, &notEntry) {
		if !errors.Is(err, fs.ErrNotExist) {
			c.logger.Debug("kernelcache: cannot read entry", "key", key.String(), "err", err)
		}
		return nil, false
	}
	secret, serr := c.secret()
	if err == nil && serr != nil {
		c.logger.Debug("kernelcache: no secret to check entries with", "dir", c.dir, "err", serr)
		return nil, false
	}
	var p []byte
	if err == nil {
		p, err = decodeEntry(secret, key, data)
	}
	if err != nil {
		c.corrupt.Add(1)
		c.logger.Debug("kernelcache: rejected entry; recompiling", "path", c.path(key), "err", err)
		return nil, false
	}
	return p, true
}

// writeDisk stores an entry atomically. A directory that cannot be
// written (or no secret) warns once and stops further writes; reads go on
// (a read-only cache still serves). An entry that cannot be put in place
// (a directory in its way, say) is skipped alone.
func (c *Cache) writeDisk(key Key, payload []byte) {
	if c.dir == "" || c.writeFailed.Load() {
		return
	}
	secret, err := c.secret()
	if err == nil {
		err = c.writeFile(c.path(key), encodeEntry(secret, key, payload))
	}
	var one *entryError
	switch {
	case err == nil:
	case errors.As(err, &one):
		c.logger.Debug("kernelcache: cannot replace entry", "path", c.path(key), "err", err)
	case c.writeFailed.CompareAndSwap(false, true):
		c.logger.Warn("kernelcache: cannot write the kernel cache; compiled kernels are kept in memory only",
			"dir", c.dir, "err", err)
	}
}

// entryError is a failure to put one file in place, which says nothing
// of the directory.
type entryError struct{ err error }

func (e *entryError) Error() string { return e.err.Error() }
func (e *entryError) Unwrap() error { return e.err }

// writeFile writes data to a temporary file in the cache directory
// (created private to the user) and renames it to path.
func (c *Cache) writeFile(path string, data []byte) error {
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
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
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return &entryError{err}
	}
	return nil
}
