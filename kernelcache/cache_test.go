package kernelcache

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func randomBytes(t *testing.T, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func randomKey(t *testing.T) Key {
	return Input{Compiler: "test 1.0", Target: "sm_90", Source: string(randomBytes(t, 32))}.Key()
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// compiler returns a compile func yielding payload and counts its calls.
func compiler(payload []byte, calls *int) func() ([]byte, error) {
	return func() ([]byte, error) {
		*calls++
		return payload, nil
	}
}

func mustNotCompile(t *testing.T) func() ([]byte, error) {
	return func() ([]byte, error) {
		t.Error("compile called; want a cache hit")
		return nil, errors.New("unexpected compile")
	}
}

func get(t *testing.T, c *Cache, k Key, compile func() ([]byte, error)) []byte {
	t.Helper()
	p, err := c.Get(k, compile)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	return p
}

func wantStats(t *testing.T, c *Cache, want Stats) {
	t.Helper()
	if got := c.Stats(); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestMissThenMemoryHit(t *testing.T) {
	c := New(t.TempDir(), quiet)
	k, payload := randomKey(t), randomBytes(t, 1000)
	calls := 0
	if got := get(t, c, k, compiler(payload, &calls)); !bytes.Equal(got, payload) {
		t.Fatal("miss returned other bytes than the compiler's")
	}
	if got := get(t, c, k, mustNotCompile(t)); !bytes.Equal(got, payload) {
		t.Fatal("memory hit returned other bytes")
	}
	wantStats(t, c, Stats{MemoryHits: 1, Misses: 1, Compiles: 1})
	if calls != 1 {
		t.Errorf("compile called %d times, want 1", calls)
	}
}

func TestDiskHitInFreshCache(t *testing.T) {
	dir := t.TempDir()
	k, payload := randomKey(t), randomBytes(t, 5000)
	calls := 0
	get(t, New(dir, quiet), k, compiler(payload, &calls))

	fresh := New(dir, quiet)
	if got := get(t, fresh, k, mustNotCompile(t)); !bytes.Equal(got, payload) {
		t.Fatal("disk hit returned other bytes than were stored")
	}
	get(t, fresh, k, mustNotCompile(t))
	wantStats(t, fresh, Stats{DiskHits: 1, MemoryHits: 1})
	if entries, _ := os.ReadDir(dir); len(entries) != 2 || entries[0].Name() != k.String() || entries[1].Name() != secretName {
		t.Errorf("dir holds %v, want one entry named %s and the secret (no temp files)", entries, k)
	}
}

func TestCorruptEntryIsRecompiledAndRewritten(t *testing.T) {
	damages := map[string]func([]byte) []byte{
		"payload byte flipped": func(b []byte) []byte { b[len(b)-7] ^= 0x40; return b },
		"MAC byte flipped": func(b []byte) []byte {
			b[entryHeaderSize-1] ^= 1
			return b
		},
		"magic changed":           func(b []byte) []byte { b[0] = 'X'; return b },
		"length field changed":    func(b []byte) []byte { b[len(entryMagic)+4]++; return b },
		"truncated payload":       func(b []byte) []byte { return b[:len(b)-100] },
		"truncated inside header": func(b []byte) []byte { return b[:20] },
		"empty":                   func(b []byte) []byte { return nil },
		"extra bytes appended":    func(b []byte) []byte { return append(b, 0) },
	}
	for name, damage := range damages {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			k, payload := randomKey(t), randomBytes(t, 3000)
			calls := 0
			get(t, New(dir, quiet), k, compiler(payload, &calls))

			path := filepath.Join(dir, k.String())
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, damage(data), 0o644); err != nil {
				t.Fatal(err)
			}

			c := New(dir, quiet)
			if got := get(t, c, k, compiler(payload, &calls)); !bytes.Equal(got, payload) {
				t.Fatal("damaged entry: Get returned other bytes than the compiler's")
			}
			wantStats(t, c, Stats{Misses: 1, Compiles: 1, Corrupt: 1})

			rewritten, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if p, err := decodeEntry(secretOf(t, dir), k, rewritten); err != nil || !bytes.Equal(p, payload) {
				t.Fatalf("entry not rewritten intact: %v", err)
			}
			get(t, New(dir, quiet), k, mustNotCompile(t))
		})
	}
}

