package array

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSignalErrors checks that the inputs NumPy refuses, and the ones
// this package refuses where NumPy would give nonsense, are errors that
// say why, never panics.
func TestSignalErrors(t *testing.T) {
	d := DefaultDevice()
	x := d.Arange(0, 6, 1, Float64)
	m := x.Reshape(2, 3)
	var null *Array
	freed := d.Ones(Float64, 3)
	freed.Free()
	huge := d.Zeros(Float64, 1).BroadcastTo(1 << 40)
	grad := func(f *Array, opts ...GradientOption) *Array {
		g := Gradient(f, opts...)
		require.NotEmpty(t, g)
		return g[0]
	}
	cases := []struct {
		name string
		got  *Array
		want string
	}{
		{"negative window", SlidingWindowView(x, []int{-1}), "negative"},
		{"window lengths without axes", SlidingWindowView(m, []int{2}), "a length for every axis"},
		{"window lengths and axes", SlidingWindowView(m, []int{2, 2}, 0), "one length each"},
		{"window axis", SlidingWindowView(m, []int{2}, 2), "out of bounds"},
		{"window too long", SlidingWindowView(m, []int{3}, 0), "larger than input"},
		{"windows past int", SlidingWindowView(huge, []int{1 << 21}), "too big"},
		{"window of nil", SlidingWindowView(null, []int{1}), "nil array"},
		{"window of freed", SlidingWindowView(freed, []int{1}), "freed"},

		{"convolve 2-d", Convolve(m, x, ConvFull), "a must be 1-d"},
		{"convolve empty a", Convolve(d.Zeros(Float32, 0), x, ConvFull), "a cannot be empty"},
		{"correlate empty v", Correlate(x, d.Zeros(Int8, 0), ConvValid), "v cannot be empty"},
		{"correlate 0-d", Correlate(x, d.Scalar(2.0), ConvValid), "v must be 1-d, not 0-d"},
		{"convolve mode", Convolve(x, x, ConvMode(7)), "unknown mode"},
		{"convolve nil", Convolve(x, null, ConvSame), "nil array"},

		{"interp complex x", Interp(d.Zeros(Complex64, 2), x, x), "x must be real"},
		{"interp 2-d xp", Interp(x, m, x), "1-d"},
		{"interp empty xp", Interp(x, d.Zeros(Float64, 0), d.Zeros(Float64, 0)), "sample points is empty"},
		{"interp lengths", Interp(x, x, x.Index(To(5))), "not of the same length"},
		{"interp period 0", Interp(x, x, x, InterpPeriod(0)), "non-zero"},
		{"interp complex left", Interp(x, x, x, InterpLeft(1i)), "complex fp"},
		{"interp left type", Interp(x, x, x, InterpRight("0")), "Go numbers"},
		{"interp nil", Interp(x, null, x), "nil array"},

		{"trapezoid 0-d", Trapezoid(d.Scalar(1.0), nil, -1), "at least one axis"},
		{"trapezoid axis", TrapezoidDx(m, 0.5, 2), "out of bounds"},
		{"trapezoid x length", Trapezoid(m, x, 1), "broadcast"},
		{"trapezoid freed x", Trapezoid(m, freed, 1), "freed"},

		{"gradient edge order 3", grad(x, GradientEdgeOrder(3)), "edge_order must be 1 or 2"},
		{"gradient edge order 0", grad(x, GradientEdgeOrder(0)), "edge_order must be 1 or 2"},
		{"gradient too short", grad(x.Index(To(2)), GradientEdgeOrder(2)), "too small"},
		{"gradient bool", grad(d.Ones(Bool, 4)), "bool"},
		{"gradient spacings", grad(m, GradientSpacing(1.0, 2.0, 3.0)), "invalid number of arguments"},
		{"gradient 2-d coordinates", grad(x, GradientSpacing(m)), "scalars or 1d"},
		{"gradient coordinate length", grad(m, GradientSpacing(x, x)), "must match the length"},
		{"gradient bool coordinates", grad(x, GradientSpacing(d.Ones(Bool, 6))), "not bool"},
		{"gradient complex spacing", grad(x, GradientSpacing(1i)), "real Go number"},
		{"gradient repeated axis", grad(m, GradientAxes(0, 0)), "repeated axis"},
		{"gradient axis", grad(m, GradientAxes(2)), "out of bounds"},
		{"gradient nil", grad(null), "nil array"},

		{"unwrap 0-d", Unwrap(d.Scalar(1.0)), "at least one dimensional"},
		{"unwrap period", Unwrap(x, UnwrapPeriod("360")), "real Go number"},
		{"unwrap axis", Unwrap(m, UnwrapAxis(3)), "out of bounds"},

		{"ediff1d bool", Ediff1d(d.Ones(Bool, 3), nil, nil), "bool"},
		{"ediff1d same_kind", Ediff1d(d.Ones(Int32, 3), nil, 0.5), "same_kind"},
		{"ediff1d unsigned", Ediff1d(d.Ones(Uint8, 3), -1, nil), "same_kind"},
		{"ediff1d type", Ediff1d(x, "end", nil), "Go number or an array"},
		{"ediff1d freed", Ediff1d(x, freed, nil), "freed"},

		{"nan_to_num nil", NanToNum(null), "nil array"},

		{"select lengths", Select([]*Array{d.Ones(Bool, 3)}, nil, 0), "same length"},
		{"select empty", Select(nil, nil, 0), "empty condition list"},
		{"select non-bool", Select([]*Array{x}, []any{x}, 0), "invalid entry 0 in condlist"},
		{"select choice type", Select([]*Array{d.Ones(Bool, 3)}, []any{"a"}, 0), "not an array or a Go number"},
		{"select shapes", Select([]*Array{d.Ones(Bool, 4)}, []any{x}, 0), "broadcast"},
		{"select freed", Select([]*Array{d.Ones(Bool, 3)}, []any{freed}, 0), "freed"},
		{"choose float index", Choose(x, []*Array{x}, ChooseRaise), "integers"},
		{"choose none", Choose(d.Zeros(Int64, 2), nil, ChooseRaise), "at least one choice"},
		{"choose outside", Choose(d.Full(Int64, 2, 3), []*Array{x, x}, ChooseRaise), "invalid entry in choice array"},
		{"choose negative", Choose(d.Full(Int64, -1, 3), []*Array{x, x}, ChooseRaise), "invalid entry in choice array"},
		{"choose mode", Choose(d.Zeros(Int64, 2), []*Array{x}, ChooseMode(9)), "unknown mode"},
		{"choose shapes", Choose(d.Zeros(Int64, 4), []*Array{x, x}, ChooseClip), "broadcast"},
		{"compress 2-d", Compress(m, x, 0), "1-d"},
		{"compress past the axis", Compress(d.Ones(Bool, 7), x, 0), "out of"},
		{"compress axis", Compress(d.Ones(Bool, 2), m, 2), "out of bounds"},
		{"extract past", Extract(d.Ones(Bool, 7), x), "out of"},
		{"flatnonzero nil", Flatnonzero(null), "nil array"},
		{"polyval 2-d", Polyval(m, x), "1-d"},
		{"polyval nil", Polyval(x, null), "nil array"},
		{"isreal freed", Isreal(freed), "freed"},
		{"iscomplex nil", Iscomplex(null), "nil array"},
		{"real_if_close nil", RealIfClose(null, 100), "nil array"},
	}
	for _, c := range cases {
		require.ErrorContains(t, c.got.Err(), c.want, c.name)
	}
	_, err := ArrayEqual(x, freed, false)
	require.ErrorContains(t, err, "freed")
	_, err = ArrayEquiv(null, x)
	require.ErrorContains(t, err, "nil array")
}

