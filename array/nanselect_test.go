package array

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// NanMedian and NanQuantile of one row (selected among the elements that
// are not NaN) give the quantiles of the sorted elements that are not
// NaN, computed here in float64 as NumPy does; a row of NaN only gives
// NaN. The rows are long enough for the GPU's selection.
func TestNanQuantilesOfOneRow(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		r := rand.New(rand.NewPCG(3, 4))
		for _, n := range []int{9, 10000, 20001} {
			x := make([]float64, n)
			for i := range x {
				x[i] = r.NormFloat64()
				if r.IntN(5) == 0 {
					x[i] = math.NaN()
				}
			}
			a, vals := FromSliceOn(d, x, n), x
			if n%2 == 0 { // a strided view of every other element
				a = FromSliceOn(d, x, n/2, 2).Index(All, I(0))
				vals = nil
				for i := 0; i < n; i += 2 {
					vals = append(vals, x[i])
				}
			}
			var kept []float64
			for _, v := range vals {
				if !math.IsNaN(v) {
					kept = append(kept, v)
				}
			}
			slices.Sort(kept)
			m := len(kept)
			median := (kept[(m-1)/2] + kept[m/2]) / 2
			got, err := Item[float64](NanMedian(a, AxisNone))
			require.NoError(t, err)
			require.Equal(t, median, got, "n %d", n)
			qs := []float64{0, 0.3, 0.75, 1}
			want := make([]float64, len(qs))
			for i, q := range qs {
				h := float64(float64(m-1) * q) // conversions keep arm64 from fusing into FMAs, as NumPy rounds each step
				lo := math.Floor(h)
				g := h - lo
				vlo, vhi := kept[int(lo)], kept[min(int(lo)+1, m-1)]
				if g >= 0.5 {
					want[i] = vhi - float64((vhi-vlo)*(1-g))
				} else {
					want[i] = vlo + float64((vhi-vlo)*g)
				}
			}
			got64, err := ToSlice[float64](NanQuantile(a, qs, AxisNone, Linear))
			require.NoError(t, err)
			require.Equal(t, want, got64, "n %d", n)
			low, err := ToSlice[float64](NanPercentile(a, []float64{30, 75}, AxisNone, Lower))
			require.NoError(t, err)
			require.Equal(t, []float64{kept[int(float64(m-1)*0.3)], kept[int(float64(m-1)*0.75)]}, low, "n %d", n)
		}
		nans := d.Full(Float32, math.NaN(), 5000)
		got, err := Item[float32](NanMedian(nans, AxisNone))
		require.NoError(t, err)
		require.True(t, math.IsNaN(float64(got)), "all NaN")
	})
}
