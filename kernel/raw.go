package kernel

import (
	"errors"
	"fmt"
	"sync"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
)

// NameExpressions names template instantiations of a Module's source
// ("scale<float>", "&f<int, 4>"): the compiler instantiates them, and
// Function finds their kernels by these names.
func NameExpressions(names ...string) Option {
	return func(c *config) { c.names = append(c.names, names...) }
}

// Signature declares a raw kernel's parameters, in Elementwise's syntax:
// "raw float32 x" is an *Array of that dtype passed as a pointer to its
// first element, "int32 n" a scalar converted to that dtype. Launch then
// checks its arguments against it.
func Signature(params string) Option {
	return func(c *config) { c.sig, c.hasSig = params, true }
}

// Module is a module of raw kernels (CuPy's RawModule): C source compiled
// on first use on each backend, or a compiled image. It is safe for
// concurrent use.
type Module struct {
	src    backend.RawSource
	mu     sync.Mutex
	loaded map[backend.Backend]backend.RawModule
}

// NewModule returns the module of C source code (for NVRTC, and hiprtc on
// HIP), compiled with the CompileOptions and NameExpressions given.
func NewModule(code string, opts ...Option) *Module {
	var c config
	for _, o := range opts {
		o(&c)
	}
	return &Module{src: backend.RawSource{Code: code, Options: c.options, NameExpressions: c.names}}
}

// NewModuleImage returns the module of a compiled image: PTX or a CUBIN
// on CUDA, a code object on HIP.
func NewModuleImage(image []byte) *Module {
	return &Module{src: backend.RawSource{Image: image}}
}

// module returns m loaded on b, compiling it the first time.
func (m *Module) module(b backend.Backend) (backend.RawModule, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if mod, ok := m.loaded[b]; ok {
		return mod, nil
	}
	ck, ok := b.(backend.CKerneler)
	if !ok {
		return nil, fmt.Errorf("%s backend: %w", b.Device().Kind, ErrNoCompiler)
	}
	mod, err := ck.LoadRaw(m.src)
	if err != nil {
		return nil, err
	}
	if m.loaded == nil {
		m.loaded = map[backend.Backend]backend.RawModule{}
	}
	m.loaded[b] = mod
	return mod, nil
}

// Raw is one kernel of a Module (CuPy's RawKernel). It is safe for
// concurrent use.
type Raw struct {
	m      *Module
	name   string
	sig    []param
	hasSig bool
	err    error // of the signature
	mu     sync.RWMutex
	fns    map[backend.Backend]backend.RawFunction
}

// NewRaw returns the kernel name (an extern "C" function) of C source
// code, as NewModule(code, opts...).Function(name, opts...).
func NewRaw(code, name string, opts ...Option) *Raw {
	return NewModule(code, opts...).Function(name, opts...)
}

// Function returns the kernel of an extern "C" name or a name expression;
// its Signature, if given, checks the arguments of Launch.
func (m *Module) Function(name string, opts ...Option) *Raw {
	var c config
	for _, o := range opts {
		o(&c)
	}
	k := &Raw{m: m, name: name, hasSig: c.hasSig}
	if c.hasSig {
		if k.sig, k.err = parseParams(c.sig); k.err != nil {
			k.err = fmt.Errorf("kernel %s: signature: %w", name, k.err)
		}
	}
	return k
}

// Dim is a grid or block size; a Y or Z of 0 counts as 1.
type Dim struct{ X, Y, Z int }

// Config is the geometry of a launch: Grid blocks of Block threads with
// SharedMem bytes of dynamic shared memory each.
type Config struct {
	Grid, Block Dim
	SharedMem   int
}

