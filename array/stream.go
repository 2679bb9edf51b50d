package array

import (
	"fmt"
	"time"

	"github.com/cugo/cugo/backend"
)

// NewStream returns a Device on d's GPU whose arrays' operations queue on
// a new stream, so that independent work on two streams overlaps, as
// CuPy's `with cupy.cuda.Stream():` does:
//
//	s, err := dev.NewStream()
//	x := s.Ones(array.Float32, 1<<20) // x's operations run on s
//	y := x.Mul(2).Add(1)              // so do y's
//	err = s.Sync()                    // wait for s alone
//
// An operation runs on the stream of its first array operand, and its
// result is on that stream (a.To(s.Backend()) copies a onto stream s).
// Arrays mix freely with the arrays of the device's other streams, and
// cugo orders their uses itself: an operation that reads or writes an
// array last used on another stream waits for that stream's work queued
// so far, and memory freed after work on one stream is reused by another
// only after that work. Events (Record, Wait) order or time other work.
//
// On the CPU, where operations run as they are called, NewStream returns
// a Device on the same backend, and its events are host times.
func (d *Device) NewStream() (*Device, error) {
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("NewStream: %w", err)
	}
	s, ok := d.b.(backend.Streamer)
	if !ok {
		return On(d.b), nil
	}
	sb, err := s.NewStream()
	if err != nil {
		return nil, fmt.Errorf("NewStream: %w", err)
	}
	return On(sb), nil
}

// Sync waits for the work queued on d's stream and reports the first
// error of that work (on the CPU, of the backend) since the last Sync.
func (d *Device) Sync() error {
	if err := d.Err(); err != nil {
		return fmt.Errorf("Sync: %w", err)
	}
	return d.b.Sync()
}

// Close waits for the work of a stream that NewStream made and releases
// the stream. Arrays made on it stay usable on the device's other
// streams (as operands after an operand of another stream, or as the out
// array of an operation of another stream); operations that would run
// on it fail. Close of a CPU stream does nothing; the default stream
// cannot be closed.
func (d *Device) Close() error {
	if err := d.Err(); err != nil {
		return fmt.Errorf("Close: %w", err)
	}
	if s, ok := d.b.(backend.Streamer); ok {
		return s.Close()
	}
	return nil
}

// Event marks a point in the work of a stream: Record makes one, Wait
// orders another stream's work after it, Sync waits for it, and Elapsed
// times the work between two of them.
type Event struct {
	e    backend.Event // nil on the CPU
	root backend.Backend
	host time.Time // on the CPU: when the work before it had finished
}

// Record returns an event that completes when the work queued on d's
// stream so far has finished.
func (d *Device) Record() (*Event, error) {
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("Record: %w", err)
	}
	s, ok := d.b.(backend.Streamer)
	if !ok {
		if err := d.b.Sync(); err != nil {
			return nil, fmt.Errorf("Record: %w", err)
		}
		return &Event{root: d.b, host: time.Now()}, nil
	}
	e, err := s.Record()
	if err != nil {
		return nil, fmt.Errorf("Record: %w", err)
	}
	return &Event{e: e, root: s.Root()}, nil
}

// Wait makes the work queued on d's stream from now on wait for e, an
// event recorded on any stream of d's device.
func (d *Device) Wait(e *Event) error {
	if err := d.Err(); err != nil {
		return fmt.Errorf("Wait: %w", err)
	}
	if e == nil {
		return fmt.Errorf("Wait: nil *Event")
	}
	if rootOf(d.b) != e.root {
		return fmt.Errorf("Wait: the event was recorded on another device")
	}
	if e.e == nil {
		return nil // the CPU's work is done when recorded
	}
	return d.b.(backend.Streamer).Wait(e.e)
}

// Sync waits until the work before e has finished.
func (e *Event) Sync() error {
	if e == nil {
		return fmt.Errorf("Event.Sync: nil *Event")
	}
	if e.e == nil {
		return nil
	}
	return e.e.Sync()
}

// Elapsed waits for end and returns the time from e to end, measured on
// the device: start.Elapsed(end), as cupy.cuda.get_elapsed_time(start,
// end). Both must be events of one device.
func (e *Event) Elapsed(end *Event) (time.Duration, error) {
	switch {
	case e == nil || end == nil:
		return 0, fmt.Errorf("Elapsed: nil *Event")
	case e.root != end.root:
		return 0, fmt.Errorf("Elapsed: events of two devices")
	case e.e == nil:
		return end.host.Sub(e.host), nil
	}
	return e.e.Elapsed(end.e)
}

// rootOf is the backend of b's device's default stream: the one value
// that all the streams of a device share.
func rootOf(b backend.Backend) backend.Backend {
	if s, ok := b.(backend.Streamer); ok {
		return s.Root()
	}
	return b
}
