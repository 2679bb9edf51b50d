package gpu

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/layout"
)

// RawLoader is implemented by devices that compile a user's C with the
// user's options and name expressions, or load a compiled image.
type RawLoader interface {
	LoadRaw(m backend.RawSource) (LoadedModule, error)
}

// LoadedModule finds the kernels of a module loaded by LoadRaw.
type LoadedModule interface {
	// Function returns the kernel of an extern "C" name or a name
	// expression of the source.
	Function(name string) (Function, error)
}

// VendorModule adapts a vendor's loaded module to LoadedModule: a name
// expression is looked up by the lowered name its compile reported.
type VendorModule[F interface{ Handle() uintptr }] struct {
	Lookup  func(name string) (F, error)
	Lowered map[string]string // name expression -> lowered name
}

// Function returns the kernel of an extern "C" name or a name expression.
func (m VendorModule[F]) Function(name string) (Function, error) {
	if l, ok := m.Lowered[name]; ok {
		name = l
	}
	fn, err := m.Lookup(name)
	if err != nil {
		return 0, err
	}
	return Function(fn.Handle()), nil
}

// userState holds a backend's user kernels.
type userState struct {
	kernels kernelCache[ckernelKey, *kernel]
	scalars []ir.Value // scratch of ElementwiseC, under launchMu
}

type ckernelKey struct {
	k *ir.CKernel
	l cgen.Layout
}

// rawFunction is a loaded raw kernel of a backend.
type rawFunction struct {
	owner *Backend
	fn    Function
	name  string
}

func (f *rawFunction) Name() string { return f.name }

// rawModule is a module loaded by LoadRaw.
type rawModule struct {
	b   *Backend
	mod LoadedModule
}

func (m *rawModule) Function(name string) (backend.RawFunction, error) {
	fn, err := m.mod.Function(name)
	if err != nil {
		return nil, fmt.Errorf("%s: kernel %s: %w", m.b.kind, name, err)
	}
	return &rawFunction{owner: m.b, fn: fn, name: name}, nil
}

// LoadRaw compiles or loads a module of the user's kernels.
func (b *Backend) LoadRaw(m backend.RawSource) (backend.RawModule, error) {
	rl, ok := b.dev.(RawLoader)
	if !ok {
		return nil, fmt.Errorf("%s: LoadRaw: the device loads no user modules: %w", b.kind, backend.ErrNoCompiler)
	}
	mod, err := rl.LoadRaw(m)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", b.kind, err)
	}
	return &rawModule{b: b, mod: mod}, nil
}

// ElementwiseC evaluates a user's elementwise kernel; see
// backend.CKerneler. The first call for a kernel and layout compiles it;
// later ones allocate nothing.
func (b *Backend) ElementwiseC(k *ir.CKernel, shape []int, out, in, raw []backend.Operand, scalars []ir.Value) error {
	defer runtime.KeepAlive(raw)
	defer runtime.KeepAlive(in)
	defer runtime.KeepAlive(out)
	fail := func(err error) error { return fmt.Errorf("%s: kernel %s: %w", b.kind, k.Name, err) }
	n, err := b.checkC(k, shape, out, in, raw, scalars)
	if err != nil || n == 0 {
		if err != nil {
			return fail(err)
		}
		return nil
	}
	l := chooseLayout(shape, n, out, in)
	kn, err := b.user.kernels.get(ckernelKey{k, l}, func() string { return k.Key() + "|" + l.String() },
		func() (*kernel, error) { return b.buildC(k, l) })
	if err != nil {
		return fail(err)
	}
	b.launchMu.Lock()
	b.user.scalars = append(b.user.scalars[:0], scalars...)
	for i := range raw {
		b.user.scalars = append(b.user.scalars, ir.Value{address(&raw[i])})
	}
	packParams(b.lb, kn, n, shape, out, in, b.user.scalars)
	grid, block := b.geometry(kn, shape, n)
	err = b.dev.Launch(kn.fn, grid, block, 0, &b.lb.ptrs[0])
	b.launchMu.Unlock()
	if err != nil {
		return fail(fmt.Errorf("launch %s (%v) over %v: %w", kn.entry, kn.layout, shape, err))
	}
	return nil
}

