package cpu

import (
	"fmt"
	"unsafe"

	"github.com/cugo/cugo/dtype"
)

// loopLayout is the launch shape and the operands' strides (inputs, then
// outputs) after merging axes that every operand walks contiguously; a
// kernel over contiguous operands becomes one axis of unit stride.
type loopLayout struct {
	shape   []int
	strides []int // strides[k*len(shape)+d]: operand k, axis d
	offsets []int
	nops    int
}

// simplify drops axes of length 1 and merges each axis into the next one
// when every operand steps over the pair as over one axis. A 0-d launch
// becomes one axis of length 1.
func (l *loopLayout) simplify() {
	nd := len(l.shape)
	out := 0 // axes kept so far
	for d := 0; d < nd; d++ {
		if l.shape[d] == 1 {
			continue
		}
		if out > 0 && l.mergeable(out-1, d, nd) {
			for k := range l.nops {
				l.strides[k*nd+out-1] = l.strides[k*nd+d]
			}
			l.shape[out-1] *= l.shape[d]
			continue
		}
		l.shape[out] = l.shape[d]
		for k := range l.nops {
			l.strides[k*nd+out] = l.strides[k*nd+d]
		}
		out++
	}
	if out == 0 { // every axis has length 1 (nd >= 1: see Elementwise)
		l.shape[0] = 1
		for k := range l.nops {
			l.strides[k*nd] = 0
		}
		out = 1
	}
	// Repack the strides to the new number of axes.
	for k := range l.nops {
		copy(l.strides[k*out:k*out+out], l.strides[k*nd:k*nd+out])
	}
	l.shape = l.shape[:out]
	l.strides = l.strides[:l.nops*out]
}

// mergeable reports whether kept axis a (in the strides of nd axes) can
// absorb axis d that follows it.
func (l *loopLayout) mergeable(a, d, nd int) bool {
	for k := range l.nops {
		if l.strides[k*nd+a] != l.strides[k*nd+d]*l.shape[d] {
			return false
		}
	}
	return true
}

// extent returns the lowest and highest element offsets operand k reaches.
func (l *loopLayout) extent(k int) (lo, hi int) {
	nd := len(l.shape)
	lo, hi = l.offsets[k], l.offsets[k]
	for d, n := range l.shape {
		step := l.strides[k*nd+d] * (n - 1)
		if step < 0 {
			lo += step
		} else {
			hi += step
		}
	}
	return lo, hi
}

// run is a stretch of a chunk along the last axis: chunk positions
// [pos, pos+n), and for each operand the element offset of its first one.
type run struct{ pos, n int }

// walk is the enumeration of one chunk as runs.
type walk struct {
	runs  []run
	offs  []int // offs[r*nops+k]: operand k at the start of run r
	idx   []int
	cur   []int
	inner []int // stride of the last axis, per operand
}

// walk enumerates flat indices [start, start+n) of l's shape, in C order,
// into f.walk.
func (l *loopLayout) walk(w *walk, start, n int) {
	nd, nops := len(l.shape), l.nops
	w.runs, w.offs = w.runs[:0], w.offs[:0]
	w.idx = resize(w.idx, nd)
	w.cur = resize(w.cur, nops)
	w.inner = resize(w.inner, nops)
	rem := start
	for d := nd - 1; d >= 0; d-- {
		w.idx[d] = rem % l.shape[d]
		rem /= l.shape[d]
	}
	for k := range nops {
		o := l.offsets[k]
		for d := range nd {
			o += w.idx[d] * l.strides[k*nd+d]
		}
		w.cur[k] = o
		w.inner[k] = l.strides[k*nd+nd-1]
	}
	last := l.shape[nd-1]
	for pos := 0; pos < n; {
		cnt := min(last-w.idx[nd-1], n-pos)
		w.runs = append(w.runs, run{pos, cnt})
		w.offs = append(w.offs, w.cur...)
		pos += cnt
		if pos == n {
			break
		}
		// Step to the start of the next row: carry like an odometer.
		for k := range nops {
			w.cur[k] += cnt * w.inner[k]
		}
		w.idx[nd-1] += cnt
		for d := nd - 1; d > 0 && w.idx[d] == l.shape[d]; d-- {
			w.idx[d] = 0
			w.idx[d-1]++
			for k := range nops {
				w.cur[k] += l.strides[k*nd+d-1] - l.shape[d]*l.strides[k*nd+d]
			}
		}
	}
}

// empty makes w a walk of no elements over nops operands.
func (w *walk) empty(nops int) {
	w.runs, w.offs = w.runs[:0], w.offs[:0]
	w.cur = resize(w.cur, nops)
	w.inner = resize(w.inner, nops)
}

func resize(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

// view returns mem as a slice of T (mem is 8-byte aligned: see buffer).
func view[T any](mem []byte) []T {
	var zero T
	n := len(mem) / int(unsafe.Sizeof(zero))
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(mem))), n)
}

type number interface {
	int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 | float32 | float64
}

// gather loads operand k of the walk from src into dst, converting each
// element to the rep type D.
func gather[S, D number](dst []D, src []S, w *walk, k int) {
	st := w.inner[k]
	nops := len(w.cur)
	for r, ru := range w.runs {
		off := w.offs[r*nops+k]
		d := dst[ru.pos : ru.pos+ru.n]
		switch st {
		case 1:
			s := src[off : off+len(d)]
			for i := range d {
				d[i] = D(s[i])
			}
		case 0:
			v := D(src[off])
			for i := range d {
				d[i] = v
			}
		default:
			for i := range d {
				d[i] = D(src[off])
				off += st
			}
		}
	}
}

