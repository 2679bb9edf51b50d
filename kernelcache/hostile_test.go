package kernelcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// secretOf reads the secret a cache made in dir.
func secretOf(t *testing.T, dir string) []byte {
	t.Helper()
	s, err := os.ReadFile(filepath.Join(dir, secretName))
	if err != nil || len(s) != 32 {
		t.Fatalf("secret: %d bytes, %v", len(s), err)
	}
	return s
}

// cached fills dir with an entry for a new key and returns the key, the
// payload and the entry's path.
func cached(t *testing.T, dir string) (Key, []byte, string) {
	t.Helper()
	k, payload := randomKey(t), randomBytes(t, 500)
	calls := 0
	get(t, New(dir, quiet), k, compiler(payload, &calls))
	return k, payload, filepath.Join(dir, k.String())
}

// wantRecompiled checks that a fresh cache over dir compiles k anew,
// returns the compiler's bytes, counts one rejected entry and leaves a
// valid entry behind.
func wantRecompiled(t *testing.T, dir string, k Key) {
	t.Helper()
	fresh := randomBytes(t, 300)
	calls := 0
	c := New(dir, quiet)
	if got := get(t, c, k, compiler(fresh, &calls)); !bytes.Equal(got, fresh) || calls != 1 {
		t.Fatalf("Get returned other bytes than the compiler's (compiles: %d)", calls)
	}
	wantStats(t, c, Stats{Misses: 1, Compiles: 1, Corrupt: 1})
	if got := get(t, New(dir, quiet), k, mustNotCompile(t)); !bytes.Equal(got, fresh) {
		t.Fatal("the rejected entry was not replaced")
	}
}

func TestSwappedEntryIsRejected(t *testing.T) {
	dir := t.TempDir()
	a, _, pathA := cached(t, dir)
	_, _, pathB := cached(t, dir)
	data, err := os.ReadFile(pathB)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pathA, data, 0o600); err != nil {
		t.Fatal(err)
	}
	wantRecompiled(t, dir, a)
}

func TestPlantedEntryIsRejected(t *testing.T) {
	dir := t.TempDir()
	k, _, path := cached(t, dir)
	// A well-formed entry for k, made without the directory's secret.
	planted := encodeEntry(make([]byte, 32), k, []byte("// arbitrary PTX\n.version 8.0\n"))
	if err := os.WriteFile(path, planted, 0o600); err != nil {
		t.Fatal(err)
	}
	wantRecompiled(t, dir, k)
}

func TestOldFormatEntryIsReplaced(t *testing.T) {
	dir := t.TempDir()
	k, payload, path := cached(t, dir)
	// Format 1: magic, version 1, length, SHA-256 of the payload.
	old := binary.LittleEndian.AppendUint32([]byte(entryMagic), 1)
	old = binary.LittleEndian.AppendUint64(old, uint64(len(payload)))
	sum := sha256.Sum256(payload)
	old = append(append(old, sum[:]...), payload...)
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	wantRecompiled(t, dir, k)
}

func TestOversizedEntryIsRejected(t *testing.T) {
	dir := t.TempDir()
	k, _, path := cached(t, dir)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxEntrySize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	wantRecompiled(t, dir, k)
}

func TestDirectoryInPlaceOfEntryCostsOnlyThatEntry(t *testing.T) {
	dir := t.TempDir()
	k, _, path := cached(t, dir)
	os.Remove(path)
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	c := New(dir, quiet)
	calls := 0
	get(t, c, k, compiler([]byte("x"), &calls))
	// Another key is still written to disk: a fresh cache finds it.
	other, payload := randomKey(t), randomBytes(t, 100)
	get(t, c, other, compiler(payload, &calls))
	if got := get(t, New(dir, quiet), other, mustNotCompile(t)); !bytes.Equal(got, payload) {
		t.Fatal("wrong bytes for the other key")
	}
	if c.writeFailed.Load() {
		t.Error("one directory in place of an entry turned disk writes off")
	}
}

func TestDirectoryIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions on Windows")
	}
	dir := filepath.Join(t.TempDir(), "a", "b")
	cached(t, dir)
	for _, p := range []string{dir, filepath.Join(dir, secretName)} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("%s has mode %v; want no access for group or others", p, perm)
		}
	}
}

func TestSecretReadableByOthersIsReplaced(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions on Windows")
	}
	dir := t.TempDir()
	k, _, _ := cached(t, dir)
	os.Chmod(filepath.Join(dir, secretName), 0o644)
	// Entries made under a secret others could read are no longer trusted.
	wantRecompiled(t, dir, k)
}

// FuzzDecodeEntry feeds the entry decoder arbitrary bytes: it must never
// panic, and must accept only what encodeEntry wrote for that key and
// secret.
func FuzzDecodeEntry(f *testing.F) {
	secret := bytes.Repeat([]byte{7}, 32)
	key := Input{Compiler: "fuzz", Source: "x"}.Key()
	f.Add(encodeEntry(secret, key, []byte("payload")))
	f.Add(encodeEntry(secret, key, nil))
	f.Add(encodeEntry(make([]byte, 32), key, []byte("planted")))
	f.Add([]byte(entryMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := decodeEntry(secret, key, data)
		if err != nil {
			return
		}
		if !bytes.Equal(encodeEntry(secret, key, p), data) {
			t.Fatalf("accepted %d bytes that encodeEntry would not write", len(data))
		}
	})
}
