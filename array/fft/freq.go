package fft

import (
	"fmt"

	"github.com/cugo/cugo/array"
)

// FFTFreq returns the frequencies of FFT's n outputs for samples spaced d
// apart, in cycles per unit of d: [0, 1, ..., ⌈n/2⌉-1, -⌊n/2⌋, ..., -1]/(d·n)
// (np.fft.fftfreq), as float64 on the default device.
func FFTFreq(n int, d float64) *array.Array {
	if n < 1 {
		return array.Failed(fmt.Errorf("fft.FFTFreq: n must be at least 1, not %d", n))
	}
	step := binWidth(n, d)
	return frequencies("FFTFreq", n, func(i int) float64 {
		k := i
		if i >= (n+1)/2 {
			k = i - n
		}
		return float64(k) * step
	})
}

// RFFTFreq returns the frequencies of RFFT's n/2+1 outputs for n samples
// spaced d apart: [0, 1, ..., n/2]/(d·n) (np.fft.rfftfreq).
func RFFTFreq(n int, d float64) *array.Array {
	if n < 1 {
		return array.Failed(fmt.Errorf("fft.RFFTFreq: n must be at least 1, not %d", n))
	}
	step := binWidth(n, d)
	return frequencies("RFFTFreq", n/2+1, func(i int) float64 { return float64(i) * step })
}

// frequencies returns the float64 array of freq(i) for i in [0, n) on the
// default device. The array is allocated before the host values, so that
// an n past memory is an error rather than exhausting the process.
func frequencies(op string, n int, freq func(i int) float64) *array.Array {
	out := array.Empty(array.Float64, n)
	if err := out.Err(); err != nil {
		return array.Failed(fmt.Errorf("fft.%s: %w", op, err))
	}
	f := make([]float64, n)
	for i := range f {
		f[i] = freq(i)
	}
	if err := array.CopyFromSlice(out, f); err != nil {
		return array.Failed(fmt.Errorf("fft.%s: %w", op, err))
	}
	return out
}

// binWidth is the spacing of the frequencies, 1/(n·d), by which NumPy
// multiplies each bin number (dividing instead differs in the last bit).
func binWidth(n int, d float64) float64 { return 1 / (float64(n) * d) }

// FFTShift moves the zero frequency to the centre of the given axes
// (every axis if none), rolling each by half its length (np.fft.fftshift).
func FFTShift(x *array.Array, axes ...int) *array.Array { return shift(x, axes, 1) }

// IFFTShift undoes FFTShift (np.fft.ifftshift); the two differ for odd
// lengths.
func IFFTShift(x *array.Array, axes ...int) *array.Array { return shift(x, axes, -1) }

func shift(x *array.Array, axes []int, sign int) *array.Array {
	if err := x.Err(); err != nil {
		return array.Failed(err)
	}
	if len(axes) == 0 {
		for i := range x.NDim() {
			axes = append(axes, i)
		}
	}
	shape := x.Shape()
	res := x
	for _, ax := range axes {
		n, err := array.NormalizeAxis(ax, len(shape))
		if err != nil {
			return array.Failed(fmt.Errorf("fft shift: %w", err))
		}
		// Half the length, rounded down forward and up backward.
		by := shape[n] / 2
		if sign < 0 {
			by = -by
		}
		rolled := array.Roll(res, by, n)
		if res != x {
			res.Free()
		}
		res = rolled
	}
	if res == x {
		return x.Copy()
	}
	return res
}
