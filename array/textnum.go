package array

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Numbers in text as NumPy's text readers take them: Python's float
// syntax (no hex floats, no underscores: PyOS_string_to_double), ASCII
// digits, and Python's idea of whitespace.

// pyIsSpace reports whether Python's str.isspace holds for r: Unicode's
// white space and the separators U+001C to U+001F.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
}

func trimPySpace(s string) string { return strings.TrimFunc(s, pyIsSpace) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// floatPrefix returns the length of the longest prefix of s that is a
// float in Python's syntax: an optional sign, then digits with an optional
// point and exponent, or inf, infinity or nan in any case; 0 if none is.
func floatPrefix(s string) int {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i < len(s) && strings.IndexByte("iInN", s[i]) >= 0 {
		for _, w := range []string{"infinity", "inf", "nan"} {
			if len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
				return i + len(w)
			}
		}
		return 0
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	digits := i - start
	if i < len(s) && s[i] == '.' {
		i++
		f := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		digits += i - f
	}
	if digits == 0 {
		return 0
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k > j {
			i = k
		}
	}
	return i
}

// pyFloat converts s, which floatPrefix accepts whole, to a float64: out
// of range it is ±inf or ±0, as in Python.
func pyFloat(s string) float64 {
	body := strings.TrimLeft(s, "+-")
	if !strings.ContainsAny(body[:1], "iInN") {
		v, _ := strconv.ParseFloat(s, 64) // out of range it gives ±inf or ±0, as Python does
		return v
	}
	v := math.Inf(1)
	if strings.EqualFold(body, "nan") {
		v = math.NaN()
	}
	if s[0] == '-' {
		v = math.Copysign(v, -1)
	}
	return v
}

// parseFloatField reads a whole field as a float, with whitespace around
// it, as loadtxt does.
func parseFloatField(s string) (float64, bool) {
	s = trimPySpace(s)
	if s == "" || floatPrefix(s) != len(s) {
		return 0, false
	}
	return pyFloat(s), true
}

// parseIntField reads a whole field as a decimal integer within [lo, hi]
// (as int64 bits for signed dtypes), with whitespace around it, as
// loadtxt's str_to_int64 and str_to_uint64 do: no point, no exponent.
func parseIntField(s string, signed bool, lo int64, hi uint64) (uint64, bool) {
	s = trimPySpace(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || neg && !signed {
		return 0, false
	}
	var mag uint64
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		d := uint64(s[i] - '0')
		if mag > (math.MaxUint64-d)/10 {
			return 0, false
		}
		mag = mag*10 + d
	}
	if neg {
		if mag > uint64(-(lo+1))+1 {
			return 0, false
		}
		return -mag, true
	}
	if mag > hi {
		return 0, false
	}
	return mag, true
}

// parseComplexField reads a whole field as loadtxt reads a complex
// number: "1+2j", "(1-2j)", "2.5j", "3" (unit 'j' only).
func parseComplexField(s string) (complex128, bool) {
	s = strings.TrimLeftFunc(s, pyIsSpace)
	paren := strings.HasPrefix(s, "(")
	if paren {
		s = strings.TrimLeftFunc(s[1:], pyIsSpace)
	}
	n := floatPrefix(s)
	if n == 0 {
		return 0, false
	}
	re, im := pyFloat(s[:n]), 0.0
	s = s[n:]
	if s == "" {
		return complex(re, 0), !paren
	}
	switch s[0] {
	case 'j':
		re, im = 0, re
		s = s[1:]
	case '+', '-':
		if s[0] == '+' {
			s = s[1:]
		}
		n = floatPrefix(s)
		if n == 0 || n == len(s) || s[n] != 'j' {
			return 0, false
		}
		im = pyFloat(s[:n])
		s = s[n+1:]
	}
	if paren {
		s = strings.TrimLeftFunc(s, pyIsSpace)
		if !strings.HasPrefix(s, ")") {
			return 0, false
		}
		s = s[1:]
	}
	return complex(re, im), trimPySpace(s) == ""
}

// withoutUnderscores removes the underscores that Python's float(),
// int() and complex() allow between two digits; ok is false for any
// other underscore.
func withoutUnderscores(s string) (string, bool) {
	if !strings.Contains(s, "_") {
		return s, true
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && (i == 0 || i == len(s)-1 || !isDigit(s[i-1]) || !isDigit(s[i+1])) {
			return "", false
		}
	}
	return strings.ReplaceAll(s, "_", ""), true
}

// pythonFloat is Python's float(s) for ASCII input.
func pythonFloat(s string) (float64, bool) {
	s, ok := withoutUnderscores(trimPySpace(s))
	if !ok || s == "" || floatPrefix(s) != len(s) {
		return 0, false
	}
	return pyFloat(s), true
}

// pythonComplex is Python's complex(s): as loadtxt's form, and also "j"
// or "-J" alone and the unit 'J'.
func pythonComplex(s string) (complex128, bool) {
	s, ok := withoutUnderscores(trimPySpace(s))
	if !ok {
		return 0, false
	}
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = trimPySpace(s[1 : len(s)-1])
	}
	s = strings.ReplaceAll(s, "J", "j")
	// A bare unit is a coefficient of one: "j", "-j", "1+j".
	if strings.HasSuffix(s, "j") && (len(s) == 1 || strings.ContainsRune("+-", rune(s[len(s)-2]))) {
		s = s[:len(s)-1] + "1j"
	}
	if s == "" || strings.ContainsFunc(s, pyIsSpace) || strings.HasPrefix(s, "(") {
		return 0, false
	}
	return parseComplexField(s)
}
