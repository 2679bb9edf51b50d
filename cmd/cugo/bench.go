package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/fft"
	"github.com/cugo/cugo/backend"
)

// A workload of bench/README.md, run through the public array API. Its
// name is the one of the full size (sizedName gives the one of the size
// run); measure returns the value in the workload's unit.
type workload struct {
	name, unit string
	measure    func(e *benchEnv) (float64, error)
}

// The standard workloads cugo implements; those whose feature is not built
// yet are absent, so they print nothing.
var workloads = []workload{
	{"copy_f32_64M", "GB/s", benchCopy},
	{"add_f32_64M", "GB/s", benchAdd},
	{"add_alloc_f32_64M", "GB/s", benchAddAlloc},
	{"chain_f32_64M", "GB/s", benchChain},
	{"fused_f32_64M", "GB/s", benchFused},
	{"transpose_8192", "GB/s", benchTranspose},
	{"sum_f32_64M", "GB/s", benchReduceAll(array.Sum)},
	{"max_f32_64M", "GB/s", benchReduceAll(array.Max)},
	{"sum_axis0_8192", "GB/s", benchSumAxis(0)},
	{"sum_axis1_8192", "GB/s", benchSumAxis(1)},
	{"h2d_pinned_256MB", "GB/s", benchH2D},
	{"d2h_pinned_256MB", "GB/s", benchD2H},
	{"peer_copy_256MB", "GB/s", benchPeerCopy},
	{"small_add_1k", "us", benchSmallAdd},
	{"small_alloc_add_1k", "us", benchSmallAllocAdd},
	{"small_expr_1k", "us", benchSmallExpr},
	{"compile_cold", "ms", benchCompileCold},
	{"compile_warm", "ms", benchCompileWarm},
	{"sgemm_4096", "TFLOP/s", benchGemm(array.Float32)},
	{"dgemm_4096", "TFLOP/s", benchGemm(array.Float64)},
	{"hgemm_4096", "TFLOP/s", benchGemm(array.Float16)},
	{"solve_f64_4096", "ms", benchSolve},
	{"cholesky_f64_4096", "ms", benchCholesky},
	{"eigh_f32_2048", "ms", benchEigh},
	{"svd_f32_2048", "ms", benchSVD},
	{"einsum_bmm_f32", "TFLOP/s", benchEinsumBMM},

	{"rand_f32_64M", "GB/s", benchRandom(drawUniform)},
	{"randn_f32_64M", "GB/s", benchRandom(drawNormal)},

	{"sort_f32_16M", "us", benchOrder(func(a *array.Array) *array.Array { return array.Sort(a, -1) })},
	{"argsort_f32_16M", "us", benchOrder(func(a *array.Array) *array.Array { return array.ArgSort(a, -1) })},
	{"unique_i32_16M", "us", benchUnique},
	{"median_f32_16M", "us", benchOrder(func(a *array.Array) *array.Array { return array.Median(a, array.AxisNone) })},
	{"histogram_f32_16M", "us", benchOrder(func(a *array.Array) *array.Array {
		h, edges := array.Histogram(a, 256, array.HistRange(0, 1))
		edges.Free()
		return h
	})},
	{"fft_c64_16M", "us", benchFFT(fft.FFT, array.Complex64, 1)},
	{"rfft_f32_16M", "us", benchFFT(fft.RFFT, array.Float32, 1)},
	{"fft2_c64_4096", "us", benchFFT(fft.FFT2, array.Complex64, 2)},
}

// errNotHere is the error of a workload whose feature this machine lacks
// (a second GPU, say): it prints nothing, as an absent workload.
var errNotHere = errors.New("not available on this machine")

// benchEnv holds the sizes and the backend of one run.
type benchEnv struct {
	dev  *array.Device
	n    int // elements of the large 1-D workloads (2^26 at full size)
	side int // side of the square workloads (8192 at full size)
	self string
	log  io.Writer // stderr, for what workloads say besides their numbers
}

