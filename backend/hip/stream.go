package hip

import (
	"fmt"

	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/hip"
)

var _ gpu.StreamDevice = (*device)(nil)

// NewStream returns d with its work queued on a new stream of the device
// (gpu.StreamDevice): a blocking stream, so the null stream's work (the
// synchronous copies among it) orders with it, as CuPy's streams do,
// while two such streams run concurrently.
func (d *device) NewStream() (gpu.Runtime, func() error, error) {
	s, err := d.ctx.NewStream(hip.StreamDefault, 0)
	if err != nil {
		return nil, nil, err
	}
	v := &device{
		ctx:      d.ctx,
		stream:   s,
		info:     d.info,
		arch:     d.arch,
		warp:     d.warp,
		resident: d.resident,
		launcher: d.ctx.NewRawLauncher(),
	}
	return v, s.Destroy, nil
}

// WaitEvent makes the work queued on d's stream from now on wait for e.
func (d *device) WaitEvent(e gpu.Event) error {
	ev, ok := e.(*event)
	if !ok {
		return fmt.Errorf("hip: an event of another vendor (%T)", e)
	}
	return d.stream.WaitEvent(ev.e)
}
