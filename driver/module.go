package driver

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// Module is code loaded into a context: PTX (JIT-compiled by the driver
// at load), a CUBIN or a fatbinary.
type Module struct {
	ctx      *Context
	handle   sym.CUmodule
	unloaded bool
}

const (
	jitErrorLogBuffer          = 5 // CU_JIT_ERROR_LOG_BUFFER
	jitErrorLogBufferSizeBytes = 6 // CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES
)

// jitOptions is the option block of cuModuleLoadDataEx. The driver writes
// into the log and into vals (the size it used), so the block is pinned
// for the call.
type jitOptions struct {
	opts [2]sym.CUjit_option
	vals [2]uintptr
	log  [16 << 10]byte
}

// LoadModule loads a PTX, CUBIN or fatbinary image. When the driver rejects
// it, the error includes the JIT compiler's log (for PTX: the line and
// what is wrong with it).
func (c *Context) LoadModule(image []byte) (*Module, error) {
	if len(image) == 0 {
		return nil, errors.New("driver: LoadModule: empty image")
	}
	data := make([]byte, len(image)+1) // PTX must be NUL-terminated; binaries ignore the extra byte
	copy(data, image)

	jit := new(jitOptions)
	var pin runtime.Pinner
	defer pin.Unpin()
	pin.Pin(jit)
	jit.opts = [2]sym.CUjit_option{jitErrorLogBuffer, jitErrorLogBufferSizeBytes}
	jit.vals = [2]uintptr{uintptr(unsafe.Pointer(&jit.log[0])), uintptr(len(jit.log))}

	m := &Module{ctx: c}
	err := c.Do(func() error {
		return check("cuModuleLoadDataEx", sym.CuModuleLoadDataEx(&m.handle, unsafe.Pointer(&data[0]),
			uint32(len(jit.opts)), &jit.opts[0], (*unsafe.Pointer)(unsafe.Pointer(&jit.vals[0]))))
	})
	if err != nil {
		n := min(int(jit.vals[1]), len(jit.log))
		log := jit.log[:n]
		if i := bytes.IndexByte(log, 0); i >= 0 {
			log = log[:i]
		}
		if log = bytes.TrimSpace(log); len(log) > 0 {
			return nil, fmt.Errorf("driver: LoadModule: %w\nJIT log:\n%s", err, log)
		}
		return nil, fmt.Errorf("driver: LoadModule: %w", err)
	}
	return m, nil
}

func (m *Module) do(f func() error) error {
	if m.unloaded {
		return errDestroyed
	}
	return m.ctx.Do(f)
}

// Function returns the kernel of that name (extern "C", or the mangled name).
func (m *Module) Function(name string) (*Function, error) {
	cname, err := cString("Module.Function", name)
	if err != nil {
		return nil, err
	}
	f := &Function{mod: m, name: name}
	err = m.do(func() error {
		return check("cuModuleGetFunction", sym.CuModuleGetFunction(&f.handle, m.handle, cname))
	})
	if err != nil {
		return nil, fmt.Errorf("driver: kernel %q: %w", name, err)
	}
	return f, nil
}

// Global returns the address and size of a __device__ or __constant__
// variable of the module.
func (m *Module) Global(name string) (DevicePtr, int, error) {
	cname, err := cString("Module.Global", name)
	if err != nil {
		return 0, 0, err
	}
	var p sym.CUdeviceptr
	var n uintptr
	err = m.do(func() error { return check("cuModuleGetGlobal", sym.CuModuleGetGlobal(&p, &n, m.handle, cname)) })
	if err != nil {
		return 0, 0, fmt.Errorf("driver: global %q: %w", name, err)
	}
	return DevicePtr(p), int(n), nil
}

// Unload unloads the module; its functions and globals become invalid.
func (m *Module) Unload() error {
	err := m.do(func() error { return check("cuModuleUnload", sym.CuModuleUnload(m.handle)) })
	if err == nil {
		m.unloaded = true
	}
	return err
}

// Function is a kernel of a Module.
type Function struct {
	mod    *Module
	handle sym.CUfunction
	name   string
}

// Handle returns the raw CUfunction, for RawLauncher.
func (f *Function) Handle() uintptr { return uintptr(f.handle) }

// Name returns the name the function was looked up by.
func (f *Function) Name() string { return f.name }

// Context returns the context the function's module is loaded in.
func (f *Function) Context() *Context { return f.mod.ctx }

// FuncAttribute is a CUfunction_attribute.
type FuncAttribute int32

const (
	FuncMaxThreadsPerBlock         FuncAttribute = 0 // the most threads a block of this kernel may have
	FuncSharedSizeBytes            FuncAttribute = 1 // static shared memory
	FuncConstSizeBytes             FuncAttribute = 2
	FuncLocalSizeBytes             FuncAttribute = 3 // per thread
	FuncNumRegs                    FuncAttribute = 4 // registers per thread
	FuncPTXVersion                 FuncAttribute = 5 // 10*major + minor
	FuncBinaryVersion              FuncAttribute = 6
	FuncMaxDynamicSharedSizeBytes  FuncAttribute = 8
	FuncPreferredSharedMemCarveout FuncAttribute = 9
)

// Attribute returns one of the kernel's attributes.
func (f *Function) Attribute(a FuncAttribute) (int, error) {
	var v int32
	err := f.mod.do(func() error {
		return check("cuFuncGetAttribute", sym.CuFuncGetAttribute(&v, sym.CUfunction_attribute(a), f.handle))
	})
	return int(v), err
}

// SetMaxDynamicSharedMemory allows launches with up to n bytes of dynamic
// shared memory (above 48 KiB needs this; see AttrMaxSharedMemoryPerBlockOptin).
func (f *Function) SetMaxDynamicSharedMemory(n int) error {
	return f.mod.do(func() error {
		return check("cuFuncSetAttribute", sym.CuFuncSetAttribute(f.handle, sym.CUfunction_attribute(FuncMaxDynamicSharedSizeBytes), int32(n)))
	})
}

// OccupancyMaxActiveBlocks returns how many blocks of blockSize threads,
// each with dynSmem bytes of dynamic shared memory, fit on one multiprocessor.
func (f *Function) OccupancyMaxActiveBlocks(blockSize, dynSmem int) (int, error) {
	var n int32
	err := f.mod.do(func() error {
		return check("cuOccupancyMaxActiveBlocksPerMultiprocessor",
			sym.CuOccupancyMaxActiveBlocksPerMultiprocessor(&n, f.handle, int32(blockSize), uintptr(dynSmem)))
	})
	return int(n), err
}
