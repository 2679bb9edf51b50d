package array

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// statmoreQs are gen_statmore.py's sets of q: one float, a short list
// (few enough ranks to be selected) and a long one (sorted instead).
var statmoreQs = map[string]any{
	"scalar": 0.37,
	"list3":  []float64{0, 0.37, 1},
	"list10": []float64{0, 0.05, 0.1, 0.25, 1 / 3.0, 0.5, 0.6, 0.75, 0.875, 1},
}

// statmoreFixtureCall runs one case of testdata/statmore/cases.txt (see
// gen_statmore.py) on arrays on d; the fields of its name are split by '/'.
func statmoreFixtureCall(t *testing.T, d *Device, name string, in []*NpyData) []*Array {
	f := strings.Split(name, "/")
	arg := func(k int) *Array { return onDevice(t, d, in[k]) }
	a := arg(0)
	axisOf := func(s string) int {
		if s == "none" {
			return AxisNone
		}
		ax, err := strconv.Atoi(s)
		require.NoError(t, err, name)
		return ax
	}
	switch f[0] {
	case "quantile", "nanquantile", "percentile", "nanpercentile":
		fn := map[string]func(*Array, any, int, Method) *Array{
			"quantile": Quantile, "nanquantile": NanQuantile, "percentile": Percentile, "nanpercentile": NanPercentile}[f[0]]
		m, ok := quantileMethods[f[1]]
		require.True(t, ok, name)
		q := statmoreQs[f[3]]
		if strings.HasSuffix(f[0], "percentile") {
			q = percents(q)
		}
		if len(f) > 4 && f[4] == "T" {
			a = a.T()
		}
		return []*Array{fn(a, q, axisOf(f[2]), m)}
	}
	t.Fatalf("unknown case %q", name)
	return nil
}

// percents is q (a float64 or []float64) times 100.
func percents(q any) any {
	if x, ok := q.(float64); ok {
		return x * 100
	}
	var p []float64
	for _, x := range q.([]float64) {
		p = append(p, x*100)
	}
	return p
}

// TestStatmoreNumPy checks against NumPy 2's answers (testdata/statmore)
// every quantile method of NumPy, by Quantile, Percentile and their NaN
// forms: dtypes (float16/32/64 with NaN and infinities, int16, uint64
// beyond 2^53, bool for the methods that pick elements), one float q (the
// data's float dtype) and lists of q, axes, a transposed view, rows of
// one to three elements, a 0-d array, and rows with different numbers of
// NaN.
func TestStatmoreNumPy(t *testing.T) { checkCaseFixtures(t, "statmore", statmoreFixtureCall) }
