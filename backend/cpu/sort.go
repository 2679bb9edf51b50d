package cpu

import (
	le "encoding/binary"
	"fmt"
	"math"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// SortRows sorts rows of elements stably in NumPy's order (see
// backend.Sorter) with a least-significant-digit radix sort of the
// elements' order-preserving keys, 8 bits a pass. Rows are shared among
// the goroutines; a long row is sorted by all of them, each pass
// counting and then scattering its own chunk of the row.
func (b *Backend) SortRows(dt dtype.DType, rows, n int, in backend.Buffer, off int, keys, idx backend.Buffer) error {
	fail := func(err error) error { return fmt.Errorf("cpu: SortRows: %w", err) }
	if err := backend.CheckSortRows(dt, rows, n, in, off, keys, idx); err != nil {
		return fail(err)
	}
	if n > math.MaxUint32 {
		return fail(fmt.Errorf("rows of %d elements (at most 2^32-1 on the CPU)", n))
	}
	src, err := buffer(in)
	if err != nil {
		return fail(fmt.Errorf("input: %w", err))
	}
	var keyMem, idxMem []byte
	if keys != nil {
		if keyMem, err = buffer(keys); err != nil {
			return fail(fmt.Errorf("keys: %w", err))
		}
	}
	if idx != nil {
		if idxMem, err = buffer(idx); err != nil {
			return fail(fmt.Errorf("indices: %w", err))
		}
	}
	size := dt.Size()
	src = src[off*size : (off+rows*n)*size]
	row := func(r int, s *sortScratch, workers int) {
		perm := s.sort(dt, src[r*n*size:(r+1)*n*size], workers)
		if keyMem != nil {
			dst, row := keyMem[r*n*size:(r+1)*n*size], src[r*n*size:(r+1)*n*size]
			switch size {
			case 1:
				permute(view[uint8](dst), view[uint8](row), perm)
			case 2:
				permute(view[uint16](dst), view[uint16](row), perm)
			case 4:
				permute(view[uint32](dst), view[uint32](row), perm)
			default:
				permute(view[uint64](dst), view[uint64](row), perm)
			}
		}
		if idxMem != nil {
			dst := view[int64](idxMem[r*n*8 : (r+1)*n*8])
			for i, p := range perm {
				dst[i] = int64(p)
			}
		}
	}
	if rows == 0 || n == 0 {
		return nil
	}
	if rows < b.workers && n >= 2*minPerWorker { // few long rows: each sorted by every goroutine
		var s sortScratch
		for r := range rows {
			row(r, &s, b.workers)
		}
		return nil
	}
	workers := max(1, min(b.workers, rows, rows*n/minPerWorker))
	var wg sync.WaitGroup
	per := (rows + workers - 1) / workers
	for lo := 0; lo < rows; lo += per {
		wg.Go(func() {
			var s sortScratch
			for r := lo; r < min(lo+per, rows); r++ {
				row(r, &s, 1)
			}
		})
	}
	wg.Wait()
	return nil
}

// sortScratch holds one row's keys and permutation, and their copies for
// the passes, so that a goroutine sorting many rows allocates once.
type sortScratch struct {
	keys, keys2 []uint64
	perm, perm2 []uint32
}

// sort returns the stable sorting permutation of a row of elements of dt
// (its memory in row), valid until the next call.
func (s *sortScratch) sort(dt dtype.DType, row []byte, workers int) []uint32 {
	size := dt.Size()
	n := len(row) / size
	s.keys, s.keys2 = resize64(s.keys, n), resize64(s.keys2, n)
	s.perm, s.perm2 = resize32(s.perm, n), resize32(s.perm2, n)
	for i := range n {
		s.keys[i] = SortKey(dt, elementBits(row[i*size:], size))
		s.perm[i] = uint32(i)
	}
	if n <= smallSort {
		insertionSort(s.keys, s.perm)
		return s.perm
	}
	k, p := radixSort(s.keys, s.keys2, s.perm, s.perm2, size, workers)
	return p[:len(k)]
}

// smallSort is the longest row sorted by insertion rather than by radix.
const smallSort = 32

func resize64(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n)
	}
	return s[:n]
}

func resize32(s []uint32, n int) []uint32 {
	if cap(s) < n {
		return make([]uint32, n)
	}
	return s[:n]
}

