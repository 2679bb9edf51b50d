package array

import (
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// ConvMode is the length of the result of Convolve and Correlate, as
// NumPy's mode= of np.convolve and np.correlate.
type ConvMode uint8

const (
	// ConvFull gives every overlap of the two arrays: n+m-1 values
	// (np.convolve's default).
	ConvFull ConvMode = iota
	// ConvSame gives max(n, m) values, centred on the full result.
	ConvSame
	// ConvValid gives only the max(n, m)-min(n, m)+1 positions where the
	// arrays overlap completely (np.correlate's default).
	ConvValid
)

// How Convolve and Correlate compute; docs/PERFORMANCE.md, "Convolve and
// Correlate", has the measurements behind the numbers.
const (
	// convFFTMin is the shortest filter of floats or complex numbers
	// convolved through the FFT; shorter ones, and integers and bool at
	// every length, sum products (correlateOnDevice, or the window matrix
	// times the filter).
	convFFTMin = 64
	// convBlock bounds the elements of the window matrix that one
	// matrix-vector product reads, so that a copy the backend makes of it
	// stays small.
	convBlock = 1 << 20
)

// Convolve returns the discrete linear convolution of the 1-d arrays a
// and v, as np.convolve(a, v, mode): out[k] = Σ a[i]·v[k-i]. 0-d arrays
// count as 1-d (np.correlate refuses them); when v is longer the two are swapped, as NumPy does. The
// result has the dtype a and v promote to (bool: any of the products);
// float16 accumulates in float32. An empty array is an error.
//
// Filters of floats or complex numbers of 64 values or more go through
// the FFT of the array's backend; the FFT's error is relative to the
// norms of the inputs, not to each output, so outputs far smaller than
// the inputs' scale carry less relative precision than NumPy's sums give
// them. Everything else sums products: on a GPU one thread per output
// (bool, integers, float32 and float64), elsewhere (and for complex
// numbers) the matrix of the signal's sliding windows times the filter.
// Integers and bool keep exact products at every length, and inputs
// holding NaN or an infinity keep the sums, so that one bad value spoils
// only the outputs that read it, as in NumPy.
func Convolve(a, v *Array, mode ConvMode) *Array { return correlate("Convolve", a, v, mode, true) }

// Correlate returns the cross-correlation of the 1-d arrays a and v, as
// np.correlate(a, v, mode): out[k] = Σ a[n+k]·conj(v[n]). When v is
// longer than a, NumPy's rule applies: the two are swapped and the result
// reversed. Dtypes and methods are Convolve's.
func Correlate(a, v *Array, mode ConvMode) *Array { return correlate("Correlate", a, v, mode, false) }

func correlate(op string, a, v *Array, mode ConvMode, convolve bool) *Array {
	if err := checkAll(op, "", []*Array{a, v}); err != nil {
		return &Array{err: err}
	}
	if mode > ConvValid {
		return errorf(op, "unknown mode %d (want ConvFull, ConvSame or ConvValid)", mode)
	}
	dt, err := dtype.Promote(a.dt, v.dt)
	if err != nil {
		return failed(op, err)
	}
	xs := [2]*Array{a, v}
	for i, x := range xs {
		name := [2]string{"a", "v"}[i]
		if x.NDim() > 1 || x.NDim() == 0 && !convolve {
			return errorf(op, "%s must be 1-d, not %d-d", name, x.NDim())
		}
		if x.Size() == 0 {
			return errorf(op, "%s cannot be empty", name)
		}
		xs[i] = x.atLeast(1)
	}
	x, y := xs[0], xs[1]
	inverted := false
	if convolve {
		if y.shape[0] > x.shape[0] {
			x, y = y, x
		}
		y = Flip(y, 0)
	} else {
		if dt.Kind() == dtype.ComplexKind {
			y = Conj(y.AsType(dt))
		}
		if y.shape[0] > x.shape[0] {
			x, y, inverted = y, x, true
		}
	}
	out := correlateSorted(x, y, mode, dt)
	if inverted {
		out = Flip(out, 0)
	}
	if out.err != nil {
		return failed(op, out.err)
	}
	return out
}

// correlateSorted is NumPy's raw correlation of x with y, the shorter:
// out[i] = Σ_k x[start+i+k-(m-1)]·y[k], x zero outside its n elements,
// with the start and length of the mode, in dtype dt.
func correlateSorted(x, y *Array, mode ConvMode, dt DType) *Array {
	n, m := x.shape[0], y.shape[0]
	start, length := 0, n+m-1
	switch mode {
	case ConvSame:
		start, length = m-1-m/2, n
	case ConvValid:
		start, length = m-1, n-m+1
	}
	work := dt
	if dt == Float16 || dt == BFloat16 { // NumPy's half dot sums in float
		work = Float32
	}
	x, y = x.AsType(work), y.AsType(work)
	if x.err != nil {
		return x
	}
	if y.err != nil {
		return y
	}
	if m >= convFFTMin && work.Kind() >= dtype.FloatKind && allFinite(x, y) {
		return convolveFFT(x, Flip(y, 0), start, length).AsType(dt)
	}
	if out, ok := correlateOnDevice(x, y, start, length); ok {
		return out.AsType(dt)
	}
	return correlateWindows(x, y, start, length).AsType(dt)
}

// allFinite reports whether the arrays hold no NaN and no infinity: the
// FFT would spread one over every output, where a sum of products spoils
// only the outputs that read it. (An error counts as not finite: the
// windows report it.)
func allFinite(arrays ...*Array) bool {
	for _, a := range arrays {
		finite, err := Item[bool](AllTrue(IsFinite(a)))
		if err != nil || !finite {
			return false
		}
	}
	return true
}

// paddedSignal returns x with the zeros around it that the windows of
// positions [start, start+length) of the full correlation with a filter
// of m values read: length+m-1 elements.
func paddedSignal(x *Array, m, start, length int) *Array {
	n := x.shape[0]
	before := m - 1 - start
	after := start + length - n
	return Pad(x, [][2]int{{before, after}}, 0)
}

// correlateWindows multiplies the matrix of the signal's sliding windows
// by the filter, in blocks of at most convBlock window elements, so
// that a copy the backend makes of a block stays bounded.
func correlateWindows(x, y *Array, start, length int) *Array {
	m := y.shape[0]
	xp := paddedSignal(x, m, start, length)
	if xp.err != nil {
		return xp
	}
	isBool := x.dt == Bool
	if isBool { // a sum of products, then any: NumPy's bool dot
		xp, y = xp.AsType(Int64), y.AsType(Int64)
	}
	// A NaN or an infinity in the filter times the padding's zeros is NaN
	// where NumPy's sums leave the padding out: then the products are
	// summed over the signal's elements only.
	var inSignal *Array
	if !allFinite(y) {
		inSignal = paddedSignal(On(x.st.b).Ones(Bool, x.shape[0]), m, start, length)
	}
	rows := max(1, convBlock/m)
	var blocks []*Array
	for r := 0; r < length; r += rows {
		end := min(length, r+rows)
		windows := SlidingWindowView(xp.sliceAxis(0, r, end+m-1), []int{m})
		if inSignal == nil {
			blocks = append(blocks, Matmul(windows, y))
			continue
		}
		read := SlidingWindowView(inSignal.sliceAxis(0, r, end+m-1), []int{m})
		blocks = append(blocks, Sum(Where(read, Mul(windows, y), 0), Axis(-1)))
	}
	out := blocks[0]
	if len(blocks) > 1 {
		out = Concatenate(blocks, 0)
	}
	if isBool {
		out = NotEqual(out, 0)
	}
	return out
}

// convolveFFT returns positions [start, start+length) of the full linear
// convolution of x with h, floats or complex numbers, as the inverse
// transform of the product of their transforms, zero-padded to a length
// of small prime factors.
func convolveFFT(x, h *Array, start, length int) *Array {
	n, m := x.shape[0], h.shape[0]
	size := fftSize(n + m - 1)
	padded := func(a *Array) *Array { return Pad(a, [][2]int{{0, size - a.shape[0]}}, 0) }
	var full *Array
	if x.dt.Kind() == dtype.ComplexKind {
		prod := Mul(FFTAxes(padded(x), backend.C2C, false, []int{0}, 0), FFTAxes(padded(h), backend.C2C, false, []int{0}, 0))
		full = FFTAxes(prod, backend.C2C, true, []int{0}, 0)
	} else {
		prod := Mul(FFTAxes(padded(x), backend.R2C, false, []int{0}, 0), FFTAxes(padded(h), backend.R2C, false, []int{0}, 0))
		full = FFTAxes(prod, backend.C2R, false, []int{0}, size)
	}
	if full.err != nil {
		return full
	}
	return Div(full.sliceAxis(0, start, start+length), float64(size))
}

// fftSize is the smallest number at least n whose prime factors are 2, 3
// and 5, lengths that every FFT library transforms fastest.
func fftSize(n int) int {
	best := 1
	for best < n {
		best *= 2
	}
	for p5 := 1; p5 < best; p5 *= 5 {
		for p35 := p5; p35 < best; p35 *= 3 {
			p := p35
			for p < n {
				p *= 2
			}
			best = min(best, p)
		}
	}
	return best
}
