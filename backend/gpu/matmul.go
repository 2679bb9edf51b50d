package gpu

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/gpu/blasplan"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// blasState is the backend's BLAS handle, made on the first Matmul and
// bound to the device's stream. A handle is not safe for concurrent use,
// so calls hold mu.
type blasState struct {
	mu     sync.Mutex
	handle Gemmer
}

// Matmul computes c = a·b for each of batch matrix pairs (see
// backend.Backend). Floating and complex dtypes run on the vendor's BLAS
// (float16 and bfloat16 accumulate in float32; float32 stays float32, no
// TF32, as NumPy computes); an operand whose layout BLAS cannot read (a
// negative or broadcast stride within a matrix) is first copied to a
// contiguous temporary. Integer and bool dtypes, which BLAS lacks, run on
// a tiled kernel of this package that wraps as NumPy's integer matmul does.
func (b *Backend) Matmul(dt dtype.DType, batch int, a, bm, c backend.Matrix) error {
	defer runtime.KeepAlive(a.Buf)
	defer runtime.KeepAlive(bm.Buf)
	defer runtime.KeepAlive(c.Buf) // the buffers stay reachable until the work is queued
	if err := b.matmul(dt, batch, a, bm, c); err != nil {
		return fmt.Errorf("%s: Matmul: %w", b.kind, err)
	}
	return nil
}

func (b *Backend) matmul(dt dtype.DType, batch int, a, bm, c backend.Matrix) error {
	size := func(buf backend.Buffer) (int, error) {
		bb, err := b.live(buf)
		if err != nil {
			return 0, err
		}
		return bb.size, nil
	}
	if err := backend.CheckMatmul(dt, batch, a, bm, c, size); err != nil {
		return err
	}
	switch {
	case batch == 0 || c.Rows == 0 || c.Cols == 0:
		return nil
	case a.Cols == 0: // a sum of nothing: BLAS would leave c alone
		return b.Elementwise(zeroKernel(dt), matrixShape(c, batch), []backend.Operand{operand(c, dt)}, nil, []ir.Value{{}})
	case dt.Kind() == dtype.FloatKind || dt.Kind() == dtype.ComplexKind:
		return b.gemm(dt, batch, a, bm, c)
	}
	return b.intMatmul(dt, batch, [3]backend.Matrix{a, bm, c})
}

// gemm plans the product for BLAS and runs it, copying an operand that
// the plan cannot read in place to a contiguous temporary first (for c:
// computing into one and copying it back).
func (b *Backend) gemm(dt dtype.DType, batch int, a, bm, c backend.Matrix) error {
	h, err := b.blasHandle()
	if err != nil {
		return err
	}
	out := c
	var temps []backend.Buffer
	defer func() {
		for _, t := range temps {
			b.Free(t)
		}
	}()
	for range 3 { // each round copies one operand
		p, err := blasplan.PlanMatmul(dt, blasMatrix(a), blasMatrix(bm), blasMatrix(out), batch)
		var le *blasplan.LayoutError
		if errors.As(err, &le) {
			op := map[string]*backend.Matrix{"a": &a, "b": &bm, "c": &out}[le.Operand]
			tmp, err := b.contiguousCopy(dt, batch, *op, le.Operand != "c")
			if err != nil {
				return err
			}
			temps = append(temps, tmp.Buf)
			*op = tmp
			continue
		}
		if err != nil {
			return err
		}
		b.blas.mu.Lock()
		err = h.Matmul(p, 1, 0, b.devPtr(a, dt), b.devPtr(bm, dt), b.devPtr(out, dt))
		b.blas.mu.Unlock()
		if err != nil || out == c {
			return err
		}
		shape := matrixShape(c, batch)
		return b.Elementwise(copyKernel(dt), shape, []backend.Operand{operand(c, dt)}, []backend.Operand{operand(out, dt)}, nil)
	}
	return errors.New("BLAS cannot read the operands even after copying them")
}

