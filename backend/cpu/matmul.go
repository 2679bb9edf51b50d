package cpu

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Matmul computes c = a·b for each of batch matrix pairs (see
// backend.Backend), for every dtype: integers wrap as NumPy's integer
// matmul does, bool is an or of ands, and float16/bfloat16 accumulate in
// float32 and round once at the end, as NumPy's float16 matmul does.
// c must not overlap a or b.
//
// The product is a cache-blocked loop in the manner of BLIS: each task
// computes one tile of c, packing panels of a and b into contiguous strips
// that a 4×4 register kernel multiplies; tasks run on the backend's
// goroutines.
func (b *Backend) Matmul(dt dtype.DType, batch int, a, bm, c backend.Matrix) error {
	if err := b.matmul(dt, batch, a, bm, c); err != nil {
		return fmt.Errorf("cpu: Matmul: %w", err)
	}
	return nil
}

func (b *Backend) matmul(dt dtype.DType, batch int, a, bm, c backend.Matrix) error {
	mems := taken{}
	if err := backend.CheckMatmul(dt, batch, a, bm, c, mems.size); err != nil {
		return err
	}
	ma, mb, mc := mems[a.Buf], mems[bm.Buf], mems[c.Buf]
	if batch == 0 || c.Rows == 0 || c.Cols == 0 {
		return nil
	}
	switch dt {
	case dtype.Float64:
		gemm(b, batch, mat(view[float64](ma), a), mat(view[float64](mb), bm), mat(view[float64](mc), c))
	case dtype.Float32:
		gemm(b, batch, mat(view[float32](ma), a), mat(view[float32](mb), bm), mat(view[float32](mc), c))
	case dtype.Complex128:
		gemm(b, batch, mat(view[complex128](ma), a), mat(view[complex128](mb), bm), mat(view[complex128](mc), c))
	case dtype.Complex64:
		gemm(b, batch, mat(view[complex64](ma), a), mat(view[complex64](mb), bm), mat(view[complex64](mc), c))
	case dtype.Int64:
		gemm(b, batch, mat(view[int64](ma), a), mat(view[int64](mb), bm), mat(view[int64](mc), c))
	case dtype.Int32:
		gemm(b, batch, mat(view[int32](ma), a), mat(view[int32](mb), bm), mat(view[int32](mc), c))
	case dtype.Int16:
		gemm(b, batch, mat(view[int16](ma), a), mat(view[int16](mb), bm), mat(view[int16](mc), c))
	case dtype.Int8:
		gemm(b, batch, mat(view[int8](ma), a), mat(view[int8](mb), bm), mat(view[int8](mc), c))
	case dtype.Uint64:
		gemm(b, batch, mat(view[uint64](ma), a), mat(view[uint64](mb), bm), mat(view[uint64](mc), c))
	case dtype.Uint32:
		gemm(b, batch, mat(view[uint32](ma), a), mat(view[uint32](mb), bm), mat(view[uint32](mc), c))
	case dtype.Uint16:
		gemm(b, batch, mat(view[uint16](ma), a), mat(view[uint16](mb), bm), mat(view[uint16](mc), c))
	case dtype.Uint8:
		gemm(b, batch, mat(view[uint8](ma), a), mat(view[uint8](mb), bm), mat(view[uint8](mc), c))
	case dtype.Float16:
		widened(b, batch, a, bm, c, view[dtype.F16](ma), view[dtype.F16](mb), view[dtype.F16](mc),
			dtype.F16.Float32, dtype.F16FromFloat32)
	case dtype.BFloat16:
		widened(b, batch, a, bm, c, view[dtype.BF16](ma), view[dtype.BF16](mb), view[dtype.BF16](mc),
			dtype.BF16.Float32, dtype.BF16FromFloat32)
	case dtype.Bool:
		// Booleans are bytes 0 or 1: count the true products in int32
		// (no wrap for k < 2^31) and store whether any was.
		toInt := func(v bool) int32 {
			if v {
				return 1
			}
			return 0
		}
		widened(b, batch, a, bm, c, view[bool](ma), view[bool](mb), view[bool](mc),
			toInt, func(s int32) bool { return s != 0 })
	}
	return nil
}

// gemmType lists the element types the blocked kernel multiplies.
type gemmType interface {
	int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 |
		float32 | float64 | complex64 | complex128
}

// strided is a batch of matrices of element type T within d.
type strided[T any] struct {
	d                       []T
	off, rows, cols, rs, cs int
	bs                      int
}

func mat[T any](d []T, m backend.Matrix) strided[T] {
	return strided[T]{d: d, off: m.Offset, rows: m.Rows, cols: m.Cols, rs: m.RowStride, cs: m.ColStride, bs: m.BatchStride}
}

// widened multiplies matrices of a storage type S through a wider type W:
// it converts a and b to contiguous W matrices, multiplies those, and
// narrows the result into c.
func widened[S any, W gemmType](b *Backend, batch int, a, bm, c backend.Matrix, ma, mb, mc []S, widen func(S) W, narrow func(W) S) {
	wa := contiguousOf(batch, mat(ma, a), widen)
	wb := contiguousOf(batch, mat(mb, bm), widen)
	wc := strided[W]{d: make([]W, batch*c.Rows*c.Cols), rows: c.Rows, cols: c.Cols, rs: c.Cols, cs: 1, bs: c.Rows * c.Cols}
	gemm(b, batch, wa, wb, wc)
	for p := range batch {
		for i := range c.Rows {
			for j := range c.Cols {
				mc[c.Offset+p*c.BatchStride+i*c.RowStride+j*c.ColStride] = narrow(wc.d[wc.bs*p+i*c.Cols+j])
			}
		}
	}
}

// contiguousOf returns the batch matrices of m converted to W, in C order.
// A matrix repeated across the batch (batch stride 0) is converted once.
func contiguousOf[S, W any](batch int, m strided[S], conv func(S) W) strided[W] {
	n := batch
	if m.bs == 0 {
		n = 1
	}
	out := strided[W]{d: make([]W, n*m.rows*m.cols), rows: m.rows, cols: m.cols, rs: m.cols, cs: 1}
	if n > 1 {
		out.bs = m.rows * m.cols
	}
	k := 0
	for p := range n {
		for i := range m.rows {
			for j := range m.cols {
				out.d[k] = conv(m.d[m.off+p*m.bs+i*m.rs+j*m.cs])
				k++
			}
		}
	}
	return out
}

// Blocking of the product: a task computes an mcBlock×ncBlock tile of c,
// kcBlock terms at a time; the register kernel computes mr×nr of it.
const (
	mr, nr  = 4, 4
	mcBlock = 64
	ncBlock = 256
	kcBlock = 256
	// minTaskFlops is the least work (multiply-adds) worth a goroutine.
	minTaskFlops = 1 << 16
)

// gemm computes c = a·b for batch matrices, tile by tile in parallel.
func gemm[T gemmType](b *Backend, batch int, a, bm, c strided[T]) {
	m, n, k := c.rows, c.cols, a.cols
	tm, tn := (m+mcBlock-1)/mcBlock, (n+ncBlock-1)/ncBlock
	tasks := batch * tm * tn
	do := func(bufs *packBufs[T], t int) {
		p, rest := t/(tm*tn), t%(tm*tn)
		i0, j0 := rest/tn*mcBlock, rest%tn*ncBlock
		tile(bufs, a, bm, c, p, i0, min(i0+mcBlock, m), j0, min(j0+ncBlock, n), k)
	}
	workers := min(b.workers, tasks, max(1, batch*m*n*max(k, 1)/minTaskFlops))
	if workers <= 1 {
		var bufs packBufs[T]
		for t := range tasks {
			do(&bufs, t)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var bufs packBufs[T]
			for t := int(next.Add(1) - 1); t < tasks; t = int(next.Add(1) - 1) {
				do(&bufs, t)
			}
		})
	}
	wg.Wait()
}

