package array

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// Genfromtxt reads a table of numbers with missing values from text into
// a new array on d, as np.genfromtxt(r, ...) does with names=False and
// the options given: TextDType (default float64), Delimiter (any string;
// default runs of whitespace), Comments (one string, default "#"),
// SkipHeader, SkipFooter, UseCols, MaxRows, NDMin, Unpack and
// FillingValues. As with NumPy's default loose=True, a field that does
// not convert (an empty one, "N/A", anything) takes its column's filling
// value: NaN for floats, NaN+0j for complex, -1 for integers (an error
// for unsigned ones, as in NumPy 2), false for bool; so missing_values
// changes nothing and is not taken. Fields convert as Python's float(),
// complex() and int() do (underscores between digits allowed), bool as
// "true" or "false" in any case, and integer dtypes narrower than 64 bits
// through a float, truncated; an integer out of the dtype's range is an
// error. Lines with another number of values are errors naming every
// such line.
//
// Not supported: dtype=None (guessed dtypes), structured dtypes and
// names, converters, missing_values, usemask, loose=False,
// invalid_raise=False, autostrip, fixed-width delimiters, and
// per-column dictionaries of filling values.
func (d *Device) Genfromtxt(r io.Reader, opts ...TextOption) *Array {
	return d.readText("Genfromtxt", r, opts, readGenfromtxt, "TextDType", "Delimiter", "Comments",
		"SkipHeader", "SkipFooter", "UseCols", "MaxRows", "NDMin", "Unpack", "Encoding", "FillingValues")
}

func readGenfromtxt(c *textConfig, lr *lineReader) (data []byte, rows, cols int, err error) {
	g, err := newGenParser(c)
	if err != nil {
		return nil, 0, 0, err
	}
	if err := g.read(lr); err != nil {
		return nil, 0, 0, err
	}
	if g.rows == 0 {
		return nil, 0, 1, nil // NumPy's np.array([]): shape (0,)
	}
	return g.data, g.rows, g.cols, nil
}

// GenfromtxtFile reads the text file at path as Genfromtxt does.
func (d *Device) GenfromtxtFile(path string, opts ...TextOption) *Array {
	return readTextFile("GenfromtxtFile", path, func(r io.Reader) *Array { return d.Genfromtxt(r, opts...) })
}

// Genfromtxt reads a table with missing values into a new array on the
// default device.
func Genfromtxt(r io.Reader, opts ...TextOption) *Array {
	return DefaultDevice().Genfromtxt(r, opts...)
}

// GenfromtxtFile reads the text file at path into a new array on the
// default device.
func GenfromtxtFile(path string, opts ...TextOption) *Array {
	return DefaultDevice().GenfromtxtFile(path, opts...)
}

// genLine is a line of values, kept until it is known not to be footer.
type genLine struct {
	no     int
	values []string // nil: a line of the wrong length
	found  int      // the number of values found on it
}

type genParser struct {
	c        *textConfig
	comment  string
	convert  func(string) (complex128, bool)
	useCols  []int
	cols     int // -1 until the first line of values
	pending  []genLine
	invalid  []genLine
	convErr  error
	rows     int
	data     []byte
	filling  [][]byte // per column, or nil: an error for a missing value
	fillErrs []error
}

func newGenParser(c *textConfig) (*genParser, error) {
	g := &genParser{c: c, cols: -1}
	if len(c.comments) > 1 {
		return nil, errors.New("Comments takes one string here")
	}
	if len(c.comments) == 1 {
		if g.comment = c.comments[0]; g.comment == "" {
			return nil, errors.New("comments cannot be an empty string")
		}
	}
	if c.given["MaxRows"] {
		if c.skipFooter > 0 {
			return nil, errors.New("the options SkipFooter and MaxRows can not be given together")
		}
		if c.maxRows < 1 {
			return nil, errors.New("max_rows must be at least 1")
		}
	}
	var err error
	g.convert, err = genConverter(c.dt)
	return g, err
}

// genConverter returns the conversion of a field as genfromtxt's
// StringConverter makes it for dt, giving the value as a complex128 (the
// integers exactly, within float64's 53 bits; see genValue).
func genConverter(dt DType) (func(string) (complex128, bool), error) {
	switch k := dt.Kind(); {
	case dt == Bool:
		return func(s string) (complex128, bool) {
			switch strings.ToUpper(s) {
			case "TRUE":
				return 1, true
			case "FALSE":
				return 0, true
			}
			return 0, false
		}, nil
	case k == dtype.FloatKind:
		return func(s string) (complex128, bool) {
			v, ok := pythonFloat(s)
			return complex(v, 0), ok
		}, nil
	case k == dtype.ComplexKind:
		return pythonComplex, nil
	case k == dtype.IntKind || k == dtype.UintKind:
		return nil, nil // integers keep all 64 bits: genParser.putInt
	}
	return nil, fmt.Errorf("unsupported dtype %v", dt)
}

func (g *genParser) split(line string) []string {
	if g.comment != "" {
		line, _, _ = strings.Cut(line, g.comment)
	}
	line = strings.Trim(line, " \r\n")
	if line == "" {
		return nil
	}
	if !g.c.delimSet || g.c.delimiter == "" {
		return strings.FieldsFunc(line, pyIsSpace)
	}
	return strings.Split(line, g.c.delimiter)
}

