package array

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// withFusion runs f with every backend fusing (or none), restoring the
// mode afterwards.
func withFusion(t *testing.T, m FusionMode, f func()) {
	t.Helper()
	prev := SetFusion(m)
	defer SetFusion(prev)
	f()
}

// randomOn returns a float64 array of the given shape with values in
// [-2, 2), drawn from seed.
func randomOn(d *Device, seed uint64, shape ...int) *Array {
	r := rand.New(rand.NewPCG(seed, 1))
	data := make([]float64, shapeSize(shape))
	for i := range data {
		data[i] = 4*r.Float64() - 2
	}
	return FromSliceOn(d, data, shape...)
}

// eagerAndFused evaluates build without fusion and with it, and requires
// the same dtype, shape and bytes (or the same error).
func eagerAndFused(t *testing.T, msg string, build func() *Array) {
	t.Helper()
	var want, got *Array
	withFusion(t, FusionOff, func() { want = build() })
	withFusion(t, FusionAll, func() { got = build() })
	if want.Err() != nil {
		require.EqualError(t, got.Err(), want.Err().Error(), msg)
		return
	}
	require.NoError(t, got.Err(), msg)
	require.Equal(t, want.DType(), got.DType(), msg)
	require.Equal(t, want.Shape(), got.Shape(), msg)
	require.Equal(t, hostData(t, want), hostData(t, got), msg)
}

// pending reports whether a is a pending fused result.
func pending(a *Array) bool {
	e := a.st.lazy.pending.Load()
	return e != nil && e.err == nil
}

func TestFusionMatchesEager(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		for name, build := range fusionCases(d) {
			eagerAndFused(t, name, build)
		}
	})
}