// elementBits reads an element of size bytes as an unsigned integer.
func elementBits(b []byte, size int) uint64 {
	switch size {
	case 1:
		return uint64(b[0])
	case 2:
		return uint64(le.LittleEndian.Uint16(b))
	case 4:
		return uint64(le.LittleEndian.Uint32(b))
	}
	return le.LittleEndian.Uint64(b)
}

// SortKey maps the bits of an element of dt to an unsigned key whose
// order is NumPy's sort order: signed integers have their sign bit
// flipped; a float's sign bit is flipped when it is positive and all its
// bits when it is negative, -0.0 takes +0.0's key and every NaN the
// largest key, after +inf. The GPU's radix sort renders the same map.
func SortKey(dt dtype.DType, bits uint64) uint64 {
	sign, mask := keyMasks(dt)
	switch dt.Kind() {
	case dtype.IntKind:
		return bits ^ sign
	case dtype.FloatKind:
		mag := bits &^ sign
		switch {
		case mag > infBits(dt):
			return mask
		case mag == 0:
			return sign
		case bits&sign != 0:
			return ^bits & mask
		}
		return bits | sign
	}
	return bits
}

// keyMasks are the sign bit and the mask of all the bits of dt's elements.
func keyMasks(dt dtype.DType) (sign, mask uint64) {
	sign = uint64(1) << (dt.Size()*8 - 1)
	return sign, sign<<1 - 1
}

// infBits is the bit pattern of +inf in dt; larger magnitudes are NaN.
func infBits(dt dtype.DType) uint64 {
	switch dt {
	case dtype.Float16:
		return 0x7c00
	case dtype.BFloat16:
		return 0x7f80
	case dtype.Float32:
		return 0x7f800000
	}
	return 0x7ff0000000000000
}

// insertionSort sorts keys, and perm alongside, stably.
func insertionSort(keys []uint64, perm []uint32) {
	for i := 1; i < len(keys); i++ {
		k, p := keys[i], perm[i]
		j := i
		for ; j > 0 && keys[j-1] > k; j-- {
			keys[j], perm[j] = keys[j-1], perm[j-1]
		}
		keys[j], perm[j] = k, p
	}
}

// radixSort sorts keys of width bytes, and perm alongside, stably, using
// keys2 and perm2 as the other side of each pass; it returns the slices
// that hold the result. Passes over a digit that every key shares are
// skipped. With workers > 1 the row is cut into that many chunks, each
// counted and scattered by its own goroutine.
func radixSort(keys, keys2 []uint64, perm, perm2 []uint32, width, workers int) ([]uint64, []uint32) {
	n := len(keys)
	chunks := max(1, min(workers, n/minPerWorker))
	per := (n + chunks - 1) / chunks
	counts := make([][256]int, chunks)
	parallel := func(f func(c, lo, hi int)) {
		if chunks == 1 {
			f(0, 0, n)
			return
		}
		var wg sync.WaitGroup
		for c := range chunks {
			wg.Go(func() { f(c, c*per, min((c+1)*per, n)) })
		}
		wg.Wait()
	}
	for pass := range width {
		shift := uint(8 * pass)
		parallel(func(c, lo, hi int) {
			h := &counts[c]
			*h = [256]int{}
			for _, k := range keys[lo:hi] {
				h[k>>shift&0xff]++
			}
		})
		// Offsets digit-major, chunk-minor, so that the scatter is stable.
		total, skip := 0, false
		for d := range 256 {
			start := total
			for c := range chunks {
				counts[c][d], total = total, total+counts[c][d]
			}
			skip = skip || total-start == n
		}
		if skip {
			continue
		}
		parallel(func(c, lo, hi int) {
			h := &counts[c]
			for i := lo; i < hi; i++ {
				k := keys[i]
				d := k >> shift & 0xff
				keys2[h[d]], perm2[h[d]] = k, perm[i]
				h[d]++
			}
		})
		keys, keys2, perm, perm2 = keys2, keys, perm2, perm
	}
	return keys, perm
}

// permute writes dst[i] = src[perm[i]].
func permute[T any](dst, src []T, perm []uint32) {
	for i, p := range perm {
		dst[i] = src[p]
	}
}