// checkC validates a launch of k and returns the element count.
func (b *Backend) checkC(k *ir.CKernel, shape []int, out, in, raw []backend.Operand, scalars []ir.Value) (int, error) {
	switch {
	case len(out) != len(k.Outputs), len(in) != len(k.Inputs), len(raw) != len(k.Raw), len(scalars) != len(k.Scalars):
		return 0, fmt.Errorf("takes %d outputs, %d inputs, %d raw arrays and %d scalars, got %d, %d, %d and %d",
			len(k.Outputs), len(k.Inputs), len(k.Raw), len(k.Scalars), len(out), len(in), len(raw), len(scalars))
	}
	n, err := layout.Size(shape)
	if err != nil {
		return 0, err
	}
	for j := range out {
		if err := b.checkOperand(&out[j], k.Outputs[j].DType, shape, n); err != nil {
			return 0, operandError("output "+k.Outputs[j].Name, j, err)
		}
	}
	for j := range in {
		if err := b.checkOperand(&in[j], k.Inputs[j].DType, shape, n); err != nil {
			return 0, operandError("input "+k.Inputs[j].Name, j, err)
		}
	}
	for j := range raw {
		if raw[j].DType != k.Raw[j].DType {
			return 0, fmt.Errorf("raw array %s is %v, the kernel wants %v", k.Raw[j].Name, raw[j].DType, k.Raw[j].DType)
		}
		bb, err := b.live(raw[j].Buf)
		if err != nil {
			return 0, operandError("raw array "+k.Raw[j].Name, j, err)
		}
		if raw[j].Offset < 0 || raw[j].Offset*raw[j].DType.Size() > bb.size {
			return 0, fmt.Errorf("raw array %s starts at element %d of a buffer of %d bytes", k.Raw[j].Name, raw[j].Offset, bb.size)
		}
	}
	return n, nil
}

// buildC renders k for layout l, compiles and loads it.
func (b *Backend) buildC(k *ir.CKernel, l cgen.Layout) (*kernel, error) {
	src, err := cgen.RenderC(k, l, b.vendor)
	if err != nil {
		return nil, err
	}
	fns, err := b.load(src.Code, k.Options, src.Entry)
	if err != nil {
		return nil, fmt.Errorf("%s (%s) for %s: %w", src.Entry, l, b.info.Arch, err)
	}
	fn := fns[0]
	return &kernel{fn: fn, entry: src.Entry, layout: l, params: src.Params, size: src.ParamSize, vec: src.Vec}, nil
}

// load compiles and loads the kernels entries of code: as the built-in
// kernels are without options, through the device's user compiler with
// them.
func (b *Backend) load(code string, options []string, entries ...string) ([]Function, error) {
	if len(options) == 0 {
		return b.dev.Load(code, entries...)
	}
	rl, ok := b.dev.(RawLoader)
	if !ok {
		return nil, fmt.Errorf("the device takes no compiler options: %w", backend.ErrNoCompiler)
	}
	mod, err := rl.LoadRaw(backend.RawSource{Code: code, Options: options})
	if err != nil {
		return nil, err
	}
	fns := make([]Function, len(entries))
	for i, e := range entries {
		if fns[i], err = mod.Function(e); err != nil {
			return nil, err
		}
	}
	return fns, nil
}

// LaunchRaw queues a raw kernel; see backend.CKerneler. It allocates
// nothing.
func (b *Backend) LaunchRaw(f backend.RawFunction, grid, block [3]uint32, sharedMem uint32, args []backend.RawArg) error {
	defer runtime.KeepAlive(args)
	rf, ok := f.(*rawFunction)
	if !ok || rf.owner != b {
		return fmt.Errorf("%s: LaunchRaw: %T is not a kernel loaded by this backend", b.kind, f)
	}
	fail := func(err error) error { return fmt.Errorf("%s: kernel %s: %w", b.kind, rf.name, err) }
	for d := range 3 {
		if grid[d] == 0 || block[d] == 0 {
			return fail(fmt.Errorf("grid %v and block %v must be at least 1 in every dimension", grid, block))
		}
	}
	if len(args) > maxParamBytes/8 {
		return fail(fmt.Errorf("%d arguments are too many", len(args)))
	}
	for i, a := range args {
		if a.Buf == nil {
			if a.Size < 1 || a.Size > 16 {
				return fail(fmt.Errorf("argument %d: a scalar of %d bytes", i, a.Size))
			}
			continue
		}
		bb, err := b.live(a.Buf)
		if err != nil {
			return fail(fmt.Errorf("argument %d: %w", i, err))
		}
		if a.Offset < 0 || a.Offset > bb.size {
			return fail(fmt.Errorf("argument %d: offset %d in a buffer of %d bytes", i, a.Offset, bb.size))
		}
	}
	b.launchMu.Lock()
	defer b.launchMu.Unlock()
	off := 0
	for i, a := range args {
		size := 8
		if a.Buf == nil {
			size = a.Size
		}
		align := min(size, 8)
		for align&(align-1) != 0 { // 3, 5, 6, 7 bytes align as the next smaller power of two
			align &= align - 1
		}
		off = (off + align - 1) / align * align
		if off+size > maxParamBytes {
			return fail(errors.New("the arguments exceed the parameter space of a kernel"))
		}
		p := b.lb.params[off : off+size]
		if a.Buf == nil {
			putScalar(p, a.Bits)
		} else {
			binary.LittleEndian.PutUint64(p, uint64(a.Buf.(*buffer).ptr)+uint64(a.Offset))
		}
		b.lb.ptrs[i] = unsafe.Pointer(&p[0])
		off += size
	}
	var params *unsafe.Pointer
	if len(args) > 0 {
		params = &b.lb.ptrs[0]
	}
	if err := b.dev.Launch(rf.fn, grid, block, sharedMem, params); err != nil {
		return fail(err)
	}
	return nil
}

var _ backend.CKerneler = (*Backend)(nil)