// Launch queues the kernel on the arrays' backend (the default one when
// no argument is an array) with its arguments in order: an *Array is
// passed as the address of its first element (it must be C-contiguous
// and is held until the launch is queued; later array operations are
// ordered after the kernel), a Go number as its own C type (int and
// int64 as 8 bytes, float32 as float, bool as 1 byte...), or converted
// to the dtype of its Signature parameter.
func (k *Raw) Launch(cfg Config, args ...any) error {
	if k == nil {
		return errors.New("kernel: a nil Raw (make one with NewRaw or a Module's Function)")
	}
	if k.err != nil {
		return k.err
	}
	fail := func(format string, a ...any) error {
		return fmt.Errorf("kernel %s: "+format, append([]any{k.name}, a...)...)
	}
	grid, block, err := dims(cfg)
	if err != nil {
		return fail("%w", err)
	}
	if k.hasSig && len(args) != len(k.sig) {
		return fail("takes %d arguments, got %d", len(k.sig), len(args))
	}
	var b backend.Backend
	var arrays []*array.Array
	rargs := make([]backend.RawArg, len(args))
	for i, a := range args {
		var p *param
		if k.hasSig {
			p = &k.sig[i]
		}
		if x, ok := a.(*array.Array); ok {
			if err := x.Err(); err != nil {
				return err
			}
			if p != nil && (!p.raw || p.dtype != 0 && x.DType() != p.dtype) {
				return fail("argument %d (%s) is a %v array, the kernel takes %s", i, p.name, x.DType(), p.describe())
			}
			if b == nil {
				b = x.Backend()
			} else if b != x.Backend() {
				return fail("arguments live on different devices")
			}
			arrays = append(arrays, x)
			continue
		}
		d, ok := scalarDType(a)
		if !ok || !array.IsScalar(a) {
			return fail("argument %d is a %T, not an *Array or a Go number", i, a)
		}
		if p != nil {
			if p.raw || p.dtype == 0 {
				return fail("argument %d (%s) is a Go %T, the kernel takes %s", i, p.name, a, p.describe())
			}
			d = p.dtype
		}
		v, err := array.ScalarValue(a, d)
		if err != nil {
			return fail("argument %d: %w", i, err)
		}
		rargs[i] = backend.RawArg{Bits: v, Size: d.Size()}
	}
	if b == nil {
		if b, err = backend.Default(); err != nil {
			return fail("%w", err)
		}
	}
	fn, err := k.function(b)
	if err != nil {
		return fail("%w", err)
	}
	done, err := array.Hold(arrays...)
	if err != nil {
		return fail("%w", err)
	}
	defer done()
	j := 0
	for i, a := range args {
		x, ok := a.(*array.Array)
		if !ok {
			continue
		}
		buf, off, err := arrays[j].Buffer()
		j++
		if err != nil {
			return fail("argument %d: %w", i, err)
		}
		rargs[i] = backend.RawArg{Buf: buf, Offset: off * x.DType().Size()}
	}
	ck := b.(backend.CKerneler) // function succeeded: b compiles
	if err := ck.LaunchRaw(fn, grid, block, uint32(cfg.SharedMem), rargs); err != nil {
		return fail("%w", err)
	}
	return nil
}

// describe is a parameter's declaration, for errors.
func (p *param) describe() string {
	t := p.typ
	if p.dtype != 0 {
		t = p.dtype.String()
	}
	if p.raw {
		return "raw " + t
	}
	return t
}

func dims(cfg Config) (grid, block [3]uint32, err error) {
	to := func(d Dim) ([3]uint32, error) {
		v := [3]int{d.X, d.Y, d.Z}
		var u [3]uint32
		for i := range v {
			if i > 0 && v[i] == 0 {
				v[i] = 1
			}
			if v[i] < 1 || v[i] > 1<<31-1 {
				return u, fmt.Errorf("dimension %d of %v is out of range", i, d)
			}
			u[i] = uint32(v[i])
		}
		return u, nil
	}
	if cfg.SharedMem < 0 || cfg.SharedMem > 1<<31-1 {
		return grid, block, fmt.Errorf("shared memory of %d bytes", cfg.SharedMem)
	}
	if grid, err = to(cfg.Grid); err != nil {
		return grid, block, fmt.Errorf("grid: %w", err)
	}
	if block, err = to(cfg.Block); err != nil {
		return grid, block, fmt.Errorf("block: %w", err)
	}
	return grid, block, nil
}

// function returns the kernel loaded on b.
func (k *Raw) function(b backend.Backend) (backend.RawFunction, error) {
	k.mu.RLock()
	fn, ok := k.fns[b]
	k.mu.RUnlock()
	if ok {
		return fn, nil
	}
	mod, err := k.m.module(b)
	if err != nil {
		return nil, err
	}
	fn, err = mod.Function(k.name)
	if err != nil {
		return nil, err
	}
	k.mu.Lock()
	if k.fns == nil {
		k.fns = map[backend.Backend]backend.RawFunction{}
	}
	k.fns[b] = fn
	k.mu.Unlock()
	return fn, nil
}
