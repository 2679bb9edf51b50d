package array

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/layout"
)

// Loadtxt reads a table of numbers from text into a new array on d, as
// np.loadtxt(r, ...) does with the options given: whitespace-separated
// float64 values by default, one row per line, "#" starting comments.
// The shape is NumPy's: the rows-by-columns table with its axes of length
// one removed (one row or one column gives a 1-d array, one value a 0-d
// one), then NDMin's dimensions added. Input without data gives an empty
// array of shape (0,) (NumPy warns "input contained no data" as well).
//
// Fields are read as NumPy 2 reads them: integers as decimal integers
// within the dtype's range ("1.5" or "1e3" is an error for an integer
// dtype), bool as an integer (non-zero is true), floats in Python's
// syntax (inf, nan, 1e400 is inf; no hex floats), complex numbers as
// "1+2j" or "(1-2j)". Lines end at "\n", "\r\n" or "\r", as in a text
// file Python opens. A bad field, a row of another length or a column
// out of range is an error naming the row and the line.
func (d *Device) Loadtxt(r io.Reader, opts ...TextOption) *Array {
	return d.readText("Loadtxt", r, opts, readLoadtxt, "TextDType", "Delimiter", "Comments", "QuoteChar",
		"SkipRows", "UseCols", "MaxRows", "NDMin", "Unpack", "Encoding")
}

func readLoadtxt(c *textConfig, lr *lineReader) (data []byte, rows, cols int, err error) {
	p, err := newLoadtxtParser(c)
	if err != nil {
		return nil, 0, 0, err
	}
	err = p.read(lr)
	return p.data, p.rows, p.cols, err
}

// LoadtxtFile reads the text file at path as Loadtxt does.
func (d *Device) LoadtxtFile(path string, opts ...TextOption) *Array {
	return readTextFile("LoadtxtFile", path, func(r io.Reader) *Array { return d.Loadtxt(r, opts...) })
}

// readText runs what the text readers share: the device's error, a nil
// reader, the options (of the allowed names), then read into a table.
func (d *Device) readText(op string, r io.Reader, opts []TextOption,
	read func(*textConfig, *lineReader) (data []byte, rows, cols int, err error), allowed ...string) *Array {
	if err := d.Err(); err != nil {
		return failed(op, err)
	}
	if r == nil {
		return errorf(op, "nil reader")
	}
	c, err := textConfigFor(opts, allowed...)
	if err != nil {
		return failed(op, err)
	}
	data, rows, cols, err := read(c, newLineReader(r))
	if err != nil {
		return failed(op, err)
	}
	return d.textResult(op, c, data, rows, cols)
}

// readTextFile opens path for a File form of a reader.
func readTextFile(op, path string, read func(io.Reader) *Array) *Array {
	f, err := os.Open(path)
	if err != nil {
		return failed(op, err)
	}
	defer f.Close()
	return read(f)
}

// Loadtxt reads a table of numbers from text into a new array on the
// default device.
func Loadtxt(r io.Reader, opts ...TextOption) *Array { return DefaultDevice().Loadtxt(r, opts...) }

// LoadtxtFile reads the text file at path into a new array on the default
// device.
func LoadtxtFile(path string, opts ...TextOption) *Array {
	return DefaultDevice().LoadtxtFile(path, opts...)
}

// textResult makes the array of a rows-by-cols table read as data, in
// NumPy's shape for ndmin and unpack.
func (d *Device) textResult(op string, c *textConfig, data []byte, rows, cols int) *Array {
	shape := textShape(rows, cols, c.ndmin)
	a := d.fromHost(op, c.dt, data, shape)
	if c.unpack && a.err == nil {
		return a.T()
	}
	return a
}

// textShape is the shape of a rows-by-cols table under NumPy's
// _ensure_ndmin_ndarray: the axes of length one squeezed out when there
// are more than ndmin, then at least ndmin axes (a column for ndmin 2).
func textShape(rows, cols, ndmin int) []int {
	shape := []int{rows, cols}
	if ndmin < 2 {
		shape = slices.DeleteFunc(shape, func(n int) bool { return n == 1 })
	}
	switch {
	case len(shape) >= ndmin:
	case ndmin == 1:
		shape = []int{1}
	case len(shape) == 0:
		shape = []int{1, 1}
	default:
		shape = []int{shape[0], 1}
	}
	return shape
}

// loadtxtParser reads lines into fields and fields into elements, as
// NumPy's C text reader does.
type loadtxtParser struct {
	c          *textConfig
	whitespace bool // split at runs of whitespace
	delim      rune
	comment    rune     // one single-character comment, or -1
	comments   []string // several or longer comments, cut from each line first
	quote      rune     // or -1
	convert    func(field string, dst []byte) bool

	data       []byte
	rows, cols int
	ends       [128]bool // the ASCII characters that end an unquoted field
	fields     []string
	quoted     []bool // whether each field began with a quote
	buf        []byte
}