// packBufs are one goroutine's packed panels, reused across its tiles.
type packBufs[T any] struct {
	a, b []T
	acc  [mr * nr]T
}

// tile computes rows [i0, i1) and columns [j0, j1) of matrix p of c.
func tile[T gemmType](bufs *packBufs[T], a, bm, c strided[T], p, i0, i1, j0, j1, k int) {
	offA, offB, offC := a.off+p*a.bs, bm.off+p*bm.bs, c.off+p*c.bs
	rows, cols := i1-i0, j1-j0
	stripsA, stripsB := (rows+mr-1)/mr, (cols+nr-1)/nr
	if k == 0 {
		for i := i0; i < i1; i++ {
			for j := j0; j < j1; j++ {
				var zero T
				c.d[offC+i*c.rs+j*c.cs] = zero
			}
		}
		return
	}
	for k0 := 0; k0 < k; k0 += kcBlock {
		kc := min(kcBlock, k-k0)
		bufs.a = packA(bufs.a, a.d, offA+i0*a.rs+k0*a.cs, a.rs, a.cs, rows, kc)
		bufs.b = packB(bufs.b, bm.d, offB+k0*bm.rs+j0*bm.cs, bm.rs, bm.cs, kc, cols)
		for sb := range stripsB {
			pb := bufs.b[sb*kc*nr : (sb+1)*kc*nr]
			for sa := range stripsA {
				pa := bufs.a[sa*kc*mr : (sa+1)*kc*mr]
				kernel4x4(kc, pa, pb, &bufs.acc)
				// Store (first k block) or add the valid part of the 4×4 result.
				ib, jb := i0+sa*mr, j0+sb*nr
				for r := range min(mr, i1-ib) {
					row := offC + (ib+r)*c.rs + jb*c.cs
					for q := range min(nr, j1-jb) {
						if k0 == 0 {
							c.d[row+q*c.cs] = bufs.acc[r*nr+q]
						} else {
							c.d[row+q*c.cs] += bufs.acc[r*nr+q]
						}
					}
				}
			}
		}
	}
}

