package hip

import (
	"fmt"
	"unsafe"

	sym "github.com/cugo/cugo/internal/sym/hip"
)

// Module is a loaded code object (from hiprtc, or a .hsaco / offload
// bundle made by hipcc).
type Module struct {
	ctx    *Context
	handle sym.HipModule_t
	image  []byte // kept reachable while the module is loaded
}

// LoadModule loads a code object for c's device.
func (c *Context) LoadModule(image []byte) (*Module, error) {
	if len(image) == 0 {
		return nil, fmt.Errorf("hip: LoadModule: empty image")
	}
	m := &Module{ctx: c, image: image}
	err := c.Do(func() error {
		return check("hipModuleLoadData", sym.HipModuleLoadData(&m.handle, unsafe.Pointer(&image[0])))
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// Function looks up a kernel by its (lowered) name.
func (m *Module) Function(name string) (*Function, error) {
	f := &Function{module: m, name: name}
	cname := append([]byte(name), 0)
	err := m.ctx.Do(func() error {
		return check("hipModuleGetFunction", sym.HipModuleGetFunction(&f.handle, m.handle, &cname[0]))
	})
	if err != nil {
		return nil, fmt.Errorf("%w (kernel %q)", err, name)
	}
	return f, nil
}

// Unload releases the module; its functions become invalid.
func (m *Module) Unload() error {
	if m.handle == 0 {
		return nil
	}
	err := m.ctx.Do(func() error { return check("hipModuleUnload", sym.HipModuleUnload(m.handle)) })
	m.handle, m.image = 0, nil
	return err
}

// Function is a kernel in a loaded module.
type Function struct {
	module *Module
	handle sym.HipFunction_t
	name   string
}

// Handle is the raw hipFunction_t, for RawLauncher.
func (f *Function) Handle() uintptr { return uintptr(f.handle) }

// Name is the name the function was looked up by.
func (f *Function) Name() string { return f.name }
