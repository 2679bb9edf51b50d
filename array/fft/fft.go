// Package fft is numpy.fft for cugo arrays: discrete Fourier transforms on
// the array's backend (cuFFT or hipFFT on a GPU, Go on the CPU) with
// NumPy's arguments, defaults and results.
//
// Each NumPy keyword is an option: np.fft.fft(a, n=8, axis=0,
// norm="ortho") is fft.FFT(a, fft.N(8), fft.Axis(0), fft.Norm(fft.Ortho)),
// and np.fft.fftn(a, s=(4, 4), axes=(0, 1)) is fft.FFTN(a, fft.S(4, 4),
// fft.Axes(0, 1)). The one-axis functions take N and Axis, the n-axis ones
// S and Axes. Errors are sticky, as in package array.
//
// Dtypes follow NumPy 2: complex64 and float32 (and float16, bfloat16)
// transform in single precision to complex64 (float32 for the inverse
// real transforms); every other dtype, integers and bool included, in
// double precision to complex128 (float64). Unlike NumPy, an axis given
// twice is an error rather than a transform applied twice.
package fft

import (
	"fmt"
	"math"
	"slices"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
)

// The normalizations of Norm: which direction is scaled by 1/n (ortho
// scales both by 1/√n).
const (
	Backward = "backward" // NumPy's default: the inverse divides by n
	Ortho    = "ortho"
	Forward  = "forward"
)

// Option is one of NumPy's keyword arguments.
type Option func(*config)

type config struct {
	n, axis       int
	s, axes       []int
	hasN, hasAxis bool
	hasS, hasAxes bool
	norm          string
}

// N sets the length of a one-axis transform's input (NumPy's n): the input
// is cut or padded with zeros to n along the axis.
func N(n int) Option { return func(c *config) { c.n, c.hasN = n, true } }

// Axis sets the axis of a one-axis transform (the last by default).
func Axis(axis int) Option { return func(c *config) { c.axis, c.hasAxis = axis, true } }

// S sets the lengths of an n-axis transform's input along its axes
// (NumPy's s); -1 keeps an axis's length, for the last axis of an inverse
// real transform too (its output is then as long as its input, as in
// NumPy 2, rather than the default 2(m-1)).
func S(s ...int) Option { return func(c *config) { c.s, c.hasS = slices.Clone(s), true } }

// Axes sets the axes of an n-axis transform: by default the last two for
// the 2-D functions (so S must give two lengths), else the last len(S)
// axes, or every axis.
func Axes(axes ...int) Option {
	return func(c *config) { c.axes, c.hasAxes = slices.Clone(axes), true }
}

// Norm sets the normalization: Backward (the default), Ortho or Forward.
func Norm(norm string) Option { return func(c *config) { c.norm = norm } }

// transform is what one NumPy function does: its kind, its direction, and
// how many axes it takes by default (0: every axis).
type transform struct {
	name    string
	kind    backend.FFTKind
	inverse bool
	oneAxis bool
	axes    int
	hermite bool // hfft, ihfft: real transforms of the conjugate (hfft) or conjugated (ihfft)
}

var (
	fft1   = &transform{name: "FFT", kind: backend.C2C, oneAxis: true}
	ifft1  = &transform{name: "IFFT", kind: backend.C2C, inverse: true, oneAxis: true}
	rfft1  = &transform{name: "RFFT", kind: backend.R2C, oneAxis: true}
	irfft1 = &transform{name: "IRFFT", kind: backend.C2R, inverse: true, oneAxis: true}
	hfft1  = &transform{name: "HFFT", kind: backend.C2R, oneAxis: true, hermite: true}
	ihfft1 = &transform{name: "IHFFT", kind: backend.R2C, inverse: true, oneAxis: true, hermite: true}
	fft2   = &transform{name: "FFT2", kind: backend.C2C, axes: 2}
	ifft2  = &transform{name: "IFFT2", kind: backend.C2C, inverse: true, axes: 2}
	rfft2  = &transform{name: "RFFT2", kind: backend.R2C, axes: 2}
	irfft2 = &transform{name: "IRFFT2", kind: backend.C2R, inverse: true, axes: 2}
	fftn   = &transform{name: "FFTN", kind: backend.C2C}
	ifftn  = &transform{name: "IFFTN", kind: backend.C2C, inverse: true}
	rfftn  = &transform{name: "RFFTN", kind: backend.R2C}
	irfftn = &transform{name: "IRFFTN", kind: backend.C2R, inverse: true}
)

// FFT is the discrete Fourier transform along one axis (np.fft.fft).
func FFT(a *array.Array, opts ...Option) *array.Array { return fft1.call(a, opts) }

