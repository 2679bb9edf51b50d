package cpu

import (
	"fmt"
	"slices"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// SelectRows finds order statistics by quickselect over each row's sort
// keys (SortKey), rows spread over the workers (see backend.Selector).
func (b *Backend) SelectRows(dt dtype.DType, rows, n int, in backend.Buffer, off int, ranks []int, out backend.Buffer) error {
	fail := func(err error) error { return fmt.Errorf("cpu: SelectRows: %w", err) }
	if err := backend.CheckSelectRows(dt, rows, n, in, off, ranks, out); err != nil {
		return fail(err)
	}
	im, err := buffer(in)
	if err != nil {
		return fail(fmt.Errorf("input: %w", err))
	}
	om, err := buffer(out)
	if err != nil {
		return fail(fmt.Errorf("output: %w", err))
	}
	switch dt.Size() {
	case 1:
		selectRows(b, dt, rows, n, view[uint8](im)[off:], ranks, view[uint8](om))
	case 2:
		selectRows(b, dt, rows, n, view[uint16](im)[off:], ranks, view[uint16](om))
	case 4:
		selectRows(b, dt, rows, n, view[uint32](im)[off:], ranks, view[uint32](om))
	default:
		selectRows(b, dt, rows, n, view[uint64](im)[off:], ranks, view[uint64](om))
	}
	return nil
}

func selectRows[S uint8 | uint16 | uint32 | uint64](b *Backend, dt dtype.DType, rows, n int, in []S, ranks []int, out []S) {
	order := slices.Clone(ranks)
	slices.Sort(order)
	workers := max(1, min(b.workers, rows))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			keys := make([]uint64, n)
			for row := w; row < rows; row += workers {
				for i, x := range in[row*n : (row+1)*n] {
					keys[i] = SortKey(dt, uint64(x))
				}
				selectRanks(keys, order)
				for j, r := range ranks {
					out[row*len(ranks)+j] = S(keyBits(dt, keys[r]))
				}
			}
		})
	}
	wg.Wait()
}

// selectRanks reorders keys so that each of ranks (increasing) holds the
// key a sort puts there: the largest rank first over all keys, then
// each smaller one among the keys before the last one placed.
func selectRanks(keys []uint64, ranks []int) {
	end := len(keys)
	for i := len(ranks) - 1; i >= 0; i-- {
		if ranks[i] < end {
			quickselect(keys[:end], ranks[i])
			end = ranks[i]
		}
	}
}

// quickselect places at k the key a sort puts there, smaller or equal
// keys before it and greater or equal after; a range that partitions
// badly too often is sorted instead, which bounds the time.
func quickselect(keys []uint64, k int) {
	lo, hi := 0, len(keys)
	for budget := 64; hi-lo > 16; budget-- {
		if budget == 0 {
			slices.Sort(keys[lo:hi])
			return
		}
		// median of three as the pivot, then a three-way partition
		a, m, z := keys[lo], keys[lo+(hi-lo)/2], keys[hi-1]
		pivot := max(min(a, m), min(max(a, m), z))
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch x := keys[i]; {
			case x < pivot:
				keys[lt], keys[i] = keys[i], keys[lt]
				lt++
				i++
			case x > pivot:
				gt--
				keys[gt], keys[i] = keys[i], keys[gt]
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			return
		}
	}
	slices.Sort(keys[lo:hi])
}

// keyBits is the inverse of SortKey: an element's bits from its key (a
// NaN's key gives the quiet NaN, -0.0's gives +0.0).
func keyBits(dt dtype.DType, key uint64) uint64 {
	sign, mask := keyMasks(dt)
	switch dt.Kind() {
	case dtype.IntKind:
		return key ^ sign
	case dtype.FloatKind:
		switch {
		case key == mask:
			return quietNaNBits(dt)
		case key&sign != 0:
			return key ^ sign
		}
		return ^key & mask
	}
	return key
}

// quietNaNBits is the bit pattern of the positive quiet NaN in dt: +inf
// with the top bit of the mantissa set.
func quietNaNBits(dt dtype.DType) uint64 {
	inf := infBits(dt)
	return inf | (inf&-inf)>>1
}