func controlRune(s, what string) (rune, error) {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || n != len(s) {
		return 0, fmt.Errorf("%s must be a single character, not %q", what, s)
	}
	return r, nil
}

func newLoadtxtParser(c *textConfig) (*loadtxtParser, error) {
	p := &loadtxtParser{c: c, whitespace: !c.delimSet, delim: -1, comment: -1, quote: -1, cols: -1}
	var err error
	if c.delimSet {
		if p.delim, err = controlRune(c.delimiter, "delimiter"); err != nil {
			return nil, err
		}
	}
	if c.given["QuoteChar"] {
		p.quote = c.quote
	}
	for _, s := range c.comments {
		if s == "" {
			return nil, errors.New("comments cannot be an empty string; give no Comments to turn comments off")
		}
	}
	switch {
	case len(c.comments) == 1 && utf8.RuneCountInString(c.comments[0]) == 1:
		p.comment, _ = utf8.DecodeRuneInString(c.comments[0])
	case len(c.comments) > 0:
		if len(c.comments) > 1 && c.delimSet && slices.Contains(c.comments, c.delimiter) {
			return nil, fmt.Errorf("comments %q cannot include the delimiter %q", c.comments, c.delimiter)
		}
		if p.quote >= 0 {
			return nil, errors.New("with several comments or a comment of several characters quotes are not supported")
		}
		p.comments = c.comments
	}
	if err := checkControlRunes(p.delim, p.quote, p.comment); err != nil {
		return nil, err
	}
	if p.convert, err = fieldConverter(c.dt); err != nil {
		return nil, err
	}
	if c.useCols != nil {
		p.cols = len(c.useCols)
	}
	for b := range p.ends {
		r := rune(b)
		p.ends[b] = r == p.delim || r == p.comment || p.whitespace && pyIsSpace(r)
	}
	return p, nil
}

// checkControlRunes refuses what NumPy refuses: a newline as a control
// character, two that are the same, and whitespace as the comment or
// quote when splitting at whitespace (-1 is a character not given).
func checkControlRunes(delim, quote, comment rune) error {
	named := []struct {
		name string
		r    rune
	}{{"comment", comment}, {"quotechar", quote}, {"delimiter", delim}}
	for i, a := range named {
		if a.r == '\r' || a.r == '\n' {
			return fmt.Errorf("control character '%s' cannot be a newline", a.name)
		}
		for _, b := range named[i+1:] {
			if a.r >= 0 && a.r == b.r {
				return fmt.Errorf("the values for control characters '%s' and '%s' are incompatible", a.name, b.name)
			}
		}
		if delim < 0 && a.r >= 0 && pyIsSpace(a.r) {
			return fmt.Errorf("the values for control characters 'delimiter' (whitespace) and '%s' are incompatible", a.name)
		}
	}
	return nil
}

// fieldConverter returns the function that parses a field into one
// element of dt.
func fieldConverter(dt DType) (func(string, []byte) bool, error) {
	switch k := dt.Kind(); {
	case dt == Bool:
		return func(s string, dst []byte) bool {
			v, ok := parseIntField(s, true, math.MinInt64, math.MaxInt64)
			dst[0] = byte(boolBits(v != 0))
			return ok
		}, nil
	case k == dtype.IntKind || k == dtype.UintKind:
		lo, hi := intRange(dt)
		return func(s string, dst []byte) bool {
			v, ok := parseIntField(s, k == dtype.IntKind, lo, hi)
			putUint(dst, dt.Size(), v)
			return ok
		}, nil
	case k == dtype.FloatKind:
		return func(s string, dst []byte) bool {
			v, ok := parseFloatField(s)
			putValue(dst, dt, floatValue(dt, complex(v, 0)))
			return ok
		}, nil
	case k == dtype.ComplexKind:
		return func(s string, dst []byte) bool {
			v, ok := parseComplexField(s)
			putValue(dst, dt, floatValue(dt, v))
			return ok
		}, nil
	}
	return nil, fmt.Errorf("unsupported dtype %v", dt)
}

// putUint writes the low size bytes of v, little-endian.
func putUint(dst []byte, size int, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	copy(dst[:size], b[:])
}

