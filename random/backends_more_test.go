package random_test

import (
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/cugo/cugo/random"
)

// moreDraws makes one of each added kind of draw of the given size from
// a fresh generator seeded 10, the parameters on device d.
func moreDraws(d *array.Device, size []int) map[string]*array.Array {
	g := random.NewOn(d, 10)
	n := 1
	for _, s := range size {
		n *= s
	}
	mu := d.Arange(0, float64(n), 1, array.Float64).Reshape(size...).Mul(0.001).Sub(3) // about [-3, 3] and past
	return map[string]*array.Array{
		"cauchy":      g.StandardCauchy(size...),
		"t":           g.StandardT(3.5, size...),
		"f":           g.F(2, 7, size...),
		"ncchisq":     g.NoncentralChisquare(3, 2, size...),
		"ncchisq_mix": g.NoncentralChisquare(0.5, 2, size...),
		"ncf":         g.NoncentralF(3, 8, 1.5, size...),
		"laplace":     g.Laplace(1, 2, size...),
		"logistic":    g.Logistic(1, 2, size...),
		"gumbel":      g.Gumbel(1, 2, size...),
		"pareto":      g.Pareto(3, size...),
		"power":       g.Power(0.7, size...),
		"rayleigh":    g.Rayleigh(2, size...),
		"weibull":     g.Weibull(1.5, size...),
		"triangular":  g.Triangular(-1, 0.5, 4, size...),
		"wald":        g.Wald(1.5, 0.3, size...),
		"vonmises":    g.VonMises(mu, 2.5),
		"vonmises_lo": g.VonMises(1, 1e-6, size...),
		"vonmises_hi": g.VonMises(-1, 4e6, size...),
		"negbin":      g.NegativeBinomial(2.5, 0.3, size...),
		"hyper_small": g.Hypergeometric(20, 30, 5, size...),
		"hyper_ratio": g.Hypergeometric(200, 300, 100, size...),
		"logseries":   g.Logseries(0.9, size...),
		"zipf":        g.Zipf(2, size...),
		"dirichlet":   g.Dirichlet([]float64{0.05, 2, 0.5}, size...),
		"multinomial": g.Multinomial(100, []float64{0.1, 0.2, 0.3, 0.15, 0.25}, size...),
		"mvn":         g.MultivariateNormal([]float64{1, 2}, [][]float64{{2, 0.5}, {0.5, 1}}, nil, size...),
	}
}

// moreExact are the added draws that are bit-identical on every backend:
// integers from samplers whose float steps agree but for last bits that
// would have to tip a comparison (Zipf's pow can move its large values,
// which compareMore allows to 1e-10).
var moreExact = map[string]bool{"negbin": true, "hyper_small": true, "hyper_ratio": true, "logseries": true, "multinomial": true}

// compareMore compares draw name of two backends: bits, or values to
// the package's tolerance for float64 draws, 1e-12 relative (Zipf's
// integers to 1e-10).
func compareMore(t *testing.T, name, label string, got, want *array.Array) {
	t.Helper()
	if moreExact[name] {
		compareDraws(t, label, bitsOf(t, got), bitsOf(t, want), true, array.Int64)
		return
	}
	tol := 1e-12
	if name == "zipf" {
		tol = 1e-10
	}
	compareWithin(t, label, floats(t, got), floats(t, want), tol)
}

// TestMoreSameNumbersOnCPUAndGPU draws each added distribution with one
// seed on the CPU and on each GPU stack: the integer draws bit-identical,
// the float ones equal to 1e-12 relative.
func TestMoreSameNumbersOnCPUAndGPU(t *testing.T) {
	cb, err := backend.Open("cpu", 0)
	if err != nil {
		t.Fatal(err)
	}
	c := array.On(cb)
	for _, kind := range []string{"cuda", "hip"} {
		t.Run(kind, func(t *testing.T) {
			gb, err := backend.Open(kind, 0)
			gputest.Need(t, kind, err)
			gpu := array.On(gb)
			for _, size := range [][]int{{100_003}, {37, 1041}, {5, 7, 11, 13}} {
				want, got := moreDraws(c, size), moreDraws(gpu, size)
				for name, w := range want {
					compareMore(t, name, fmt.Sprintf("%s %v", name, size), got[name], w)
				}
			}
		})
	}
}

// TestMoreSameNumbersForAnyShape checks on the default device that an
// added draw's element i depends only on (seed, draw number, i): draws
// of shapes (12, 35) and (420,) agree in C order.
func TestMoreSameNumbersForAnyShape(t *testing.T) {
	d := array.DefaultDevice()
	flat, square := moreDraws(d, []int{420}), moreDraws(d, []int{12, 35})
	for name, a := range flat {
		b := square[name]
		if err := b.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := append([]int{12, 35}, a.Shape()[1:]...); !slices.Equal(b.Shape(), want) {
			t.Errorf("%s: shape %v, want %v", name, b.Shape(), want)
		}
		if !slices.Equal(bitsOf(t, a), bitsOf(t, b)) {
			t.Errorf("%s: a draw of shape (12, 35) differs from one of (420,)", name)
		}
	}
}

// kernelRecorder is the CPU backend, noting the elementwise kernels the
// draws launch, for the compile test.
type kernelRecorder struct {
	backend.Backend
	mu      sync.Mutex
	kernels map[string]*ir.Kernel
}

func (r *kernelRecorder) Elementwise(k *ir.Kernel, shape []int, out, in []backend.Operand, scalars []ir.Value) error {
	r.mu.Lock()
	r.kernels[k.Key()] = k
	r.mu.Unlock()
	return r.Backend.Elementwise(k, shape, out, in, scalars)
}

// TestMoreKernelsCompile compiles, with NVRTC (compute_80) and hiprtc
// (gfx90a), every kernel that the added draws launch (flat; cgen's tests
// compile the samplers in every layout): the draws run on the CPU, which
// notes each kernel.
func TestMoreKernelsCompile(t *testing.T) {
	rec := &kernelRecorder{Backend: cpu.New(0), kernels: map[string]*ir.Kernel{}}
	d := array.On(rec)
	g := random.NewOn(d, 1)
	for name, a := range moreDraws(d, []int{3, 4}) {
		if err := a.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if err := g.Multinomial(array.FromSliceOn(d, []int64{5, 6}, 2, 1), []float64{0.5, 0.5}).Err(); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(rec.kernels))
	for k := range rec.kernels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, v := range []struct {
		name    string
		vendor  cgen.Vendor
		need    func(testing.TB)
		compile func(string) error
	}{{"cuda", cgen.CUDA, kerneltest.NeedNVRTC, kerneltest.CompileCUDA}, {"hip", cgen.HIP, kerneltest.NeedHIPRTC, kerneltest.CompileHIP}} {
		t.Run(v.name, func(t *testing.T) {
			v.need(t)
			var ks []*ir.Kernel
			var ls []cgen.Layout
			for _, key := range keys {
				ks, ls = append(ks, rec.kernels[key]), append(ls, cgen.Layout{Contiguous: true})
			}
			const batch = 15 // kernels per module
			var srcs []kerneltest.Source
			for start := 0; start < len(ks); start += batch {
				end := min(start+batch, len(ks))
				mod, err := cgen.RenderModule(ks[start:end], ls[start:end], v.vendor)
				if err != nil {
					t.Fatal(err)
				}
				srcs = append(srcs, kerneltest.Source{Name: fmt.Sprintf("kernels %d to %d of %v", start, end, keys), Code: mod[0].Code})
			}
			kerneltest.CompileAll(t, srcs, v.compile)
			t.Logf("%d kernels compiled", len(keys))
		})
	}
}