// fusionCases are expressions whose fused values must be those of eager
// evaluation.
func fusionCases(d *Device) map[string]func() *Array {
	{
		x, y := randomOn(d, 1, 3, 4), randomOn(d, 2, 3, 4)
		row := randomOn(d, 3, 4)
		i8 := x.Mul(50).AsType(Int8)
		u8 := y.Mul(100).Abs().AsType(Uint8)
		h := x.AsType(Float16)
		f32 := y.AsType(Float32)
		c := Add(x, Mul(y, complex(0, 1)))
		cases := map[string]func() *Array{
			"chain":          func() *Array { return x.Mul(2).Add(y.Mul(y)).Sub(1) },
			"broadcast":      func() *Array { return x.Add(row).Mul(row.Sin()) },
			"transposed":     func() *Array { return x.T().Mul(3).Add(y.T().Exp()) },
			"strided view":   func() *Array { return x.Index(All, S(0, 4).Step(2)).Sqrt().Add(1) },
			"float16 steps":  func() *Array { return h.Mul(h).Add(0.1).Sqrt().Div(h) },
			"int8 uint8":     func() *Array { return Add(i8, u8).Mul(3).FloorDiv(7).Sub(i8) },
			"int8 to float":  func() *Array { return Arctan2(i8, u8).Add(1) },
			"weak scalars":   func() *Array { return f32.Mul(1e-3).Add(7).Mul(f32).Pow(2) },
			"comparison":     func() *Array { return Where(x.Greater(y), x.Mul(2), y.Neg()) },
			"complex":        func() *Array { return c.Mul(c).Add(1).Abs().Log() },
			"same operand":   func() *Array { t := x.Add(1); return t.Mul(t).Sub(t) },
			"0-d":            func() *Array { return d.Full(Float32, 1.5).Mul(2).Add(f32.Index(I(0), I(0))) },
			"empty":          func() *Array { return d.Zeros(Float64, 0, 4).Add(1).Mul(row) },
			"nan and inf":    func() *Array { return x.Div(0).Add(x.Log()).Mul(-1) },
			"out dtype cast": func() *Array { return Add(f32.Mul(2), 1, d.Zeros(Float64, 3, 4)) },
			"clip":           func() *Array { return Clip(x.Mul(3), -1, 1).Add(y) },
			"reduce":         func() *Array { return x.Mul(2).Add(y).Sum() },
			"reduce axis":    func() *Array { return x.Exp().Sub(1).Sum(Axis(0)) },
			"matmul":         func() *Array { return Matmul(x.Add(1), y.T().Mul(2)) },
			"fused sum":      func() *Array { return x.Mul(x).Add(0.5).Sum() },
			"fused argmax":   func() *Array { return x.T().Sin().Mul(3).ArgMax(Axis(1)) },
			"fused mean":     func() *Array { return h.Mul(h).Sub(1).Mean(Axis(0)) },
			"fused nansum":   func() *Array { return NanSum(x.Log().Mul(2), Axis(1)) },
			"fused max int8": func() *Array { return i8.Mul(3).Max() },
			"fused any":      func() *Array { return AnyTrue(x.Greater(1.5)) },
			// several arrays of one layout: one map-reduce kernel (ReduceMany)
			"two-array sum":        func() *Array { return f32.Mul(2).Add(x.AsType(Float32)).Sum() },
			"two-array lone ufunc": func() *Array { return x.Mul(y).Sum(Axis(1)) },
			"one array read twice": func() *Array { return Mul(f32, f32).Sum(Axis(0)) },
			"transposed pair":      func() *Array { return x.T().Sub(y.T()).Square().Max(Axis(0), KeepDims()) },
			"strided pair":         func() *Array { return x.Index(All, S(0, 4).Step(2)).Mul(y.Index(All, S(0, 4).Step(2))).Sum() },
			"int8 uint8 sum":       func() *Array { return Add(i8, u8).Mul(3).Sum(Axis(1)) },
			"float16 pair mean":    func() *Array { return h.Mul(y.AsType(Float16)).Mean() },
			"three array argmin":   func() *Array { return x.Mul(y).Add(x.Cos()).Sub(f32).ArgMin(Axis(1)) },
			"pair nan":             func() *Array { return NanSum(x.Log().Add(y), Axis(0)) },
			"empty pair":           func() *Array { e := d.Zeros(Float64, 0, 4); return e.Add(e.Mul(2)).Sum(Axis(0)) },
			"0-d pair":             func() *Array { return d.Full(Float64, 1.5).Mul(x.Index(I(1), I(2))).Sum() },
			"broadcast pair":       func() *Array { return x.Mul(row).Sum(Axis(0)) },
		}
		return cases
	}
}

// TestFusionKernelsCompile compiles with NVRTC and hiprtc (no GPU needed)
// the fused kernels and fused reductions of the fusion tests.
func TestFusionKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	rec := &kernelRecorder{Backend: cpu.New(0), units: map[string]cgen.ReductionUnit{}}
	withFusion(t, FusionAll, func() {
		for name, build := range fusionCases(On(rec)) {
			require.NoError(t, build().Eval(), name)
		}
	})
	rec.compileCUDA(t)
	fusedKernels.RLock()
	var srcs, hipSrcs []kerneltest.Source
	for _, k := range fusedKernels.m {
		for _, layout := range []cgen.Layout{{Contiguous: true}, {NDim: 2}} {
			for _, v := range []cgen.Vendor{cgen.CUDA, cgen.HIP} {
				src, err := cgen.Render(k, layout, v)
				require.NoError(t, err, k.Key())
				s := kerneltest.Source{Name: k.Key(), Code: src.Code}
				if v == cgen.CUDA {
					srcs = append(srcs, s)
				} else {
					hipSrcs = append(hipSrcs, s)
				}
			}
		}
	}
	fusedKernels.RUnlock()
	require.NotEmpty(t, srcs)
	kerneltest.CompileAll(t, srcs, kerneltest.CompileCUDA)
	t.Run("hip", func(t *testing.T) {
		kerneltest.NeedHIPRTC(t)
		kerneltest.CompileAll(t, hipSrcs, kerneltest.CompileHIP)
	})
}

