package gpu

import (
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/cugo/cugo/internal/layout"
	"math"
	"runtime"
	"sync"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// maxParamBytes is the most parameter bytes a kernel takes (cgen refuses
// more), and so also the most parameters.
const maxParamBytes = 4096

// launchBlock is the pinned memory a launch hands the device: the packed
// parameters and the array of pointers to each (the kernelParams of
// cuLaunchKernel and hipModuleLaunchKernel).
type launchBlock struct {
	params [maxParamBytes]byte
	ptrs   [maxParamBytes]unsafe.Pointer
}

// launchBlocks pins every launch block for the life of the process. The
// Pinner must stay reachable: an unreachable Pinner that still pins
// something makes the runtime panic.
var launchBlocks struct {
	sync.Mutex
	pin runtime.Pinner
}

// newLaunchBlock returns a launch block pinned for the life of the
// process (one per backend).
func newLaunchBlock() *launchBlock {
	lb := new(launchBlock)
	launchBlocks.Lock()
	launchBlocks.pin.Pin(lb)
	launchBlocks.Unlock()
	return lb
}

// Elementwise evaluates k over shape: out[j][idx] = k.Outputs[j](in[..][idx], scalars).
// The first call for a kernel and layout compiles it; later ones queue a
// launch on the stream and allocate nothing.
func (b *Backend) Elementwise(k *ir.Kernel, shape []int, out, in []backend.Operand, scalars []ir.Value) error {
	defer runtime.KeepAlive(in)
	defer runtime.KeepAlive(out) // the buffers stay reachable until the work is queued
	kn, n, err := b.prepare(k, shape, out, in, scalars)
	if err != nil || n == 0 {
		return err
	}
	b.launchMu.Lock()
	packParams(b.lb, kn, n, shape, out, in, scalars)
	grid, block := b.geometry(kn, shape, n)
	err = b.dev.Launch(kn.fn, grid, block, 0, &b.lb.ptrs[0])
	b.launchMu.Unlock()
	if err != nil {
		return fmt.Errorf("%s: Elementwise: launch %s (%v) over %v: %w", b.kind, kn.entry, kn.layout, shape, err)
	}
	return nil
}

// geometry is the grid and block of an elementwise launch of kn over n
// elements of shape.
func (b *Backend) geometry(kn *kernel, shape []int, n int) (grid, block [3]uint32) {
	if kn.layout.Tiled != 0 {
		// one block of 32x8 threads per 32x32 tile (cgen's Tiled layout)
		return [3]uint32{uint32(shape[1]+31) / 32, uint32(shape[0]+31) / 32, 1}, [3]uint32{32, 8, 1}
	}
	blocks := min((n+kn.vec-1)/kn.vec+blockSize-1, math.MaxInt32) / blockSize
	return [3]uint32{uint32(min(blocks, b.maxBlocks)), 1, 1}, [3]uint32{blockSize, 1, 1}
}

// prepare checks a launch and finds (or compiles) its kernel; n is the
// number of elements.
func (b *Backend) prepare(k *ir.Kernel, shape []int, out, in []backend.Operand, scalars []ir.Value) (*kernel, int, error) {
	n, err := b.check(k, shape, out, in, scalars)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: Elementwise: %w", b.kind, err)
	}
	if n == 0 {
		return nil, 0, nil
	}
	kn, err := b.kernel(k, chooseLayout(shape, n, out, in))
	if err != nil {
		return nil, 0, fmt.Errorf("%s: Elementwise: %w", b.kind, err)
	}
	return kn, n, nil
}

