package array

import (
	"encoding/binary"
	"math"
)

// The window functions of NumPy's signal section (np.bartlett, np.blackman,
// np.hamming, np.hanning, np.kaiser): float64 arrays of m points, empty for
// m <= 0 and [1] for m == 1, computed with NumPy's formulas in NumPy's
// order of operations so that the values agree to a few ulps.

// Bartlett returns the triangular window of m points, as np.bartlett.
func (d *Device) Bartlett(m int) *Array {
	return d.window("Bartlett", m, func(n, den float64) float64 {
		if n <= 0 {
			return 1 + n/den
		}
		return 1 - n/den
	})
}

// Blackman returns the Blackman window of m points, as np.blackman.
func (d *Device) Blackman(m int) *Array {
	return d.window("Blackman", m, func(n, den float64) float64 {
		return 0.42 + 0.5*math.Cos(math.Pi*n/den) + 0.08*math.Cos(2*math.Pi*n/den)
	})
}

// Hamming returns the Hamming window of m points, as np.hamming.
func (d *Device) Hamming(m int) *Array {
	return d.window("Hamming", m, func(n, den float64) float64 {
		return 0.54 + 0.46*math.Cos(math.Pi*n/den)
	})
}

// Hanning returns the Hann window of m points, as np.hanning.
func (d *Device) Hanning(m int) *Array {
	return d.window("Hanning", m, func(n, den float64) float64 {
		return 0.5 + 0.5*math.Cos(math.Pi*n/den)
	})
}

// window returns f(n, m-1) at n = 1-m, 3-m, ..., m-1 (NumPy's
// arange(1-M, M, 2), exact in float64).
func (d *Device) window(op string, m int, f func(n, den float64) float64) *Array {
	den := float64(m - 1)
	return d.points(op, m, func(i int) float64 {
		if m == 1 {
			return 1
		}
		return f(float64(1-m+2*i), den)
	})
}

// points returns the float64 array [f(0), ..., f(m-1)] (empty for m <= 0),
// allocated before the host values are made, so that an m past the memory
// there is fails with an error.
func (d *Device) points(op string, m int, f func(i int) float64) *Array {
	return d.filled(op, Float64, []int{max(m, 0)}, func(data []byte) {
		for i := range max(m, 0) {
			binary.LittleEndian.PutUint64(data[8*i:], math.Float64bits(f(i)))
		}
	})
}

// Kaiser returns the Kaiser window of m points with shape parameter beta,
// as np.kaiser: I0(beta·sqrt(1-((n-α)/α)²)) / I0(beta) at n = 0..m-1,
// α = (m-1)/2, with I0 evaluated on the device as I0 evaluates it.
func (d *Device) Kaiser(m int, beta float64) *Array {
	if m == 1 {
		return d.points("Kaiser", m, func(int) float64 { return 1 })
	}
	alpha := float64(m-1) / 2
	x := d.points("Kaiser", m, func(i int) float64 {
		r := (float64(i) - alpha) / alpha
		return beta * math.Sqrt(1-r*r)
	})
	if x.err != nil || m <= 0 {
		return x
	}
	return Div(I0(x), I0(d.Scalar(beta)))
}

// Bartlett is DefaultDevice().Bartlett(m).
func Bartlett(m int) *Array { return DefaultDevice().Bartlett(m) }

// Blackman is DefaultDevice().Blackman(m).
func Blackman(m int) *Array { return DefaultDevice().Blackman(m) }

// Hamming is DefaultDevice().Hamming(m).
func Hamming(m int) *Array { return DefaultDevice().Hamming(m) }

// Hanning is DefaultDevice().Hanning(m).
func Hanning(m int) *Array { return DefaultDevice().Hanning(m) }

// Kaiser is DefaultDevice().Kaiser(m, beta).
func Kaiser(m int, beta float64) *Array { return DefaultDevice().Kaiser(m, beta) }