func TestFusionIsLazy(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		withFusion(t, FusionAll, func() {
			x, y := randomOn(d, 1, 100), randomOn(d, 2, 100)
			t1 := x.Mul(2)
			t2 := y.Mul(y)
			r := t1.Add(t2).Sub(1)
			require.True(t, pending(r))
			require.True(t, pending(t1)) // inlined, never computed on its own
			require.NoError(t, r.Eval())
			require.False(t, pending(r))
			require.True(t, pending(t1))
			e := r.st.lazy.pending.Load()
			require.Nil(t, e)
		})
	})
}

func TestFusionWriteAfterRead(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		withFusion(t, FusionAll, func() {
			a := randomOn(d, 1, 4, 5)
			old, err := ToSlice[float64](a)
			require.NoError(t, err)
			plusOne := func(v []float64) []float64 {
				r := make([]float64, len(v))
				for i := range v {
					r[i] = v[i] + 1
				}
				return r
			}
			writes := map[string]func(a *Array) error{
				"Set":           func(a *Array) error { return a.Set(0) },
				"Set of a view": func(a *Array) error { return a.Index(S(1, 3)).Set(-7) },
				"out=":          func(a *Array) error { return Mul(a, 3, a).Err() },
				"CopyFromSlice": func(a *Array) error { return CopyFromSlice(a, make([]float64, a.Size())) },
				"Put":           func(a *Array) error { return Put(a, []int{0, 3}, 9.5) },
				"Sum out=": func(a *Array) error {
					return Sum(a.Index(All, S(0, 1)), Axis(1), KeepDims(), Out(a.Index(All, S(4, 5)))).Err()
				},
				"write through T":  func(a *Array) error { return a.T().Index(I(0)).Set(1) },
				"Set from pending": func(a *Array) error { return a.Set(a.Add(1)) },
			}
			for name, write := range writes {
				a := FromSliceOn(d, old, 4, 5)
				x := a.Add(1)
				v := a.T().Add(1) // through a view
				require.True(t, pending(x), name)
				require.NoError(t, write(a), name)
				got, err := ToSlice[float64](x)
				require.NoError(t, err, name)
				require.Equal(t, plusOne(old), got, name)
				gotT, err := ToSlice[float64](v.T().Copy())
				require.NoError(t, err, name)
				require.Equal(t, plusOne(old), gotT, name)
			}
		})
	})
}

func TestFusionWriteIntoPending(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		for _, m := range []FusionMode{FusionOff, FusionAll} {
			withFusion(t, m, func() {
				a := randomOn(d, 1, 3, 3)
				p := a.Mul(2)
				q := p.Add(1) // reads p's value, not its later writes
				w := p.T()    // a view of the pending p
				require.NoError(t, p.Index(I(0)).Set(100))
				want := a.Mul(2)
				require.NoError(t, want.Index(I(0)).Set(100))
				require.Equal(t, hostData(t, want), hostData(t, p))
				require.Equal(t, hostData(t, want.T().Copy()), hostData(t, w.Copy()))
				require.Equal(t, hostData(t, a.Mul(2).Add(1)), hostData(t, q))
			})
		}
	})
}

func TestFusionSharedIntermediate(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a, b := randomOn(d, 1, 50), randomOn(d, 2, 50)
		eagerAndFused(t, "cheap", func() *Array {
			s := a.Mul(b)
			return Stack([]*Array{s.Add(1), s.Sub(1)}, 0)
		})
		eagerAndFused(t, "expensive", func() *Array {
			s := a.Exp().Mul(b).Sin().Add(a).Cos().Mul(2)
			return Stack([]*Array{s.Add(1), s.Sub(1), s}, 0)
		})
		withFusion(t, FusionAll, func() {
			cheap := a.Mul(b)
			cheap.Add(1)
			cheap.Sub(1)
			require.True(t, pending(cheap), "a cheap intermediate is recomputed in each consumer")
			dear := a.Exp().Mul(b).Sin().Add(a).Cos().Mul(2)
			x := dear.Add(1)
			require.True(t, pending(dear), "the first consumer inlines it")
			y := dear.Sub(1)
			require.False(t, pending(dear), "the second consumer has it materialised")
			require.True(t, pending(x))
			require.True(t, pending(y))
		})
	})
}

