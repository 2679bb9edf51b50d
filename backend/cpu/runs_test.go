package cpu

import (
	"errors"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// FirstOfRuns refuses what it cannot compare, inputs its buffer does not
// hold and outputs too short for the runs, and passes on out's error.
func TestFirstOfRunsErrors(t *testing.T) {
	b := New(1)
	buf := mustAlloc(t, b, 16)
	none := func(int) (backend.RunsOutputs, error) { return backend.RunsOutputs{}, nil }
	run := func(dt dtype.DType, n, off int, out func(int) (backend.RunsOutputs, error)) error {
		_, err := b.FirstOfRuns(dt, n, buf, off, out)
		return err
	}
	require.ErrorContains(t, run(dtype.Complex64, 1, 0, none), "cannot compare complex64")
	require.ErrorContains(t, run(dtype.Float32, -1, 0, none), "negative")
	require.ErrorContains(t, run(dtype.Float32, 4, 1, none), "holds no 4 elements")
	copy(memOf(buf), []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}) // 16 runs of uint8
	short := mustAlloc(t, b, 15)
	for _, outs := range []backend.RunsOutputs{{Values: short}, {Starts: short}, {IDs: short}} {
		require.ErrorContains(t, run(dtype.Uint8, 16, 0, func(int) (backend.RunsOutputs, error) { return outs, nil }), "output of 15 bytes")
	}
	failed := errors.New("no memory")
	require.ErrorIs(t, run(dtype.Uint8, 16, 0, func(int) (backend.RunsOutputs, error) { return backend.RunsOutputs{}, failed }), failed)
}
