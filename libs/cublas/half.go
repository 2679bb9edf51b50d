package cublas

import "math"

// halfBits rounds f to IEEE 754 binary16 (nearest, ties to even) and
// returns its bits: the form cuBLAS reads __half scalars in.
func halfBits(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int(b>>23) & 0xff
	mant := b & 0x7fffff
	switch {
	case exp == 0xff: // Inf or NaN (kept quiet)
		if mant != 0 {
			return sign | 0x7e00
		}
		return sign | 0x7c00
	case exp-127 > 15: // beyond the largest half exponent
		return sign | 0x7c00
	case exp-127 >= -14: // normal half: keep 10 of the 23 mantissa bits
		h := uint32(exp-127+15)<<10 | mant>>13
		return sign | uint16(roundEven(h, mant, 13)) // a carry may round up to Inf: correct
	case exp-127 >= -25: // subnormal half
		mant |= 0x800000 // the implicit bit
		shift := uint(-14-(exp-127)) + 13
		return sign | uint16(roundEven(mant>>shift, mant, shift))
	}
	return sign // underflow to ±0
}

// roundEven rounds kept (the high bits of full above drop bits) to nearest,
// ties to even.
func roundEven(kept, full uint32, drop uint) uint32 {
	rest := full & (1<<drop - 1)
	half := uint32(1) << (drop - 1)
	if rest > half || rest == half && kept&1 == 1 {
		kept++
	}
	return kept
}