// scatter stores dst[...] = S(src[...]) along the walk of operand k.
func scatter[D, S number](dst []S, src []D, w *walk, k int) {
	st := w.inner[k]
	nops := len(w.cur)
	for r, ru := range w.runs {
		off := w.offs[r*nops+k]
		s := src[ru.pos : ru.pos+ru.n]
		if st == 1 {
			d := dst[off : off+len(s)]
			for i := range s {
				d[i] = S(s[i])
			}
			continue
		}
		for i := range s {
			dst[off] = S(s[i])
			off += st
		}
	}
}

// gatherMap and scatterMap are gather and scatter for element types that
// a Go conversion does not cover (bool, float16, bfloat16, complex).
func gatherMap[S, D any](dst []D, src []S, w *walk, k int, conv func(S) D) {
	st := w.inner[k]
	nops := len(w.cur)
	for r, ru := range w.runs {
		off := w.offs[r*nops+k]
		d := dst[ru.pos : ru.pos+ru.n]
		for i := range d {
			d[i] = conv(src[off])
			off += st
		}
	}
}

func scatterMap[D, S any](dst []S, src []D, w *walk, k int, conv func(D) S) {
	st := w.inner[k]
	nops := len(w.cur)
	for r, ru := range w.runs {
		off := w.offs[r*nops+k]
		for _, v := range src[ru.pos : ru.pos+ru.n] {
			dst[off] = conv(v)
			off += st
		}
	}
}

// load gathers operand k, of type dt in mem, into the slot of step s.
func load(f *frame, s *step, n int, dt dtype.DType, mem []byte, k int) {
	w := &f.walk
	switch dt {
	case dtype.Bool:
		gatherMap(f.b(s, n), view[uint8](mem), w, k, func(x uint8) bool { return x != 0 })
	case dtype.Int8:
		gather(f.i(s, n), view[int8](mem), w, k)
	case dtype.Int16:
		gather(f.i(s, n), view[int16](mem), w, k)
	case dtype.Int32:
		gather(f.i(s, n), view[int32](mem), w, k)
	case dtype.Int64:
		gather(f.i(s, n), view[int64](mem), w, k)
	case dtype.Uint8:
		gather(f.u(s, n), view[uint8](mem), w, k)
	case dtype.Uint16:
		gather(f.u(s, n), view[uint16](mem), w, k)
	case dtype.Uint32:
		gather(f.u(s, n), view[uint32](mem), w, k)
	case dtype.Uint64:
		gather(f.u(s, n), view[uint64](mem), w, k)
	case dtype.Float16:
		gatherMap(f.f(s, n), view[dtype.F16](mem), w, k, dtype.F16.Float64)
	case dtype.BFloat16:
		gatherMap(f.f(s, n), view[dtype.BF16](mem), w, k, dtype.BF16.Float64)
	case dtype.Float32:
		gather(f.f(s, n), view[float32](mem), w, k)
	case dtype.Float64:
		gather(f.f(s, n), view[float64](mem), w, k)
	case dtype.Complex64:
		gatherMap(f.c(s, n), view[complex64](mem), w, k, func(x complex64) complex128 { return complex128(x) })
	case dtype.Complex128:
		gatherMap(f.c(s, n), view[complex128](mem), w, k, func(x complex128) complex128 { return x })
	}
}

// store scatters the slot of step s to operand k, of type dt in mem. The
// values are already narrowed to dt, so the conversions are exact.
func store(f *frame, s *step, n int, dt dtype.DType, mem []byte, k int) {
	w := &f.walk
	switch dt {
	case dtype.Bool:
		scatterMap(view[uint8](mem), f.b(s, n), w, k, func(x bool) uint8 {
			if x {
				return 1
			}
			return 0
		})
	case dtype.Int8:
		scatter(view[int8](mem), f.i(s, n), w, k)
	case dtype.Int16:
		scatter(view[int16](mem), f.i(s, n), w, k)
	case dtype.Int32:
		scatter(view[int32](mem), f.i(s, n), w, k)
	case dtype.Int64:
		scatter(view[int64](mem), f.i(s, n), w, k)
	case dtype.Uint8:
		scatter(view[uint8](mem), f.u(s, n), w, k)
	case dtype.Uint16:
		scatter(view[uint16](mem), f.u(s, n), w, k)
	case dtype.Uint32:
		scatter(view[uint32](mem), f.u(s, n), w, k)
	case dtype.Uint64:
		scatter(view[uint64](mem), f.u(s, n), w, k)
	case dtype.Float16:
		scatterMap(view[dtype.F16](mem), f.f(s, n), w, k, dtype.F16FromFloat64)
	case dtype.BFloat16:
		scatterMap(view[dtype.BF16](mem), f.f(s, n), w, k, dtype.BF16FromFloat64)
	case dtype.Float32:
		scatter(view[float32](mem), f.f(s, n), w, k)
	case dtype.Float64:
		scatter(view[float64](mem), f.f(s, n), w, k)
	case dtype.Complex64:
		scatterMap(view[complex64](mem), f.c(s, n), w, k, func(x complex128) complex64 { return complex64(x) })
	case dtype.Complex128:
		scatterMap(view[complex128](mem), f.c(s, n), w, k, func(x complex128) complex128 { return x })
	}
}

// checkBounds reports an operand whose elements fall outside its buffer.
func checkBounds(l *loopLayout, k int, dt dtype.DType, mem []byte) error {
	lo, hi := l.extent(k)
	if n := len(mem) / dt.Size(); lo < 0 || hi >= n {
		return fmt.Errorf("reaches elements [%d, %d] of a buffer of %d %v elements", lo, hi, n, dt)
	}
	return nil
}
