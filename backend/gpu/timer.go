package gpu

import (
	"fmt"
	"time"
)

// TimeQueued runs f, which queues work on the backend's stream, between
// two recorded events, and returns the device time between them.
func (b *Backend) TimeQueued(f func() error) (time.Duration, error) {
	d, err := b.timeQueued(f)
	if err != nil {
		return 0, fmt.Errorf("%s: TimeQueued: %w", b.kind, err)
	}
	return d, nil
}

func (b *Backend) timeQueued(f func() error) (time.Duration, error) {
	start, err := b.dev.NewEvent()
	if err != nil {
		return 0, err
	}
	defer start.Destroy()
	end, err := b.dev.NewEvent()
	if err != nil {
		return 0, err
	}
	defer end.Destroy()
	if err := start.Record(); err != nil {
		return 0, err
	}
	if err := f(); err != nil {
		return 0, err
	}
	if err := end.Record(); err != nil {
		return 0, err
	}
	if err := end.Synchronize(); err != nil {
		return 0, err
	}
	return end.Since(start)
}
