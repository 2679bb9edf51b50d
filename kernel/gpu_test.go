package kernel_test

import (
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/kernel"
	"github.com/cugo/cugo/nvrtc"
	"github.com/stretchr/testify/require"
)

// load reads a fixture of testdata/kernel onto d.
func load(t *testing.T, d *array.Device, name string) *array.Array {
	t.Helper()
	a := d.LoadFile(fixture.Path("kernel/" + name + ".npy"))
	require.NoError(t, a.Err())
	return a
}

// near checks got against NumPy's want, both of want's dtype and shape,
// to rtol relative and as much absolute (the values are of order 1).
func near(t *testing.T, got, want *array.Array, rtol float64) {
	t.Helper()
	require.NoError(t, got.Err())
	require.Equal(t, want.Shape(), got.Shape())
	require.Equal(t, want.DType(), got.DType())
	ok, err := array.Allclose(got, want, rtol, rtol, false)
	require.NoError(t, err)
	require.True(t, ok, "got %v\nwant %v", got, want)
}

// CuPy's squared difference: type placeholders resolved per call (float32
// and float64 compile separately), broadcasting, a new output and a given
// one, and a strided view as an input.
func TestSquaredDifference(t *testing.T) {
	k, err := kernel.NewElementwise("T x, T y", "T z", "z = (x - y) * (x - y)", "squared_diff")
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		for _, dt := range []string{"float32", "float64"} {
			x, y := load(t, d, "sqdiff_"+dt+"_in0"), load(t, d, "sqdiff_"+dt+"_in1")
			want := load(t, d, "sqdiff_"+dt+"_out")
			near(t, k.Call(x, y), want, 0)
			out := d.Empty(x.DType(), 4, 5)
			require.Same(t, out, k.Call(x, y, out))
			near(t, out, want, 0)
			// x.T.T is x through a transposed copy: a strided input
			xt := x.T().Copy().T()
			near(t, k.Call(xt, y), want, 0)
		}
	})
}

// The benchmark's kernel over the flat vector path, a scalar parameter,
// and an output aliased with its input.
func TestElementwiseAxpy(t *testing.T) {
	k, err := kernel.NewElementwise("float32 x, float32 y", "float32 z", "z = x * 2.0f + y * y - 1.0f", "axpy")
	require.NoError(t, err)
	scaled, err := kernel.NewElementwise("T x, T a", "T z", "z = x * a", "scaled")
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		x, y, want := load(t, d, "axpy_in0"), load(t, d, "axpy_in1"), load(t, d, "axpy_out")
		near(t, k.Call(x, y), want, 1e-6)
		near(t, scaled.Call(x, float32(-2.5)), x.Mul(float32(-2.5)), 0)
		x2 := x.Copy()
		k.Call(x2, y, x2) // in place
		near(t, x2, want, 1e-6)
	})
}

// A raw parameter read backwards through i and _ind.size().
func TestRawNeighbour(t *testing.T) {
	k, err := kernel.NewElementwise("T x, raw T y", "T z", "z = x + y[_ind.size() - i - 1]", "add_reverse")
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		x, y := load(t, d, "reverse_in0"), load(t, d, "reverse_in1")
		near(t, k.Call(x, y), load(t, d, "reverse_out"), 0)
	})
}

// A templated kernel instantiated through name expressions.
func TestTemplatedRawKernel(t *testing.T) {
	m := kernel.NewModule(`
template <typename T> __global__ void times3(T *x, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= 3;
}
`, kernel.NameExpressions("times3<int>", "times3<float>"))
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		for _, c := range []struct{ dt, expr string }{{"int32", "times3<int>"}, {"float32", "times3<float>"}} {
			x := load(t, d, "times3_"+c.dt+"_in0")
			fn := m.Function(c.expr, kernel.Signature("raw "+c.dt+" x, int32 n"))
			require.NoError(t, fn.Launch(kernel.Config{Grid: kernel.Dim{X: (x.Size() + 127) / 128}, Block: kernel.Dim{X: 128}}, x, x.Size()))
			near(t, x, load(t, d, "times3_"+c.dt+"_out"), 0)
		}
	})
}

