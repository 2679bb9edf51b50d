package array

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// This file formats elements as NumPy's array printing does (numpy's
// arrayprint: FloatingFormat in "maxprec" mode, ComplexFloatingFormat,
// IntegerFormat, BoolFormat): every element of one array in one notation
// and one width, computed from the elements that are printed.

// formatItems returns the printed form of each element of data, a C-order
// block of dt, all of one width. zeroD is true for a 0-d array, whose
// True NumPy does not pad to the width of False.
func formatItems(dt DType, data []byte, o PrintOptions, zeroD bool) []string {
	size := dt.Size()
	n := len(data) / size
	items := make([]string, n)
	switch dt.Kind() {
	case dtype.FloatKind:
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = floatAt(dt, data[i*size:])
		}
		f := newFloatFormat(dt, vals, o, false)
		for i, v := range vals {
			items[i] = f.format(v)
		}
	case dtype.ComplexKind:
		half := size / 2
		re, im := make([]float64, n), make([]float64, n)
		for i := range n {
			e := data[i*size:]
			re[i], im[i] = floatAt(dt, e[:half]), floatAt(dt, e[half:size])
		}
		fr, fi := newFloatFormat(dt, re, o, false), newFloatFormat(dt, im, o, true)
		for i := range n {
			s := fi.format(im[i])
			t := len(strings.TrimRight(s, " "))
			items[i] = fr.format(re[i]) + s[:t] + "j" + s[t:]
		}
	case dtype.BoolKind:
		for i := range n {
			switch {
			case data[i] == 0:
				items[i] = "False"
			case zeroD:
				items[i] = "True"
			default:
				items[i] = " True"
			}
		}
	default:
		width := 0
		for i := range n {
			items[i] = intString(dt, data[i*size:(i+1)*size])
			width = max(width, len(items[i]))
		}
		for i, s := range items {
			items[i] = strings.Repeat(" ", width-len(s)) + s
		}
	}
	return items
}

// intAt decodes an integer element of dt: an int64 for the signed
// dtypes, a uint64 for the unsigned ones.
func intAt(dt DType, b []byte) any {
	var w [8]byte
	copy(w[:], b)
	u := binary.LittleEndian.Uint64(w[:])
	if dt.Kind() == dtype.IntKind {
		sh := 64 - 8*uint(len(b))
		return int64(u<<sh) >> sh
	}
	return u
}

// intString writes an integer element of dt in decimal.
func intString(dt DType, b []byte) string { return fmt.Sprint(intAt(dt, b)) }

// floatAt decodes a float, or one part of a complex, of dt's precision.
func floatAt(dt DType, b []byte) float64 {
	switch dt {
	case Float16:
		return F16(binary.LittleEndian.Uint16(b)).Float64()
	case BFloat16:
		return BF16(binary.LittleEndian.Uint16(b)).Float64()
	case Float32, Complex64:
		return float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b))
}

// roundTo rounds f to dt's precision (NumPy compares a float32 array's
// values with Python floats in float32).
func roundTo(dt DType, f float64) float64 {
	switch dt {
	case Float16:
		return dtype.F16FromFloat64(f).Float64()
	case BFloat16:
		return dtype.BF16FromFloat64(f).Float64()
	case Float32, Complex64:
		return float64(float32(f))
	}
	return f
}

// expCutoff is the magnitude from which NumPy 2 prints an array in
// scientific notation whatever the options: 10^min(8, digits of dt's
// precision), so 1e6 for float32 and 1e3 for float16 (NumPy's finfo
// precision; 2 for bfloat16).
func expCutoff(dt DType) float64 {
	switch dt {
	case Float16:
		return 1e3
	case BFloat16:
		return 1e2
	case Float32, Complex64:
		return 1e6
	}
	return 1e8
}

// floatFormat is one notation and width for all the floats of an array
// (or all the real or all the imaginary parts of a complex one).
type floatFormat struct {
	dt        DType
	sci       bool // scientific notation
	precision int  // most digits after the point
	minDigits int  // fewest digits after the point (scientific: all the same)
	padLeft   int  // width of the part before the point
	padRight  int  // width after the point (scientific: mantissa digits, 'e' and exponent)
	expDigits int  // exponent digits (scientific)
	plus      bool // a sign on every value (imaginary parts)
}

func newFloatFormat(dt DType, vals []float64, o PrintOptions, plus bool) *floatFormat {
	f := &floatFormat{dt: dt, precision: o.Precision, plus: plus}
	var finite []float64
	lo, hi := math.Inf(1), 0.0
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		finite = append(finite, v)
		if a := math.Abs(v); a != 0 {
			lo, hi = min(lo, a), max(hi, a)
		}
	}
	if hi > 0 {
		f.sci = hi >= expCutoff(dt) ||
			!o.Suppress && (lo < roundTo(dt, 1e-4) || roundTo(dt, hi/lo) > 1000)
	}
	switch {
	case len(finite) == 0:
	case f.sci:
		fracLen, expLen := 0, 0
		for _, v := range finite {
			mant, exp, _ := strings.Cut(f.scientific(v, o.Precision), "e")
			intPart, frac, _ := strings.Cut(mant, ".")
			f.padLeft, fracLen, expLen = max(f.padLeft, len(intPart)), max(fracLen, len(frac)), max(expLen, len(exp))
		}
		f.expDigits = expLen - 1 // less the sign
		f.precision, f.minDigits = fracLen, fracLen
		f.padRight = f.expDigits + 2 + fracLen
	default:
		for _, v := range finite {
			intPart, frac, _ := strings.Cut(f.positional(v), ".")
			f.padLeft, f.padRight = max(f.padLeft, len(intPart)), max(f.padRight, len(frac))
		}
	}
	if len(finite) < len(vals) { // room for nan and inf
		inf := len("inf")
		if plus || hasNegInf(vals) {
			inf++
		}
		f.padLeft = max(f.padLeft, len("nan")-f.padRight-1, inf-f.padRight-1)
	}
	return f
}

