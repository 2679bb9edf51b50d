package gpu

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wordsDevice gives host memory and events and counts them; the rest of
// Runtime is not called.
type wordsDevice struct {
	Runtime
	allocs, events, freed atomic.Int64
}

func (d *wordsDevice) HostAlloc(n int) ([]byte, func() error, error) {
	d.allocs.Add(1)
	return make([]byte, n), func() error { d.freed.Add(1); return nil }, nil
}

func (d *wordsDevice) NewEvent() (Event, error) {
	d.events.Add(1)
	return doneEvent{}, nil
}

// doneEvent is the event of a test device whose work is done when its
// call returns: complete as soon as it is recorded. It does not time.
type doneEvent struct{}

func (doneEvent) Record() error      { return nil }
func (doneEvent) Synchronize() error { return nil }
func (doneEvent) Destroy() error     { return nil }
func (doneEvent) Since(Event) (time.Duration, error) {
	return 0, errors.New("a test device's event does not time")
}

// Goroutines taking and giving back host words at once each hold a word
// of their own, set to 0 when taken; words and their events are made
// once and reused, a page of pinned memory for many words, and release
// frees the pages.
func TestHostWordsConcurrently(t *testing.T) {
	dev := &wordsDevice{}
	b := &Backend{dev: dev}
	const workers, rounds = 16, 200
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			for r := range rounds {
				h, err := b.takeHostWord()
				if !assert.NoError(t, err) || !assert.Zero(t, atomic.LoadUint64(h.word)) {
					return
				}
				mine := uint64(g<<32 | r + 1)
				atomic.StoreUint64(h.word, mine)
				got, err := h.read()
				if !assert.NoError(t, err) || !assert.Equal(t, mine, got, "another holder wrote this word") {
					return
				}
				b.putHostWord(h)
			}
		})
	}
	wg.Wait()
	require.EqualValues(t, 1, dev.allocs.Load(), "one page holds the words of %d holders", workers)
	require.LessOrEqual(t, dev.events.Load(), int64(workers), "an event a word, made once")
	require.NoError(t, b.hostWords.release())
	require.EqualValues(t, 1, dev.freed.Load())
}