// A module of two kernels, one using dynamic shared memory.
func TestRawModuleTwoKernels(t *testing.T) {
	m := kernel.NewModule(`
extern "C" __global__ void test_sum(const float *x1, const float *x2, float *y, unsigned int n) {
  const unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = x1[i] + x2[i];
}
extern "C" __global__ void test_multiply(const float *x1, const float *x2, float *y, unsigned int n) {
  extern __shared__ float staged[];
  const unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  staged[threadIdx.x] = i < n ? x1[i] : 0.0f;
  __syncthreads();
  if (i < n) y[i] = staged[threadIdx.x] * x2[i];
}
`)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		a, b := load(t, d, "sum_mul_in0"), load(t, d, "sum_mul_in1")
		n := a.Size()
		cfg := kernel.Config{Grid: kernel.Dim{X: (n + 255) / 256}, Block: kernel.Dim{X: 256}}
		sum, prod := d.Empty(array.Float32, n), d.Empty(array.Float32, n)
		require.NoError(t, m.Function("test_sum").Launch(cfg, a, b, sum, uint32(n)))
		cfg.SharedMem = 256 * 4
		require.NoError(t, m.Function("test_multiply").Launch(cfg, a, b, prod, uint32(n)))
		near(t, sum, load(t, d, "sum_mul_out0"), 0)
		near(t, prod, load(t, d, "sum_mul_out1"), 0)
	})
}

// A compile error carries the compiler's log; an unknown kernel name its
// own error.
func TestKernelCompileErrors(t *testing.T) {
	k, err := kernel.NewElementwise("T x", "T z", "z = x + undeclared_thing", "broken")
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		x := d.Linspace(0, 1, 10, array.Float32)
		require.ErrorContains(t, k.Call(x).Err(), "undeclared_thing")
		raw := kernel.NewRaw(`extern "C" __global__ void f(float *x) { x[0] = nope; }`, "f")
		require.ErrorContains(t, raw.Launch(kernel.Config{Grid: kernel.Dim{X: 1}, Block: kernel.Dim{X: 1}}, x), "nope")
		missing := kernel.NewRaw(`extern "C" __global__ void f(float *x) {}`, "g")
		require.ErrorContains(t, missing.Launch(kernel.Config{Grid: kernel.Dim{X: 1}, Block: kernel.Dim{X: 1}}, x), "kernel g")
	})
}

// An array's device pointer goes to a raw kernel as a Go number, and
// memory wrapped from a pointer is an array whose owner hook runs at
// Free.
func TestDevicePointerAndWrap(t *testing.T) {
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		x := d.Linspace(1, 2, 100, array.Float32)
		done, err := array.Hold(x)
		require.NoError(t, err)
		p, err := x.DevicePointer()
		require.NoError(t, err)
		released := 0
		w := d.Wrap(p, array.Float32, []int{10, 10}, func() { released++ })
		near(t, w.Reshape(100), x, 0)
		w.Free()
		done()
		require.Equal(t, 1, released)
		require.NoError(t, x.Err())
	})
}

// CuPy's L2 norm: over all of x, along an axis (with keepdims), into a
// given output, and of a transposed view.
func TestL2NormReduction(t *testing.T) {
	l2, err := kernel.NewReduction("T x", "T y", "x * x", "a + b", "y = sqrt(a)", "0", "l2norm")
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		x := load(t, d, "l2_in0")
		all, rows := load(t, d, "l2_out"), load(t, d, "l2_out_axis1")
		near(t, l2.Call(x), all, 1e-5)
		near(t, l2.Call(x, kernel.Axes{1}), rows, 1e-5)
		near(t, l2.Call(x, kernel.Axes{-1}, kernel.KeepDims(true)), rows.Reshape(3, 1), 1e-5)
		out := d.Empty(array.Float32, 3)
		require.Same(t, out, l2.Call(x, out, kernel.Axes{1}))
		near(t, out, rows, 1e-5)
		near(t, l2.Call(x.T().Copy().T(), kernel.Axes{1}), rows, 1e-5)
		near(t, l2.Call(x.T(), kernel.Axes{0}), rows, 1e-5)
	})
}

