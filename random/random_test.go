package random_test

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/random"
)

func values[T array.Element](t *testing.T, a *array.Array) []T {
	t.Helper()
	v, err := array.ToSlice[T](a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestGoldenFirstValues compares the first draws of New(42) with
// testdata/random/golden.txt, which testdata/gen_random.py computes with
// its own Philox4x32-10 in Python integers: a change of the stream must
// be a deliberate change of that file.
func TestGoldenFirstValues(t *testing.T) {
	golden := map[string][]string{}
	for _, l := range fixture.Lines(t, "random/golden.txt") {
		f := strings.Fields(l)
		golden[f[0]] = f[1:]
	}
	g := random.New(42)
	hex := func(bits uint64, width int) string { return fmt.Sprintf("%0*x", width, bits) }
	var got [][]string
	var f64 []string
	for _, x := range values[float64](t, g.Random(array.Float64, 16)) {
		f64 = append(f64, hex(math.Float64bits(x), 16))
	}
	var f32 []string
	for _, x := range values[float32](t, g.Random(array.Float32, 16)) {
		f32 = append(f32, hex(uint64(math.Float32bits(x)), 8))
	}
	var u64 []string
	for _, x := range values[uint64](t, g.Integers(uint64(0), uint64(math.MaxUint64), true, array.Uint64, 16)) {
		u64 = append(u64, strconv.FormatUint(x, 10))
	}
	var i8 []string
	for _, x := range values[int8](t, g.Integers(-100, 100, false, array.Int8, 16)) {
		i8 = append(i8, strconv.Itoa(int(x)))
	}
	var zeros []string
	for _, x := range values[int32](t, g.Integers(0, 1, false, array.Int32, 4)) {
		zeros = append(zeros, strconv.Itoa(int(x)))
	}
	var f16 []string
	for _, x := range values[array.F16](t, g.Random(array.Float16, 16)) {
		f16 = append(f16, hex(uint64(x), 4))
	}
	var normals []string
	for _, x := range values[float32](t, g.StandardNormal(array.Float32, 16)) {
		normals = append(normals, hex(uint64(math.Float32bits(x)), 8))
	}
	got = [][]string{f64, f32, u64, i8, zeros, f16, normals}
	for i, name := range []string{"random_f64", "random_f32", "integers_u64_full", "integers_i8", "integers_0_1", "random_f16", "normal_f32"} {
		if !slices.Equal(got[i], golden[name]) {
			t.Errorf("%s:\n got %v\nwant %v", name, got[i], golden[name])
		}
	}
}

// draws makes one of each kind of draw of shape from a fresh generator
// seeded 9, the parameters on g's device.
func draws(d *array.Device, shape []int) map[string]*array.Array {
	g := random.NewOn(d, 9)
	// A transposed parameter makes the GPU pick its tiled layout for 2-D shapes.
	n := 1
	for _, s := range shape {
		n *= s
	}
	loc := d.Arange(0, float64(n), 1, array.Float64).Reshape(shape...)
	if len(shape) == 2 {
		loc = d.Arange(0, float64(shape[0]*shape[1]), 1, array.Float64).Reshape(shape[1], shape[0]).T()
	}
	return map[string]*array.Array{
		"poisson_param":  g.Poisson(loc.Add(0.5)),
		"random_f16":     g.Random(array.Float16, shape...),
		"random_f32":     g.Random(array.Float32, shape...),
		"random_f64":     g.Random(array.Float64, shape...),
		"uniform":        g.Uniform(-3, 5, shape...),
		"integers_i8":    g.Integers(-128, 127, true, array.Int8, shape...),
		"integers_u16":   g.Integers(10, 1000, false, array.Uint16, shape...),
		"integers_u64":   g.Integers(uint64(0), uint64(math.MaxUint64), true, array.Uint64, shape...),
		"integers_i64":   g.Integers(math.MinInt64, math.MaxInt64, true, array.Int64, shape...),
		"integers_3e18":  g.Integers(-1, int64(3e18), false, array.Int64, shape...),
		"normal_f32":     g.StandardNormal(array.Float32, shape...),
		"normal_f64":     g.Normal(1, 2, shape...),
		"exponential":    g.StandardExponential(array.Float32, shape...),
		"gamma":          g.Gamma(0.7, 2, shape...),
		"gamma_f32":      g.StandardGamma(9, array.Float32, shape...),
		"beta":           g.Beta(0.5, 3, shape...),
		"poisson_small":  g.Poisson(4, shape...),
		"poisson_large":  g.Poisson(1234.5, shape...),
		"binomial_small": g.Binomial(40, 0.3, shape...),
		"binomial_large": g.Binomial(5000, 0.7, shape...),
		"geometric":      g.Geometric(0.01, shape...),
		"permuted":       g.Permuted(loc, 0), // a device argsort of device keys
	}
}

// bitsOf returns the elements of a as float64 (exact for every dtype the
// draws make but uint64 and int64, which keep their bits).
func bitsOf(t *testing.T, a *array.Array) []float64 {
	t.Helper()
	switch a.DType() {
	case array.Uint64:
		var out []float64
		for _, x := range values[uint64](t, a) {
			out = append(out, math.Float64frombits(x))
		}
		return out
	case array.Int64:
		var out []float64
		for _, x := range values[int64](t, a) {
			out = append(out, math.Float64frombits(uint64(x)))
		}
		return out
	}
	return values[float64](t, a.AsType(array.Float64))
}

// exactDraws are bit-identical on every backend; the others go through
// transcendental functions and agree to a tolerance.
var exactDraws = map[string]bool{"random_f16": true, "random_f32": true, "random_f64": true, "uniform": true,
	"integers_i8": true, "integers_u16": true, "integers_u64": true, "integers_i64": true, "integers_3e18": true,
	"poisson_small": true, "poisson_large": true, "binomial_small": true, "binomial_large": true, "poisson_param": true,
	"normal_f32": true, "permuted": true} // float32 normals are float32 operations every backend rounds alike

// TestSameNumbersOnCPUAndGPU draws with one seed on the CPU and on each
// GPU stack, for three shapes and into a transposed and a strided view:
// uniform, integer and float32 normal draws must be bit-identical, the others equal to
// 2e-6 (float32) or 1e-12 (float64) relative.
func TestSameNumbersOnCPUAndGPU(t *testing.T) {
	cb, err := backend.Open("cpu", 0)
	if err != nil {
		t.Fatal(err)
	}
	cpu := array.On(cb)
	for _, kind := range []string{"cuda", "hip"} {
		t.Run(kind, func(t *testing.T) {
			gb, err := backend.Open(kind, 0)
			gputest.Need(t, kind, err)
			gpu := array.On(gb)
			for _, shape := range [][]int{{1_000_003}, {37, 1041}, {5, 7, 11, 13}} {
				want, got := draws(cpu, shape), draws(gpu, shape)
				for name, w := range want {
					compareDraws(t, fmt.Sprintf("%s %v", name, shape), bitsOf(t, got[name]), bitsOf(t, w), exactDraws[name], w.DType())
				}
			}
			// Views: the element at C-order index i of the view gets the
			// bits of element i of a contiguous draw.
			for _, view := range []func(d *array.Device) *array.Array{
				func(d *array.Device) *array.Array { return d.Zeros(array.Float32, 300, 200).T() },
				func(d *array.Device) *array.Array {
					return d.Zeros(array.Float32, 400, 600).Index(array.All.Step(2), array.S(1, 600).Step(3))
				},
			} {
				v := view(gpu)
				if err := random.NewOn(gpu, 5).RandomInto(v); err != nil {
					t.Fatal(err)
				}
				want := random.NewOn(cpu, 5).Random(array.Float32, v.Shape()...)
				compareDraws(t, fmt.Sprintf("view %v", v.Shape()), bitsOf(t, v), bitsOf(t, want), true, array.Float32)
				if err := random.NewOn(gpu, 6).StandardNormalInto(v); err != nil {
					t.Fatal(err)
				}
				want = random.NewOn(cpu, 6).StandardNormal(array.Float32, v.Shape()...)
				compareDraws(t, fmt.Sprintf("normals into view %v", v.Shape()), bitsOf(t, v), bitsOf(t, want), true, array.Float32)
			}
		})
	}
}

func compareDraws(t *testing.T, name string, got, want []float64, exact bool, dt array.DType) {
	t.Helper()
	tol := 1e-12
	switch {
	case exact:
		tol = 0
	case dt == array.Float32:
		tol = 2e-6
	}
	compareWithin(t, name, got, want, tol)
}

// compareWithin compares got with want: the same bits, or (for tol > 0)
// within tol relative (absolute below 1).
func compareWithin(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	bad := 0
	for i := range got {
		g, w := got[i], want[i]
		if same := math.Float64bits(g) == math.Float64bits(w) || tol > 0 && math.Abs(g-w) <= tol*math.Max(1, math.Abs(w)); !same {
			if bad++; bad <= 3 {
				t.Errorf("%s: element %d is %v, want %v", name, i, g, w)
			}
		}
	}
	if bad > 3 {
		t.Errorf("%s: %d elements differ", name, bad)
	}
}

// TestSameNumbersForAnyShapeOrView checks on the default device that a
// draw's element i depends only on (seed, draw number, i): a 1-d, a 2-d
// and a 4-d draw and draws into views give the same values in C order.
func TestSameNumbersForAnyShapeOrView(t *testing.T) {
	d := array.DefaultDevice()
	flat := values[float64](t, random.NewOn(d, 3).Random(array.Float64, 2310))
	check := func(name string, a *array.Array) {
		t.Helper()
		got := values[float64](t, a)
		if !slices.Equal(got, flat[:len(got)]) {
			t.Errorf("%s: the values differ from the flat draw's", name)
		}
	}
	for _, shape := range [][]int{{1003}, {37, 41}, {5, 7, 11, 13}} { // as TestSameNumbersOnCPUAndGPU draws
		for name, a := range draws(d, shape) {
			if err := a.Err(); err != nil || !slices.Equal(a.Shape(), shape) {
				t.Errorf("%s %v: shape %v, error %v", name, shape, a.Shape(), err)
			}
		}
	}
	check("(42, 55)", random.NewOn(d, 3).Random(array.Float64, 42, 55))
	check("(2, 3, 5, 77)", random.NewOn(d, 3).Random(array.Float64, 2, 3, 5, 77))
	v := d.Zeros(array.Float64, 55, 42).T()
	if err := random.NewOn(d, 3).RandomInto(v); err != nil {
		t.Fatal(err)
	}
	check("transposed view", v)
	v = d.Zeros(array.Float64, 20, 300).Index(array.S(1, 20).Step(2), array.All.Step(-2))
	if err := random.NewOn(d, 3).RandomInto(v); err != nil {
		t.Fatal(err)
	}
	check("strided reversed view", v)
	// Integers and normals too: one more draw of each kind, shaped two ways.
	for _, kind := range []func(g *random.Generator, shape ...int) *array.Array{
		func(g *random.Generator, shape ...int) *array.Array {
			return g.Integers(0, 7, false, array.Int16, shape...)
		},
		func(g *random.Generator, shape ...int) *array.Array { return g.StandardNormal(array.Float32, shape...) },
		func(g *random.Generator, shape ...int) *array.Array { return g.Poisson(20, shape...) },
	} {
		a := bitsOf(t, kind(random.NewOn(d, 8), 12, 35))
		b := bitsOf(t, kind(random.NewOn(d, 8), 420))
		if !slices.Equal(a, b) {
			t.Errorf("a draw of shape (12, 35) differs from one of (420,)")
		}
	}
}
