// Package backend is the one interface the array package programs
// against, with implementations for CUDA, HIP and the CPU chosen at run
// time by Default.
package backend

import (
	"fmt"
	"time"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// Buffer is a block of memory owned by a backend (device memory on a GPU).
type Buffer interface {
	// Size is the buffer's length in bytes.
	Size() int
}

// Operand is a strided view of a buffer, as an elementwise kernel sees it.
// Offset and Strides count elements, not bytes; Strides has one entry per
// axis of the launch shape, 0 on a broadcast axis.
type Operand struct {
	Buf     Buffer
	DType   dtype.DType
	Offset  int
	Strides []int
}

// Matrix is a batch of matrices within a buffer, in elements: element
// (b, r, c) is at Offset + b*BatchStride + r*RowStride + c*ColStride.
// Backends accept any strides, copying internally where their BLAS cannot
// take the layout as is.
type Matrix struct {
	Buf                               Buffer
	Offset                            int
	Rows, Cols                        int
	RowStride, ColStride, BatchStride int
}

// DeviceInfo describes what a backend runs on.
type DeviceInfo struct {
	Kind    string // "cuda", "hip" or "cpu"
	Ordinal int    // which device of its kind
	Name    string // "NVIDIA H100 80GB HBM3", "cpu (16 goroutines)"
	Arch    string // "sm_90", "gfx90a"; empty for the CPU
	Memory  int64  // bytes of device memory; 0 for the CPU
	Units   int    // multiprocessors, compute units, or goroutines
}

// Backend runs array operations on one device. GPU backends are
// asynchronous: operations queue on the backend's stream and errors of a
// kernel may surface only at the next Read or Sync.
type Backend interface {
	Device() DeviceInfo

	// Alloc returns an uninitialised buffer of n bytes.
	Alloc(n int) (Buffer, error)
	// Free releases a buffer; it must not be used afterwards.
	Free(b Buffer)
	// Write copies src into dst at byte offset off.
	Write(dst Buffer, off int, src []byte) error
	// Read copies len(dst) bytes of src from byte offset off, after every
	// queued operation that writes src.
	Read(dst []byte, src Buffer, off int) error

	// Copy copies n bytes from src at byte offset srcOff to dst at dstOff,
	// in order with the other operations. The two ranges must not overlap.
	Copy(dst Buffer, dstOff int, src Buffer, srcOff int, n int) error

	// Elementwise evaluates k over shape: out[j][idx] = k.Outputs[j](in[..][idx], scalars).
	// Outputs may alias inputs only element for element (same offset and strides).
	// It must not keep shape, the operands or scalars after it returns: callers reuse them.
	Elementwise(k *ir.Kernel, shape []int, out, in []Operand, scalars []ir.Value) error

	// Reduce folds the last nred axes of shape: for each position i of the
	// leading len(shape)-nred axes, out[i] = r folded over in[i, j...].
	// in's strides cover all of shape; out's strides cover the leading axes.
	Reduce(r *ir.Reduction, shape []int, nred int, out, in Operand, scalars []ir.Value) error

	// Scan computes the inclusive running fold of r (SumOf or ProdOf) along
	// the last axis of shape: out[i, j] = Out(fold of Pre(in[i, 0..j])).
	// in and out have strides for all of shape and must not overlap.
	Scan(r *ir.Reduction, shape []int, out, in Operand, scalars []ir.Value) error

	// Matmul computes c = a·b for each of batch matrix pairs, in dtype dt
	// (float16, bfloat16, float32, float64, complex64 or complex128).
	Matmul(dt dtype.DType, batch int, a, b, c Matrix) error

	// Gather copies the elements an index array picks along one axis: for
	// each position p of shape, out[p] = in[p + i*axis.Stride] with
	// i = idx[p], an int64 that counts from the end of the axis when
	// negative. out and in have one dtype; in's strides cover shape (0 on
	// the axes that only idx walks). An index outside [-axis.Len, axis.Len)
	// leaves its element unwritten and makes the call return an
	// *IndexError for the first such index in C order of shape. Backends
	// check every index (a GPU reads back a flag, so Gather waits for it).
	Gather(shape []int, out, in, idx Operand, axis IndexedAxis) error

	// Scatter is Gather's converse: out[p + i*axis.Stride] = in[p]. Where
	// indices repeat, which of their values lands is unspecified on a GPU
	// (the CPU writes in C order, so the last one). An index out of range
	// is not written and gives an *IndexError; the others may have been.
	Scatter(shape []int, out, in, idx Operand, axis IndexedAxis) error

	// Compact writes, as int64 from the start of out, the positions in
	// [0, n) of the true elements of the bool array of n elements that
	// starts at element maskOff of mask, in increasing order, and returns
	// how many there are. out holds at least n int64 elements.
	Compact(out, mask Buffer, maskOff, n int) (int, error)

	// Sync waits for every queued operation and reports a deferred error.
	Sync() error
}

// IndexedAxis is the axis that Gather and Scatter index: its length and
// its stride in elements.
type IndexedAxis struct {
	Len, Stride int
}

// IndexError is the error of Gather and Scatter for an index outside the
// indexed axis.
type IndexError struct {
	Index int64 // the index as given, before a negative one wraps
	Len   int   // the axis length
}

func (e *IndexError) Error() string {
	return fmt.Sprintf("index %d is out of bounds for an axis of size %d", e.Index, e.Len)
}

// Timer is implemented by backends that can time queued work on the
// device itself (CUDA events), as benchmarks should.
type Timer interface {
	// TimeQueued runs f, which queues work, and returns the device time
	// from before its first operation to after its last.
	TimeQueued(f func() error) (time.Duration, error)
}

// PinnedAllocator is implemented by backends whose copies to and from the
// host run faster from page-locked memory (a GPU's DMA engines read it
// directly; ordinary memory is staged through a driver buffer).
type PinnedAllocator interface {
	// AllocPinned returns n bytes of page-locked host memory and the
	// function that releases them.
	AllocPinned(n int) (mem []byte, free func() error, err error)
}

// PeerCopier is implemented by backends that copy from another backend's
// buffer device to device (GPUs of one vendor, with a path between them),
// which is faster than through the host.
type PeerCopier interface {
	// CopyPeer copies n bytes of srcBuf, a buffer of src, from byte offset
	// srcOff into dst at dstOff, in order with the operations queued on
	// both backends. It returns false, having copied nothing, where it
	// cannot make the copy (src is of another kind, or the devices cannot
	// reach each other's memory); the caller then copies through the host.
	CopyPeer(dst Buffer, dstOff int, src Backend, srcBuf Buffer, srcOff int, n int) (bool, error)
}