// TestSlidingWindowViewIsAView checks that the windows share a's memory
// (a later write to a shows through them) and cannot be written.
func TestSlidingWindowViewIsAView(t *testing.T) {
	d := DefaultDevice()
	x := d.Arange(0, 10, 1, Int64)
	w := SlidingWindowView(x, []int{3})
	require.NoError(t, x.Index(I(4)).Set(40))
	got, err := ToSlice[int64](w.Index(I(3)))
	require.NoError(t, err)
	require.Equal(t, []int64{3, 40, 5}, got)
	require.ErrorContains(t, w.Set(0), "read-only")
	require.ErrorContains(t, w.Index(I(0)).Set(0), "read-only")
	sums, err := ToSlice[int64](Sum(w, Axis(-1)))
	require.NoError(t, err)
	require.Equal(t, []int64{0 + 1 + 2, 1 + 2 + 3, 2 + 3 + 40, 3 + 40 + 5, 40 + 5 + 6, 5 + 6 + 7, 6 + 7 + 8, 7 + 8 + 9}, sums)
}

// TestConvolveAcrossMethods checks Convolve and Correlate with filters
// on both sides of the switch to the FFT (and window matrices of more
// than one block) against sums of products in float64 on the host,
// within the FFT's error bound, relative to the product of the inputs'
// norms (which also bounds the rounding of each sum of products).
func TestConvolveAcrossMethods(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	forEachBackend(t, func(t *testing.T, d *Device) {
		for _, sizes := range [][2]int{{500, convFFTMin - 1}, {500, convFFTMin}, {convFFTMin, 9}, {convBlock/40 + 100, 40}} {
			n, m := sizes[0], sizes[1]
			a, v := make([]float64, n), make([]float64, m)
			for i := range a {
				a[i] = r.NormFloat64()
			}
			for i := range v {
				v[i] = r.NormFloat64()
			}
			full := make([]float64, n+m-1)
			normA, normV := 0.0, 0.0
			for i := range a {
				normA += a[i] * a[i]
				for j := range v {
					full[i+j] += a[i] * v[j]
				}
			}
			for _, y := range v {
				normV += y * y
			}
			tol := 16 * 0x1p-52 * math.Sqrt(normA*normV) * math.Log2(float64(n+m))
			x, y := FromSliceOn(d, a, n), FromSliceOn(d, v, m)
			for _, mode := range []ConvMode{ConvFull, ConvSame, ConvValid} {
				start, length := 0, n+m-1
				switch long, short := max(n, m), min(n, m); mode {
				case ConvSame:
					start, length = short-1-short/2, long
				case ConvValid:
					start, length = short-1, long-short+1
				}
				got, err := ToSlice[float64](Convolve(x, y, mode))
				require.NoError(t, err)
				require.Len(t, got, length)
				for i, g := range got {
					require.InDelta(t, full[start+i], g, tol, "n=%d m=%d mode=%d at %d", n, m, mode, i)
				}
			}
		}
	})
}
