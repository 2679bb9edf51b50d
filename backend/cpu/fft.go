package cpu

import (
	"fmt"
	"github.com/cugo/cugo/internal/layout"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// FFT computes a batch of transforms (see backend.FFTer) one axis at a
// time, as NumPy does: each pass gathers a line into a contiguous float64
// or complex128 buffer, transforms it (linePlan) and stores it, lines
// split among the backend's goroutines. Single precision is computed in
// double and rounded once on the store.
func (b *Backend) FFT(f backend.FFT, out, in backend.Operand) error {
	mems := taken{}
	if err := backend.CheckFFT(f, out, in, mems.size); err != nil {
		return fmt.Errorf("cpu: %w", err)
	}
	if n, _ := layout.Size(f.Shape); n == 0 {
		return nil
	}
	dst := fftSide{mems[out.Buf], out.DType, out.Offset, out.Strides}
	src := fftSide{mems[in.Buf], in.DType, in.Offset, in.Strides}
	last, first := len(f.Shape)-1, len(f.Shape)-f.Rank
	cshape := f.ComplexShape()
	switch f.Kind {
	case backend.C2C:
		b.pass(backend.C2C, f.Inverse, f.Shape, last, dst, src)
		for ax := last - 1; ax >= first; ax-- {
			b.pass(backend.C2C, f.Inverse, f.Shape, ax, dst, dst)
		}
	case backend.R2C:
		b.pass(backend.R2C, false, f.Shape, last, dst, src)
		for ax := last - 1; ax >= first; ax-- {
			b.pass(backend.C2C, false, cshape, ax, dst, dst)
		}
	case backend.C2R:
		for ax := first; ax < last; ax++ {
			b.pass(backend.C2C, true, cshape, ax, src, src)
		}
		b.pass(backend.C2R, true, f.Shape, last, dst, src)
	}
	return nil
}

// fftSide is one operand of a pass.
type fftSide struct {
	mem     []byte
	dt      dtype.DType
	off     int
	strides []int
}

// minFFTPerWorker is about the work (elements times passes) worth a goroutine.
const minFFTPerWorker = 1 << 15

// pass transforms every line along axis ax of shape (the real side's shape
// for R2C and C2R) from src into dst, which may be the same operand.
func (b *Backend) pass(kind backend.FFTKind, inverse bool, shape []int, ax int, dst, src fftSide) {
	n := shape[ax]
	lines := 1
	for i, d := range shape {
		if i != ax {
			lines *= d
		}
	}
	workers := max(1, min(b.workers, lines, lines*n/minFFTPerWorker))
	per := (lines + workers - 1) / workers
	run := func(lo, hi int) {
		p := getLinePlan(kind, inverse, n)
		defer putLinePlan(p)
		for line := lo; line < hi; line++ {
			so, do := src.off, dst.off
			for i, rest := len(shape)-1, line; i >= 0; i-- {
				if i == ax {
					continue
				}
				k := rest % shape[i]
				rest /= shape[i]
				so += k * src.strides[i]
				do += k * dst.strides[i]
			}
			p.transform(dst, do, dst.strides[ax], src, so, src.strides[ax])
		}
	}
	if workers == 1 {
		run(0, lines)
		return
	}
	var wg sync.WaitGroup
	for lo := 0; lo < lines; lo += per {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(lo, min(lo+per, lines))
		}()
	}
	wg.Wait()
}

// transform loads one line of src, transforms it and stores it into dst.
func (p *linePlan) transform(dst fftSide, do, ds int, src fftSide, so, ss int) {
	switch p.kind {
	case backend.C2C:
		loadComplex(p.c, src, so, ss)
		if p.inverse {
			p.cplx.inverse(p.c)
		} else {
			p.cplx.forward(p.c)
		}
		storeComplex(dst, do, ds, p.c)
	case backend.R2C:
		loadReal(p.r, src, so, ss)
		p.real.forward(p.c, p.r)
		storeComplex(dst, do, ds, p.c)
	case backend.C2R:
		loadComplex(p.c, src, so, ss)
		p.real.inverse(p.r, p.c)
		storeReal(dst, do, ds, p.r)
	}
}

func loadComplex(dst []complex128, s fftSide, off, stride int) {
	if s.dt == dtype.Complex64 {
		gatherComplex(dst, view[complex64](s.mem), off, stride)
	} else {
		gatherComplex(dst, view[complex128](s.mem), off, stride)
	}
}

func storeComplex(d fftSide, off, stride int, src []complex128) {
	if d.dt == dtype.Complex64 {
		scatterComplex(view[complex64](d.mem), off, stride, src)
	} else {
		scatterComplex(view[complex128](d.mem), off, stride, src)
	}
}

func loadReal(dst []float64, s fftSide, off, stride int) {
	if s.dt == dtype.Float32 {
		gatherReal(dst, view[float32](s.mem), off, stride)
	} else {
		gatherReal(dst, view[float64](s.mem), off, stride)
	}
}

func storeReal(d fftSide, off, stride int, src []float64) {
	if d.dt == dtype.Float32 {
		scatterReal(view[float32](d.mem), off, stride, src)
	} else {
		scatterReal(view[float64](d.mem), off, stride, src)
	}
}

// gatherComplex and gatherReal widen a strided line of src into dst;
// scatterComplex and scatterReal narrow src into a strided line of dst.
func gatherComplex[S complex64 | complex128](dst []complex128, src []S, off, stride int) {
	for i := range dst {
		dst[i] = complex128(src[off+i*stride])
	}
}

func gatherReal[S float32 | float64](dst []float64, src []S, off, stride int) {
	for i := range dst {
		dst[i] = float64(src[off+i*stride])
	}
}

func scatterComplex[D complex64 | complex128](dst []D, off, stride int, src []complex128) {
	for i, v := range src {
		dst[off+i*stride] = D(v)
	}
}

func scatterReal[D float32 | float64](dst []D, off, stride int, src []float64) {
	for i, v := range src {
		dst[off+i*stride] = D(v)
	}
}
