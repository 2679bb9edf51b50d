package array

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Order statistics, partitions and histograms of views give what they
// give for C-ordered copies of them.
func TestSelectionOfViews(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		x := Mod(Mul(d.Arange(0, 6000, 1, Float32), 7.3), 11.0).Reshape(2, 60, 50)
		for _, v := range []*Array{x.Index(All, S(0, 60).Step(3)), x.T(), x.Index(I(1)).T()} {
			for _, ax := range []int{0, -1, AxisNone} {
				require.Equal(t, hostData(t, Median(v.Copy(), ax)), hostData(t, Median(v, ax)))
				require.Equal(t, hostData(t, Quantile(v.Copy(), []float64{0.1, 0.75}, ax, Nearest)),
					hostData(t, Quantile(v, []float64{0.1, 0.75}, ax, Nearest)))
				require.Equal(t, hostData(t, Partition(v.Copy(), 1, ax)), hostData(t, Partition(v, 1, ax)))
			}
			h, _ := Histogram(v, 7, HistRange(1, 9))
			hc, _ := Histogram(v.Copy(), 7, HistRange(1, 9))
			require.Equal(t, hostData(t, hc), hostData(t, h))
		}
	})
}

func TestSelectionStatsErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		x := d.Arange(0, 12, 1, Float64).Reshape(3, 4)
		require.ErrorContains(t, CovXY(x, d.Zeros(Float64, 2, 5), true, 1).Err(), "observations")
		require.ErrorContains(t, CovXY(x, d.Zeros(Float64, 2, 2, 2), true, 1).Err(), "y has more than 2 dimensions")
		require.ErrorContains(t, UniqueAxis(x, 2).Values.Err(), "out of bounds")
		require.ErrorContains(t, UniqueAxis(d.Scalar(1.0), 0).Counts.Err(), "out of bounds")
		require.ErrorContains(t, HistogramEdges(d.Zeros(Complex64, 3), d.Arange(0, 3, 1, Float64)).Err(), "complex")
		require.ErrorContains(t, HistogramEdges(x, d.Arange(0, 3, 1, Float64), HistWeights(d.Zeros(Float64, 5))).Err(), "same shape")
		require.ErrorContains(t, Partition(d.Zeros(Float32, 1), 1, 0).Err(), "out of bounds")
		var nilArray *Array
		require.ErrorIs(t, UniqueAxis(nilArray, 0).Values.Err(), ErrNil)
		require.ErrorIs(t, CovXY(x, nilArray, true, 1).Err(), ErrNil)
	})
}
