package array

import (
	"github.com/cugo/cugo/internal/layout"
	"slices"
	"testing"
)

// byteReader hands out fuzz input a byte at a time, then zeros.
type byteReader []byte

func (b *byteReader) next() int {
	if len(*b) == 0 {
		return 0
	}
	v := (*b)[0]
	*b = (*b)[1:]
	return int(v)
}

// view reads a random view: up to 4 axes of size 0-5 (often 1) and strides
// in [-20, 20].
func (b *byteReader) view() (shape, strides []int) {
	ndim := b.next() % 5
	shape, strides = make([]int, ndim), make([]int, ndim)
	for i := range ndim {
		shape[i] = b.next() % 6
		strides[i] = b.next()%41 - 20
	}
	return shape, strides
}

// offsets lists the offset of every element of a view, in C order.
func offsets(shape, strides []int, offset int) []int {
	var out []int
	idx := make([]int, len(shape))
	for _, d := range shape {
		if d == 0 {
			return nil
		}
	}
	for {
		off := offset
		for i, j := range idx {
			off += j * strides[i]
		}
		out = append(out, off)
		i := len(idx) - 1
		for ; i >= 0; i-- {
			if idx[i]++; idx[i] < shape[i] {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			return out
		}
	}
}

// refAxis is one output axis of the reference indexer: the input axis it
// walks (-1 for a new axis) and the positions it takes there.
type refAxis struct {
	in  int
	pos []int
}

// refSlicePositions lists the positions start:stop:step selects on an axis
// of size n, following the Python documentation's wording: ends relative to
// the end when negative, clipped to the sequence, defaults by direction.
func refSlicePositions(n int, start, stop, step *int) []int {
	st := 1
	if step != nil {
		st = *step
	}
	var pos []int
	if st > 0 {
		lo, hi := 0, n
		if start != nil {
			lo = min(max(*start+n*btoi(*start < 0), 0), n)
		}
		if stop != nil {
			hi = min(max(*stop+n*btoi(*stop < 0), 0), n)
		}
		for i := lo; i < hi; i += st {
			pos = append(pos, i)
		}
		return pos
	}
	hi, lo := n-1, -1
	if start != nil {
		hi = min(max(*start+n*btoi(*start < 0), -1), n-1)
	}
	if stop != nil {
		lo = min(max(*stop+n*btoi(*stop < 0), -1), n-1)
	}
	for i := hi; i > lo; i += st {
		pos = append(pos, i)
	}
	return pos
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// FuzzApplyIndex checks applyIndex against a reference that works out,
// axis by axis, the positions an index selects and enumerates every
// element's offset from them.
func FuzzApplyIndex(f *testing.F) {
	f.Add([]byte{2, 3, 4, 4, 1, 2, 0, 1})
	f.Add([]byte{3, 5, 20, 1, 30, 4, 2, 7, 3, 11, 255, 4, 6})
	f.Add([]byte{4, 2, 1, 3, 2, 5, 5, 4, 9, 2, 7, 13, 9, 6, 200, 3, 1})
	f.Add([]byte{1, 5, 3, 3, 250, 7, 7, 5})
	f.Add([]byte{0, 9, 6, 7})
	f.Fuzz(func(t *testing.T, data []byte) {
		b := byteReader(data)
		shape, strides := b.view()
		offset := b.next()
		var idx []Index
		var ref []refAxis // the reference's output axes
		fixed := offset   // the reference's offset from integer indices
		axis, ellipses, refErr := 0, 0, false
		nIdx := b.next() % 6
		used := 0
		kinds := make([]int, nIdx)
		for i := range kinds {
			kinds[i] = b.next() % 8
			if kinds[i] < 6 {
				used++
			}
		}
		for _, k := range kinds {
			switch {
			case k == 7:
				idx = append(idx, Ellipsis)
				if ellipses++; ellipses > 1 || used > len(shape) {
					refErr = true
					continue
				}
				for range len(shape) - used {
					ref = append(ref, refAxis{axis, refSlicePositions(shape[axis], nil, nil, nil)})
					axis++
				}
			case k == 6:
				idx = append(idx, NewAxis)
				ref = append(ref, refAxis{-1, []int{0}})
			case axis >= len(shape):
				refErr = true // too many indices
				idx = append(idx, I(0))
			case k < 2:
				n := shape[axis]
				i := b.next()%(2*n+5) - n - 2
				idx = append(idx, I(i))
				if i < -n || i >= n {
					refErr = true
				} else {
					fixed += (i + n*btoi(i < 0)) * strides[axis]
				}
				axis++
			default:
				flags := b.next()
				var ends [3]*int
				s := All
				for e := range 3 {
					if flags>>e&1 == 1 {
						v := b.next()%15 - 7
						if e == 2 {
							v %= 4 // steps in [-3, 3]
						}
						ends[e] = &v
					}
				}
				switch {
				case ends[0] != nil && ends[1] != nil:
					s = S(*ends[0], *ends[1])
				case ends[0] != nil:
					s = From(*ends[0])
				case ends[1] != nil:
					s = To(*ends[1])
				}
				if ends[2] != nil {
					s = s.Step(*ends[2])
					refErr = refErr || *ends[2] == 0
				}
				idx = append(idx, s)
				if !refErr {
					ref = append(ref, refAxis{axis, refSlicePositions(shape[axis], ends[0], ends[1], ends[2])})
				}
				axis++
			}
		}
		for ; axis < len(shape) && !refErr; axis++ {
			ref = append(ref, refAxis{axis, refSlicePositions(shape[axis], nil, nil, nil)})
		}

		gotShape, gotStrides, gotOff, err := applyIndex(shape, strides, offset, idx...)
		if refErr || err != nil {
			if refErr != (err != nil) {
				t.Fatalf("shape %v idx %v: error %v, reference error %v", shape, idx, err, refErr)
			}
			return
		}
		// The reference's offsets: positions as axes of a view with stride 1
		// over the input axis, composed by hand.
		refShape := make([]int, len(ref))
		for i, a := range ref {
			refShape[i] = len(a.pos)
		}
		var want []int
		for _, flat := range offsets(refShape, contiguousStrides(refShape), 0) {
			off := fixed
			rem := flat
			for i := len(ref) - 1; i >= 0; i-- {
				j := rem % refShape[i]
				rem /= refShape[i]
				if ref[i].in >= 0 {
					off += ref[i].pos[j] * strides[ref[i].in]
				}
			}
			want = append(want, off)
		}
		if !slices.Equal(gotShape, refShape) {
			t.Fatalf("shape %v strides %v idx %v: got shape %v, want %v", shape, strides, idx, gotShape, refShape)
		}
		if got := offsets(gotShape, gotStrides, gotOff); !slices.Equal(got, want) {
			t.Fatalf("shape %v strides %v idx %v: got offsets %v, want %v", shape, strides, idx, got, want)
		}
	})
}

// FuzzReshapeStrides checks that a view reshapeStrides allows reads the
// elements in the same order as the original, and that it allows every
// reshape of a C-contiguous array.
func FuzzReshapeStrides(f *testing.F) {
	f.Add([]byte{2, 3, 4, 4, 1, 1, 0})
	f.Add([]byte{3, 2, 22, 3, 21, 2, 30, 2, 1, 0, 3})
	f.Add([]byte{2, 4, 26, 3, 40, 1, 2, 3, 0})
	f.Add([]byte{3, 2, 32, 1, 0, 3, 21, 0, 0, 1, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		b := byteReader(data)
		shape, strides := b.view()
		if b.next()%2 == 0 { // make many inputs C-contiguous
			strides = contiguousStrides(shape)
		}
		size := 1
		for _, d := range shape {
			size *= d
		}
		// A new shape of the same size, from the prime factors of size
		// grouped at random, with 1s thrown in.
		var newShape []int
		if size == 0 {
			newShape = []int{0, b.next() % 4}
		}
		for n, p := size, 2; n > 1 && size > 0; {
			for n%p != 0 {
				p++
			}
			if len(newShape) > 0 && b.next()%2 == 0 {
				newShape[len(newShape)-1] *= p
			} else {
				newShape = append(newShape, p)
			}
			n /= p
		}
		for range b.next() % 3 {
			newShape = slices.Insert(newShape, b.next()%(len(newShape)+1), 1)
		}
		got, ok := reshapeStrides(shape, strides, newShape)
		if layout.IsC(shape, strides) && !ok {
			t.Fatalf("contiguous %v %v: reshape to %v refused", shape, strides, newShape)
		}
		if !ok {
			return
		}
		if want, have := offsets(shape, strides, 0), offsets(newShape, got, 0); !slices.Equal(want, have) {
			t.Fatalf("%v %v -> %v %v: offsets %v, want %v", shape, strides, newShape, got, have, want)
		}
	})
}

// FuzzCollapseDims checks that the collapsed loop visits, for every
// operand, the same offsets in the same order as the original.
func FuzzCollapseDims(f *testing.F) {
	f.Add([]byte{3, 2, 0, 3, 0, 4, 0, 2, 0, 1, 2})
	f.Add([]byte{4, 2, 1, 1, 0, 3, 4, 5, 9, 2, 3, 1, 1})
	f.Add([]byte{2, 1, 3, 1, 0, 2, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		b := byteReader(data)
		shape, first := b.view()
		nops := 1 + b.next()%3
		strides := [][]int{first}
		for range nops - 1 {
			// Contiguous, broadcast or random strides, so that merges happen.
			s := contiguousStrides(shape)
			switch b.next() % 3 {
			case 0:
				for i := range s {
					if b.next()%2 == 0 {
						s[i] = 0
					}
				}
			case 1:
				for i := range s {
					s[i] = b.next()%41 - 20
				}
			}
			strides = append(strides, s)
		}
		if b.next()%2 == 0 {
			strides[0] = contiguousStrides(shape)
		}
		cshape, cstrides := collapseDims(shape, strides...)
		if len(cshape) > len(shape) && !(len(cshape) == 1 && cshape[0] == 0) {
			t.Fatalf("%v collapsed to more axes: %v", shape, cshape)
		}
		for k := range strides {
			if want, got := offsets(shape, strides[k], 0), offsets(cshape, cstrides[k], 0); !slices.Equal(want, got) {
				t.Fatalf("%v %v -> %v %v: offsets %v, want %v", shape, strides[k], cshape, cstrides[k], got, want)
			}
		}
	})
}