func runBench(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench")
	tsv := fs.Bool("tsv", false, "print name<TAB>value<TAB>unit lines only")
	only := fs.String("only", "", "comma-separated workload names to run (as at the full size, or as printed)")
	size := fs.String("size", "", "full or small (default: full on a GPU, small on the CPU); names say the size run")
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	b, err := backend.Default()
	if err != nil {
		return err
	}
	dev := b.Device()
	if *size == "" {
		*size = "full"
		if dev.Kind == "cpu" {
			*size = "small"
		}
	}
	e := &benchEnv{dev: array.On(b), n: 1 << 26, side: 8192}
	switch *size {
	case "full":
	case "small":
		e.n, e.side = 1<<20, 1024
	default:
		return usageError{fs, fmt.Errorf("--size %q: want full or small", *size)}
	}
	selected, err := selectWorkloads(*only, e)
	if err != nil {
		return usageError{fs, err}
	}
	if e.self, err = os.Executable(); err != nil {
		return err
	}
	e.log = stderr
	progress := !*tsv && isTerminal(stderr)
	fmt.Fprintf(stdout, "# cugo bench on %s %s (%s), size %s\n", dev.Kind, dev.Name, dev.Arch, *size)
	failed := 0
	for _, w := range workloads {
		if len(selected) > 0 && !selected[w.name] {
			continue
		}
		name := e.sizedName(w.name)
		if progress {
			fmt.Fprintf(stderr, "%-20s ...", name)
		}
		v, err := w.measure(e)
		if progress { // erase the progress line
			fmt.Fprintf(stderr, "\r%*s\r", 24, "")
		}
		if errors.Is(err, errNotHere) {
			continue
		}
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			continue
		}
		if *tsv {
			fmt.Fprintf(stdout, "%s\t%.3f\t%s\n", name, v, w.unit)
		} else {
			fmt.Fprintf(stdout, "%-20s %12.3f %s\n", name, v, w.unit)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d workloads failed", failed)
	}
	return nil
}

// deviceTime returns the mean time of one call of f over iters
// back-to-back calls after two warm-up calls, timed on the device where
// the backend can (events), else by the wall clock around a Sync.
func (e *benchEnv) deviceTime(iters int, f func() error) (time.Duration, error) {
	b := e.dev.Backend()
	for range 2 {
		if err := f(); err != nil {
			return 0, err
		}
	}
	if err := b.Sync(); err != nil {
		return 0, err
	}
	loop := func() error {
		for range iters {
			if err := f(); err != nil {
				return err
			}
		}
		return nil
	}
	if t, ok := b.(backend.Timer); ok {
		d, err := t.TimeQueued(loop)
		return d / time.Duration(iters), err
	}
	t0 := time.Now()
	if err := loop(); err != nil {
		return 0, err
	}
	err := b.Sync()
	return time.Since(t0) / time.Duration(iters), err
}

// hostTime returns the wall-clock time per call of f in a tight loop,
// synchronised once at the end (the small_* workloads).
func (e *benchEnv) hostTime(iters int, f func() error) (time.Duration, error) {
	for range 200 {
		if err := f(); err != nil {
			return 0, err
		}
	}
	if err := e.dev.Backend().Sync(); err != nil {
		return 0, err
	}
	t0 := time.Now()
	for range iters {
		if err := f(); err != nil {
			return 0, err
		}
	}
	err := e.dev.Backend().Sync()
	return time.Since(t0) / time.Duration(iters), err
}

func gbs(bytes int, d time.Duration) float64 { return float64(bytes) / d.Seconds() / 1e9 }