// A scalar parameter in the map, an int64 accumulator, no post-map, and
// the identity of an empty reduction.
func TestCountAboveReduction(t *testing.T) {
	above, err := kernel.NewReduction("T x, T t", "int64 n", "x > t ? 1 : 0", "a + b", "", "0", "count_above")
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		x := load(t, d, "l2_in0")
		want := array.CountNonzero(array.Greater(x, float32(0.5)), array.Axis(1))
		near(t, above.Call(x, float32(0.5), kernel.Axes{1}), want, 0)
		near(t, above.Call(d.Empty(array.Float32, 0), float32(0)), d.Zeros(array.Int64), 0)
	})
}

// A reduction of two broadcast arrays, and one with a raw parameter: the
// map runs as an elementwise kernel, then the fold.
func TestReductionOfSeveralArrays(t *testing.T) {
	sqdiff, err := kernel.NewReduction("T x, T y", "T z", "(x - y) * (x - y)", "a + b", "", "0", "sqdiff_sum")
	require.NoError(t, err)
	weighted, err := kernel.NewReduction("T x, raw T w", "T z", "x * w[i % 5]", "a + b", "", "0", "weighted")
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		for _, dt := range []string{"float32", "float64"} {
			x, y := load(t, d, "sqdiff_"+dt+"_in0"), load(t, d, "sqdiff_"+dt+"_in1")
			near(t, sqdiff.Call(x, y, kernel.Axes{1}), load(t, d, "sqdiff_"+dt+"_sum1"), 1e-5)
			near(t, weighted.Call(x, y, kernel.Axes{1}), load(t, d, "sqdiff_"+dt+"_dot1"), 1e-5)
		}
	})
}

// A module from PTX compiled beforehand (CUDA only).
func TestModuleFromPTX(t *testing.T) {
	b, err := backend.Open("cuda", 0)
	gputest.Need(t, "cuda", err)
	res, err := nvrtc.Compile(`extern "C" __global__ void add1(float *x, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] += 1.0f;
}`, nvrtc.Options{Target: 80})
	require.NoError(t, err)
	d := array.On(b)
	x := load(t, d, "times3_float32_in0")
	want := x.Add(float32(1))
	fn := kernel.NewModuleImage(res.Code).Function("add1")
	require.NoError(t, fn.Launch(kernel.Config{Grid: kernel.Dim{X: (x.Size() + 255) / 256}, Block: kernel.Dim{X: 256}}, x, int32(x.Size())))
	near(t, x, want, 0)
}

// Kernels and automatic fusion: a pending result that reads an array a
// kernel then writes (as out or as a raw parameter) holds the values from
// before the write, and a pending operand of a kernel is computed first.
func TestKernelsAfterPendingResults(t *testing.T) {
	zero, err := kernel.NewElementwise("T x", "T z", "z = x * 0", "zero_into")
	require.NoError(t, err)
	fill, err := kernel.NewElementwise("T x", "raw T a, T z", "a[i] = x; z = x", "fill_raw")
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		x := d.Arange(1, 9, 1, array.Float32)
		plusOne := x.Add(1) // pending where fusion is on
		require.Same(t, x, zero.Call(x, x))
		got, err := array.ToSlice[float32](plusOne)
		require.NoError(t, err)
		require.Equal(t, []float32{2, 3, 4, 5, 6, 7, 8, 9}, got)

		y := d.Arange(0, 8, 1, array.Float32)
		twice := y.Mul(2)
		require.NoError(t, fill.Call(d.Full(array.Float32, -1, 8), y, d.Empty(array.Float32, 8)).Err())
		got, err = array.ToSlice[float32](twice)
		require.NoError(t, err)
		require.Equal(t, []float32{0, 2, 4, 6, 8, 10, 12, 14}, got)

		pending := d.Arange(0, 8, 1, array.Float32).Add(3) // an operand still pending
		got, err = array.ToSlice[float32](zero.Call(pending).Add(pending))
		require.NoError(t, err)
		require.Equal(t, []float32{3, 4, 5, 6, 7, 8, 9, 10}, got)
	})
}

