//go:build unix

package kernelcache

import (
	"os"
	"syscall"
	"testing"
	"time"
)

func TestSymlinkEntryIsNotFollowed(t *testing.T) {
	dir := t.TempDir()
	k, _, path := cached(t, dir)
	os.Remove(path)
	if err := os.Symlink("/dev/zero", path); err != nil {
		t.Fatal(err)
	}
	wantRecompiled(t, dir, k)
}

func TestFIFOEntryDoesNotBlock(t *testing.T) {
	dir := t.TempDir()
	k, _, path := cached(t, dir)
	os.Remove(path)
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		wantRecompiled(t, dir, k)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Get blocked on a FIFO in place of an entry")
	}
}
