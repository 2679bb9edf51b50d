package array

import (
	"fmt"
	"runtime"
	"slices"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// FFTAxes computes the unnormalized discrete Fourier transform of kind
// over the given axes of a: the building block of package array/fft, which
// adds NumPy's n, s, norm and dtype rules. a's dtype is the transform's
// input type (complex64 or complex128; float32 or float64 for R2C), and its
// lengths along axes are the transform's, except that the last axis of a
// C2R transform holds n/2+1 values of its n (given as n; ignored by the
// other kinds). inverse selects the exp(+2πi·jk/n) direction of C2C.
//
// The result is a new C-contiguous array. A C2R transform may overwrite
// a (cuFFT's do): give it an array that no one reads afterwards.
func FFTAxes(a *Array, kind backend.FFTKind, inverse bool, axes []int, n int) *Array {
	const op = "FFT"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	ffter, ok := a.st.b.(backend.FFTer)
	if !ok {
		d := a.st.b.Device()
		return errorf(op, "the %s backend (%s) has no FFT", d.Kind, d.Name)
	}
	axes, err := distinctAxes(axes, len(a.shape))
	if err != nil {
		return failed(op, err)
	}
	if len(axes) == 0 {
		return errorf(op, "no axes to transform")
	}
	last := axes[len(axes)-1]
	outDT, outShape := a.dt, slices.Clone(a.shape)
	logical := a.shape // the real side's shape
	wantIn := "complex64 or complex128"
	switch kind {
	case backend.C2C:
		if a.dt.Kind() != dtype.ComplexKind {
			outDT = 0
		}
	case backend.R2C:
		outDT, wantIn = fftComplex(a.dt), "float32 or float64"
		outShape[last] = a.shape[last]/2 + 1
	case backend.C2R:
		outDT = fftReal(a.dt)
		if n < 1 || a.shape[last] != n/2+1 {
			return errorf(op, "a C2R transform to %d points takes %d values, not %d", n, n/2+1, a.shape[last])
		}
		outShape[last] = n
		logical = outShape
	}
	if outDT == 0 {
		return errorf(op, "%v transforms take %s, not %v", kind, wantIn, a.dt)
	}
	out, err := empty(a.st.b, outDT, outShape)
	if err != nil {
		return failed(op, err)
	}
	if shapeSize(outShape) == 0 || shapeSize(a.shape) == 0 {
		return out
	}
	// The backend transforms at most three axes at a time: the last group
	// carries the real side of R2C and C2R, the others are C2C passes in
	// place on the complex side (after R2C, before C2R).
	lastGroup := axes[max(0, len(axes)-3):]
	var groups [][]int
	for rest := axes[:len(axes)-len(lastGroup)]; len(rest) > 0; rest = rest[:max(0, len(rest)-3)] {
		groups = append(groups, rest[max(0, len(rest)-3):])
	}
	complexSide := out
	if kind == backend.C2R {
		complexSide = a
	}
	if kind == backend.C2R {
		for _, g := range groups {
			err = fftCall(ffter, backend.C2C, true, g, a.shape, a, a)
			if err != nil {
				break
			}
		}
	}
	if err == nil {
		err = fftCall(ffter, kind, inverse, lastGroup, logical, out, a)
	}
	if kind != backend.C2R {
		for _, g := range groups {
			if err != nil {
				break
			}
			err = fftCall(ffter, backend.C2C, inverse, g, complexSide.shape, out, out)
		}
	}
	runtime.KeepAlive(a)
	if err != nil {
		out.Free()
		return failed(op, err)
	}
	return out
}

// fftCall runs one backend transform over the axes of group, with the
// other axes of shape (the real side's) as its batch.
func fftCall(b backend.FFTer, kind backend.FFTKind, inverse bool, group, shape []int, out, in *Array) error {
	perm := make([]int, 0, len(shape))
	for ax := range shape {
		if !slices.Contains(group, ax) {
			perm = append(perm, ax)
		}
	}
	perm = append(perm, group...)
	permuted := func(s []int) []int {
		p := make([]int, len(perm))
		for i, ax := range perm {
			p[i] = s[ax]
		}
		return p
	}
	f := backend.FFT{Kind: kind, Inverse: inverse, Shape: permuted(shape), Rank: len(group)}
	if err := hold(out, in); err != nil {
		return err
	}
	defer release(out, in)
	return b.FFT(f,
		backend.Operand{Buf: out.st.buf, DType: out.dt, Offset: out.offset, Strides: permuted(out.strides)},
		backend.Operand{Buf: in.st.buf, DType: in.dt, Offset: in.offset, Strides: permuted(in.strides)})
}

// distinctAxes normalizes axes of an ndim-dimensional array, refusing a
// repeated one.
func distinctAxes(axes []int, ndim int) ([]int, error) {
	norm := make([]int, len(axes))
	for i, ax := range axes {
		a, err := NormalizeAxis(ax, ndim)
		if err != nil {
			return nil, err
		}
		if slices.Contains(norm[:i], a) {
			return nil, fmt.Errorf("repeated axis %d in %v", ax, axes)
		}
		norm[i] = a
	}
	return norm, nil
}

// fftComplex is the complex type of a real transform's input dtype (0 if
// there is none); fftReal is its converse.
func fftComplex(dt DType) DType {
	return map[DType]DType{dtype.Float32: dtype.Complex64, dtype.Float64: dtype.Complex128}[dt]
}

func fftReal(dt DType) DType {
	return map[DType]DType{dtype.Complex64: dtype.Float32, dtype.Complex128: dtype.Float64}[dt]
}