func (g *genParser) read(lr *lineReader) error {
	for range g.c.skipRows {
		if _, ok, err := lr.next(); err != nil || !ok {
			return err
		}
	}
	for g.c.maxRows < 0 || g.rows+len(g.pending) < g.c.maxRows {
		line, ok, err := lr.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		values := g.split(line)
		if len(values) == 0 {
			continue
		}
		if g.cols < 0 {
			if err := g.start(len(values)); err != nil {
				return err
			}
		}
		gl := genLine{no: lr.lineNo, found: len(values), values: g.pick(values)}
		if g.pending = append(g.pending, gl); len(g.pending) > g.c.skipFooter {
			if err := g.take(g.pending[0]); err != nil {
				return err
			}
			g.pending = g.pending[1:]
		}
	}
	if len(g.invalid) > 0 {
		msg := []string{"some errors were detected!"}
		for _, gl := range g.invalid[:min(len(g.invalid), 10)] {
			msg = append(msg, fmt.Sprintf("    line %d (got %d columns instead of %d)", gl.no, gl.found, g.cols))
		}
		if len(g.invalid) > 10 {
			msg = append(msg, fmt.Sprintf("    and %d more lines", len(g.invalid)-10))
		}
		return errors.New(strings.Join(msg, "\n"))
	}
	return g.convErr
}

// start sets the columns from the first line of values: the number of
// UseCols, or of the values; negative columns count from its end.
func (g *genParser) start(found int) error {
	g.cols = found
	if len(g.c.useCols) > 0 {
		g.cols = len(g.c.useCols)
		g.useCols = slices.Clone(g.c.useCols)
		for i, c := range g.useCols {
			if c < 0 {
				g.useCols[i] = c + found
			}
		}
	}
	size := g.c.dt.Size()
	g.filling = make([][]byte, g.cols)
	g.fillErrs = make([]error, g.cols)
	for j := range g.cols {
		v := genDefaultFill(g.c.dt)
		switch f := g.c.filling; {
		case len(f) == 1:
			v = f[0]
		case j < len(f):
			v = f[j]
		}
		s, ok := scalarOf(v)
		if !ok {
			return fmt.Errorf("filling value %v of type %T is not a Go number or bool", v, v)
		}
		val, err := s.value(g.c.dt)
		if err != nil {
			g.fillErrs[j] = fmt.Errorf("filling value of column %d: %w", j, err)
			continue
		}
		g.filling[j] = make([]byte, size)
		putValue(g.filling[j], g.c.dt, val)
	}
	return nil
}

// genDefaultFill is StringConverter's default for a missing value.
func genDefaultFill(dt DType) any {
	switch dt.Kind() {
	case dtype.BoolKind:
		return false
	case dtype.IntKind, dtype.UintKind:
		return -1
	case dtype.ComplexKind:
		return complex(math.NaN(), 0)
	}
	return math.NaN()
}

// pick returns the values of the columns read, or nil for a line of the
// wrong length.
func (g *genParser) pick(values []string) []string {
	if g.useCols == nil {
		if len(values) != g.cols {
			return nil
		}
		return values
	}
	out := make([]string, len(g.useCols))
	for i, c := range g.useCols {
		if c < 0 { // Python's indexing from the end
			c += len(values)
		}
		if c < 0 || c >= len(values) {
			return nil
		}
		out[i] = values[c]
	}
	return out
}

// take converts a line that is not footer into a row of the result.
func (g *genParser) take(gl genLine) error {
	if gl.values == nil {
		g.invalid = append(g.invalid, gl)
		return nil
	}
	if len(g.invalid) > 0 || g.convErr != nil {
		return nil // the result is an error; only the invalid lines are still looked for
	}
	size := g.c.dt.Size()
	at := len(g.data)
	var err error
	if g.data, err = growRow(g.data, g.rows, g.cols, g.c.dt); err != nil {
		return err
	}
	for j, s := range gl.values {
		dst := g.data[at+j*size:][:size]
		ok, err := g.putValue(s, dst)
		if err != nil {
			g.convErr = fmt.Errorf("line %d, column %d: %w", gl.no, j+1, err)
			return nil
		}
		if ok {
			continue
		}
		if g.filling[j] == nil {
			g.convErr = fmt.Errorf("value %s at line %d: %w", quoteField(s), gl.no, g.fillErrs[j])
			return nil
		}
		copy(dst, g.filling[j])
	}
	g.rows++
	return nil
}

// putValue converts one field into dst, reporting whether it converted;
// an integer out of the dtype's range is an error, as NumPy's
// OverflowError.
func (g *genParser) putValue(s string, dst []byte) (bool, error) {
	dt := g.c.dt
	if g.convert != nil {
		v, ok := g.convert(s)
		if ok {
			putValue(dst, dt, hostValue(dt, v))
		}
		return ok, nil
	}
	lo, hi := intRange(dt)
	if dt.Size() == 8 { // np.int64(s) and np.uint64(s): Python's int()
		digits, ok := withoutUnderscores(trimPySpace(s))
		if !ok || !isDecimalInt(digits) {
			return false, nil
		}
		v, ok := parseIntField(digits, dt.Kind() == dtype.IntKind, lo, hi)
		if !ok {
			return false, fmt.Errorf("Python integer %s out of bounds for %v", digits, dt)
		}
		putUint(dst, 8, v)
		return true, nil
	}
	f, ok := pythonFloat(s) // int(float(s)), then cast as np.array casts a Python int
	switch {
	case !ok || math.IsNaN(f):
		return false, nil
	case math.IsInf(f, 0):
		return false, errors.New("cannot convert float infinity to integer")
	case math.Trunc(f) < float64(lo) || math.Trunc(f) > float64(hi):
		return false, fmt.Errorf("Python integer %.0f out of bounds for %v", math.Trunc(f), dt)
	}
	putValue(dst, dt, intValue(dt, f))
	return true, nil
}

// isDecimalInt reports whether s is an optional sign and decimal digits.
func isDecimalInt(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return s != "" && strings.Trim(s, "0123456789") == ""
}
