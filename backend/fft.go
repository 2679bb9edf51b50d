package backend

import (
	"fmt"
	"github.com/cugo/cugo/internal/layout"

	"github.com/cugo/cugo/dtype"
)

// FFTKind says what a discrete Fourier transform maps: complex to
// complex, real to complex (a forward transform keeping the n/2+1
// non-negative frequencies) or complex to real (its inverse).
type FFTKind uint8

const (
	C2C FFTKind = iota
	R2C
	C2R
)

func (k FFTKind) String() string {
	switch k {
	case C2C:
		return "C2C"
	case R2C:
		return "R2C"
	case C2R:
		return "C2R"
	}
	return fmt.Sprintf("FFTKind(%d)", uint8(k))
}

// FFT describes a batch of unnormalized transforms over the last Rank
// axes of Shape, one for each position of the leading axes. Shape is the
// logical shape: the real side's for R2C and C2R, whose complex side has
// Shape[last]/2+1 elements along the last axis (ComplexShape).
type FFT struct {
	Kind    FFTKind
	Inverse bool // C2C only: the exp(+2πi·jk/n) direction (C2R always is, R2C never)
	Shape   []int
	Rank    int // 1, 2 or 3
}

// ComplexShape is the shape of the complex side of f.
func (f FFT) ComplexShape() []int {
	s := append([]int(nil), f.Shape...)
	if f.Kind != C2C && len(s) > 0 {
		s[len(s)-1] = s[len(s)-1]/2 + 1
	}
	return s
}

// Shapes returns the shapes of f's output and input.
func (f FFT) Shapes() (out, in []int) {
	switch f.Kind {
	case R2C:
		return f.ComplexShape(), f.Shape
	case C2R:
		return f.Shape, f.ComplexShape()
	}
	return f.Shape, f.Shape
}

// FFTer is implemented by backends that compute discrete Fourier
// transforms. Scaling (NumPy's norm) is the caller's.
type FFTer interface {
	// FFT computes f of in into out. The complex side is complex64 or
	// complex128 and the real side float32 or float64 of the same
	// precision; each operand's strides cover its shape (see FFT.Shapes).
	// out may be in itself (same offset and strides) for C2C but must not
	// otherwise overlap it. A C2R transform may overwrite in, as
	// cuFFT's do.
	FFT(f FFT, out, in Operand) error
}

// CheckFFT validates the arguments of FFTer.FFT that every backend checks
// alike: the kind, rank and shape, the operands' dtypes and strides, and
// every element inside its buffer. size returns a buffer's length in
// bytes, or an error if it is not a live buffer of the backend.
func CheckFFT(f FFT, out, in Operand, size func(Buffer) (int, error)) error {
	if f.Rank < 1 || f.Rank > 3 || f.Rank > len(f.Shape) {
		return fmt.Errorf("FFT: rank %d over %d axes (1 to 3 axes are transformed)", f.Rank, len(f.Shape))
	}
	for _, d := range f.Shape[len(f.Shape)-f.Rank:] {
		if d < 1 {
			return fmt.Errorf("FFT: transform shape %v has a length below 1", f.Shape[len(f.Shape)-f.Rank:])
		}
	}
	if f.Inverse && f.Kind != C2C {
		return fmt.Errorf("FFT: %v has a fixed direction; Inverse is for C2C", f.Kind)
	}
	cplx, real := dtype.Complex128, dtype.Float64
	if FFTSingle(in.DType) || FFTSingle(out.DType) {
		cplx, real = dtype.Complex64, dtype.Float32
	}
	wantOut, wantIn := cplx, cplx
	switch f.Kind {
	case R2C:
		wantIn = real
	case C2R:
		wantOut = real
	case C2C:
	default:
		return fmt.Errorf("FFT: unknown kind %v", f.Kind)
	}
	if out.DType != wantOut || in.DType != wantIn {
		return fmt.Errorf("FFT: %v takes %v to %v, not %v to %v", f.Kind, wantIn, wantOut, in.DType, out.DType)
	}
	outShape, inShape := f.Shapes()
	if len(out.Strides) != len(outShape) || len(in.Strides) != len(inShape) {
		return fmt.Errorf("FFT: strides %v and %v for %d axes", out.Strides, in.Strides, len(f.Shape))
	}
	if _, err := layout.Size(f.Shape); err != nil {
		return fmt.Errorf("FFT: %w", err)
	}
	for _, op := range []struct {
		name  string
		o     Operand
		shape []int
	}{{"out", out, outShape}, {"in", in, inShape}} {
		n, err := size(op.o.Buf)
		if err == nil {
			err = inBuffer(op.o, op.shape, n)
		}
		if err != nil {
			return fmt.Errorf("FFT: operand %s: %w", op.name, err)
		}
	}
	return nil
}

// inBuffer checks that every element of o over shape lies inside a buffer
// of size bytes.
func inBuffer(o Operand, shape []int, size int) error {
	lo, hi := o.Offset, o.Offset
	for i, d := range shape {
		if d == 0 {
			return nil
		}
		if s := (d - 1) * o.Strides[i]; s < 0 {
			lo += s
		} else {
			hi += s
		}
	}
	if lo < 0 || hi >= size/o.DType.Size() {
		return fmt.Errorf("shape %v, strides %v at offset %d reach elements [%d, %d] of a buffer of %d",
			shape, o.Strides, o.Offset, lo, hi, size/o.DType.Size())
	}
	return nil
}

// FFTSingle reports whether dt is a single-precision type of a transform.
func FFTSingle(dt dtype.DType) bool { return dt == dtype.Complex64 || dt == dtype.Float32 }

// FFTPlanCacher is implemented by backends that keep FFT plans between
// calls (the GPU backends: a plan costs far more to make than to run).
// Each backend is one device and stream, so each has its own cache.
type FFTPlanCacher interface {
	// FFTPlanCache describes the cache.
	FFTPlanCache() FFTPlanCacheInfo
	// SetFFTPlanCacheLimits bounds the cache to plans plans (at least 1)
	// and bytes bytes of their work areas (0: no limit), releasing the
	// least recently used plans beyond them.
	SetFFTPlanCacheLimits(plans, bytes int) error
	// ClearFFTPlanCache releases every plan.
	ClearFFTPlanCache() error
}

// FFTPlanCacheInfo is the state of a backend's FFT plan cache.
type FFTPlanCacheInfo struct {
	Plans, MaxPlans int   // plans kept, and the limit
	Bytes, MaxBytes int   // bytes of their work areas, and the limit (0: none)
	Hits, Misses    int64 // calls that found their plan, and that made one
}
