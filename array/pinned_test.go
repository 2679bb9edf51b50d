package array

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPinnedRoundTrip(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		const n = 100_003
		host, release, err := Pinned[float64](d, n)
		require.NoError(t, err)
		require.Len(t, host, n)
		r := rand.New(rand.NewPCG(5, 6))
		for i := range host {
			host[i] = r.NormFloat64()
		}
		a := d.Empty(Float64, n)
		require.NoError(t, CopyFromSlice(a, host))
		back, release2, err := Pinned[float64](d, n)
		require.NoError(t, err)
		require.NoError(t, CopyToSlice(back, a.Mul(2)))
		for i := range back {
			require.Equal(t, 2*host[i], back[i], "element %d", i)
		}
		require.NoError(t, release())
		require.NoError(t, release2())

		empty, release3, err := Pinned[int8](d, 0)
		require.NoError(t, err)
		require.Empty(t, empty)
		require.NoError(t, release3())
		_, _, err = Pinned[int8](d, -1)
		require.ErrorContains(t, err, "negative length")
	})
}