func TestFusionLongChain(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := randomOn(d, 1, 64).AsType(Float32)
		before := func() int {
			fusedKernels.RLock()
			defer fusedKernels.RUnlock()
			return len(fusedKernels.m)
		}()
		eagerAndFused(t, "10^4 ops", func() *Array {
			x := a
			for i := range 10_000 {
				switch i % 3 {
				case 0:
					x = x.Mul(1.0001)
				case 1:
					x = x.Add(a)
				default:
					x = x.Sub(float32(i % 7))
				}
			}
			return x
		})
		eagerAndFused(t, "x*x doubling", func() *Array {
			x := a
			for range 200 {
				x = x.Mul(x).Sqrt()
			}
			return x
		})
		fusedKernels.RLock()
		defer fusedKernels.RUnlock()
		require.LessOrEqual(t, len(fusedKernels.m)-before, 8, "kernels are keyed by structure")
	})
}

func TestFusionManyInputs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		var xs []*Array
		for i := range 3 * maxFusedInputs {
			xs = append(xs, randomOn(d, uint64(i), 10))
		}
		eagerAndFused(t, "sum of many", func() *Array {
			s := xs[0]
			for _, x := range xs[1:] {
				s = s.Add(x.Mul(2))
			}
			return s
		})
	})
}

func TestFusionErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		x, y := randomOn(d, 1, 3, 4), randomOn(d, 2, 5)
		cases := map[string]func() *Array{
			"broadcast": func() *Array { return x.Add(1).Mul(y).Sub(1) },
			"dtype":     func() *Array { return x.Mul(2).LeftShift(1).Add(1) },
			"bool sub":  func() *Array { return x.Greater(0).Sub(true).Add(1) },
			"scalar":    func() *Array { return x.AsType(Int8).Add(1).Add(1000) },
			"out shape": func() *Array { return Add(x.Mul(2), 1, d.Zeros(Float64, 4)) },
			"pow":       func() *Array { return x.AsType(Int32).Add(1).Pow(-1) },
		}
		for name, build := range cases {
			eagerAndFused(t, name, build)
			withFusion(t, FusionAll, func() { require.Error(t, build().Err(), name) })
		}
	})
}

func TestFusionFreeInput(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		withFusion(t, FusionAll, func() {
			a := randomOn(d, 1, 10)
			want := hostData(t, func() *Array {
				var w *Array
				withFusion(t, FusionOff, func() { w = a.Mul(2).Add(1) })
				return w
			}())
			x := a.Mul(2).Add(1)
			a.Free()
			require.Equal(t, want, hostData(t, x))
			require.ErrorIs(t, a.Add(1).Err(), ErrFreed)

			b := randomOn(d, 2, 10)
			tmp := b.Mul(2)
			y := tmp.Add(1)
			tmp.Free() // an inlined intermediate
			require.ErrorIs(t, tmp.Err(), ErrFreed)
			require.NoError(t, y.Err())
			var wantY *Array
			withFusion(t, FusionOff, func() { wantY = b.Mul(2).Add(1) })
			require.Equal(t, hostData(t, wantY), hostData(t, y))

			z := b.Mul(3)
			z.Free() // never computed
			require.ErrorIs(t, z.Eval(), ErrFreed)
			require.ErrorIs(t, z.Add(1).Err(), ErrFreed)
		})
	})
}

