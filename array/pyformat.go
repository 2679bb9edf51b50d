package array

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// Python's printf-style formatting ("%.18e" % x), which np.savetxt and
// ndarray.tofile use, for the conversions e E f F g G d i u x X o s and
// the flags - + space # 0, a width and a precision. It differs from Go's
// fmt: "inf" and "nan" rather than "+Inf" and "NaN", "%#o" as "0o10",
// "%d" of a float truncating it, "%s" of a NumPy scalar as NumPy's str.

// pyValue is one value to format: an element with its dtype.
type pyValue struct {
	dt DType
	b  []byte
	// python makes %s write the Python object NumPy's item() gives
	// (tofile) rather than the NumPy scalar (savetxt): float32's 0.1 is
	// then 0.10000000149011612.
	python bool
}

// pySpec is one conversion of a format.
type pySpec struct {
	minus, plus, space, alt, zero bool
	width, prec                   int // prec -1: not given
	verb                          byte
}

// pyFormat is a parsed format: literal text around conversions.
type pyFormat struct {
	literals []string // len(specs)+1
	specs    []pySpec
}

// parsePyFormat parses a format of Python's %-formatting.
func parsePyFormat(f string) (*pyFormat, error) {
	pf := &pyFormat{}
	var lit strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			lit.WriteByte(f[i])
			continue
		}
		i++
		if i < len(f) && f[i] == '%' {
			lit.WriteByte('%')
			continue
		}
		s := pySpec{prec: -1}
	flags:
		for ; i < len(f); i++ {
			switch f[i] {
			case '-':
				s.minus = true
			case '+':
				s.plus = true
			case ' ':
				s.space = true
			case '#':
				s.alt = true
			case '0':
				s.zero = true
			default:
				break flags
			}
		}
		var ok bool
		if s.width, i, ok = digitsAt(f, i); !ok {
			return nil, fmt.Errorf("format %q: width too large", f)
		}
		if i < len(f) && f[i] == '.' {
			if s.prec, i, ok = digitsAt(f, i+1); !ok {
				return nil, fmt.Errorf("format %q: precision too large", f)
			}
		}
		for i < len(f) && strings.IndexByte("hlL", f[i]) >= 0 { // length modifiers, ignored as Python does
			i++
		}
		if i == len(f) {
			return nil, fmt.Errorf("format %q: incomplete format", f)
		}
		if strings.IndexByte("eEfFgGdiuxXos", f[i]) < 0 {
			return nil, fmt.Errorf("format %q: unsupported format character '%c'", f, f[i])
		}
		s.verb = f[i]
		pf.literals = append(pf.literals, lit.String())
		lit.Reset()
		pf.specs = append(pf.specs, s)
	}
	pf.literals = append(pf.literals, lit.String())
	return pf, nil
}

// digitsAt reads the decimal number at f[i:] (0 if none).
func digitsAt(f string, i int) (n, next int, ok bool) {
	for ; i < len(f) && isDigit(f[i]); i++ {
		n = n*10 + int(f[i]-'0')
		if n > 1<<20 {
			return 0, i, false
		}
	}
	return n, i, true
}

// format writes vals, one per conversion, into the format.
func (pf *pyFormat) format(vals []pyValue) (string, error) {
	var b strings.Builder
	for i, s := range pf.specs {
		b.WriteString(pf.literals[i])
		v, err := s.format(vals[i])
		if err != nil {
			return "", err
		}
		b.WriteString(v)
	}
	b.WriteString(pf.literals[len(pf.specs)])
	return b.String(), nil
}

func (s pySpec) format(v pyValue) (string, error) {
	switch s.verb {
	case 's':
		str := pyStr(v)
		if s.prec >= 0 && len(str) > s.prec {
			str = str[:s.prec]
		}
		return s.pad("", str, false), nil
	case 'd', 'i', 'u', 'x', 'X', 'o':
		return s.formatInt(v)
	}
	f, err := pyFloatOf(v)
	if err != nil {
		return "", err
	}
	return s.formatFloat(f), nil
}

// pad lays out sign and digits in the width: left-justified with '-',
// zeros between sign and digits with '0', else spaces before.
func (s pySpec) pad(sign, digits string, numeric bool) string {
	n := s.width - len(sign) - len(digits)
	switch {
	case n <= 0:
		return sign + digits
	case s.minus:
		return sign + digits + strings.Repeat(" ", n)
	case s.zero && numeric:
		return sign + strings.Repeat("0", n) + digits
	}
	return strings.Repeat(" ", n) + sign + digits
}

func (s pySpec) sign(neg bool) string {
	switch {
	case neg:
		return "-"
	case s.plus:
		return "+"
	case s.space:
		return " "
	}
	return ""
}