func TestConcurrentMissCompilesOnce(t *testing.T) {
	const callers = 32
	c := New(t.TempDir(), quiet)
	k, payload := randomKey(t), randomBytes(t, 2000)
	var compiles atomic.Int32
	compile := func() ([]byte, error) {
		compiles.Add(1)
		// Hold the compile until every caller has missed: each is then
		// either this compile or waiting for it.
		deadline := time.Now().Add(10 * time.Second)
		for c.Stats().Misses < callers && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		return payload, nil
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	results := make([][]byte, callers)
	errs := make([]error, callers)
	for i := range callers {
		wg.Go(func() {
			<-start
			results[i], errs[i] = c.Get(k, compile)
		})
	}
	close(start)
	wg.Wait()
	for i := range callers {
		if errs[i] != nil || !bytes.Equal(results[i], payload) {
			t.Fatalf("caller %d: err %v, payload equal %v", i, errs[i], bytes.Equal(results[i], payload))
		}
	}
	if n := compiles.Load(); n != 1 {
		t.Errorf("compile ran %d times, want 1", n)
	}
	wantStats(t, c, Stats{Misses: callers, Compiles: 1})
}

func TestCompileErrorIsNotStored(t *testing.T) {
	c := New(t.TempDir(), quiet)
	k := randomKey(t)
	boom := errors.New("syntax error")
	if _, err := c.Get(k, func() ([]byte, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("Get error = %v, want the compiler's", err)
	}
	calls := 0
	payload := randomBytes(t, 10)
	if got := get(t, c, k, compiler(payload, &calls)); !bytes.Equal(got, payload) || calls != 1 {
		t.Fatalf("after a failed compile, Get did not compile again (calls %d)", calls)
	}
}

func TestPanickingCompileReleasesKey(t *testing.T) {
	c := New("", quiet)
	k := randomKey(t)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the compile's panic did not propagate")
			}
		}()
		c.Get(k, func() ([]byte, error) { panic("compiler crashed") })
	}()
	calls := 0
	get(t, c, k, compiler([]byte("ok"), &calls))
	if calls != 1 {
		t.Errorf("compile after a panic ran %d times, want 1", calls)
	}
}

func TestUnwritableDirWarnsOnceAndWorks(t *testing.T) {
	// A directory below a regular file cannot be created, even by root
	// (for whom chmod 0500 does not stop writes).
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	c := New(filepath.Join(file, "sub"), slog.New(slog.NewTextHandler(&log, nil)))
	for i := range 3 {
		k, payload := randomKey(t), randomBytes(t, 100)
		calls := 0
		if got := get(t, c, k, compiler(payload, &calls)); !bytes.Equal(got, payload) {
			t.Fatalf("key %d: wrong bytes", i)
		}
		get(t, c, k, mustNotCompile(t))
	}
	wantStats(t, c, Stats{MemoryHits: 3, Misses: 3, Compiles: 3})
	if n := strings.Count(log.String(), "level=WARN"); n != 1 {
		t.Errorf("%d warnings, want 1:\n%s", n, log.String())
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("CUGO_CACHE_DIR", "off")
	if dir, err := DefaultDir(); dir != "" || err != nil {
		t.Errorf("CUGO_CACHE_DIR=off: DefaultDir = %q, %v; want memory only", dir, err)
	}
	want := t.TempDir()
	t.Setenv("CUGO_CACHE_DIR", want)
	if dir, err := DefaultDir(); dir != want || err != nil {
		t.Errorf("DefaultDir = %q, %v; want %q", dir, err, want)
	}
	t.Setenv("CUGO_CACHE_DIR", "")
	base, err := os.UserCacheDir()
	if err != nil {
		t.Skip("no user cache dir here:", err)
	}
	if dir, _ := DefaultDir(); dir != filepath.Join(base, "cugo", "kernels") {
		t.Errorf("DefaultDir = %q, want under %q", dir, base)
	}
}

func TestMemoryOnlyWritesNothing(t *testing.T) {
	t.Chdir(t.TempDir())
	c := New("", quiet)
	k, payload := randomKey(t), randomBytes(t, 100)
	calls := 0
	get(t, c, k, compiler(payload, &calls))
	get(t, c, k, mustNotCompile(t))
	wantStats(t, c, Stats{MemoryHits: 1, Misses: 1, Compiles: 1})
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("memory-only cache wrote %v", entries)
	}
	if c.Dir() != "" {
		t.Errorf("Dir = %q, want \"\"", c.Dir())
	}
}

func TestKeyCoversEveryField(t *testing.T) {
	base := Input{
		Compiler: "nvrtc 12.8", Target: "sm_90", Name: "k.cu", Source: "src",
		Headers: map[string]string{"a.h": "A", "b.h": "B"}, Options: []string{"-a", "-b"},
		NameExpressions: []string{"&f<float>"},
	}
	variants := map[string]func(*Input){
		"compiler":        func(in *Input) { in.Compiler = "nvrtc 12.9" },
		"target":          func(in *Input) { in.Target = "compute_90" },
		"name":            func(in *Input) { in.Name = "j.cu" },
		"source":          func(in *Input) { in.Source = "src " },
		"header source":   func(in *Input) { in.Headers = map[string]string{"a.h": "A", "b.h": "b"} },
		"header name":     func(in *Input) { in.Headers = map[string]string{"a.h": "A", "c.h": "B"} },
		"no headers":      func(in *Input) { in.Headers = nil },
		"options joined":  func(in *Input) { in.Options = []string{"-a-b"} },
		"options order":   func(in *Input) { in.Options = []string{"-b", "-a"} },
		"name expression": func(in *Input) { in.NameExpressions = []string{"&f<double>"} },
		"option moved to name expression": func(in *Input) {
			in.Options = []string{"-a"}
			in.NameExpressions = []string{"-b", "&f<float>"}
		},
	}
	seen := map[Key]string{base.Key(): "base"}
	for name, change := range variants {
		in := base
		change(&in)
		k := in.Key()
		if other, dup := seen[k]; dup {
			t.Errorf("%s: same key as %s", name, other)
		}
		seen[k] = name
	}
	again := base
	again.Headers = map[string]string{"b.h": "B", "a.h": "A"}
	if again.Key() != base.Key() {
		t.Error("equal inputs gave different keys")
	}
}