// random returns n uniform float32 values in [0, 1) on the device.
func (e *benchEnv) random(seed uint64, shape ...int) *array.Array {
	n := 1
	for _, s := range shape {
		n *= s
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	host := make([]float32, n)
	for i := range host {
		host[i] = r.Float32()
	}
	return array.FromSliceOn(e.dev, host, shape...)
}

func benchCopy(e *benchEnv) (float64, error) {
	a, out := e.random(1, e.n), e.dev.Empty(array.Float32, e.n)
	defer a.Free()
	defer out.Free()
	d, err := e.deviceTime(50, func() error { return out.Set(a) })
	return gbs(2*4*e.n, d), err
}

func benchAdd(e *benchEnv) (float64, error) {
	a, b, out := e.random(1, e.n), e.random(2, e.n), e.dev.Empty(array.Float32, e.n)
	defer a.Free()
	defer b.Free()
	defer out.Free()
	d, err := e.deviceTime(50, func() error { return array.Add(a, b, out).Err() })
	return gbs(3*4*e.n, d), err
}

// benchAddAlloc makes a new result each call and frees it, as a loop that
// does not keep its results would.
func benchAddAlloc(e *benchEnv) (float64, error) {
	a, b := e.random(1, e.n), e.random(2, e.n)
	defer a.Free()
	defer b.Free()
	d, err := e.deviceTime(50, func() error {
		c := a.Add(b)
		defer c.Free()
		return c.Eval()
	})
	return gbs(3*4*e.n, d), err
}

// benchChain is x*2 + y*y - 1 as plain operators: four kernels and three
// temporaries, each freed when done.
func benchChain(e *benchEnv) (float64, error) {
	x, y := e.random(1, e.n), e.random(2, e.n)
	defer x.Free()
	defer y.Free()
	d, err := e.deviceTime(20, func() error {
		x2, yy := x.Mul(2), y.Mul(y)
		s := x2.Add(yy)
		r := s.Sub(1)
		for _, t := range []*array.Array{x2, yy, s} {
			t.Free()
		}
		defer r.Free()
		return r.Eval() // computed before it is freed, whether fused or not
	})
	return gbs(3*4*e.n, d), err
}

// benchFused is x*2 + y*y - 1 as one fused kernel into a preallocated
// result: three arrays of traffic, as benchAdd.
func benchFused(e *benchEnv) (float64, error) {
	x, y, out := e.random(1, e.n), e.random(2, e.n), e.dev.Empty(array.Float32, e.n)
	defer x.Free()
	defer y.Free()
	defer out.Free()
	a, b := array.Arg(0), array.Arg(1)
	f := array.Fuse(a.Mul(2).Add(b.Mul(b)).Sub(1))
	d, err := e.deviceTime(50, func() error { return f.Into(out, x, y).Err() })
	return gbs(3*4*e.n, d), err
}

// benchGemm returns the workload of square products of side 4096 (512 at
// the small size) in dt into a preallocated result: 2·n³ flops each.
func benchGemm(dt array.DType) func(e *benchEnv) (float64, error) {
	return func(e *benchEnv) (float64, error) {
		n := e.side / 2
		a32, b32 := e.random(1, n, n), e.random(2, n, n)
		a, b := a32.AsType(dt), b32.AsType(dt)
		a32.Free()
		b32.Free()
		out := e.dev.Empty(dt, n, n)
		defer a.Free()
		defer b.Free()
		defer out.Free()
		d, err := e.deviceTime(10, func() error { return array.Matmul(a, b, out).Err() })
		return 2 * float64(n) * float64(n) * float64(n) / d.Seconds() / 1e12, err
	}
}

func benchTranspose(e *benchEnv) (float64, error) {
	m := e.random(1, e.side, e.side)
	defer m.Free()
	d, err := e.deviceTime(20, func() error {
		t := m.T().Copy()
		defer t.Free()
		return t.Err()
	})
	return gbs(2*4*e.side*e.side, d), err
}

func benchSmallAdd(e *benchEnv) (float64, error) {
	a, b, out := e.random(1, 1024), e.random(2, 1024), e.dev.Empty(array.Float32, 1024)
	d, err := e.hostTime(20000, func() error { return array.Add(a, b, out).Err() })
	return float64(d.Nanoseconds()) / 1e3, err
}

func benchSmallAllocAdd(e *benchEnv) (float64, error) {
	a, b := e.random(1, 1024), e.random(2, 1024)
	d, err := e.hostTime(20000, func() error {
		c := a.Add(b)
		defer c.Free()
		return c.Eval()
	})
	return float64(d.Nanoseconds()) / 1e3, err
}

// benchReduceAll times a reduction of all e.n elements to one, a new
// 0-d result each call.
func benchReduceAll(reduce func(*array.Array, ...array.ReduceOption) *array.Array) func(*benchEnv) (float64, error) {
	return func(e *benchEnv) (float64, error) {
		a := e.random(1, e.n)
		defer a.Free()
		d, err := e.deviceTime(50, func() error {
			r := reduce(a)
			defer r.Free()
			return r.Err()
		})
		return gbs(4*e.n, d), err
	}
}

// benchSumAxis times the sum over one axis of a square float32 matrix.
func benchSumAxis(axis int) func(*benchEnv) (float64, error) {
	return func(e *benchEnv) (float64, error) {
		m := e.random(1, e.side, e.side)
		defer m.Free()
		d, err := e.deviceTime(20, func() error {
			r := m.Sum(array.Axis(axis))
			defer r.Free()
			return r.Err()
		})
		return gbs(4*e.side*e.side, d), err
	}
}

// benchSmallExpr is (a*2 + b).sum() on 1024 float32: three kernels and
// three results, each freed when done.
func benchSmallExpr(e *benchEnv) (float64, error) {
	a, b := e.random(1, 1024), e.random(2, 1024)
	d, err := e.hostTime(20000, func() error {
		a2 := a.Mul(2)
		s := a2.Add(b)
		r := s.Sum()
		a2.Free()
		s.Free()
		defer r.Free()
		return r.Err()
	})
	return float64(d.Nanoseconds()) / 1e3, err
}

// pinnedPair returns an array of n float32 on the device and a pinned host
// slice of the same size, and the function that releases both.
func (e *benchEnv) pinnedPair() (*array.Array, []float32, func(), error) {
	host, release, err := array.Pinned[float32](e.dev, e.n)
	if err != nil {
		return nil, nil, nil, err
	}
	for i := range host {
		host[i] = float32(i%1000) / 1000
	}
	d := e.dev.Empty(array.Float32, e.n)
	return d, host, func() { d.Free(); release() }, d.Err()
}

// benchH2D copies 256 MB (2^26 float32) from pinned host memory.
func benchH2D(e *benchEnv) (float64, error) {
	d, host, release, err := e.pinnedPair()
	if err != nil {
		return 0, err
	}
	defer release()
	t, err := e.deviceTime(10, func() error { return array.CopyFromSlice(d, host) })
	return gbs(4*e.n, t), err
}

// benchD2H copies 256 MB to pinned host memory.
func benchD2H(e *benchEnv) (float64, error) {
	d, host, release, err := e.pinnedPair()
	if err != nil {
		return 0, err
	}
	defer release()
	t, err := e.deviceTime(10, func() error { return array.CopyToSlice(host, d) })
	return gbs(4*e.n, t), err
}

// benchPeerCopy copies 256 MB (2^26 float32) from CUDA device 0 to
// device 1 with Array.To, a new result each call (reused from the memory
// pool). The copy queues on device 1 and the timer's events on device 0,
// so it is timed by the wall clock around the copies, with both devices
// synchronised before and after. Without a second CUDA device it is
// errNotHere.
func benchPeerCopy(e *benchEnv) (float64, error) {
	b0 := e.dev.Backend()
	if d := b0.Device(); d.Kind != "cuda" || d.Ordinal != 0 {
		return 0, errNotHere
	}
	b1, err := backend.Open("cuda", 1)
	if errors.Is(err, backend.ErrUnavailable) {
		return 0, errNotHere
	}
	if err != nil {
		return 0, err
	}
	a := e.random(1, e.n)
	defer a.Free()
	copyOnce := func() error {
		c := a.To(b1)
		defer c.Free()
		return c.Err()
	}
	syncBoth := func() error { return errors.Join(b0.Sync(), b1.Sync()) }
	for range 2 { // warm-up
		if err := copyOnce(); err != nil {
			return 0, err
		}
	}
	if err := syncBoth(); err != nil {
		return 0, err
	}
	const iters = 10
	t0 := time.Now()
	for range iters {
		if err := copyOnce(); err != nil {
			return 0, err
		}
	}
	if err := syncBoth(); err != nil {
		return 0, err
	}
	return gbs(4*e.n, time.Since(t0)/iters), nil
}

// compileDir is the kernel cache directory shared by compile_cold (which
// starts it empty) and compile_warm (which finds the kernel there).
var compileDir string

// benchCompileCold times, in a fresh process with an empty kernel cache,
// a new elementwise kernel from the request to its first launch done.
func benchCompileCold(e *benchEnv) (float64, error) {
	dir, err := os.MkdirTemp("", "cugo-compile-")
	if err != nil {
		return 0, err
	}
	compileDir = dir
	return e.compileChild(dir)
}

func benchCompileWarm(e *benchEnv) (float64, error) {
	if compileDir == "" {
		if _, err := benchCompileCold(e); err != nil {
			return 0, err
		}
	}
	defer os.RemoveAll(compileDir)
	return e.compileChild(compileDir)
}

func (e *benchEnv) compileChild(cacheDir string) (float64, error) {
	cmd := exec.Command(e.self, "compile-probe")
	cmd.Env = append(os.Environ(), "CUGO_CACHE_DIR="+cacheDir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("compile-probe: %v: %s%s", err, out, stderr.String())
	}
	fmt.Fprint(e.log, stderr.String())
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strconv.ParseFloat(lines[len(lines)-1], 64)
}

// runCompileProbe is the fresh process of compile_cold and compile_warm:
// with the device ready and an input on it, it times one elementwise
// kernel that no earlier step of this process compiled, and prints ms.
// On stderr it also times a second new kernel, which shows what of the
// first one's time was a one-time cost of the process.
func runCompileProbe(_ []string, stdout, stderr io.Writer) error {
	a := array.Ones(array.Float32, 1024)
	out := array.Empty(array.Float32, 1024)
	if err := a.Sync(); err != nil {
		return err
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1e3 }
	t0 := time.Now()
	if err := array.Mul(a, 3, out).Sync(); err != nil {
		return err
	}
	first := time.Since(t0)
	t1 := time.Now()
	if err := array.Sub(a, 3, out).Sync(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "compile-probe: first new kernel %.3f ms, second %.3f ms\n", ms(first), ms(time.Since(t1)))
	fmt.Fprintf(stdout, "%.3f\n", ms(first))
	return nil
}

// n16M is the element count of the workloads named 16M at full size
// (sorts, statistics, 1-D transforms): a quarter of e.n, 2^24 at full
// size and 2^18 at the small one, so that every count scales as e.n does.
func (e *benchEnv) n16M() int { return e.n / 4 }

// benchOrder times f, a sort or order statistic of uniform float32
// values, a new result each call.
func benchOrder(f func(*array.Array) *array.Array) func(*benchEnv) (float64, error) {
	return func(e *benchEnv) (float64, error) {
		a := e.random(1, e.n16M())
		defer a.Free()
		d, err := e.deviceTime(10, func() error {
			r := f(a)
			defer r.Free()
			return r.Err()
		})
		return float64(d.Nanoseconds()) / 1e3, err
	}
}

// benchUnique times the sorted unique values of int32 drawn from [0, 2^20).
func benchUnique(e *benchEnv) (float64, error) {
	u := e.random(3, e.n16M())
	a := u.Mul(1 << 20).AsType(array.Int32)
	u.Free()
	defer a.Free()
	d, err := e.deviceTime(10, func() error {
		r := array.UniqueValues(a)
		defer r.Free()
		return r.Err()
	})
	return float64(d.Nanoseconds()) / 1e3, err
}

// benchFFT times a transform of a new result each call, as CuPy's
// cp.fft.fft(x) makes one: 2^24 points in one axis (2^18 small), or
// 4096x4096 in two (512x512 small).
func benchFFT(transform func(*array.Array, ...fft.Option) *array.Array, dt array.DType, ndim int) func(e *benchEnv) (float64, error) {
	return func(e *benchEnv) (float64, error) {
		shape := []int{e.n16M()}
		if ndim == 2 {
			shape = []int{e.side / 2, e.side / 2}
		}
		x32 := e.random(1, shape...)
		x := x32.AsType(dt)
		x32.Free()
		defer x.Free()
		d, err := e.deviceTime(10, func() error {
			y := transform(x)
			defer y.Free()
			return y.Err()
		})
		return float64(d.Nanoseconds()) / 1e3, err
	}
}
