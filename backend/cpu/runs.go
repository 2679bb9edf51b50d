package cpu

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// FirstOfRuns finds the runs of equal elements in sorted data (see
// backend.RunFinder) in one pass that counts them and one that copies
// their first elements.
func (b *Backend) FirstOfRuns(dt dtype.DType, n int, in backend.Buffer, off int, out func(count int) (values, starts backend.Buffer, err error)) (int, error) {
	fail := func(err error) (int, error) { return 0, fmt.Errorf("cpu: FirstOfRuns: %w", err) }
	if err := backend.CheckRunsInput(dt, n, in, off); err != nil {
		return fail(err)
	}
	src, err := buffer(in)
	if err != nil {
		return fail(fmt.Errorf("input: %w", err))
	}
	size := dt.Size()
	src = src[off*size : (off+n)*size]
	key := func(i int) uint64 { return SortKey(dt, elementBits(src[i*size:], size)) }
	starts := func(yield func(i int)) {
		for i := range n {
			if i == 0 || key(i) != key(i-1) {
				yield(i)
			}
		}
	}
	count := 0
	starts(func(int) { count++ })
	values, positions, err := out(count)
	if err != nil {
		return fail(err)
	}
	if err := backend.CheckRunsOutputs(dt, count, values, positions); err != nil {
		return fail(err)
	}
	var dst []byte
	var pos []int64
	if values != nil {
		if dst, err = buffer(values); err != nil {
			return fail(fmt.Errorf("values: %w", err))
		}
	}
	if positions != nil {
		mem, err := buffer(positions)
		if err != nil {
			return fail(fmt.Errorf("starts: %w", err))
		}
		pos = view[int64](mem)
	}
	k := 0
	starts(func(i int) {
		if dst != nil {
			copy(dst[k*size:(k+1)*size], src[i*size:])
		}
		if pos != nil {
			pos[k] = int64(i)
		}
		k++
	})
	return count, nil
}