// blasHandle returns the backend's BLAS handle, creating it on first use.
// A missing library is an error wrapping backend.ErrUnavailable that
// lists the paths tried.
func (b *Backend) blasHandle() (Gemmer, error) {
	b.blas.mu.Lock()
	defer b.blas.mu.Unlock()
	if b.blas.handle != nil {
		return b.blas.handle, nil
	}
	h, err := b.dev.NewBLAS()
	if err != nil {
		return nil, err
	}
	b.blas.handle = h
	return h, nil
}

// contiguousCopy copies the batch matrices of m (one matrix if it repeats
// across the batch and repeat is allowed) into a new C-ordered buffer.
func (b *Backend) contiguousCopy(dt dtype.DType, batch int, m backend.Matrix, repeat bool) (backend.Matrix, error) {
	n := batch
	if repeat && (m.BatchStride == 0 || batch == 1) {
		n = 1
	}
	buf, err := b.Alloc(n * m.Rows * m.Cols * dt.Size())
	if err != nil {
		return backend.Matrix{}, err
	}
	out := backend.Matrix{Buf: buf, Rows: m.Rows, Cols: m.Cols, RowStride: m.Cols, ColStride: 1}
	if n > 1 {
		out.BatchStride = m.Rows * m.Cols
	}
	err = b.Elementwise(copyKernel(dt), matrixShape(m, n), []backend.Operand{operand(out, dt)}, []backend.Operand{operand(m, dt)}, nil)
	if err != nil {
		b.Free(buf)
		return backend.Matrix{}, err
	}
	return out, nil
}

// matrixShape is the launch shape of batch matrices of m.
func matrixShape(m backend.Matrix, batch int) []int { return []int{batch, m.Rows, m.Cols} }

// operand is m as an elementwise operand over matrixShape.
func operand(m backend.Matrix, dt dtype.DType) backend.Operand {
	return backend.Operand{Buf: m.Buf, DType: dt, Offset: m.Offset, Strides: []int{m.BatchStride, m.RowStride, m.ColStride}}
}

func blasMatrix(m backend.Matrix) blasplan.Matrix {
	return blasplan.Matrix{Rows: m.Rows, Cols: m.Cols, RowStride: m.RowStride, ColStride: m.ColStride, BatchStride: m.BatchStride}
}

// devPtr is the address of the first element of m (a buffer CheckMatmul accepted).
func (b *Backend) devPtr(m backend.Matrix, dt dtype.DType) Ptr {
	return m.Buf.(*buffer).ptr + Ptr(m.Offset*dt.Size())
}

// Kernels that copy and zero matrices, one per dtype, kept so that the
// kernel cache finds them by pointer.
var (
	copyKernels, zeroKernels sync.Map // dtype.DType -> *ir.Kernel
)

func copyKernel(dt dtype.DType) *ir.Kernel {
	k, _ := copyKernels.LoadOrStore(dt, &ir.Kernel{Inputs: []dtype.DType{dt}, Outputs: []*ir.Node{ir.In(0, dt)}})
	return k.(*ir.Kernel)
}

// zeroWords queues the clearing of the first n 8-byte words of buf on the
// stream: a kernel, where a write from Go memory would first wait for the
// stream's work and then copy through a staging buffer.
func (b *Backend) zeroWords(buf backend.Buffer, n int) error {
	return b.Elementwise(zeroKernel(dtype.Uint64), []int{n}, []backend.Operand{{Buf: buf, DType: dtype.Uint64, Strides: []int{1}}}, nil, []ir.Value{{}})
}

func zeroKernel(dt dtype.DType) *ir.Kernel {
	k, _ := zeroKernels.LoadOrStore(dt, &ir.Kernel{Scalars: []dtype.DType{dt}, Outputs: []*ir.Node{ir.Param(0, dt)}})
	return k.(*ir.Kernel)
}

// intTile is the side of the square tiles of the integer kernel.
const intTile = 16

