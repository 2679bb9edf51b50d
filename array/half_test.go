package array

import (
	"github.com/cugo/cugo/dtype"

	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// decodeRef returns the value of the bits of a binary float with the given
// field widths, straight from IEEE 754's definition, in float64 (exact for
// both 16-bit formats). It shares no code with half.go.
func decodeRef(b uint16, expBits, fracBits int) float64 {
	sign := 1.0
	if b>>(expBits+fracBits)&1 == 1 {
		sign = -1
	}
	e := int(b>>fracBits) & (1<<expBits - 1)
	f := int(b) & (1<<fracBits - 1)
	bias := 1<<(expBits-1) - 1
	switch {
	case e == 1<<expBits-1 && f == 0:
		return math.Inf(int(sign))
	case e == 1<<expBits-1:
		return math.NaN()
	case e == 0:
		return sign * math.Ldexp(float64(f), 1-bias-fracBits)
	}
	return sign * math.Ldexp(float64(f+1<<fracBits), e-bias-fracBits)
}

// nearestRef rounds x to a 16-bit format by searching the sorted table of
// its non-negative finite values: the closer neighbour wins, a tie goes to
// the even bit pattern. The table ends with the value the next bit pattern
// (the infinity) would have if the exponent went on, so that overflow
// rounds exactly as IEEE 754 says.
type nearestRef []float64

func newNearestRef(expBits, fracBits int) nearestRef {
	inf := (1<<expBits - 1) << fracBits
	t := make(nearestRef, inf+1)
	for b := range inf {
		t[b] = decodeRef(uint16(b), expBits, fracBits)
	}
	t[inf] = math.Ldexp(1, 1<<(expBits-1)) // 2^(emax+1)
	return t
}

func (t nearestRef) round(x float64) uint16 {
	var sign uint16
	if math.Signbit(x) {
		sign = uint16(1) << 15
	}
	a := math.Abs(x)
	i := sort.SearchFloat64s(t, a)
	switch {
	case i == len(t):
		return sign | uint16(len(t)-1)
	case t[i] == a || i == 0:
		return sign | uint16(i)
	}
	// a - t[i-1] and t[i] - a are exact (Sterbenz), so the comparison is.
	lo, hi := a-t[i-1], t[i]-a
	if lo < hi || lo == hi && (i-1)%2 == 0 {
		i--
	}
	return sign | uint16(i)
}

var (
	f16Ref  = newNearestRef(5, 10)
	bf16Ref = newNearestRef(8, 7)
)

func TestF16AllBitPatterns(t *testing.T) {
	for b := range 1 << 16 {
		h := F16(b)
		want := decodeRef(uint16(b), 5, 10)
		f32, f64 := h.Float32(), h.Float64()
		if math.IsNaN(want) {
			if !math.IsNaN(float64(f32)) || !math.IsNaN(f64) {
				t.Fatalf("%#04x: got %v, %v, want NaN", b, f32, f64)
			}
		} else if float64(f32) != want || f64 != want || math.Signbit(f64) != math.Signbit(want) {
			t.Fatalf("%#04x: got %v, %v, want %v", b, f32, f64, want)
		}
		// Every float16, NaN payloads included, survives the round trip.
		if dtype.F16FromFloat32(f32) != h || dtype.F16FromFloat64(f64) != h {
			t.Fatalf("%#04x: round trip gives %#04x, %#04x", b, dtype.F16FromFloat32(f32), dtype.F16FromFloat64(f64))
		}
	}
}

func TestBF16AllBitPatterns(t *testing.T) {
	for b := range 1 << 16 {
		h := BF16(b)
		want := decodeRef(uint16(b), 8, 7)
		f32, f64 := h.Float32(), h.Float64()
		require.Equal(t, uint32(b)<<16, math.Float32bits(f32))
		if math.IsNaN(want) {
			require.True(t, math.IsNaN(f64))
		} else if f64 != want || math.Signbit(f64) != math.Signbit(want) {
			t.Fatalf("%#04x: got %v, want %v", b, f64, want)
		}
		if dtype.BF16FromFloat32(f32) != h || dtype.BF16FromFloat64(f64) != h {
			t.Fatalf("%#04x: round trip gives %#04x, %#04x", b, dtype.BF16FromFloat32(f32), dtype.BF16FromFloat64(f64))
		}
	}
}

// halfwayInputs returns, for every pair of neighbouring non-negative finite
// values of a 16-bit format, their midpoint and the float64 values just
// around it, and the same negated.
func halfwayInputs(t nearestRef) []float64 {
	var xs []float64
	for i := 0; i+1 < len(t); i++ {
		m := (t[i] + t[i+1]) / 2 // exact in float64
		xs = append(xs, m, math.Nextafter(m, 0), math.Nextafter(m, math.Inf(1)))
	}
	for _, x := range xs {
		xs = append(xs, -x)
	}
	return xs
}

func randomInputs(n int, minExp, maxExp int) []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = math.Ldexp(1+r.Float64(), minExp+r.IntN(maxExp-minExp+1))
		if r.IntN(2) == 0 {
			xs[i] = -xs[i]
		}
	}
	return xs
}

func TestF16Rounding(t *testing.T) {
	xs := append(halfwayInputs(f16Ref), randomInputs(200000, -27, 17)...)
	for _, x := range xs {
		want := f16Ref.round(x)
		if got := dtype.F16FromFloat64(x); uint16(got) != want {
			t.Fatalf("dtype.F16FromFloat64(%v) = %#04x, want %#04x", x, got, want)
		}
		// Midpoints are exact in float32, so check them there too; other
		// float64s may round when converted to float32 first.
		if x32 := float32(x); float64(x32) == x {
			if got := dtype.F16FromFloat32(x32); uint16(got) != want {
				t.Fatalf("dtype.F16FromFloat32(%v) = %#04x, want %#04x", x32, got, want)
			}
		}
	}
	for _, x := range randomInputs(200000, -27, 17) {
		x32 := float32(x)
		if got, want := dtype.F16FromFloat32(x32), f16Ref.round(float64(x32)); uint16(got) != want {
			t.Fatalf("dtype.F16FromFloat32(%v) = %#04x, want %#04x", x32, got, want)
		}
	}
}

