package backend

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// RunFinder is implemented by backends that find the runs of equal
// elements in sorted data in one step (the GPU backend does); Unique is
// built on it where the backend has it, on a mask and a compaction
// where not.
type RunFinder interface {
	// FirstOfRuns finds the runs of equal adjacent elements among the n
	// elements of dtype dt from element offset off of in, equal as a
	// Sorter orders them (-0.0 equal to 0.0, NaN to NaN), and returns
	// their count. It then calls out with that count (0 included) for
	// the outputs and writes, from the start of each one that is not nil,
	// the first element of each run, its bits unchanged (values, of dt),
	// its position (starts, int64), and for each of the n elements the
	// index of its run (ids, int64). dt must be SortableDType.
	FirstOfRuns(dt dtype.DType, n int, in Buffer, off int, out func(count int) (RunsOutputs, error)) (int, error)
}

// RunsOutputs are the buffers FirstOfRuns writes; each may be nil.
type RunsOutputs struct {
	Values, Starts, IDs Buffer
}

// CheckRunsInput validates FirstOfRuns' input against its buffer.
func CheckRunsInput(dt dtype.DType, n int, in Buffer, off int) error {
	switch {
	case !SortableDType(dt):
		return fmt.Errorf("cannot compare %v elements", dt)
	case n < 0 || off < 0:
		return fmt.Errorf("negative length %d or offset %d", n, off)
	case in == nil:
		return fmt.Errorf("no input buffer")
	case off > in.Size()/dt.Size() || n > in.Size()/dt.Size()-off:
		return fmt.Errorf("input of %d bytes holds no %d elements of %v from element %d", in.Size(), n, dt, off)
	}
	return nil
}

// Check validates the outputs for count runs among n elements of dt.
func (o RunsOutputs) Check(dt dtype.DType, n, count int) error {
	switch {
	case o.Values != nil && count > o.Values.Size()/dt.Size():
		return fmt.Errorf("values output of %d bytes for %d elements of %v", o.Values.Size(), count, dt)
	case o.Starts != nil && count > o.Starts.Size()/8:
		return fmt.Errorf("starts output of %d bytes for %d int64 elements", o.Starts.Size(), count)
	case o.IDs != nil && n > o.IDs.Size()/8:
		return fmt.Errorf("ids output of %d bytes for %d int64 elements", o.IDs.Size(), n)
	}
	return nil
}
