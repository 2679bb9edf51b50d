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
	return rawModule{mod, lowered}, nil
}

type rawModule struct {
	mod     *hip.Module
	lowered map[string]string // name expression -> mangled name
}

func (m rawModule) Function(name string) (gpu.Function, error) {
	if l, ok := m.lowered[name]; ok {
		name = l
	}
	fn, err := m.mod.Function(name)
	if err != nil {
		return 0, err
	}
	return gpu.Function(fn.Handle()), nil
}

// Handles returns the context and the stream of the backend's work.
func (d *device) Handles() (context, stream any) { return d.ctx, d.stream }