func TestBF16Rounding(t *testing.T) {
	xs := append(halfwayInputs(bf16Ref), randomInputs(200000, -140, 130)...)
	for _, x := range xs {
		if got, want := dtype.BF16FromFloat64(x), bf16Ref.round(x); uint16(got) != want {
			t.Fatalf("dtype.BF16FromFloat64(%v) = %#04x, want %#04x", x, got, want)
		}
	}
	// From float32, bfloat16 is the upper half rounded to nearest even; check
	// that well-known bit trick on random bit patterns, NaNs included.
	r := rand.New(rand.NewPCG(3, 4))
	for range 1 << 21 {
		b := r.Uint32()
		f := math.Float32frombits(b)
		want := uint16((b + 0x7fff + (b>>16)&1) >> 16)
		if math.IsNaN(float64(f)) {
			want = uint16(b >> 16)
			if want&0x7f == 0 {
				want |= 1
			}
		}
		if got := dtype.BF16FromFloat32(f); uint16(got) != want {
			t.Fatalf("dtype.BF16FromFloat32(%#08x) = %#04x, want %#04x", b, got, want)
		}
	}
}

func TestHalfSpecialValues(t *testing.T) {
	f16 := []struct {
		x    float64
		want uint16
	}{
		{0, 0}, {math.Copysign(0, -1), 0x8000}, {1, 0x3c00}, {-2, 0xc000},
		{65504, 0x7bff}, {65519.99, 0x7bff}, {65520, 0x7c00}, {1e10, 0x7c00},
		{math.Inf(-1), 0xfc00}, {math.NaN(), 0x7e00},
		{0x1p-14, 0x0400}, {0x1p-24, 0x0001}, {0x1p-25, 0}, {0x1.8p-25, 0x0001},
		{0x3p-26, 0x0001}, {0x1p-26, 0}, {0x1.ffcp-15, 0x0400}, // rounds up into the normals
		{1e-30, 0}, {-1e-30, 0x8000}, {math.SmallestNonzeroFloat64, 0},
		{1.0 / 3, 0x3555},
	}
	for _, c := range f16 {
		require.Equal(t, F16(c.want), dtype.F16FromFloat64(c.x), "%v", c.x)
		require.Equal(t, F16(c.want), dtype.F16FromFloat32(float32(c.x)), "%v", c.x)
	}
	// 1 + 2^-11 + 2^-40 is just above the midpoint of 1 and 1 + 2^-10. In
	// one step it rounds up; through float32 it would become the midpoint
	// and then round to even (down).
	x := 1 + 0x1p-11 + 0x1p-40
	require.Equal(t, F16(0x3c01), dtype.F16FromFloat64(x))
	require.Equal(t, F16(0x3c00), dtype.F16FromFloat32(float32(x)))

	bf16 := []struct {
		x    float64
		want uint16
	}{
		{1, 0x3f80}, {math.Copysign(0, -1), 0x8000}, {math.MaxFloat32, 0x7f80},
		{0x1.fep127, 0x7f7f}, {0x1.ffp127, 0x7f80}, {1e39, 0x7f80}, {math.Inf(-1), 0xff80},
		{math.NaN(), 0x7fc0}, {0x1p-133, 0x0001}, {0x1p-134, 0}, {0x1.8p-134, 0x0001},
		{1.0 / 3, 0x3eab},
	}
	for _, c := range bf16 {
		require.Equal(t, BF16(c.want), dtype.BF16FromFloat64(c.x), "%v", c.x)
	}
	require.Equal(t, BF16(0x7f81), dtype.BF16FromFloat32(math.Float32frombits(0x7f800001))) // NaN stays NaN
	require.Equal(t, BF16(0xffc1), dtype.BF16FromFloat32(math.Float32frombits(0xffc1ffff)))
}

// TestF16MatchesNumPy checks the conversions against what NumPy computed
// for the inputs in testdata/half_in_*.npy (see testdata/gen_half.py).
func TestF16MatchesNumPy(t *testing.T) {
	for _, c := range []struct{ in, out string }{
		{"half_in_f32.npy", "half_out_f16.npy"},
		{"half_in_f64.npy", "half_out_f64_f16.npy"},
	} {
		in, out := readFixture(t, c.in), readFixture(t, c.out)
		require.Equal(t, Float16, out.DType)
		require.Equal(t, in.Shape, out.Shape)
		n := in.Shape[0]
		require.Greater(t, n, 500)
		for i := range n {
			want := F16(binary.LittleEndian.Uint16(out.Data[2*i:]))
			var got F16
			var x float64
			if in.DType == Float32 {
				f := math.Float32frombits(binary.LittleEndian.Uint32(in.Data[4*i:]))
				x, got = float64(f), dtype.F16FromFloat32(f)
			} else {
				x = math.Float64frombits(binary.LittleEndian.Uint64(in.Data[8*i:]))
				got = dtype.F16FromFloat64(x)
			}
			require.Equal(t, want, got, "%s[%d] = %v", c.in, i, x)
		}
	}
}

func readFixture(t *testing.T, name string) *NpyData {
	t.Helper()
	f, err := os.Open("../testdata/" + name)
	require.NoError(t, err)
	defer f.Close()
	d, err := ReadNpy(f)
	require.NoError(t, err)
	return d
}