// check validates the call against k and returns the element count.
func (b *Backend) check(k *ir.Kernel, shape []int, out, in []backend.Operand, scalars []ir.Value) (int, error) {
	if k == nil {
		return 0, errors.New("nil kernel")
	}
	switch {
	case len(in) != len(k.Inputs):
		return 0, fmt.Errorf("kernel takes %d inputs, got %d", len(k.Inputs), len(in))
	case len(out) != len(k.Outputs):
		return 0, fmt.Errorf("kernel has %d outputs, got %d", len(k.Outputs), len(out))
	case len(scalars) != len(k.Scalars):
		return 0, fmt.Errorf("kernel takes %d scalars, got %d", len(k.Scalars), len(scalars))
	}
	n, err := layout.Size(shape)
	if err != nil {
		return 0, err
	}
	for i := range out {
		if k.Outputs[i] == nil {
			return 0, fmt.Errorf("kernel output %d is nil", i)
		}
		if err := b.checkOperand(&out[i], k.Outputs[i].DType, shape, n); err != nil {
			return 0, operandError("output", i, err)
		}
	}
	for j := range in {
		if err := b.checkOperand(&in[j], k.Inputs[j], shape, n); err != nil {
			return 0, operandError("input", j, err)
		}
	}
	return n, nil
}

func operandError(what string, i int, err error) error { return fmt.Errorf("%s %d: %w", what, i, err) }

// checkOperand checks o's type, its strides and that every element of a
// launch of n elements over shape lies inside its buffer.
func (b *Backend) checkOperand(o *backend.Operand, want dtype.DType, shape []int, n int) error {
	if o.DType != want {
		return fmt.Errorf("is %v, the kernel wants %v", o.DType, want)
	}
	if len(o.Strides) != len(shape) {
		return fmt.Errorf("has %d strides for the %d dimensions of shape %v", len(o.Strides), len(shape), shape)
	}
	bb, err := b.live(o.Buf)
	if err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	for d, s := range o.Strides {
		// no device has 2^40 elements: below that, extent cannot overflow
		if shape[d] > 1 && (s > maxReach/(shape[d]-1) || s < -maxReach/(shape[d]-1)) {
			return fmt.Errorf("stride %d on an axis of %d elements reaches past any buffer", s, shape[d])
		}
	}
	lo, hi := layout.Extent(shape, o.Strides)
	size := o.DType.Size()
	if o.Offset < 0 || o.Offset+lo < 0 || o.Offset+hi >= bb.size/size {
		return fmt.Errorf("reaches elements %d to %d of a buffer of %d %v elements",
			o.Offset+lo, o.Offset+hi, bb.size/size, o.DType)
	}
	return nil
}

const maxReach = 1 << 40

// packParams writes the parameters of a launch of kn over n elements into
// lb, in cgen's order and at its offsets, and points lb.ptrs at each.
// The operands have passed check.
func packParams(lb *launchBlock, kn *kernel, n int, shape []int, out, in []backend.Operand, scalars []ir.Value) {
	le := binary.LittleEndian
	p := lb.params[:kn.size]
	w := 4
	if kn.layout.Index64 {
		w = 8
	}
	put := func(off, v int) int {
		if w == 8 {
			le.PutUint64(p[off:], uint64(v))
		} else {
			le.PutUint32(p[off:], uint32(v))
		}
		return off + w
	}
	for i, q := range kn.params {
		switch q.Kind {
		case cgen.ParamCount:
			put(q.Offset, n)
		case cgen.ParamOutput:
			le.PutUint64(p[q.Offset:], address(&out[q.Index]))
		case cgen.ParamInput:
			le.PutUint64(p[q.Offset:], address(&in[q.Index]))
		case cgen.ParamDims:
			off := q.Offset
			for _, d := range shape {
				off = put(off, d)
			}
			for j := range out {
				for _, s := range out[j].Strides {
					off = put(off, s)
				}
			}
			for j := range in {
				for _, s := range in[j].Strides {
					off = put(off, s)
				}
			}
		case cgen.ParamScalar:
			putScalar(p[q.Offset:q.Offset+q.Size], scalars[q.Index])
		}
		lb.ptrs[i] = unsafe.Pointer(&p[q.Offset])
	}
}

// putScalar writes the first len(p) bytes of v (its little-endian bits).
func putScalar(p []byte, v ir.Value) {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:], v[0])
	binary.LittleEndian.PutUint64(b[8:], v[1])
	copy(p, b[:])
}

// address is the device address of o's first element.
func address(o *backend.Operand) uint64 {
	return uint64(o.Buf.(*buffer).ptr) + uint64(o.Offset*o.DType.Size())
}
