package cuda

import (
	"time"

	"github.com/cugo/cugo/driver"
)

// TimeQueued runs f, which queues work on the backend's stream, between
// two recorded events, and returns the device time between them.
func (b *Backend) TimeQueued(f func() error) (time.Duration, error) {
	start, err := b.ctx.NewEvent(driver.EventDefault)
	if err != nil {
		return 0, err
	}
	defer start.Destroy()
	end, err := b.ctx.NewEvent(driver.EventDefault)
	if err != nil {
		return 0, err
	}
	defer end.Destroy()
	if err := start.Record(b.stream); err != nil {
		return 0, err
	}
	if err := f(); err != nil {
		return 0, err
	}
	if err := end.Record(b.stream); err != nil {
		return 0, err
	}
	if err := end.Synchronize(); err != nil {
		return 0, err
	}
	return driver.Elapsed(start, end)
}
