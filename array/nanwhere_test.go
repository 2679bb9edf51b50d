package array

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNanReductionsWhere checks NanMean, NanVar and NanStd with
// WithWhere against a float64 loop of NumPy's definitions (the elements
// that are not NaN and where the mask is true; NaN for a mean of none and
// for ddof at or past the count), over rows with NaN, with nothing kept,
// and with fewer kept than ddof, within 1e-12 relative.
func TestNanReductionsWhere(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const rows, cols = 7, 9
	x := make([]float64, rows*cols)
	mask := make([]bool, cols)
	for i := range x {
		x[i] = r.NormFloat64() * 3
		if r.IntN(4) == 0 {
			x[i] = math.NaN()
		}
	}
	for j := range mask {
		mask[j] = r.IntN(3) > 0
	}
	for j := range cols { // row 1: nothing kept; row 2: one element kept
		x[cols+j] = math.NaN()
		if j > 0 {
			x[2*cols+j] = math.NaN()
		}
	}
	mask[0] = true
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := FromSliceOn(d, x, rows, cols)
		m := FromSliceOn(d, mask)
		for _, ddof := range []int{0, 1} {
			mean, err := ToSlice[float64](NanMean(a, Axis(1), WithWhere(m)))
			require.NoError(t, err)
			vr, err := ToSlice[float64](NanVar(a, Axis(1), WithWhere(m), DDof(ddof)))
			require.NoError(t, err)
			sd, err := ToSlice[float64](NanStd(a, Axis(1), WithWhere(m), DDof(ddof)))
			require.NoError(t, err)
			for i := range rows {
				var kept []float64
				for j := range cols {
					if v := x[i*cols+j]; mask[j] && !math.IsNaN(v) {
						kept = append(kept, v)
					}
				}
				wantMean, wantVar := math.NaN(), math.NaN()
				if len(kept) > 0 {
					wantMean = 0
					for _, v := range kept {
						wantMean += v
					}
					wantMean /= float64(len(kept))
				}
				if len(kept) > ddof {
					wantVar = 0
					for _, v := range kept {
						wantVar += (v - wantMean) * (v - wantMean)
					}
					wantVar /= float64(len(kept) - ddof)
				}
				for _, c := range []struct {
					name      string
					got, want float64
				}{{"mean", mean[i], wantMean}, {"var", vr[i], wantVar}, {"std", sd[i], math.Sqrt(wantVar)}} {
					if math.IsNaN(c.want) {
						require.True(t, math.IsNaN(c.got), "%s row %d ddof %d: got %v", c.name, i, ddof, c.got)
						continue
					}
					require.InDelta(t, c.want, c.got, 1e-12*math.Max(math.Abs(c.want), 1), "%s row %d ddof %d", c.name, i, ddof)
				}
			}
		}
		require.ErrorContains(t, NanVar(a, WithWhere(FromSliceOn(d, []int64{1}))).Err(), "Cannot cast array data from dtype('int64') to dtype('bool')")
		require.ErrorContains(t, NanMean(a, WithWhere(FromSliceOn(d, []bool{true, false}))).Err(), "does not broadcast")
	})
}
