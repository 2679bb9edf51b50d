package cuda

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/libs/cufft"
)

// cufftTypes maps (kind, double precision) to cuFFT's transform types.
var cufftTypes = map[backend.FFTKind][2]cufft.Type{
	backend.C2C: {cufft.C2C, cufft.Z2Z},
	backend.R2C: {cufft.R2C, cufft.D2Z},
	backend.C2R: {cufft.C2R, cufft.Z2D},
}

// NewFFTPlan makes a cuFFT plan on the device's stream, without a work
// area of its own (gpu.FFTPlanner).
func (d *device) NewFFTPlan(desc gpu.FFTDesc) (gpu.FFTPlan, error) {
	t := cufftTypes[desc.Kind][0]
	if desc.Double {
		t = cufftTypes[desc.Kind][1]
	}
	r := desc.Rank
	p, err := cufft.NewPlan(d.ctx, t, desc.N[:r],
		cufft.Layout{Embed: desc.In.Embed[:r], Stride: desc.In.Stride, Dist: desc.In.Dist},
		cufft.Layout{Embed: desc.Out.Embed[:r], Stride: desc.Out.Stride, Dist: desc.Out.Dist},
		desc.Batch, false)
	if err != nil {
		if _, loadErr := cufft.Version(); loadErr != nil {
			return nil, fmt.Errorf("%w: %w", backend.ErrUnavailable, loadErr)
		}
		return nil, err
	}
	if err := p.SetStream(d.stream); err != nil {
		p.Close()
		return nil, err
	}
	return cufftPlan{p}, nil
}

// cufftPlan adapts a cuFFT plan to gpu.FFTPlan.
type cufftPlan struct{ *cufft.Plan }

func (p cufftPlan) SetWorkArea(area gpu.Ptr) error {
	return p.Plan.SetWorkArea(driver.DevicePtr(area))
}

func (p cufftPlan) Exec(in, out gpu.Ptr, inverse bool) error {
	dir := cufft.Forward
	if inverse {
		dir = cufft.Inverse
	}
	return p.Plan.Exec(driver.DevicePtr(in), driver.DevicePtr(out), dir)
}
