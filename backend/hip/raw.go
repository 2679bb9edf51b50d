package hip

import (
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/hiprtc"
	"github.com/cugo/cugo/kernelcache"
)

// LoadRaw compiles a user's C with hiprtc (through the kernel cache, for
// the device's architecture, with the user's options and name
// expressions) or takes a code object, and loads it into the
// context for the life of the process.
func (d *device) LoadRaw(m backend.RawSource) (gpu.LoadedModule, error) {
	image, lowered := m.Image, map[string]string(nil)
	if image == nil {
		res, err := hiprtc.CompileCached(kernelcache.Default(), m.Code, hiprtc.Options{
			Name: "kernel.hip", Options: m.Options, NameExpressions: m.NameExpressions, Target: d.arch,
		})
		if err != nil {
			return nil, err
		}
		image, lowered = res.Code, res.LoweredNames
	}
	mod, err := d.ctx.LoadModule(image)
	if err != nil {
		return nil, err
	}
	return gpu.VendorModule[*hip.Function]{Lookup: mod.Function, Lowered: lowered}, nil
}

// Handles returns the context and the stream of the backend's work.
func (d *device) Handles() (context, stream any) { return d.ctx, d.stream }
