package backend

import "time"

// Streamer is implemented by backends whose operations queue on one
// stream of their device (the GPU backends). NewStream gives another
// backend on the same device whose operations queue on a new stream, so
// that independent work overlaps; all the streams of a device share its
// memory, its kernels and its arrays.
//
// Work on different streams is ordered by events. The backends order the
// uses of one buffer across streams themselves: an operation that uses a
// buffer last used on another stream waits for that stream's work queued
// so far, and memory freed after work on one stream is reused by another
// only after that work.
type Streamer interface {
	Backend
	// NewStream returns a backend on the same device whose operations
	// queue on a new stream, ordered with the device's default stream
	// (as CUDA's blocking streams and CuPy's streams are).
	NewStream() (Streamer, error)
	// Root is the backend of the device's default stream: the same value
	// for every stream of the device, which identifies it.
	Root() Backend
	// Record returns an event that completes when the work queued on the
	// stream so far has finished.
	Record() (Event, error)
	// Wait makes the work queued on the stream from now on wait for e,
	// an event recorded on any stream of the device.
	Wait(e Event) error
	// Close waits for the stream's work and releases the stream; its
	// operations fail afterwards. The default stream cannot be closed.
	Close() error
	// Closed returns the error of an operation on the stream once it is
	// closed, and nil before: callers that defer work (automatic fusion)
	// report it at the call.
	Closed() error
}

// Event marks a point in the work of a stream.
type Event interface {
	// Sync waits until the work before the event has finished.
	Sync() error
	// Elapsed waits for end and returns the device time from the event
	// to end, both recorded on streams of one device.
	Elapsed(end Event) (time.Duration, error)
}
