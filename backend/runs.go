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
	// and its position (starts, int64). dt must be SortableDType.
	FirstOfRuns(dt dtype.DType, n int, in Buffer, off int, out func(count int) (values, starts Buffer, err error)) (int, error)
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

// CheckRunsOutputs validates the outputs out gave FirstOfRuns for count
// runs of dt.
func CheckRunsOutputs(dt dtype.DType, count int, values, starts Buffer) error {
	switch {
	case values != nil && count > values.Size()/dt.Size():
		return fmt.Errorf("values output of %d bytes for %d elements of %v", values.Size(), count, dt)
	case starts != nil && count > starts.Size()/8:
		return fmt.Errorf("starts output of %d bytes for %d int64 elements", starts.Size(), count)
	}
	return nil
}
