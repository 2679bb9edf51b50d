package gpu

import (
	"errors"
	"fmt"
	"github.com/cugo/cugo/internal/layout"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// FFTPlanner is implemented by Devices with an FFT library (cuFFT,
// hipFFT). Its plans run on the device's stream.
type FFTPlanner interface {
	// NewFFTPlan makes a plan for d without a work area of its own; a
	// missing library is an error wrapping backend.ErrUnavailable.
	NewFFTPlan(d FFTDesc) (FFTPlan, error)
}

// FFTPlan is a vendor plan for batched transforms of one layout.
type FFTPlan interface {
	// WorkSize is the size in bytes of the work area Exec needs.
	WorkSize() int
	// SetWorkArea gives the plan its work area.
	SetWorkArea(p Ptr) error
	// Exec queues the transforms from in to out; inverse is the direction
	// of C2C (a C2R transform may overwrite in).
	Exec(in, out Ptr, inverse bool) error
	Close() error
}

// FFTDesc describes a plan in the advanced layout cuFFT and hipFFT share:
// Batch transforms of Kind over lengths N[:Rank] (the real side's; the
// slowest axis first), element (b, i₀, i₁, i₂) of each side at
// b·Dist + ((i₀·Embed[1] + i₁)·Embed[2] + i₂)·Stride for rank 3, and the
// like for ranks 1 and 2. It is comparable: the plan cache's key.
type FFTDesc struct {
	Kind    backend.FFTKind
	Double  bool
	Rank    int
	N       [3]int
	In, Out FFTLayout
	Batch   int
}

// FFTLayout is one side of an FFTDesc.
type FFTLayout struct {
	Embed        [3]int
	Stride, Dist int
}

// fftState is the backend's plan cache; mu also serializes the plans'
// use, which the libraries do not make safe for concurrent calls.
type fftState struct {
	mu    sync.Mutex
	cache *planCache[FFTDesc, *cachedPlan]
}

// cachedPlan is a plan and the work area it owns.
type cachedPlan struct {
	plan FFTPlan
	work backend.Buffer
}

// defaultFFTPlans is CuPy's default plan cache size; there is no default
// limit on the bytes of work areas, as in CuPy.
const defaultFFTPlans = 16

// FFT computes f (see backend.FFTer) with the device's FFT library: one
// plan per layout, kept in the backend's plan cache. Operands whose
// strides the advanced layout describes (positive strides, each transform
// axis's a multiple of the next one's with room for its length) are used
// in place, batches running along one batch axis and a loop of launches
// over the others; any other operand goes through a contiguous temporary.
func (b *Backend) FFT(f backend.FFT, out, in backend.Operand) error {
	if err := b.fft(f, out, in); err != nil {
		return fmt.Errorf("%s: %w", b.kind, err)
	}
	return nil
}

func (b *Backend) fft(f backend.FFT, out, in backend.Operand) error {
	size := func(buf backend.Buffer) (int, error) {
		bb, err := b.live(buf)
		if err != nil {
			return 0, err
		}
		return bb.size, nil
	}
	if err := backend.CheckFFT(f, out, in, size); err != nil {
		return err
	}
	planner, ok := b.dev.(FFTPlanner)
	if !ok {
		return fmt.Errorf("FFT: %w: the %s device has no FFT library", backend.ErrUnavailable, b.kind)
	}
	if n, _ := layout.Size(f.Shape); n == 0 {
		return nil
	}
	outShape, inShape := f.Shapes()
	src, dst := in, out
	var temps []backend.Buffer
	defer func() {
		for _, t := range temps {
			b.Free(t)
		}
	}()
	temp := func(shape []int, dt dtype.DType) (backend.Operand, error) {
		n, _ := layout.Size(shape)
		buf, err := b.Alloc(n * dt.Size())
		if err != nil {
			return backend.Operand{}, err
		}
		temps = append(temps, buf)
		return backend.Operand{Buf: buf, DType: dt, Strides: layout.CStrides(shape)}, nil
	}
	run, ok := planFFT(f, dst, src)
	if !ok {
		// Copy the input to a contiguous temporary (an in-place transform
		// stays in place, on it), and transform into a contiguous
		// temporary too if the output's layout is what failed.
		var err error
		if src, err = temp(inShape, in.DType); err != nil {
			return err
		}
		if err := b.Elementwise(copyKernel(in.DType), inShape, []backend.Operand{src}, []backend.Operand{in}, nil); err != nil {
			return err
		}
		if sameOperand(in, out) {
			dst = src
		}
		if run, ok = planFFT(f, dst, src); !ok {
			if dst, err = temp(outShape, out.DType); err != nil {
				return err
			}
			run, _ = planFFT(f, dst, src) // contiguous operands always have a layout
		}
	}
	if err := b.execFFT(planner, run, dst, src, f.Inverse); err != nil {
		return err
	}
	if dst.Buf != out.Buf || dst.Offset != out.Offset {
		return b.Elementwise(copyKernel(out.DType), outShape, []backend.Operand{out}, []backend.Operand{dst}, nil)
	}
	return nil
}

// fftRun is a plan's description and the launches it takes: one per
// position of the outer batch axes, at these element offsets.
type fftRun struct {
	desc            FFTDesc
	inOffs, outOffs []int
}

// planFFT describes f from src to dst in the advanced layout, or reports
// that it cannot.
func planFFT(f backend.FFT, dst, src backend.Operand) (fftRun, bool) {
	nd, r := len(f.Shape), f.Rank
	outShape, inShape := f.Shapes()
	desc := FFTDesc{Kind: f.Kind, Double: !backend.FFTSingle(src.DType), Rank: r, Batch: 1}
	copy(desc.N[:], f.Shape[nd-r:])
	var ok1, ok2 bool
	desc.In, ok1 = fftLayout(inShape[nd-r:], src.Strides[nd-r:])
	desc.Out, ok2 = fftLayout(outShape[nd-r:], dst.Strides[nd-r:])
	if !ok1 || !ok2 {
		return fftRun{}, false
	}
	shape, strides := layout.Collapse(f.Shape[:nd-r], src.Strides[:nd-r], dst.Strides[:nd-r])
	run := fftRun{desc: desc}
	if k := len(shape) - 1; k >= 0 {
		run.desc.Batch, run.desc.In.Dist, run.desc.Out.Dist = shape[k], strides[0][k], strides[1][k]
		if strides[0][k] <= 0 || strides[1][k] <= 0 {
			return fftRun{}, false
		}
		shape, strides[0], strides[1] = shape[:k], strides[0][:k], strides[1][:k]
	}
	// The launches over the outer batch axes, in C order.
	n, _ := layout.Size(shape)
	run.inOffs, run.outOffs = make([]int, n), make([]int, n)
	for i := range n {
		io, oo := src.Offset, dst.Offset
		for d, rest := len(shape)-1, i; d >= 0; d-- {
			k := rest % shape[d]
			rest /= shape[d]
			io += k * strides[0][d]
			oo += k * strides[1][d]
		}
		run.inOffs[i], run.outOffs[i] = io, oo
		// cuFFT refuses a pointer not aligned to its complex element (16
		// bytes in double precision), a real side's included: such a view
		// goes through a copy.
		align := 8
		if desc.Double {
			align = 16
		}
		if io*src.DType.Size()%align != 0 || oo*dst.DType.Size()%align != 0 {
			return fftRun{}, false
		}
	}
	return run, true
}

// fftLayout is the advanced layout of strides over the transform lengths
// of one side: element (i₀, i₁, i₂) at ((i₀·E₁ + i₁)·E₂ + i₂)·Stride, so
// each stride must be a positive multiple of the next, by at least that
// axis's length. The batch distance is the whole span, for a batch of one.
func fftLayout(lengths, strides []int) (FFTLayout, bool) {
	r := len(lengths)
	l := FFTLayout{Stride: strides[r-1]}
	if l.Stride < 1 {
		return l, false
	}
	l.Embed[0] = lengths[0]
	for k := r - 1; k >= 1; k-- {
		if strides[k-1] <= 0 || strides[k-1]%strides[k] != 0 || strides[k-1]/strides[k] < lengths[k] {
			return l, false
		}
		l.Embed[k] = strides[k-1] / strides[k]
	}
	l.Dist = lengths[0] * strides[0]
	return l, true
}

func sameOperand(a, b backend.Operand) bool {
	if a.Buf != b.Buf || a.Offset != b.Offset || len(a.Strides) != len(b.Strides) {
		return false
	}
	for i := range a.Strides {
		if a.Strides[i] != b.Strides[i] {
			return false
		}
	}
	return true
}

// execFFT queues run's launches with the cached plan of its layout.
func (b *Backend) execFFT(planner FFTPlanner, run fftRun, dst, src backend.Operand, inverse bool) error {
	b.fftPlans.mu.Lock()
	defer b.fftPlans.mu.Unlock()
	p, err := b.plans().get(run.desc, func() (*cachedPlan, int, error) { return b.newPlan(planner, run.desc) })
	if err != nil {
		return err
	}
	inBase, outBase := src.Buf.(*buffer).ptr, dst.Buf.(*buffer).ptr
	inSize, outSize := Ptr(src.DType.Size()), Ptr(dst.DType.Size())
	for i := range run.inOffs {
		if err := p.plan.Exec(inBase+Ptr(run.inOffs[i])*inSize, outBase+Ptr(run.outOffs[i])*outSize, inverse); err != nil {
			return err
		}
	}
	return nil
}

// plans returns the plan cache, made on first use; b.fftPlans.mu is held.
func (b *Backend) plans() *planCache[FFTDesc, *cachedPlan] {
	if b.fftPlans.cache == nil {
		b.fftPlans.cache = newPlanCache[FFTDesc](defaultFFTPlans, 0, b.releasePlan)
	}
	return b.fftPlans.cache
}

// newPlan makes the plan of d with a work area from the backend's
// allocator; the cache counts the work area's bytes.
func (b *Backend) newPlan(planner FFTPlanner, d FFTDesc) (*cachedPlan, int, error) {
	p, err := planner.NewFFTPlan(d)
	if err != nil {
		return nil, 0, err
	}
	cp := &cachedPlan{plan: p}
	if n := p.WorkSize(); n > 0 {
		buf, err := b.Alloc(n)
		if err == nil {
			cp.work = buf
			err = p.SetWorkArea(buf.(*buffer).ptr)
		}
		if err != nil {
			return nil, 0, errors.Join(err, b.releasePlan(cp))
		}
	}
	return cp, p.WorkSize(), nil
}

// releasePlan destroys an evicted plan and frees its work area, after the
// transforms queued on them have run (eviction is rare; a plan destroyed
// under a queued transform would free its twiddle factors beneath it).
func (b *Backend) releasePlan(p *cachedPlan) error {
	err := b.dev.Sync()
	if p.work != nil {
		b.Free(p.work)
	}
	return errors.Join(err, p.plan.Close())
}

// FFTPlanCache describes the backend's plan cache (backend.FFTPlanCacher).
func (b *Backend) FFTPlanCache() backend.FFTPlanCacheInfo {
	b.fftPlans.mu.Lock()
	defer b.fftPlans.mu.Unlock()
	return b.plans().info()
}

// SetFFTPlanCacheLimits bounds the plan cache (backend.FFTPlanCacher).
func (b *Backend) SetFFTPlanCacheLimits(plans, bytes int) error {
	b.fftPlans.mu.Lock()
	defer b.fftPlans.mu.Unlock()
	return b.plans().setLimits(plans, bytes)
}

// ClearFFTPlanCache releases every plan (backend.FFTPlanCacher).
func (b *Backend) ClearFFTPlanCache() error {
	b.fftPlans.mu.Lock()
	defer b.fftPlans.mu.Unlock()
	return b.plans().clear()
}