// CuPy's manual indexing (all parameters raw, the loop size given) and a
// scatter through an index input (raw output, the loop over the inputs,
// transposed so that it is strided), against float64 on the host.
func TestRawOutputsGPU(t *testing.T) {
	add, err := kernel.NewElementwise("raw T x, raw T y", "raw T z", "z[i] = x[i] + y[i]", "manual_add")
	require.NoError(t, err)
	scatter, err := kernel.NewElementwise("T x, int64 at", "raw T y", "y[at] = x * 2 + 1", "scatter")
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		r := rand.New(rand.NewPCG(21, 22))
		const rows, cols = 37, 129
		n := rows * cols
		xs, x, xt := normalsOn[float64](d, r, rows, cols)
		ys, y, _ := normalsOn[float64](d, r, rows, cols)
		at := make([]int64, n)
		for i, p := range r.Perm(n) {
			at[i] = int64(p)
		}
		z := d.Zeros(array.Float64, n)
		require.NoError(t, add.Call(x, y, z, kernel.Size(n-1)).Err())
		got, err := array.ToSlice[float64](z)
		require.NoError(t, err)
		for i := range n - 1 {
			require.Equal(t, xs[i]+ys[i], got[i], "element %d", i)
		}
		require.Zero(t, got[n-1], "past the size")

		atT := array.FromSliceOn(d, at, cols, rows).T() // strided, as xt
		out := d.Zeros(array.Float64, n)
		require.NoError(t, scatter.Call(xt, atT, out).Err())
		got, err = array.ToSlice[float64](out)
		require.NoError(t, err)
		for i := range n {
			require.Equal(t, xs[i]*2+1, got[at[i]], "element %d", i)
		}
	})
}

// CuPy's loop_prep and after_loop: each thread reads a scale once before
// its elements and adds the count of its elements to a raw counter after
// them, which must come to the element count; over the flat loop (a size
// with a vector tail), a transposed input (the tiled loop) and a 3-D
// strided one, against float64 on the host (one float32 product each).
func TestLoopPrepAfterLoopGPU(t *testing.T) {
	k, err := kernel.NewElementwise("T x, raw T scale", "T y, raw uint64 count", "y = x * s; done++", "scaled_count",
		kernel.LoopPrep("const T s = scale[0]; unsigned long long done = 0"),
		kernel.AfterLoop("atomicAdd((unsigned long long *)count, done)"))
	require.NoError(t, err)
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		r := rand.New(rand.NewPCG(31, 32))
		const rows, cols = 1031, 1027
		n := rows * cols
		xs, flat, transposed := normalsOn[float32](d, r, rows, cols)
		sc := float32(r.Float64() + 0.5)
		scale := array.FromSliceOn(d, []float32{sc}, 1)
		for _, c := range []struct {
			name string
			x    *array.Array
			at   func(i int) int // the element of xs at y's element i
		}{
			{"flat", flat, func(i int) int { return i }},
			{"transposed", transposed, func(i int) int { return (i%cols)*rows + i/cols }},
			{"3-D", transposed.Reshape(rows, 13, cols/13).Copy().Transpose(1, 0, 2),
				func(i int) int {
					a, b, c := i/(rows*cols/13), i/(cols/13)%rows, i%(cols/13)
					return (a*(cols/13)+c)*rows + b
				}},
		} {
			count := d.Zeros(array.Uint64, 1)
			outs, err := k.Outputs(c.x, scale, d.Empty(array.Float32, c.x.Shape()...), count)
			require.NoError(t, err, c.name)
			got, err := array.ToSlice[float32](outs[0])
			require.NoError(t, err)
			for i := range n {
				require.Equal(t, float32(float64(xs[c.at(i)])*float64(sc)), got[i], "%s: element %d", c.name, i)
			}
			counted, err := array.ToSlice[uint64](count)
			require.NoError(t, err)
			require.Equal(t, []uint64{uint64(n)}, counted, c.name)
		}
	})
}

// normalsOn draws rows*cols numbers of the standard normal distribution
// from r and returns them, and them on d as a vector and as the
// transpose of the cols×rows matrix they fill (a strided walk).
func normalsOn[T float32 | float64](d *array.Device, r *rand.Rand, rows, cols int) (xs []T, flat, transposed *array.Array) {
	xs = make([]T, rows*cols)
	for i := range xs {
		xs[i] = T(r.NormFloat64())
	}
	return xs, array.FromSliceOn(d, xs, len(xs)), array.FromSliceOn(d, xs, cols, rows).T()
}