// IFFT is the inverse of FFT (np.fft.ifft).
func IFFT(a *array.Array, opts ...Option) *array.Array { return ifft1.call(a, opts) }

// RFFT is the transform of real input along one axis, keeping the n/2+1
// non-negative frequencies (np.fft.rfft). Complex input is an error.
func RFFT(a *array.Array, opts ...Option) *array.Array { return rfft1.call(a, opts) }

// IRFFT is the inverse of RFFT: n real values (2·(m-1) by default, for m
// input values) from the non-negative frequencies of a Hermitian spectrum
// (np.fft.irfft).
func IRFFT(a *array.Array, opts ...Option) *array.Array { return irfft1.call(a, opts) }

// HFFT is the transform of a Hermitian-symmetric signal given by its first
// half, a real spectrum of n values (np.fft.hfft).
func HFFT(a *array.Array, opts ...Option) *array.Array { return hfft1.call(a, opts) }

// IHFFT is the inverse of HFFT (np.fft.ihfft). Complex input is an error.
func IHFFT(a *array.Array, opts ...Option) *array.Array { return ihfft1.call(a, opts) }

// FFT2 is FFTN over the last two axes by default (np.fft.fft2).
func FFT2(a *array.Array, opts ...Option) *array.Array { return fft2.call(a, opts) }

// IFFT2 is IFFTN over the last two axes by default (np.fft.ifft2).
func IFFT2(a *array.Array, opts ...Option) *array.Array { return ifft2.call(a, opts) }

// RFFT2 is RFFTN over the last two axes by default (np.fft.rfft2).
func RFFT2(a *array.Array, opts ...Option) *array.Array { return rfft2.call(a, opts) }

// IRFFT2 is IRFFTN over the last two axes by default (np.fft.irfft2).
func IRFFT2(a *array.Array, opts ...Option) *array.Array { return irfft2.call(a, opts) }

// FFTN is the n-dimensional transform over Axes (every axis by default)
// (np.fft.fftn).
func FFTN(a *array.Array, opts ...Option) *array.Array { return fftn.call(a, opts) }

// IFFTN is the inverse of FFTN (np.fft.ifftn).
func IFFTN(a *array.Array, opts ...Option) *array.Array { return ifftn.call(a, opts) }

// RFFTN is the n-dimensional transform of real input, the last axis
// keeping its n/2+1 non-negative frequencies (np.fft.rfftn).
func RFFTN(a *array.Array, opts ...Option) *array.Array { return rfftn.call(a, opts) }

// IRFFTN is the inverse of RFFTN; the last axis's output length is
// 2·(m-1) by default (np.fft.irfftn).
func IRFFTN(a *array.Array, opts ...Option) *array.Array { return irfftn.call(a, opts) }

func (t *transform) call(a *array.Array, opts []Option) *array.Array {
	res, err := t.run(a, opts)
	if err != nil {
		return array.Failed(err)
	}
	return res
}

// errorf is an error of t's arguments; errors of the array operations it
// calls name those operations instead.
func (t *transform) errorf(format string, args ...any) error {
	return fmt.Errorf("fft."+t.name+": "+format, args...)
}

func (t *transform) run(a *array.Array, opts []Option) (*array.Array, error) {
	if err := a.Err(); err != nil {
		return nil, err
	}
	var c config
	for _, o := range opts {
		o(&c)
	}
	s, axes, err := t.lengths(a.Shape(), &c)
	if err != nil {
		return nil, err
	}
	scale, err := t.scale(c.norm, s)
	if err != nil {
		return nil, err
	}
	in, fresh, err := t.input(a, s, axes)
	if err != nil {
		return nil, err
	}
	res := array.FFTAxes(in, t.kind, t.inverse && t.kind == backend.C2C, axes, s[len(s)-1])
	if fresh {
		in.Free()
	}
	if t.hermite && t.kind == backend.R2C {
		res = array.Conj(res, res)
	}
	if scale != 1 {
		res = res.Mul(scale, res)
	}
	return res, res.Err()
}