// packA copies rows×kc elements of a (from off) into strips of mr rows,
// k-major within a strip (dst[(s*kc+p)*mr+r]), zero-padding the last strip.
func packA[T gemmType](dst, src []T, off, rs, cs, rows, kc int) []T {
	strips := (rows + mr - 1) / mr
	dst = resizePanel(dst, strips*kc*mr)
	for s := range strips {
		d := dst[s*kc*mr : (s+1)*kc*mr]
		for r := range mr {
			i := s*mr + r
			if i >= rows {
				var zero T
				for p := range kc {
					d[p*mr+r] = zero
				}
				continue
			}
			base := off + i*rs
			for p := range kc {
				d[p*mr+r] = src[base+p*cs]
			}
		}
	}
	return dst
}

// packB copies kc×cols elements of b (from off) into strips of nr columns,
// k-major within a strip (dst[(s*kc+p)*nr+q]), zero-padding the last strip.
func packB[T gemmType](dst, src []T, off, rs, cs, kc, cols int) []T {
	strips := (cols + nr - 1) / nr
	dst = resizePanel(dst, strips*kc*nr)
	for s := range strips {
		d := dst[s*kc*nr : (s+1)*kc*nr]
		for p := range kc {
			base := off + p*rs
			dp := d[p*nr : p*nr+nr : p*nr+nr]
			for q := range nr {
				j := s*nr + q
				if j >= cols {
					var zero T
					dp[q] = zero
					continue
				}
				dp[q] = src[base+j*cs]
			}
		}
	}
	return dst
}

func resizePanel[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// kernel4x4 sets acc to the 4×4 product of a packed strip of a (kc×4) and
// one of b (kc×4), with the sixteen sums held in registers where the
// compiler can.
func kernel4x4[T gemmType](kc int, pa, pb []T, acc *[mr * nr]T) {
	var c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33 T
	pa, pb = pa[:kc*mr], pb[:kc*nr]
	for len(pa) >= mr && len(pb) >= nr {
		a0, a1, a2, a3 := pa[0], pa[1], pa[2], pa[3]
		b0, b1, b2, b3 := pb[0], pb[1], pb[2], pb[3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		c20 += a2 * b0
		c21 += a2 * b1
		c22 += a2 * b2
		c23 += a2 * b3
		c30 += a3 * b0
		c31 += a3 * b1
		c32 += a3 * b2
		c33 += a3 * b3
		pa, pb = pa[mr:], pb[nr:]
	}
	*acc = [mr * nr]T{c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33}
}
