package gpu

import (
	"sort"
	"testing"
	"time"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/cugo/cugo/internal/layout"
)

// flavour is one vendor's compiler, as the CPU-only tests run it: NVRTC
// to compute_80 PTX (Debian's NVRTC knows no newer target), hiprtc for
// gfx90a (CDNA: wavefronts of 64 lanes). HIP 5's hiprtc compiles one
// program at a time, so the kernels go in few modules.
type flavour struct {
	stack   string
	vendor  cgen.Vendor
	warp    int
	need    func(testing.TB)
	compile func(code string) error
}

var flavours = []flavour{
	{"cuda", cgen.CUDA, 32, kerneltest.NeedNVRTC, kerneltest.CompileCUDA},
	{"hip", cgen.HIP, 64, kerneltest.NeedHIPRTC, kerneltest.CompileHIP},
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
			fl.need(t)
			t0 := time.Now()
			units := plannedReductions(fl.warp)
			var modules []kerneltest.Source
			const batch = 32 // kernels per module
			for start := 0; start < len(units); start += batch {
				srcs, err := cgen.RenderReductions(units[start:min(start+batch, len(units))], fl.vendor)
				if err != nil {
					t.Fatal(err)
				}
				modules = append(modules, kerneltest.Source{Name: kerneltest.FirstLines(srcs[0].Code, 3), Code: srcs[0].Code})
			}
			for dt := range intCTypes {
				src, _ := intKernel(dt)
				modules = append(modules, kerneltest.Source{Name: "integer matmul " + dt.String(), Code: src})
			}
			kerneltest.CompileAll(t, modules, fl.compile)
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
		out := backend.Operand{Strides: layout.ContiguousStrides(geo.shape[:nk])}
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
				note(cgen.ReductionUnit{R: r, Layout: ScanLayout(geo.shape, backend.Operand{Strides: layout.ContiguousStrides(geo.shape)}, in, warp)})
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
