package array

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Interp of points whose float64 copy does not fit in memory reports the
// backend's error instead of dereferencing the failed copy's buffer.
func TestInterpPointsPastMemory(t *testing.T) {
	d := smallDevice()
	xp := d.Arange(1, 6, 1, Float64)
	x := d.Zeros(Float32, 1).BroadcastTo(1 << 40)
	require.ErrorContains(t, Interp(x, xp, xp).Err(), "out of memory")
	require.ErrorContains(t, Interp(x, xp, xp, InterpPeriod(2)).Err(), "out of memory")
}
