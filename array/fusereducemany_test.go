package array

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/backend/cuda"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// manyCounter is a launchCounter whose backend folds several inputs in
// one pass, counting those passes as reductions.
type manyCounter struct{ launchCounter }

func (c *manyCounter) ReduceMany(r *ir.Reduction, shape []int, nred int, out backend.Operand, ins []backend.Operand, scalars []ir.Value) error {
	c.reduce++
	return c.Backend.(backend.ManyReducer).ReduceMany(r, shape, nred, out, ins, scalars)
}

// manyCounterDevice returns the CPU backend, a manyCounter over it and
// its device.
func manyCounterDevice(t *testing.T) (backend.Backend, *manyCounter, *Device) {
	cpu, err := backend.Open("cpu", 0)
	require.NoError(t, err)
	c := &manyCounter{launchCounter{Backend: cpu}}
	return cpu, c, On(c)
}

// A fused reduction of several arrays of one layout is one launch; of
// several layouts (broadcast, transposed against C order), or on a
// backend without ReduceMany, the map and then the fold.
func TestFusedReductionOfSeveralArraysIsOneKernel(t *testing.T) {
	cpu, c, d := manyCounterDevice(t)
	r := rand.New(rand.NewPCG(3, 3))
	a, b := randomArray(t, d, r, Float32, 40, 30), randomArray(t, d, r, Float32, 40, 30)
	x, y := Arg(0), Arg(1)
	for _, tc := range []struct {
		name string
		f    *FusedReduction
		args []any
		want [2]int
	}{
		{"(a*2 + b).sum()", Fuse(x.Mul(2).Add(y)).Sum(), []any{a, b}, [2]int{0, 1}},
		{"dot along axis 1", Fuse(x.Mul(y)).Sum(Axis(1)), []any{a, b}, [2]int{0, 1}},
		{"transposed both", Fuse(x.Sub(y).Square()).Max(Axis(0)), []any{a.T(), b.T()}, [2]int{0, 1}},
		{"three arrays and a scalar", Fuse(x.Mul(y).Add(Arg(2)).Mul(Arg(3))).Mean(), []any{a, b, a, 0.5}, [2]int{1, 1}}, // the mean's division
		{"broadcast", Fuse(x.Mul(y)).Sum(), []any{a, b.Index(I(0))}, [2]int{1, 1}},
		{"C order against transposed", Fuse(x.Mul(y)).Sum(), []any{a.Index(S(0, 30)), b.Index(S(0, 30)).T()}, [2]int{1, 1}},
	} {
		c.elementwise, c.reduce = 0, 0
		require.NoError(t, tc.f.Call(tc.args...).Err(), tc.name)
		require.Equal(t, tc.want, [2]int{c.elementwise, c.reduce}, tc.name)
	}
	one := &launchCounter{Backend: cpu}
	a, b = a.To(one), b.To(one)
	one.elementwise, one.reduce = 0, 0
	require.NoError(t, Fuse(x.Mul(y)).Sum().Call(a, b).Err())
	require.Equal(t, [2]int{1, 1}, [2]int{one.elementwise, one.reduce}, "a backend without ReduceMany")
}

// A fused reduction of several arrays gives the bits of the unfused
// chain (each operation NumPy-tested on its own; one layout, so one fold
// order) for each dtype class, views with negative and non-unit strides
// (on a GPU, float sums of views within the bound of requireReordered),
// empty and 0-d operands, NaN, an out that overlaps an operand, and sizes
// that cross the GPU's layouts (warp rows, block rows, runs folded by a
// second pass or the last block, columns).
func TestFusedReductionOfSeveralArrays(t *testing.T) {
	forEachBackend(t, checkSeveralArrayReductions)
}

// TestSeveralArrayReductionKernelsCompile compiles with NVRTC every CUDA
// kernel of TestFusedReductionOfSeveralArrays.
func TestSeveralArrayReductionKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	rec := &kernelRecorder{Backend: cpu.New(0), units: map[string]cgen.ReductionUnit{}}
	checkSeveralArrayReductions(t, On(rec))
	rec.compileCUDA(t)
}