func hasNegInf(vals []float64) bool {
	for _, v := range vals {
		if math.IsInf(v, -1) {
			return true
		}
	}
	return false
}

// format writes v in f's notation, padded to f's width.
func (f *floatFormat) format(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		s := "inf"
		if math.IsNaN(v) {
			s = "nan"
		}
		switch {
		case math.IsInf(v, -1):
			s = "-inf"
		case f.plus:
			s = "+" + s
		}
		return pad(s, f.padLeft+f.padRight+1)
	}
	var s string
	if f.sci { // every value with f.precision digits of its exact value
		s = f.signed(strconv.FormatFloat(v, 'e', f.precision, 64))
	} else if v == math.Trunc(v) {
		// Whole numbers print all their digits exactly (NumPy's Dragon4
		// with min_digits=0: float16(4608) is 4608., not 4610.).
		s = f.signed(strconv.FormatFloat(v, 'f', 0, 64) + ".")
	} else {
		s = f.positional(v)
	}
	mant, exp, sci := strings.Cut(s, "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	frac += strings.Repeat("0", max(f.minDigits-len(frac), 0))
	s = pad(intPart, f.padLeft) + "." + frac
	if sci {
		digits := exp[1:]
		return s + "e" + exp[:1] + strings.Repeat("0", max(f.expDigits-len(digits), 0)) + digits
	}
	return s + strings.Repeat(" ", max(f.padRight-len(frac), 0))
}

// positional writes v without exponent: its shortest digits for f's dtype,
// rounded to f.precision digits after the point, trailing zeros dropped
// but the point kept ("1.", "0.14285714").
func (f *floatFormat) positional(v float64) string {
	s := shortestDigits(f.dt, v, 'f')
	if _, frac, _ := strings.Cut(s, "."); len(frac) > f.precision {
		s = strconv.FormatFloat(v, 'f', f.precision, 64)
		if f.precision > 0 {
			s = strings.TrimRight(s, "0")
		}
	}
	return f.signed(withPoint(s))
}

// scientific writes v as d.ddde±XX with at most precision digits after
// the point, trailing zeros dropped ("1.e-05", "4.4408921e-16").
func (f *floatFormat) scientific(v float64, precision int) string {
	s := shortestDigits(f.dt, v, 'e')
	mant, exp, _ := strings.Cut(s, "e")
	if _, frac, _ := strings.Cut(mant, "."); len(frac) > precision {
		mant, exp, _ = strings.Cut(strconv.FormatFloat(v, 'e', precision, 64), "e")
		if strings.Contains(mant, ".") {
			mant = strings.TrimRight(mant, "0")
		}
	}
	return f.signed(withPoint(mant) + "e" + exp)
}

func (f *floatFormat) signed(s string) string {
	if f.plus && !strings.HasPrefix(s, "-") {
		return "+" + s
	}
	return s
}

func withPoint(s string) string {
	if !strings.Contains(s, ".") {
		return s + "."
	}
	return s
}

// pad right-aligns s in width columns.
func pad(s string, width int) string {
	return strings.Repeat(" ", max(width-len(s), 0)) + s
}

// shortestDigits writes v, a value of dt, with the fewest digits that
// read back as v in dt's precision, in strconv's format 'f' or 'e'.
func shortestDigits(dt DType, v float64, format byte) string {
	switch dt {
	case Float32, Complex64:
		return strconv.FormatFloat(v, format, -1, 32)
	case Float16, BFloat16:
		for p := 1; p < 17; p++ {
			g, err := strconv.ParseFloat(strconv.FormatFloat(v, 'e', p-1, 64), 64)
			if err == nil && roundTo(dt, g) == v {
				return strconv.FormatFloat(g, format, -1, 64)
			}
		}
	}
	return strconv.FormatFloat(v, format, -1, 64)
}

// scalarString writes one element as NumPy's str of a scalar (the str of
// a 0-d array): Python's float and complex reprs, "1.0", "1e-05", "(1+2j)".
func scalarString(dt DType, b []byte) string {
	switch dt.Kind() {
	case dtype.BoolKind:
		if b[0] != 0 {
			return "True"
		}
		return "False"
	case dtype.FloatKind:
		return floatString(dt, floatAt(dt, b), true)
	case dtype.ComplexKind:
		half := dt.Size() / 2
		re, im := floatAt(dt, b[:half]), floatAt(dt, b[half:])
		is := floatString(dt, im, false)
		if !strings.HasPrefix(is, "-") {
			is = "+" + is
		}
		if re == 0 && !math.Signbit(re) {
			return strings.TrimPrefix(is, "+") + "j"
		}
		return "(" + floatString(dt, re, false) + is + "j)"
	}
	return intString(dt, b)
}

// floatString is NumPy 2's str of a float scalar, for the shortest digits
// of v in dt's precision: positional from 1e-4 up to 1e16 for float64 and
// up to 10^precision for the narrower floats (1e6 for float32, NumPy 2.3's
// rule), else scientific;
// pointZero adds ".0" to whole numbers, as float's repr does (complex's
// does not).
func floatString(dt DType, v float64, pointZero bool) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	maxPositional := 1e16
	if dt != Float64 && dt != Complex128 {
		maxPositional = expCutoff(dt)
	}
	if a := math.Abs(v); a != 0 && (a < 1e-4 || a >= maxPositional) {
		s := shortestDigits(dt, v, 'e')
		mant, exp, _ := strings.Cut(s, "e")
		return mant + "e" + exp
	}
	s := shortestDigits(dt, v, 'f')
	if pointZero && !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}