// lengths resolves the options into the transform's lengths and axes (in
// range) as NumPy's _cook_nd_args does; for an inverse real transform, s
// ends with the output's length.
func (t *transform) lengths(shape []int, c *config) (s, axes []int, err error) {
	if t.oneAxis {
		if c.hasS || c.hasAxes {
			return nil, nil, t.errorf("the one-axis transforms take N and Axis, not S and Axes")
		}
		axes, s = []int{-1}, []int{-1}
		if c.hasAxis {
			axes[0] = c.axis
		}
		if c.hasN {
			s[0] = max(c.n, 0) // -1 is not "keep" here
		}
	} else {
		if c.hasN || c.hasAxis {
			return nil, nil, t.errorf("the n-axis transforms take S and Axes, not N and Axis")
		}
		switch {
		case c.hasAxes:
			axes = slices.Clone(c.axes)
		case t.axes == 2: // NumPy's default axes=(-2, -1), which S must match
			axes = []int{-2, -1}
		case c.hasS:
			for i := range c.s {
				axes = append(axes, i-len(c.s))
			}
		default:
			for i := range shape {
				axes = append(axes, i)
			}
		}
		s = slices.Repeat([]int{-1}, len(axes))
		if c.hasS {
			s = slices.Clone(c.s)
		}
		if len(s) != len(axes) {
			return nil, nil, t.errorf("shape %v and axes %v have different lengths", s, axes)
		}
	}
	if len(axes) == 0 {
		return nil, nil, t.errorf("no axes to transform")
	}
	for i, ax := range axes {
		if axes[i], err = array.NormalizeAxis(ax, len(shape)); err != nil {
			return nil, nil, t.errorf("%v", err)
		}
		if slices.Contains(axes[:i], axes[i]) {
			return nil, nil, t.errorf("repeated axis %d", ax)
		}
	}
	for i, ax := range axes {
		if s[i] == -1 {
			s[i] = shape[ax]
			// NumPy's default output length of an inverse real
			// transform, which an S of -1 does not ask for
			if t.kind == backend.C2R && i == len(s)-1 && !c.hasS {
				s[i] = 2 * (shape[ax] - 1)
			}
		}
		if s[i] < 1 {
			return nil, nil, t.errorf("invalid number of FFT data points (%d) along axis %d", max(s[i], 0), ax)
		}
	}
	return s, axes, nil
}

// scale is the factor of NumPy's norm for a transform over s: backward
// divides the inverse by the number of points, forward the forward one,
// ortho both by its square root. hfft counts as a forward transform and
// ihfft as an inverse, as their norms are swapped.
func (t *transform) scale(norm string, s []int) (float64, error) {
	points := 1.0
	for _, n := range s {
		points *= float64(n)
	}
	switch norm {
	case "", Backward:
		if t.inverse {
			return 1 / points, nil
		}
	case Ortho:
		return 1 / math.Sqrt(points), nil
	case Forward:
		if !t.inverse {
			return 1 / points, nil
		}
	default:
		return 0, t.errorf("invalid norm %q: use %q, %q or %q", norm, Backward, Ortho, Forward)
	}
	return 1, nil
}

// input converts a to the transform's input dtype (conjugated for hfft)
// and cuts or pads it to the lengths s along axes (n/2+1 complex values on
// the last axis of an inverse real transform). fresh says whether the
// result is a new array, which it must be for a C2R transform (which may
// overwrite its input); otherwise it may be a or a view of a.
func (t *transform) input(a *array.Array, s, axes []int) (x *array.Array, fresh bool, err error) {
	dt, err := inputType(a.DType(), t.kind)
	if err != nil {
		return nil, false, t.errorf("%v", err)
	}
	x = a
	if dt != a.DType() || t.hermite && t.kind == backend.C2R {
		x, fresh = a.AsType(dt), true
		if t.hermite {
			x = array.Conj(x, x)
		}
		if err := x.Err(); err != nil { // the conversion did not fit in memory
			return nil, false, t.errorf("%w", err)
		}
	}
	shape := x.Shape()
	var pad [][2]int
	for i, ax := range axes {
		n := s[i]
		if t.kind == backend.C2R && i == len(axes)-1 {
			n = n/2 + 1
		}
		switch {
		case n < shape[ax]:
			idx := slices.Repeat([]array.Index{array.All}, ax+1)
			idx[ax] = array.To(n)
			x = x.Index(idx...)
		case n > shape[ax]:
			if pad == nil {
				pad = make([][2]int, len(shape))
			}
			pad[ax][1] = n - shape[ax]
		}
	}
	if pad != nil {
		padded := array.Pad(x, pad, 0)
		if fresh {
			x.Free()
		}
		x, fresh = padded, true
	}
	if t.kind == backend.C2R && !fresh {
		x, fresh = x.Copy(), true
	}
	return x, fresh, x.Err()
}

// inputType is the dtype a transform of kind computes from dt (NumPy 2's
// rule: single precision stays single, everything else is double).
func inputType(dt array.DType, kind backend.FFTKind) (array.DType, error) {
	single := dt == array.Float32 || dt == array.Complex64 || dt == array.Float16 || dt == array.BFloat16
	if kind == backend.R2C {
		switch {
		case dt == array.Complex64 || dt == array.Complex128:
			return 0, fmt.Errorf("real transforms take real input, not %v (use FFT)", dt)
		case single:
			return array.Float32, nil
		}
		return array.Float64, nil
	}
	if single {
		return array.Complex64, nil
	}
	return array.Complex128, nil
}
