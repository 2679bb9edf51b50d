package hip

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/libs/hipfft"
)

// hipfftTypes maps (kind, double precision) to hipFFT's transform types.
var hipfftTypes = map[backend.FFTKind][2]hipfft.Type{
	backend.C2C: {hipfft.C2C, hipfft.Z2Z},
	backend.R2C: {hipfft.R2C, hipfft.D2Z},
	backend.C2R: {hipfft.C2R, hipfft.Z2D},
}

// NewFFTPlan makes a hipFFT plan on the device's stream, without a work
// area of its own (gpu.FFTPlanner).
func (d *device) NewFFTPlan(desc gpu.FFTDesc) (gpu.FFTPlan, error) {
	t := hipfftTypes[desc.Kind][0]
	if desc.Double {
		t = hipfftTypes[desc.Kind][1]
	}
	r := desc.Rank
	p, err := hipfft.NewPlan(d.ctx, t, desc.N[:r],
		hipfft.Layout{Embed: desc.In.Embed[:r], Stride: desc.In.Stride, Dist: desc.In.Dist},
		hipfft.Layout{Embed: desc.Out.Embed[:r], Stride: desc.Out.Stride, Dist: desc.Out.Dist},
		desc.Batch, false)
	if err != nil {
		if _, loadErr := hipfft.Version(); loadErr != nil {
			return nil, fmt.Errorf("%w: %w", backend.ErrUnavailable, loadErr)
		}
		return nil, err
	}
	if err := p.SetStream(d.stream); err != nil {
		p.Close()
		return nil, err
	}
	return hipfftPlan{p}, nil
}

// hipfftPlan adapts a hipFFT plan to gpu.FFTPlan.
type hipfftPlan struct{ *hipfft.Plan }

func (p hipfftPlan) SetWorkArea(area gpu.Ptr) error {
	return p.Plan.SetWorkArea(hip.DevicePtr(area))
}

func (p hipfftPlan) Exec(in, out gpu.Ptr, inverse bool) error {
	dir := hipfft.Forward
	if inverse {
		dir = hipfft.Inverse
	}
	return p.Plan.Exec(hip.DevicePtr(in), hip.DevicePtr(out), dir)
}
