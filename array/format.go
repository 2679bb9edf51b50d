package array

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// summaryThreshold and summaryEdge are NumPy's print options: arrays of
// more elements print only summaryEdge items at each end of every axis.
const (
	summaryThreshold = 1000
	summaryEdge      = 3
)

// String returns a NumPy-style repr of a, reading its data:
// "array([[1, 2], [3, 4]], dtype=int32)" laid out over lines as NumPy
// does, with "..." for the middle of arrays of more than 1000 elements.
// The dtype is left out for NumPy's defaults (float64, int64 and bool) as
// NumPy leaves it out. An array carrying an error prints the error.
func (a *Array) String() string {
	if err := a.check(); err != nil {
		return "array(<" + err.Error() + ">)"
	}
	data, err := a.hostBytes("String")
	if err != nil {
		return "array(<" + err.Error() + ">)"
	}
	items := formatElements(a.dt, data)
	n := len(items)
	width := 0
	for _, s := range items {
		width = max(width, len(s))
	}
	var b strings.Builder
	b.WriteString("array(")
	strides := ContiguousStrides(a.shape)
	summarize := n > summaryThreshold
	var write func(axis, off int)
	write = func(axis, off int) {
		if axis == len(a.shape) {
			b.WriteString(strings.Repeat(" ", width-len(items[off])))
			b.WriteString(items[off])
			return
		}
		b.WriteByte('[')
		d := a.shape[axis]
		for i := 0; i < d; i++ {
			if summarize && d > 2*summaryEdge && i == summaryEdge {
				b.WriteString("...")
				i = d - summaryEdge
				b.WriteString(separator(len(a.shape), axis))
			}
			write(axis+1, off+i*strides[axis])
			if i < d-1 {
				b.WriteString(separator(len(a.shape), axis))
			}
		}
		b.WriteByte(']')
	}
	write(0, 0)
	if d := a.dt; d != Float64 && d != Int64 && d != Bool || n == 0 {
		b.WriteString(", dtype=" + d.String())
	}
	b.WriteByte(')')
	return b.String()
}

// separator returns what comes between items of axis: ", " on the last
// axis, else a comma, a line break per axis left, and indentation to the
// column after "array(" and the open brackets.
func separator(ndim, axis int) string {
	if axis == ndim-1 {
		return ", "
	}
	return "," + strings.Repeat("\n", ndim-1-axis) + strings.Repeat(" ", len("array(")+axis+1)
}

// formatElements formats the elements of data as NumPy prints them, floats
// aligned on their decimal points (each part of complex numbers apart).
func formatElements(dt DType, data []byte) []string {
	size := dt.Size()
	n := len(data) / size
	items := make([]string, n)
	switch dt.Kind() {
	case dtype.ComplexKind:
		half := size / 2
		re, im := make([]string, n), make([]string, n)
		for i := range n {
			e := data[i*size:]
			re[i] = formatFloat(dt, floatAt(dt, e[:half]))
			im[i] = formatFloat(dt, floatAt(dt, e[half:size]))
			if !strings.HasPrefix(im[i], "-") {
				im[i] = "+" + im[i]
			}
		}
		re, im = alignPoints(re), alignPoints(im)
		for i := range n {
			items[i] = re[i] + im[i] + "j"
		}
	case dtype.FloatKind:
		for i := range n {
			items[i] = formatFloat(dt, floatAt(dt, data[i*size:]))
		}
		items = alignPoints(items)
	default:
		for i := range n {
			var w [8]byte
			copy(w[:], data[i*size:(i+1)*size])
			u := binary.LittleEndian.Uint64(w[:])
			switch dt.Kind() {
			case dtype.BoolKind:
				items[i] = "False"
				if u != 0 {
					items[i] = " True" // NumPy pads True to the width of False
				}
			case dtype.IntKind:
				sh := 64 - 8*size
				items[i] = strconv.FormatInt(int64(u<<sh)>>sh, 10)
			default:
				items[i] = strconv.FormatUint(u, 10)
			}
		}
	}
	return items
}

// alignPoints pads numbers so that their decimal points line up: the
// integer parts on the left, the fractions on the right. Numbers without a
// point (nan, inf) are right-aligned to the same width.
func alignPoints(items []string) []string {
	left, right := 0, 0
	for _, s := range items {
		if l, r, ok := strings.Cut(s, "."); ok {
			left, right = max(left, len(l)), max(right, len(r))
		}
	}
	out := make([]string, len(items))
	for i, s := range items {
		if l, r, ok := strings.Cut(s, "."); ok {
			out[i] = strings.Repeat(" ", left-len(l)) + l + "." + r + strings.Repeat(" ", right-len(r))
		} else {
			out[i] = strings.Repeat(" ", max(left+1+right-len(s), 0)) + s
		}
	}
	return out
}

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

// formatFloat writes f, a value of dt's precision, the way NumPy's repr
// writes a float: the shortest digits that read back as the same value of
// that precision, as "1.", "0.5", "1e-05", "nan", "-inf".
func formatFloat(dt DType, f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	f = shortest(dt, f)
	if abs := math.Abs(f); abs != 0 && (abs < 1e-4 || abs >= 1e16) {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		if !strings.Contains(mant, ".") {
			mant += "."
		}
		if len(exp) == 2 { // e-5 -> e-05
			exp = exp[:1] + "0" + exp[1:]
		}
		return mant + "e" + exp
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += "."
	}
	return s
}

// shortest returns the float64 with the fewest significant digits that
// rounds to the same value as f in dt's precision.
func shortest(dt DType, f float64) float64 {
	var same func(g float64) bool
	switch dt {
	case Float16:
		same = func(g float64) bool { return dtype.F16FromFloat64(g) == dtype.F16FromFloat64(f) }
	case BFloat16:
		same = func(g float64) bool { return dtype.BF16FromFloat64(g) == dtype.BF16FromFloat64(f) }
	case Float32, Complex64:
		same = func(g float64) bool { return float32(g) == float32(f) }
	default:
		return f
	}
	for p := 1; p < 17; p++ {
		if g, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', p, 64), 64); err == nil && same(g) {
			return g
		}
	}
	return f
}
