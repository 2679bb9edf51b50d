package array

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/cugo/cugo/dtype"
)

// PrintOptions are NumPy's print options (np.set_printoptions): how
// String, Str and the fmt verbs print arrays.
type PrintOptions struct {
	Precision int  // most digits after the decimal point of a float (8)
	Threshold int  // arrays of more elements print only their edges (1000)
	EdgeItems int  // items printed at each end of a summarised axis (3)
	LineWidth int  // characters per line before a line break (75)
	Suppress  bool // print small floats in fixed notation (as 0. below the precision)
}

// DefaultPrintOptions are NumPy's defaults.
var DefaultPrintOptions = PrintOptions{Precision: 8, Threshold: 1000, EdgeItems: 3, LineWidth: 75}

var printOptions = struct {
	sync.RWMutex
	o PrintOptions
}{o: DefaultPrintOptions}

// GetPrintOptions returns the print options in force.
func GetPrintOptions() PrintOptions {
	printOptions.RLock()
	defer printOptions.RUnlock()
	return printOptions.o
}

// SetPrintOptions sets the print options of the whole program and returns
// the previous ones, to restore later. Change one field with
//
//	o := array.GetPrintOptions()
//	o.Precision = 3
//	prev, err := array.SetPrintOptions(o)
func SetPrintOptions(o PrintOptions) (PrintOptions, error) {
	switch {
	case o.Precision < 0:
		return PrintOptions{}, fmt.Errorf("SetPrintOptions: precision %d is negative", o.Precision)
	case o.Threshold < 0:
		return PrintOptions{}, fmt.Errorf("SetPrintOptions: threshold %d is negative", o.Threshold)
	case o.EdgeItems < 1:
		return PrintOptions{}, fmt.Errorf("SetPrintOptions: edge items %d: want at least 1", o.EdgeItems)
	case o.LineWidth < 1:
		return PrintOptions{}, fmt.Errorf("SetPrintOptions: line width %d: want at least 1", o.LineWidth)
	}
	printOptions.Lock()
	defer printOptions.Unlock()
	prev := printOptions.o
	printOptions.o = o
	return prev, nil
}

// String returns NumPy's repr of a: "array([[1, 2],\n       [3, 4]], dtype=int32)",
// floats with at most 8 digits after the point and one notation for the
// whole array, lines wrapped at 75 columns, and only the 3 first and last
// items of each axis of an array of more than 1000 elements (see
// PrintOptions). Only the printed elements are read from the device. The
// dtype is left out where NumPy leaves it out (float64, int64, complex128
// and bool). An array carrying an error prints the error.
func (a *Array) String() string { return a.repr(GetPrintOptions()) }

// Str returns NumPy's str of a, what Python's print shows: "[[1 2]\n [3 4]]",
// or for a 0-d array its one value as NumPy prints a scalar ("1.5").
func (a *Array) Str() string { return a.str(GetPrintOptions()) }

func (a *Array) repr(o PrintOptions) string {
	p, err := a.printed(o)
	if err != nil {
		return "array(<" + err.Error() + ">)"
	}
	implied := a.dt == Float64 || a.dt == Int64 || a.dt == Complex128 || a.dt == Bool
	// What follows the elements: the shape of a summarised array (NumPy 2.2
	// on), and the dtype where the elements do not imply it.
	var extras []string
	if a.Size() > o.Threshold {
		extras = append(extras, "shape="+pythonTuple(a.shape))
	}
	if !implied || a.Size() == 0 {
		extras = append(extras, "dtype="+a.dt.String())
	}
	suffix := ")"
	if len(extras) > 0 {
		suffix = ","
	}
	var body string
	switch {
	case a.Size() > 0:
		items := formatItems(a.dt, p.data, o, len(a.shape) == 0)
		body = arrange(items, p, ", ", len("array("), o.LineWidth-len(suffix))
	case len(a.shape) == 1:
		body = "[]"
	default:
		body = "[], shape=" + pythonTuple(a.shape)
	}
	s := "array(" + body + suffix
	if len(extras) == 0 {
		return s
	}
	extra := strings.Join(extras, ", ") + ")"
	if lastLine := len(s) - strings.LastIndexByte(s, '\n') - 1; lastLine+len(extra)+1 > o.LineWidth {
		return s + "\n" + strings.Repeat(" ", len("array(")) + extra
	}
	return s + " " + extra
}

func (a *Array) str(o PrintOptions) string {
	p, err := a.printed(o)
	switch {
	case err != nil:
		return "<" + err.Error() + ">"
	case len(a.shape) == 0:
		return scalarString(a.dt, p.data)
	case a.Size() == 0:
		return "[]"
	}
	return arrange(formatItems(a.dt, p.data, o, false), p, " ", 0, o.LineWidth)
}