func (s pySpec) formatFloat(f float64) string {
	upper := s.verb == 'E' || s.verb == 'F' || s.verb == 'G'
	var digits string
	neg := math.Signbit(f) && !math.IsNaN(f)
	a := math.Abs(f)
	prec := s.prec
	if prec < 0 {
		prec = 6
	}
	switch {
	case math.IsNaN(f):
		digits = "nan"
	case math.IsInf(f, 0):
		digits = "inf"
	case s.verb == 'e' || s.verb == 'E':
		digits = strconv.FormatFloat(a, 'e', prec, 64)
		if s.alt && prec == 0 {
			digits = strings.Replace(digits, "e", ".e", 1)
		}
	case s.verb == 'f' || s.verb == 'F':
		digits = strconv.FormatFloat(a, 'f', prec, 64)
		if s.alt && prec == 0 {
			digits += "."
		}
	default:
		digits = pyGeneral(a, max(prec, 1), s.alt)
	}
	if upper {
		digits = strings.ToUpper(digits)
	}
	return s.pad(s.sign(neg), digits, true)
}

// pyGeneral is C's %g of a non-negative finite a with p significant
// digits: scientific below 1e-4 or from 10^p, trailing zeros removed
// unless alt.
func pyGeneral(a float64, p int, alt bool) string {
	e := strconv.FormatFloat(a, 'e', p-1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	s := e
	if exp >= -4 && exp < p {
		s = strconv.FormatFloat(a, 'f', p-1-exp, 64)
	}
	mant, tail, _ := strings.Cut(s, "e")
	if tail != "" {
		tail = "e" + tail
	}
	switch {
	case !alt && strings.Contains(mant, "."):
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	case alt && !strings.Contains(mant, "."):
		mant += "."
	}
	return mant + tail
}

func (s pySpec) formatInt(v pyValue) (string, error) {
	var neg bool
	var mag uint64
	switch k := v.dt.Kind(); {
	case k == dtype.IntKind || k == dtype.UintKind || k == dtype.BoolKind:
		switch x := intOrBool(v).(type) {
		case int64:
			neg, mag = x < 0, uint64(x)
			if neg {
				mag = -mag
			}
		case uint64:
			mag = x
		}
	case s.verb == 'd' || s.verb == 'i' || s.verb == 'u':
		f, err := pyFloatOf(v)
		if err != nil {
			return "", err
		}
		switch {
		case math.IsNaN(f):
			return "", fmt.Errorf("cannot convert float NaN to integer")
		case math.IsInf(f, 0):
			return "", fmt.Errorf("cannot convert float infinity to integer")
		}
		neg = f < 0 && math.Trunc(f) != 0
		if math.Abs(f) >= 1<<64 { // Python's ints have no bound
			big, _ := new(big.Float).SetFloat64(math.Abs(f)).Int(nil)
			return s.pad(s.sign(neg), big.String(), true), nil
		}
		mag = uint64(math.Abs(f))
	default:
		return "", fmt.Errorf("%%%c format: an integer is required, not %v", s.verb, v.dt)
	}
	base, prefix := 10, ""
	switch s.verb {
	case 'x', 'X':
		base, prefix = 16, "0x"
	case 'o':
		base, prefix = 8, "0o"
	}
	digits := strconv.FormatUint(mag, base)
	if s.prec > len(digits) {
		digits = strings.Repeat("0", s.prec-len(digits)) + digits
	}
	sign := s.sign(neg)
	if s.alt && base != 10 {
		sign += prefix
	}
	out := s.pad(sign, digits, true)
	if s.verb == 'X' {
		out = strings.ToUpper(out)
	}
	return out, nil
}

// intOrBool decodes an integer or bool element as int64 or uint64.
func intOrBool(v pyValue) any {
	if v.dt == Bool {
		return int64(v.b[0])
	}
	return intAt(v.dt, v.b)
}

// pyFloatOf is Python's float() of an element; complex has none.
func pyFloatOf(v pyValue) (float64, error) {
	switch v.dt.Kind() {
	case dtype.ComplexKind:
		return 0, fmt.Errorf("must be real number, not %v", v.dt)
	case dtype.FloatKind:
		return floatAt(v.dt, v.b), nil
	}
	switch x := intOrBool(v).(type) {
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	}
	return 0, nil
}

// pyStr is str() of the element: NumPy's scalar str, or with python the
// str of the Python object (a float64 whatever the float dtype).
func pyStr(v pyValue) string {
	if !v.python {
		return scalarString(v.dt, v.b)
	}
	switch v.dt.Kind() {
	case dtype.FloatKind:
		return floatString(Float64, floatAt(v.dt, v.b), true)
	case dtype.ComplexKind:
		half := v.dt.Size() / 2
		var b [16]byte
		putValue(b[:], Complex128, floatValue(Complex128, complex(floatAt(v.dt, v.b[:half]), floatAt(v.dt, v.b[half:]))))
		return scalarString(Complex128, b[:])
	}
	return scalarString(v.dt, v.b)
}