func (k *kernelRecorder) ReduceMany(r *ir.Reduction, shape []int, nred int, out backend.Operand, ins []backend.Operand, scalars []ir.Value) error {
	for _, sms := range []int{132, 1} {
		for _, ls := range cuda.ReduceLayouts(r, shape, nred, out, ins[0], sms) {
			k.note(r, ls...)
		}
	}
	return k.Backend.(backend.ManyReducer).ReduceMany(r, shape, nred, out, ins, scalars)
}

func checkSeveralArrayReductions(t *testing.T, d *Device) {
	r := rand.New(rand.NewPCG(20, 4))
	x, y := Arg(0), Arg(1)
	axpy := Fuse(x.Mul(2).Add(y))
	dot := Fuse(x.Mul(y))
	for _, dt := range []DType{Float32, Float64, Float16, Int32, Int8, Uint16, Complex64} {
		for _, shape := range [][]int{{5, 301}, {3, 70000}, {1 << 17}, {300, 64}, {0, 7}, {}} {
			a, b := randomArray(t, d, r, dt, shape...), randomArray(t, d, r, dt, shape...)
			name := dt.String() + formatShape(shape)
			requireSame(t, a.Mul(2).Add(b).Sum(), axpy.Sum().Call(a, b), "(a*2 + b).sum() "+name)
			requireSame(t, a.Mul(b).Sum(Axis(-1)), dot.Sum(Axis(-1)).Call(a, b), "dot "+name)
			if len(shape) == 2 {
				requireSame(t, a.Mul(b).Sum(Axis(0), KeepDims()), dot.Sum(Axis(0), KeepDims()).Call(a, b), "columns "+name)
				if shape[0] > 0 && dt.Kind() != Complex64.Kind() {
					requireSame(t, a.Mul(b).Max(Axis(1)), dot.Max(Axis(1)).Call(a, b), "max "+name)
				}
			}
		}
		a, b := randomArray(t, d, r, dt, 6, 50), randomArray(t, d, r, dt, 6, 50)
		va, vb := a.Index(Slice{}.Step(-2), Slice{}.Step(3)), b.Index(Slice{}.Step(-2), Slice{}.Step(3))
		requireReordered(t, d, va.Mul(vb), dot.Sum(Axis(1)).Call(va, vb), "strided views "+dt.String())
		requireSame(t, a.Mul(2).Add(b).Mean(Axis(0)), axpy.Mean(Axis(0)).Call(a, b), "mean "+dt.String())
	}
	// NaN propagates through max; an out that is an operand's row
	a := randomArray(t, d, r, Float64, 4, 9)
	b := randomArray(t, d, r, Float64, 4, 9)
	host, err := ToSlice[float64](a)
	require.NoError(t, err)
	host[13] = math.NaN()
	a = FromSliceOn(d, host, 4, 9)
	requireSame(t, a.Mul(b).Max(Axis(1)), dot.Max(Axis(1)).Call(a, b), "NaN")
	want := a.Mul(b).Sum(Axis(0)).Copy()
	out := b.Index(I(0))
	require.Same(t, out, dot.Sum(Axis(0), Out(out)).Call(a, b))
	requireSame(t, want, out, "out overlaps an operand")
}

// requireReordered checks got, a fused sum along axis 1 of the views
// whose products are terms, against the unfused terms.Sum(Axis(1)): bit
// for bit on the CPU and for integers. A GPU folds the C-contiguous
// temporary of the unfused chain with 16-byte vector loads (after the
// unaligned head, each lane adds 4 adjacent elements), while the fused
// kernel reads the strided views one element per lane: the same rounded
// terms added in another order, so float sums agree within twice the
// bound of an n-term sum in any order, 2n·eps·Σ|term|.
func requireReordered(t *testing.T, d *Device, terms, got *Array, msg string) {
	t.Helper()
	want := terms.Sum(Axis(1))
	dt := terms.DType()
	if _, cpu := d.Backend().(*cpu.Backend); cpu || dt.Kind() < dtype.FloatKind {
		requireSame(t, want, got, msg)
		return
	}
	require.NoError(t, got.Err(), msg)
	require.Equal(t, want.DType(), got.DType(), msg)
	require.Equal(t, want.Shape(), got.Shape(), msg)
	w, err := ToSlice[complex128](want.AsType(Complex128))
	require.NoError(t, err, msg)
	g, err := ToSlice[complex128](got.AsType(Complex128))
	require.NoError(t, err, msg)
	mag, err := ToSlice[float64](terms.Abs().AsType(Float64).Sum(Axis(1)))
	require.NoError(t, err, msg)
	n := float64(terms.Shape()[1])
	for i := range w {
		require.LessOrEqual(t, cmplx.Abs(g[i]-w[i]), 2*n*epsilon(dt)*mag[i], "%s: row %d: %v against %v", msg, i, g[i], w[i])
	}
}