func TestFusionConcurrent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a, b := randomOn(d, 1, 256), randomOn(d, 2, 256)
		build := func(k int) *Array {
			return a.Mul(float64(k)).Add(b.Mul(b)).Sub(a.Sin()).Div(b.Abs().Add(1))
		}
		const workers = 8
		want := make([][]byte, workers)
		withFusion(t, FusionOff, func() {
			for k := range workers {
				want[k] = hostData(t, build(k))
			}
		})
		withFusion(t, FusionAll, func() {
			shared := a.Add(b) // one pending value read by every goroutine
			var wg sync.WaitGroup
			errs := make([]error, workers)
			for k := range workers {
				wg.Go(func() {
					for range 20 {
						r := build(k)
						s := shared.Mul(2)
						got, err := r.hostBytes("test")
						if err == nil {
							_, err = s.hostBytes("test")
						}
						if err != nil {
							errs[k] = err
							return
						}
						if string(got) != string(want[k]) {
							errs[k] = fmt.Errorf("worker %d: fused result differs from eager", k)
							return
						}
					}
				})
			}
			wg.Wait()
			for _, err := range errs {
				require.NoError(t, err)
			}
		})
	})
}

func TestFusionReductionReadsInputs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		withFusion(t, FusionAll, func() {
			x := randomOn(d, 1, 40, 30)
			e := x.Mul(2).Add(1)
			s := e.Sum(Axis(0))
			require.NoError(t, s.Err())
			require.True(t, pending(e), "a one-input expression folds into the reduction")
			two := x.Mul(e.Index(All, I(0)).Reshape(40, 1))
			require.NoError(t, two.Sum().Err())
			require.False(t, pending(e), "a view of it was read")
		})
	})
}

// BenchmarkChain is x*2 + y*y - 1 as four operators, with fusion on the
// CPU backend and without.
func BenchmarkChain(b *testing.B) {
	for _, n := range []int{1 << 10, 1 << 22} {
		for _, m := range []FusionMode{FusionOff, FusionAll} {
			b.Run(fmt.Sprintf("n=%d/fusion=%v", n, m == FusionAll), func(b *testing.B) {
				prev := SetFusion(m)
				defer SetFusion(prev)
				d := On(cpu.New(0))
				x, y := randomOn(d, 1, n).AsType(Float32), randomOn(d, 2, n).AsType(Float32)
				b.SetBytes(int64(3 * 4 * n))
				for b.Loop() {
					r := x.Mul(2).Add(y.Mul(y)).Sub(1)
					if err := r.Eval(); err != nil {
						b.Fatal(err)
					}
					r.Free()
				}
			})
		}
	}
}

func TestFusionAllocationFailure(t *testing.T) {
	withFusion(t, FusionAll, func() {
		b := cpu.New(1)
		d := On(b)
		x := d.Zeros(Float64, 1<<16) // 512 KiB
		require.NoError(t, x.Err())
		b.SetMemoryLimit(900 << 10)
		defer b.SetMemoryLimit(0)
		y := x.Add(1)
		require.NoError(t, y.Err(), "nothing is allocated at the call")
		require.ErrorContains(t, y.Eval(), "Add: cpu: out of memory")
		require.ErrorContains(t, y.Err(), "Add: cpu: out of memory")
		_, err := ToSlice[float64](y)
		require.ErrorContains(t, err, "Add: cpu: out of memory")
		require.ErrorContains(t, y.Mul(2).Err(), "Add: cpu: out of memory")
		b.SetMemoryLimit(4 << 20)
		require.ErrorContains(t, y.Eval(), "Add: cpu: out of memory", "the failure stays")
		require.NoError(t, x.Add(1).Eval())
	})
}

// A write through Buffer (a raw kernel's argument) comes after the pending
// expressions that read the array are computed: they see the old values.
func TestBufferWriteAfterPendingReader(t *testing.T) {
	withFusion(t, FusionAll, func() {
		d := On(cpu.New(0))
		x := FromSliceOn(d, []float32{1, 2, 3}, 3)
		plus1 := x.Add(float32(1))
		buf, off, err := x.Buffer()
		require.NoError(t, err)
		require.NoError(t, d.Backend().Write(buf, off*4, make([]byte, 12)))
		got, err := ToSlice[float32](plus1)
		require.NoError(t, err)
		require.Equal(t, []float32{2, 3, 4}, got)
	})
}