// pythonTuple writes a shape as Python writes a tuple: (2, 0), (0,).
func pythonTuple(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// printedPart is what printing shows of an array, read to the host: all
// its elements, or past the threshold only the edge items of each axis
// longer than twice their number, in C order of the kept shape.
type printedPart struct {
	data      []byte
	kept      []int  // the length kept of each axis
	summarise []bool // whether "..." stands between the edges of the axis
}

// printed reads what printing a with o shows. Past o.Threshold it reads
// one corner block of the array at a time, each of o.EdgeItems along the
// summarised axes, so a huge array or broadcast view costs only its edges.
func (a *Array) printed(o PrintOptions) (*printedPart, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	nd := len(a.shape)
	p := &printedPart{kept: a.shape, summarise: make([]bool, nd)}
	if a.Size() <= o.Threshold {
		var err error
		p.data, err = a.hostBytes("String")
		return p, err
	}
	e := o.EdgeItems
	p.kept = make([]int, nd)
	var axes []int // the summarised axes
	for i, d := range a.shape {
		p.kept[i] = d
		if d > 2*e {
			p.kept[i], p.summarise[i] = 2*e, true
			axes = append(axes, i)
		}
	}
	size := a.dt.Size()
	p.data = make([]byte, shapeSize(p.kept)*size)
	keptStrides := contiguousStrides(p.kept)
	for corner := range 1 << len(axes) {
		shape, offset, shift := append([]int(nil), a.shape...), a.offset, 0
		for bit, ax := range axes {
			shape[ax] = e
			if corner>>bit&1 == 1 { // the trailing edge of ax
				offset += (a.shape[ax] - e) * a.strides[ax]
				shift += e * keptStrides[ax]
			}
		}
		block, err := a.view(shape, a.strides, offset).hostBytes("String")
		if err != nil {
			return nil, err
		}
		blockStrides := contiguousStrides(shape)
		for i := range len(block) / size {
			at := shift
			for ax, s := range blockStrides {
				at += i / s % shape[ax] * keptStrides[ax]
			}
			copy(p.data[at*size:], block[i*size:(i+1)*size])
		}
	}
	return p, nil
}

// arrange lays out the items of p as NumPy's array2string does: nested
// brackets, items separated by sep and wrapped before width columns, the
// continuation lines indented by indent+1 columns (the width of "array("
// and the bracket), blank lines between blocks of 3-d and higher arrays.
func arrange(items []string, p *printedPart, sep string, indent, width int) string {
	nd := len(p.kept)
	strides := contiguousStrides(p.kept)
	trimmedSep := strings.TrimRight(sep, " ")
	var rec func(axis, off int, hanging string, width int) string
	rec = func(axis, off int, hanging string, width int) string {
		if axis == nd {
			return items[off]
		}
		n, step := p.kept[axis], strides[axis]
		lead := 0
		if p.summarise[axis] {
			lead = n / 2
		}
		var s strings.Builder
		if axis == nd-1 {
			itemWidth := width - max(len(trimmedSep), len("]"))
			line := hanging
			add := func(word string) {
				if len(line)+len(word) > itemWidth && len(line) > len(hanging) {
					s.WriteString(strings.TrimRight(line, " ") + "\n")
					line = hanging
				}
				line += word
			}
			for i := range n {
				if i == lead && lead > 0 {
					add("...")
					line += sep
				}
				add(items[off+i*step])
				if i < n-1 {
					line += sep
				}
			}
			s.WriteString(line)
		} else {
			lineSep := trimmedSep + strings.Repeat("\n", nd-axis-1)
			for i := range n {
				if i == lead && lead > 0 {
					s.WriteString(hanging + "..." + lineSep)
				}
				s.WriteString(hanging + rec(axis+1, off+i*step, hanging+" ", width-1))
				if i < n-1 {
					s.WriteString(lineSep)
				}
			}
		}
		return "[" + s.String()[len(hanging):] + "]"
	}
	return rec(0, 0, strings.Repeat(" ", indent+1), width)
}

// Format implements fmt.Formatter. %v and %s print String (NumPy's repr);
// the verbs of numbers print Str's layout (NumPy's str) with each element
// formatted as Go formats that verb, flags, width and precision for one
// number, and right-aligned: %.3f, %8.2e, %g for floats and complex
// numbers (and integers, converted), %d, %x, %o, %b for integers, %t for
// bools. Other combinations print as fmt prints a wrong verb.
func (a *Array) Format(f fmt.State, verb rune) {
	if verb == 'v' || verb == 's' {
		fmt.Fprint(f, a.String())
		return
	}
	if err := a.check(); err != nil {
		fmt.Fprint(f, a.String())
		return
	}
	kind := a.dt.Kind()
	ok := strings.ContainsRune("fFeEgG", verb) && kind != dtype.BoolKind ||
		strings.ContainsRune("dxXob", verb) && (kind == dtype.IntKind || kind == dtype.UintKind) ||
		verb == 't' && kind == dtype.BoolKind
	if !ok {
		fmt.Fprintf(f, "%%!%c(*array.Array=%s)", verb, a.dt)
		return
	}
	o := GetPrintOptions()
	p, err := a.printed(o)
	if err != nil {
		fmt.Fprint(f, "<"+err.Error()+">")
		return
	}
	spec := fmt.FormatString(f, verb)
	size := a.dt.Size()
	items := make([]string, len(p.data)/size)
	width := 0
	for i := range items {
		items[i] = fmt.Sprintf(spec, elementValue(a.dt, p.data[i*size:(i+1)*size], verb))
		width = max(width, len(items[i]))
	}
	if len(a.shape) == 0 {
		fmt.Fprint(f, items[0])
		return
	}
	for i, s := range items {
		items[i] = pad(s, width)
	}
	if a.Size() == 0 {
		fmt.Fprint(f, "[]")
		return
	}
	fmt.Fprint(f, arrange(items, p, " ", 0, o.LineWidth))
}

// elementValue decodes one element as the Go value that verb formats: a float
// verb gets a float64 (or complex128) whatever the dtype.
func elementValue(dt DType, b []byte, verb rune) any {
	switch dt.Kind() {
	case dtype.BoolKind:
		return b[0] != 0
	case dtype.ComplexKind:
		half := dt.Size() / 2
		return complex(floatAt(dt, b[:half]), floatAt(dt, b[half:]))
	case dtype.FloatKind:
		return floatAt(dt, b)
	}
	v := intAt(dt, b)
	if !strings.ContainsRune("fFeEgG", verb) {
		return v
	}
	if i, ok := v.(int64); ok {
		return float64(i)
	}
	return float64(v.(uint64))
}
