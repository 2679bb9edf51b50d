package gpu

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/hiprtc"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/nvrtc"
)

// flavour is one vendor's compiler, as the CPU-only tests run it: NVRTC
// to compute_80 PTX (Debian's NVRTC knows no newer target), hiprtc for
// gfx90a (CDNA: wavefronts of 64 lanes). HIP 5's hiprtc compiles one
// program at a time, so the kernels go in few modules.
type flavour struct {
	stack   string
	vendor  cgen.Vendor
	warp    int
	version func() (int, int, error)
	compile func(code string) error
}

var flavours = []flavour{
	{"cuda", cgen.CUDA, 32, nvrtc.Version, func(code string) error {
		_, err := nvrtc.Compile(code, nvrtc.Options{Target: 80, Options: []string{"-fmad=false"}})
		return err
	}},
	{"hip", cgen.HIP, 64, hiprtc.Version, func(code string) error {
		_, err := hiprtc.Compile(code, hiprtc.Options{Target: "gfx90a", Options: []string{"-ffp-contract=off"}})
		return err
	}},
}

// TestKernelsCompile compiles, in each vendor's flavour, the kernels of
// this package's own choosing: the reduction and scan passes that the
// planner picks for the oracle's geometries and reductions (on a GPU of
// 132 multiprocessors, and of one, on which every reduction splits), and
// the integer matmul of every dtype. The other kinds are cgen's alone and
// its tests compile them for both vendors: every elementwise op over
// every layout (contiguous, broadcast, strided, tiled; 32- and 64-bit
// indices), gather and scatter of every element size, the compaction.
func TestKernelsCompile(t *testing.T) {
	for _, fl := range flavours {
		t.Run(fl.stack, func(t *testing.T) {
			_, _, err := fl.version()
			gputest.Need(t, fl.stack, err)
			t0 := time.Now()
			units := plannedReductions(fl.warp)
			var modules []string
			const batch = 32 // kernels per module
			for start := 0; start < len(units); start += batch {
				srcs, err := cgen.RenderReductions(units[start:min(start+batch, len(units))], fl.vendor)
				if err != nil {
					t.Fatal(err)
				}
				modules = append(modules, srcs[0].Code)
			}
			for dt := range intCTypes {
				src, _ := intKernel(dt)
				modules = append(modules, src)
			}
			compileAll(t, modules, fl.compile)
			t.Logf("%d reduction kernels and %d integer matmuls compiled in %v", len(units), len(intCTypes), time.Since(t0))
		})
	}
}

// plannedReductions is every reduction kernel the planner picks for the
// oracle's geometries and reductions on GPUs with warps of warp lanes.
func plannedReductions(warp int) []cgen.ReductionUnit {
	seen := map[string]cgen.ReductionUnit{}
	note := func(u cgen.ReductionUnit) { seen[u.R.Key()+"|"+u.Layout.String()] = u }
	for _, geo := range reduceGeometries() {
		nk := len(geo.shape) - geo.nred
		out := backend.Operand{Strides: cStrides(geo.shape[:nk])}
		in := backend.Operand{Offset: geo.offset, Strides: geo.strides}
		for _, r := range reductionsUnderTest() {
			for _, sms := range []int{132, 1} {
				for _, ls := range ReduceLayouts(r, geo.shape, geo.nred, out, in, sms, warp) {
					for _, l := range ls {
						note(cgen.ReductionUnit{R: r, Layout: l})
					}
				}
			}
			if r.ScanValidate() == nil && len(geo.shape) > 0 {
				note(cgen.ReductionUnit{R: r, Layout: ScanLayout(geo.shape, backend.Operand{Strides: cStrides(geo.shape)}, in, warp)})
			}
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	units := make([]cgen.ReductionUnit, len(keys))
	for i, k := range keys {
		units[i] = seen[k]
	}
	return units
}

// compileAll compiles the modules in parallel and reports each failure
// with the start of its module.
func compileAll(t *testing.T, modules []string, compile func(string) error) {
	t.Helper()
	var (
		wg   sync.WaitGroup
		sem  = make(chan struct{}, runtime.GOMAXPROCS(0))
		mu   sync.Mutex
		errs []string
	)
	for i, code := range modules {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := compile(code); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Sprintf("module %d (%s...):\n%v", i, firstLines(code, 3), err))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for _, e := range errs {
		t.Error(e)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], " ")
}
