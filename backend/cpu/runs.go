package cpu

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// FirstOfRuns finds the runs of equal elements in sorted data (see
// backend.RunFinder) in one pass that counts them and one that writes
// the outputs.
func (b *Backend) FirstOfRuns(dt dtype.DType, n int, in backend.Buffer, off int, out func(count int) (backend.RunsOutputs, error)) (int, error) {
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
	startsRun := func(i int) bool { return i == 0 || key(i) != key(i-1) }
	count := 0
	for i := range n {
		if startsRun(i) {
			count++
		}
	}
	outs, err := out(count)
	if err != nil {
		return fail(err)
	}
	if err := outs.Check(dt, n, count); err != nil {
		return fail(err)
	}
	var mem [3][]byte // values, starts, ids
	for i, buf := range []backend.Buffer{outs.Values, outs.Starts, outs.IDs} {
		if buf == nil {
			continue
		}
		if mem[i], err = buffer(buf); err != nil {
			return fail(fmt.Errorf("%s: %w", [3]string{"values", "starts", "ids"}[i], err))
		}
	}
	values, starts, ids := mem[0], view[int64](mem[1]), view[int64](mem[2])
	run := -1
	for i := range n {
		if startsRun(i) {
			run++
			if values != nil {
				copy(values[run*size:(run+1)*size], src[i*size:])
			}
			if starts != nil {
				starts[run] = int64(i)
			}
		}
		if ids != nil {
			ids[i] = int64(run)
		}
	}
	return count, nil
}
