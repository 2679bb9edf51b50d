package gpu

import (
	"errors"
	"sync"
	"sync/atomic"
	"unsafe"
)

// hostWord is a word of pinned host memory that a kernel writes through
// its address (CUDA and HIP map pinned memory into the device's address
// space at the host's address) and an event recorded after that kernel:
// the host reads the word once the event completes, without a copy
// queued behind the work that follows the kernel.
type hostWord struct {
	word *uint64
	done Event // nil where the device has no events
}

// hostWords keeps a backend's host words for reuse: pinned memory and
// events each cost a driver call to make.
type hostWords struct {
	mu    sync.Mutex
	free  []*hostWord
	pages []func() error // releases of the pinned pages the words are in
}

// hostWordsPerPage is the number of words of one pinned allocation.
const hostWordsPerPage = 512

// takeHostWord returns a host word set to 0, for b's stream.
func (b *Backend) takeHostWord() (*hostWord, error) {
	w := &b.hostWords
	w.mu.Lock()
	if len(w.free) == 0 {
		mem, release, err := b.dev.HostAlloc(8 * hostWordsPerPage)
		if err != nil {
			w.mu.Unlock()
			return nil, err
		}
		w.pages = append(w.pages, release)
		for i := range hostWordsPerPage {
			w.free = append(w.free, &hostWord{word: (*uint64)(unsafe.Pointer(&mem[8*i]))})
		}
	}
	h := w.free[len(w.free)-1]
	w.free = w.free[:len(w.free)-1]
	w.mu.Unlock()
	if h.done == nil {
		if ev, err := b.dev.NewEvent(); err == nil {
			h.done = ev
		}
	}
	atomic.StoreUint64(h.word, 0)
	return h, nil
}

// putHostWord gives h back for reuse once no queued work writes it.
func (b *Backend) putHostWord(h *hostWord) {
	b.hostWords.mu.Lock()
	b.hostWords.free = append(b.hostWords.free, h)
	b.hostWords.mu.Unlock()
}

// address is the word's address, for a kernel's parameter.
func (h *hostWord) address() uint64 { return uint64(uintptr(unsafe.Pointer(h.word))) }

// written marks the point of b's stream after the kernel that writes h
// (h.done is not nil).
func (h *hostWord) written() error { return h.done.Record() }

// read waits for the point written marked and returns the word.
func (h *hostWord) read() (uint64, error) {
	err := h.done.Synchronize()
	return atomic.LoadUint64(h.word), err
}

// release destroys the words' events and frees their pinned memory,
// when b's stream is closed.
func (w *hostWords) release() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var err error
	for _, h := range w.free {
		if h.done != nil {
			err = errors.Join(err, h.done.Destroy())
		}
	}
	for _, release := range w.pages {
		err = errors.Join(err, release())
	}
	w.free, w.pages = nil, nil
	return err
}