// intSource is the integer matmul kernel: each 16×16 block of threads
// computes a tile of c, staging tiles of a and b in shared memory; blockIdx.z
// steps through the batch. Products and sums are taken modulo 2^64 in
// unsigned long long, whose low bits are the wrapped result of every
// integer width (NumPy's integer matmul wraps too); bool ors ands.
const intSource = `
typedef %[1]s T;
extern "C" __global__ void %[2]s(const T* a, const T* b, T* c, long long m, long long n, long long k, long long batch,
    long long ars, long long acs, long long abs_, long long brs, long long bcs, long long bbs,
    long long crs, long long ccs, long long cbs) {
  __shared__ T ta[%[3]d][%[3]d];
  __shared__ T tb[%[3]d][%[3]d];
  long long i = (long long)blockIdx.y * %[3]d + threadIdx.y, j = (long long)blockIdx.x * %[3]d + threadIdx.x;
  for (long long p = blockIdx.z; p < batch; p += gridDim.z) {
    %[4]s acc = 0;
    for (long long k0 = 0; k0 < k; k0 += %[3]d) {
      long long ka = k0 + threadIdx.x, kb = k0 + threadIdx.y;
      ta[threadIdx.y][threadIdx.x] = (i < m && ka < k) ? a[p * abs_ + i * ars + ka * acs] : (T)0;
      tb[threadIdx.y][threadIdx.x] = (kb < k && j < n) ? b[p * bbs + kb * brs + j * bcs] : (T)0;
      __syncthreads();
      for (int q = 0; q < %[3]d; q++) {
        %[5]s;
      }
      __syncthreads();
    }
    if (i < m && j < n) c[p * cbs + i * crs + j * ccs] = (T)acc;
  }
}
`

var intCTypes = map[dtype.DType]string{
	dtype.Bool: "bool", dtype.Int8: "signed char", dtype.Int16: "short", dtype.Int32: "int", dtype.Int64: "long long",
	dtype.Uint8: "unsigned char", dtype.Uint16: "unsigned short", dtype.Uint32: "unsigned int", dtype.Uint64: "unsigned long long",
}

// intKernel returns the source and entry point of the integer kernel for dt.
func intKernel(dt dtype.DType) (src, entry string) {
	entry = "cugo_matmul_" + dt.String()
	acc, step := "unsigned long long", "acc += (unsigned long long)ta[threadIdx.y][q] * (unsigned long long)tb[q][threadIdx.x]"
	if dt == dtype.Bool {
		acc, step = "bool", "acc = acc || (ta[threadIdx.y][q] && tb[q][threadIdx.x])"
	}
	return fmt.Sprintf(intSource, intCTypes[dt], entry, intTile, acc, step), entry
}

// intMatmul runs the integer kernel on the backend's stream.
func (b *Backend) intMatmul(dt dtype.DType, batch int, ms [3]backend.Matrix) error {
	a, bm, c := ms[0], ms[1], ms[2]
	if c.Rows > intTile*65535 {
		return fmt.Errorf("%d rows exceed the integer kernel's grid (at most %d)", c.Rows, intTile*65535)
	}
	fn, err := b.indexedKernel("matmul/"+dt.String(), func() (string, string, error) {
		src, entry := intKernel(dt)
		return src, entry, nil
	})
	if err != nil {
		return err
	}
	var params [16][]byte
	for i, m := range ms {
		params[i] = word(uint64(b.devPtr(m, dt)))
	}
	for i, v := range []int{c.Rows, c.Cols, a.Cols, batch,
		a.RowStride, a.ColStride, a.BatchStride, bm.RowStride, bm.ColStride, bm.BatchStride,
		c.RowStride, c.ColStride, c.BatchStride} {
		params[3+i] = word(uint64(int64(v)))
	}
	grid := [3]uint32{uint32((c.Cols + intTile - 1) / intTile), uint32((c.Rows + intTile - 1) / intTile), uint32(min(batch, 65535))}
	return b.launchSlots(fn, grid, [3]uint32{intTile, intTile, 1}, params[:]...)
}