// Against float64 sums of float64 products: the GPU's and the CPU's
// folds of float32 products agree to float32 rounding of the sum of
// magnitudes.
func TestFusedDotOfSeveralArraysAccuracy(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		r := rand.New(rand.NewPCG(7, 9))
		n := 200003
		ha, hb := make([]float32, n), make([]float32, n)
		var want, mag float64
		for i := range ha {
			ha[i], hb[i] = float32(r.NormFloat64()), float32(r.NormFloat64())
			p := float64(ha[i]) * float64(hb[i])
			want += p
			mag += math.Abs(p)
		}
		got, err := ToSlice[float32](Fuse(Arg(0).Mul(Arg(1))).Sum().Call(FromSliceOn(d, ha), FromSliceOn(d, hb)))
		require.NoError(t, err)
		require.InDelta(t, want, float64(got[0]), 1e-6*mag)
	})
}

// A pending expression of several arrays of one layout folds into the
// reduction that follows as one launch, with the bits of eager
// evaluation; of several layouts, or on a backend without ReduceMany, it
// is materialised first.
func TestFusionReductionOfSeveralArraysIsOneKernel(t *testing.T) {
	cpu, c, d := manyCounterDevice(t)
	r := rand.New(rand.NewPCG(4, 4))
	a, b := randomArray(t, d, r, Float32, 1024), randomArray(t, d, r, Float32, 1024)
	m, n, p := randomArray(t, d, r, Float32, 40, 30), randomArray(t, d, r, Float32, 40, 30), randomArray(t, d, r, Float32, 40, 30)
	row := randomArray(t, d, r, Float32, 30)
	for _, tc := range []struct {
		name  string
		build func() *Array
		want  [2]int
	}{
		{"(a*2 + b).sum()", func() *Array { return a.Mul(2).Add(b).Sum() }, [2]int{0, 1}},
		{"a*b along axis 1", func() *Array { return m.Mul(n).Sum(Axis(1)) }, [2]int{0, 1}},
		{"transposed both", func() *Array { return m.T().Sub(n.T()).Square().Max(Axis(0)) }, [2]int{0, 1}},
		{"three arrays", func() *Array { return m.Mul(n).Sub(p.Mul(0.5)).Cos().Mean(Axis(0)) }, [2]int{1, 1}}, // the mean's division
		{"broadcast", func() *Array { return m.Mul(n).Add(row).Sum() }, [2]int{1, 1}},
		{"C order against transposed", func() *Array { return m.Index(S(0, 30)).Mul(n.Index(S(0, 30)).T()).Sum() }, [2]int{1, 1}},
	} {
		var want *Array
		withFusion(t, FusionOff, func() { want = tc.build() })
		withFusion(t, FusionAll, func() {
			c.elementwise, c.reduce = 0, 0
			got := tc.build()
			require.NoError(t, got.Err(), tc.name)
			require.Equal(t, tc.want, [2]int{c.elementwise, c.reduce}, tc.name)
			requireSame(t, want, got, tc.name)
		})
	}
	one := &launchCounter{Backend: cpu}
	a, b = a.To(one), b.To(one)
	withFusion(t, FusionAll, func() {
		one.elementwise, one.reduce = 0, 0
		require.NoError(t, a.Mul(2).Add(b).Sum().Err())
		require.Equal(t, [2]int{1, 1}, [2]int{one.elementwise, one.reduce}, "a backend without ReduceMany")
	})
}