func (p *loadtxtParser) read(lr *lineReader) error {
	for range p.c.skipRows {
		if _, ok, err := lr.next(); err != nil {
			return err
		} else if !ok {
			break
		}
	}
	size := p.c.dt.Size()
	for p.c.maxRows < 0 || p.rows < p.c.maxRows {
		first := lr.lineNo + 1
		ok, err := p.tokenize(lr)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if len(p.fields) == 0 {
			continue
		}
		if p.cols < 0 {
			p.cols = len(p.fields)
		}
		if p.c.useCols == nil && len(p.fields) != p.cols {
			return fmt.Errorf("the number of columns changed from %d to %d at row %d (line %d); use UseCols to select a subset and avoid this error",
				p.cols, len(p.fields), p.rows+1, first)
		}
		at := len(p.data)
		if p.data, err = growRow(p.data, p.rows, p.cols, p.c.dt); err != nil {
			return err
		}
		for i := range p.cols {
			col := i
			if p.c.useCols != nil {
				col = p.c.useCols[i]
				if col < 0 {
					col += len(p.fields)
				}
				if col < 0 || col >= len(p.fields) {
					return fmt.Errorf("invalid column index %d at row %d (line %d) with %d columns", p.c.useCols[i], p.rows+1, first, len(p.fields))
				}
			}
			if !p.convert(p.fields[col], p.data[at+i*size:]) {
				return fmt.Errorf("could not convert string %s to %v at row %d (line %d), column %d",
					quoteField(p.fields[col]), p.c.dt, p.rows+1, first, col+1)
			}
		}
		p.rows++
	}
	if p.cols < 0 {
		p.cols = 1 // no rows: NumPy's guess of one column
	}
	return nil
}

// growRow extends a table of rows rows of cols elements of dt by one
// row, refusing tables past what an array may hold.
func growRow(data []byte, rows, cols int, dt DType) ([]byte, error) {
	if _, err := layout.Bytes([]int{rows + 1, cols}, dt.Size()); err != nil {
		return nil, fmt.Errorf("too many rows: %w", err)
	}
	n := cols * dt.Size()
	return slices.Grow(data, n)[:len(data)+n], nil
}

// quoteField writes a field for a message, as Python's repr would, cut
// to 100 characters.
func quoteField(s string) string {
	if utf8.RuneCountInString(s) > 100 {
		s = string([]rune(s)[:100]) + "..."
	}
	return fmt.Sprintf("%+q", s)
}

// tokenize splits the next row into p.fields, as NumPy's tokenizer
// does; ok is false when the input has ended. A field is a substring of
// its line unless quoting made it differ (then it is built in p.buf); a
// quoted field may run on over line ends, which it keeps as "\n".
func (p *loadtxtParser) tokenize(lr *lineReader) (ok bool, err error) {
	p.fields, p.quoted = p.fields[:0], p.quoted[:0]
	line, ok, err := lr.next()
	if err != nil || !ok {
		return false, err
	}
	line = p.cutComments(line)
	const (
		fieldStart = iota // before a field: whitespace skipped when splitting at it, a quote opens quoting
		unquoted
		quoted
	)
	state, start, buffered := fieldStart, 0, false
	endField := func(end int) {
		if buffered {
			p.fields = append(p.fields, string(p.buf))
		} else {
			p.fields = append(p.fields, line[start:end])
		}
		p.buf, buffered = p.buf[:0], false
	}
	p.quoted = append(p.quoted, false)
	for i := 0; ; {
		if i == len(line) {
			if state != quoted {
				break
			}
			if line, ok, err = lr.next(); err != nil {
				return false, err
			} else if !ok {
				break
			}
			if len(p.buf)+len(line) > maxTextLine {
				return false, fmt.Errorf("quoted field at line %d is longer than %d bytes", lr.lineNo, maxTextLine)
			}
			p.buf = append(p.buf, '\n')
			i = 0
			continue
		}
		if c := line[i]; state == unquoted && c < utf8.RuneSelf && !p.ends[c] { // the common case
			if buffered {
				p.buf = append(p.buf, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(line[i:])
		switch {
		case state == fieldStart && p.whitespace && pyIsSpace(r):
		case state == fieldStart && r == p.quote:
			state, buffered = quoted, true
			p.quoted[len(p.quoted)-1] = true
		case state == fieldStart:
			state, start = unquoted, i
			continue // read r as part of the field
		case state == quoted && r == p.quote && strings.HasPrefix(line[i+n:], string(r)):
			p.buf = append(p.buf, line[i:i+n]...) // a doubled quote is one quote
			n *= 2
		case state == quoted && r == p.quote:
			state = unquoted // what follows the closing quote joins the field
		case state == unquoted && (r == p.delim || p.whitespace && pyIsSpace(r)):
			endField(i)
			p.quoted = append(p.quoted, false)
			state = fieldStart
		case state == unquoted && r == p.comment:
			line = line[:i]
			continue
		case buffered:
			p.buf = append(p.buf, line[i:i+n]...)
		}
		i += n
	}
	if state == fieldStart {
		p.fields = append(p.fields, "")
	} else {
		endField(len(line))
	}
	// One empty unquoted field is an empty line; splitting at whitespace
	// drops a last empty field ("1 2 " has two). NumPy looks at the first
	// field's quoting for both, and so does this.
	if last := len(p.fields) - 1; (last == 0 || p.whitespace) && p.fields[last] == "" && !p.quoted[0] {
		p.fields, p.quoted = p.fields[:last], p.quoted[:last]
	}
	return true, nil
}

// cutComments cuts line at each of several comments in turn, as NumPy's
// _preprocess_comments does.
func (p *loadtxtParser) cutComments(line string) string {
	for _, c := range p.comments {
		line, _, _ = strings.Cut(line, c)
	}
	return line
}
