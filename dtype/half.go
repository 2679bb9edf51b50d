package dtype

import (
	"math"
	"math/bits"
)

// F16 holds one Float16 element on the host: an IEEE 754 binary16 value
// (NumPy's float16) as its bits. Go has no 16-bit float, so host arithmetic
// goes through float32. (The name Float16 is taken by the dtype.)
type F16 uint16

// BF16 holds one BFloat16 element on the host as its bits: the upper half
// of a float32 (8 exponent bits, 7 fraction bits).
type BF16 uint16

// F16FromFloat32 rounds f to the nearest float16, ties to even.
// Values beyond the float16 range become ±Inf; NaN stays NaN (see narrow).
func F16FromFloat32(f float32) F16 {
	return F16(narrow(uint64(math.Float32bits(f)), float32Format, float16Format))
}

// F16FromFloat64 rounds f to the nearest float16, ties to even, in one
// step: going through float32 would round twice and could differ.
func F16FromFloat64(f float64) F16 {
	return F16(narrow(math.Float64bits(f), float64Format, float16Format))
}

// Float32 returns h exactly.
func (h F16) Float32() float32 {
	return math.Float32frombits(uint32(widen(uint64(h), float16Format, float32Format)))
}

// Float64 returns h exactly.
func (h F16) Float64() float64 {
	return math.Float64frombits(widen(uint64(h), float16Format, float64Format))
}

// BF16FromFloat32 rounds f to the nearest bfloat16, ties to even: the
// upper 16 bits of f, rounded. A NaN keeps its upper 16 bits (see narrow).
func BF16FromFloat32(f float32) BF16 {
	return BF16(narrow(uint64(math.Float32bits(f)), float32Format, bfloat16Format))
}

// BF16FromFloat64 rounds f to the nearest bfloat16, ties to even, in
// one step (no double rounding through float32).
func BF16FromFloat64(f float64) BF16 {
	return BF16(narrow(math.Float64bits(f), float64Format, bfloat16Format))
}

// Float32 returns b exactly.
func (b BF16) Float32() float32 {
	return math.Float32frombits(uint32(b) << 16)
}

// Float64 returns b exactly.
func (b BF16) Float64() float64 {
	return math.Float64frombits(widen(uint64(b), bfloat16Format, float64Format))
}

// floatFormat describes an IEEE 754 binary format by its field widths, so
// that one pair of functions converts between any two of them.
type floatFormat struct {
	expBits, fracBits uint
}

var (
	float16Format  = floatFormat{5, 10}
	bfloat16Format = floatFormat{8, 7}
	float32Format  = floatFormat{8, 23}
	float64Format  = floatFormat{11, 52}
)

func (f floatFormat) bias() int        { return 1<<(f.expBits-1) - 1 }
func (f floatFormat) maxExp() uint64   { return 1<<f.expBits - 1 }
func (f floatFormat) fracMask() uint64 { return 1<<f.fracBits - 1 }

// split returns the sign bit, biased exponent and fraction of x in format f.
func (f floatFormat) split(x uint64) (sign, exp, frac uint64) {
	return x >> (f.expBits + f.fracBits) & 1, x >> f.fracBits & f.maxExp(), x & f.fracMask()
}

func (f floatFormat) join(sign, exp, frac uint64) uint64 {
	return sign<<(f.expBits+f.fracBits) | exp<<f.fracBits | frac
}

// widen converts x from src to dst, a format with at least as many exponent
// and fraction bits, so every value (NaN payloads too) carries over exactly.
func widen(x uint64, src, dst floatFormat) uint64 {
	sign, exp, frac := src.split(x)
	shift := dst.fracBits - src.fracBits
	switch {
	case exp == src.maxExp(): // Inf or NaN, payload kept
		return dst.join(sign, dst.maxExp(), frac<<shift)
	case exp == 0 && frac == 0:
		return dst.join(sign, 0, 0)
	case exp == 0: // subnormal in src, normal in dst: normalise
		n := src.fracBits + 1 - uint(bits.Len64(frac))
		frac = frac << n & src.fracMask()
		e := 1 - int(n) - src.bias() + dst.bias()
		return dst.join(sign, uint64(e), frac<<shift)
	}
	e := int(exp) - src.bias() + dst.bias()
	return dst.join(sign, uint64(e), frac<<shift)
}

// narrow converts x from src to dst, a format with fewer fraction bits,
// rounding to nearest with ties to even; results too large become ±Inf and
// results too small ±0 or a subnormal, as IEEE 754 says.
//
// A NaN keeps the top bits of its payload and, if none of them is set,
// gets the lowest fraction bit so that it stays a NaN. This is what NumPy
// does for float16 (npy_floatbits_to_halfbits), and for bfloat16 it keeps
// exactly the upper 16 bits of a float32 NaN.
func narrow(x uint64, src, dst floatFormat) uint64 {
	sign, exp, frac := src.split(x)
	drop := src.fracBits - dst.fracBits
	if exp == src.maxExp() {
		if frac == 0 {
			return dst.join(sign, dst.maxExp(), 0)
		}
		frac >>= drop
		if frac == 0 {
			frac = 1
		}
		return dst.join(sign, dst.maxExp(), frac)
	}
	// The value is m·2^q with m an integer.
	m, q := frac, 1-src.bias()-int(src.fracBits)
	if exp != 0 {
		m |= 1 << src.fracBits
		q = int(exp) - src.bias() - int(src.fracBits)
	}
	if m == 0 {
		return dst.join(sign, 0, 0)
	}
	e := q + bits.Len64(m) - 1 // m·2^q lies in [2^e, 2^(e+1))
	emin := 1 - dst.bias()
	// lsb is the exponent of the last fraction bit dst keeps at this
	// magnitude; shift is how many low bits of m fall below it.
	lsb := max(e, emin) - int(dst.fracBits)
	shift := lsb - q
	if shift >= 64 {
		return dst.join(sign, 0, 0) // below half the smallest subnormal
	}
	r := m >> shift
	rem, half := m&(1<<shift-1), uint64(1)<<(shift-1)
	if rem > half || rem == half && r&1 == 1 {
		r++
	}
	// r includes the implicit leading bit for normal results, so adding it
	// to the exponent field minus one lets a rounding carry bump the
	// exponent (and a subnormal become normal) without a special case.
	out := r
	if e >= emin {
		out = uint64(e+dst.bias()-1)<<dst.fracBits + r
	}
	if out >= dst.maxExp()<<dst.fracBits {
		out = dst.maxExp() << dst.fracBits
	}
	return sign<<(dst.expBits+dst.fracBits) | out
}
