package cuda

import (
	"fmt"

	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/driver"
)

var _ gpu.StreamDevice = (*device)(nil)

// NewStream returns d with its work queued on a new stream of the context
// (gpu.StreamDevice): a blocking stream, so the legacy default stream's
// work (the synchronous copies among it) orders with it, as CuPy's
// streams do, while two such streams run concurrently. Its memory comes
// from the same pool, in the new stream's order.
func (d *device) NewStream() (gpu.Runtime, func() error, error) {
	s, err := d.ctx.NewStream(driver.StreamDefault, 0)
	if err != nil {
		return nil, nil, err
	}
	v := &device{
		ctx:      d.ctx,
		stream:   s,
		info:     d.info,
		resident: d.resident,
		target:   d.target,
		cubin:    d.cubin,
		launcher: d.ctx.NewRawLauncher(),
	}
	if p, ok := d.pool.(*memPool); ok {
		v.pool = &memPool{stream: s, pool: p.pool}
	}
	return v, s.Destroy, nil
}

// WaitEvent makes the work queued on d's stream from now on wait for e.
func (d *device) WaitEvent(e gpu.Event) error {
	ev, ok := e.(*event)
	if !ok {
		return fmt.Errorf("cuda: an event of another vendor (%T)", e)
	}
	return d.stream.WaitEvent(ev.e)
}
