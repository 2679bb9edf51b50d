package array

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/backend/cuda"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
)

// kernelRecorder is the CPU backend, noting the CUDA kernels (reduction
// and layout) that each of its reductions and scans would launch on a GPU.
type kernelRecorder struct {
	backend.Backend
	mu    sync.Mutex
	units map[string]cgen.ReductionUnit
}

func (k *kernelRecorder) note(r *ir.Reduction, ls ...cgen.ReduceLayout) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, l := range ls {
		k.units[r.Key()+"|"+l.String()] = cgen.ReductionUnit{R: r, Layout: l}
	}
}

func (k *kernelRecorder) Reduce(r *ir.Reduction, shape []int, nred int, out, in backend.Operand, scalars []ir.Value) error {
	for _, sms := range []int{132, 1} { // an H100, and a GPU on which every reduction splits
		for _, ls := range cuda.ReduceLayouts(r, shape, nred, out, in, sms) {
			k.note(r, ls...)
		}
	}
	return k.Backend.Reduce(r, shape, nred, out, in, scalars)
}

func (k *kernelRecorder) Scan(r *ir.Reduction, shape []int, out, in backend.Operand, scalars []ir.Value) error {
	k.note(r, cuda.ScanLayout(shape, out, in))
	return k.Backend.Scan(r, shape, out, in, scalars)
}

// TestReductionKernelsCompile compiles, with NVRTC to compute_80 PTX (no
// GPU needed), every CUDA kernel that the reduction tests would launch:
// it runs them on the CPU, noting the kernels the CUDA backend would
// choose for each call.
func TestReductionKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	rec := &kernelRecorder{Backend: cpu.New(0), units: map[string]cgen.ReductionUnit{}}
	d := On(rec)
	cases, inputs := reduceCases(t)
	checkReductions(t, d, cases, inputs)
	checkReduceOptions(t, d)
	checkReduceSmallValues(t, d)
	rec.compileCUDA(t)
}

// compileCUDA compiles with NVRTC every kernel the recorder noted.
func (rec *kernelRecorder) compileCUDA(t *testing.T) {
	t.Helper()
	keys := make([]string, 0, len(rec.units))
	for k := range rec.units {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	const batch = 24 // kernels per translation unit
	var srcs []kerneltest.Source
	t0 := time.Now()
	for start := 0; start < len(keys); start += batch {
		var units []cgen.ReductionUnit
		var names []string
		for _, k := range keys[start:min(start+batch, len(keys))] {
			units = append(units, rec.units[k])
			names = append(names, fmt.Sprintf("%s (%v)", rec.units[k].R.Key(), rec.units[k].Layout))
		}
		rendered, err := cgen.RenderReductions(units, cgen.CUDA)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, kerneltest.Source{Name: "kernels " + strings.Join(names, "\n  "), Code: rendered[0].Code})
	}
	kerneltest.CompileAll(t, srcs, kerneltest.CompileCUDA)
	t.Logf("%d reduction kernels compiled in %v", len(keys), time.Since(t0))
}
