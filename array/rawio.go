package array

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/cugo/cugo/dtype"
)

// Raw data in and out: np.frombuffer, np.fromfile and ndarray.tofile,
// in the machine's byte order, little-endian (as .npy's '<' data).

// Frombuffer returns a new 1-d array on d holding count elements of dt
// read from buf after offset bytes, as np.frombuffer(buf, dt, count,
// offset) does; count -1 reads to the end, which must then be a whole
// number of elements. NumPy's result is a view of buf; this one is a copy.
func (d *Device) Frombuffer(buf []byte, dt DType, count, offset int) *Array {
	const op = "Frombuffer"
	if err := d.Err(); err != nil {
		return failed(op, err)
	}
	if dt.Size() == 0 {
		return errorf(op, "invalid dtype %v", dt)
	}
	if offset < 0 || offset > len(buf) {
		return errorf(op, "offset must be non-negative and no greater than buffer length (%d)", len(buf))
	}
	size, rest := dt.Size(), len(buf)-offset
	switch {
	case count < 0 && rest%size != 0:
		return errorf(op, "buffer size must be a multiple of element size")
	case count < 0:
		count = rest / size
	case count > rest/size:
		return errorf(op, "buffer is smaller than requested size")
	}
	data := buf[offset : offset+count*size]
	if dt == Bool {
		data = bytes.Clone(data)
		normalizeBools(data)
	}
	return d.fromHost(op, dt, data, []int{count})
}

// Frombuffer returns a new 1-d array on the default device read from buf.
func Frombuffer(buf []byte, dt DType, count, offset int) *Array {
	return DefaultDevice().Frombuffer(buf, dt, count, offset)
}

// FromReader reads a 1-d array of dt from r into a new array on d, as
// np.fromfile(r, dt, count, sep) does: with sep "" raw elements (count -1:
// all there are; bytes after the last whole element are left out), else
// text, numbers separated by sep, in which whitespace matches any run of
// whitespace (" " reads whitespace-separated numbers). Text fewer than
// count elements gives them; text that does not parse is an error (NumPy
// 2's "string or file could not be read to its end"). Complex numbers are
// read as their real part, as NumPy does; integers out of the dtype's
// range are an error.
func (d *Device) FromReader(r io.Reader, dt DType, count int, sep string) *Array {
	return d.readRaw("FromReader", r, dt, count, sep)
}

func (d *Device) readRaw(op string, r io.Reader, dt DType, count int, sep string) *Array {
	if err := d.Err(); err != nil {
		return failed(op, err)
	}
	if r == nil {
		return errorf(op, "nil reader")
	}
	if dt.Size() == 0 {
		return errorf(op, "invalid dtype %v", dt)
	}
	var data []byte
	var err error
	if sep == "" {
		data, err = readElements(r, dt.Size(), count)
	} else {
		data, err = readTextElements(r, dt, count, sep)
	}
	if err != nil {
		return failed(op, err)
	}
	if dt == Bool {
		normalizeBools(data)
	}
	return d.fromHost(op, dt, data, []int{len(data) / dt.Size()})
}

// Fromfile reads a 1-d array of dt from the file at path into a new array
// on d, as np.fromfile(path, dt, count, sep, offset) does: as FromReader,
// after skipping offset bytes, which only raw data may have.
func (d *Device) Fromfile(path string, dt DType, count int, sep string, offset int) *Array {
	const op = "Fromfile"
	if sep != "" && offset != 0 {
		return errorf(op, "an offset is only permitted for binary files")
	}
	f, err := os.Open(path)
	if err != nil {
		return failed(op, err)
	}
	defer f.Close()
	if offset != 0 {
		st, err := f.Stat()
		if err != nil {
			return failed(op, err)
		}
		if offset < 0 || int64(offset) > st.Size() {
			return errorf(op, "offset %d is outside the file of %d bytes", offset, st.Size())
		}
		if _, err := f.Seek(int64(offset), io.SeekStart); err != nil {
			return failed(op, err)
		}
	}
	return d.readRaw(op, bufio.NewReader(f), dt, count, sep)
}

// FromReader reads a 1-d array from r into a new array on the default
// device.
func FromReader(r io.Reader, dt DType, count int, sep string) *Array {
	return DefaultDevice().FromReader(r, dt, count, sep)
}

// Fromfile reads a 1-d array from the file at path into a new array on
// the default device.
func Fromfile(path string, dt DType, count int, sep string, offset int) *Array {
	return DefaultDevice().Fromfile(path, dt, count, sep, offset)
}

// readElements reads count elements of size bytes (count -1: all there
// are), keeping whole elements only.
func readElements(r io.Reader, size, count int) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if count < 0 {
		_, err = buf.ReadFrom(r)
	} else {
		if count > math.MaxInt/size {
			return nil, fmt.Errorf("count %d of %d-byte elements is too large", count, size)
		}
		_, err = io.CopyN(&buf, r, int64(count*size))
		if errors.Is(err, io.EOF) {
			err = nil
		}
	}
	if err != nil {
		return nil, err
	}
	data := buf.Bytes()
	return data[:len(data)/size*size], nil
}

// readTextElements parses count numbers (count -1: all) separated by sep
// as NumPy's fromfile does with its C scanner.
func readTextElements(r io.Reader, dt DType, count int, sep string) ([]byte, error) {
	text, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	pattern := separatorPattern(sep)
	size := dt.Size()
	var data []byte
	el := make([]byte, size)
	for pos, n := 0, 0; count < 0 || n < count; n++ {
		end, ok, err := scanElement(text, pos, dt, el)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", n, err)
		}
		if !ok {
			if end < len(text) {
				return nil, fmt.Errorf("text could not be read to its end due to unmatched data at byte %d", end)
			}
			break
		}
		data = append(data, el...)
		if count == n+1 {
			break
		}
		var res int
		if pos, res = skipSeparator(text, end, pattern); res == -1 {
			break
		} else if res == -2 {
			return nil, fmt.Errorf("text could not be read to its end due to unmatched data at byte %d", end)
		}
	}
	return data, nil
}

// numberBytes are the bytes a number's text may hold.
var numberBytes = []byte("0123456789+-.eEiInNfFtTyYaA")

func isCSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// separatorPattern is NumPy's cleaned separator: each run of whitespace
// becomes one ' ', a wildcard for any run of whitespace (none included),
// with one in front.
func separatorPattern(sep string) string {
	var b []byte
	if !isCSpace(sep[0]) {
		b = append(b, ' ')
	}
	for i := 0; i < len(sep); i++ {
		switch {
		case !isCSpace(sep[i]):
			b = append(b, sep[i])
		case len(b) == 0 || b[len(b)-1] != ' ':
			b = append(b, ' ')
		}
	}
	return string(b)
}

// skipSeparator matches the separator pattern at text[pos:]: result 0
// when it matched (something was consumed), -1 at the end of the text,
// -2 when it did not match.
func skipSeparator(text []byte, pos int, pattern string) (next, result int) {
	matched := false
	for j := 0; ; {
		switch {
		case pos == len(text):
			return pos, -1
		case j == len(pattern) && matched:
			return pos, 0
		case j == len(pattern):
			return pos, -2
		case pattern[j] == ' ' && isCSpace(text[pos]):
			pos, matched = pos+1, true
		case pattern[j] == ' ':
			j++
		case pattern[j] != text[pos]:
			return pos, -2
		default:
			pos, j, matched = pos+1, j+1, true
		}
	}
}

// scanElement reads one number at text[pos:], after whitespace, into el:
// ok is false (end at the first byte not read) if there is none.
func scanElement(text []byte, pos int, dt DType, el []byte) (end int, ok bool, err error) {
	for pos < len(text) && isCSpace(text[pos]) {
		pos++
	}
	tokenEnd := pos
	for tokenEnd < len(text) && bytes.IndexByte(numberBytes, text[tokenEnd]) >= 0 {
		tokenEnd++
	}
	rest := text[pos:tokenEnd]
	switch k := dt.Kind(); k {
	case dtype.FloatKind, dtype.ComplexKind:
		n := floatPrefix(string(rest))
		if n == 0 {
			return pos, false, nil
		}
		putValue(el, dt, floatValue(dt, complex(pyFloat(string(rest[:n])), 0)))
		return pos + n, true, nil
	default:
		n := 0
		if n < len(rest) && (rest[0] == '+' || rest[0] == '-') {
			n++
		}
		for n < len(rest) && isDigit(rest[n]) {
			n++
		}
		if n == 0 || !isDigit(rest[n-1]) {
			return pos, false, nil
		}
		lo, hi := intRange(dt)
		if dt == Bool {
			lo, hi = math.MinInt64, math.MaxInt64
		}
		v, ok := parseIntField(string(rest[:n]), k != dtype.UintKind, lo, hi)
		if !ok {
			return pos, false, fmt.Errorf("%s is out of range for %v", rest[:n], dt)
		}
		if dt == Bool {
			v = boolBits(v != 0)
		}
		putUint(el, dt.Size(), v)
		return pos + n, true, nil
	}
}

// Tofile writes a's elements in C order to the file at path, as
// a.tofile(path, sep, format) does: with sep "" raw little-endian bytes;
// else as text, each element formatted by format (Python's printf style,
// "" or "%s" for str of the Python number: float32's 0.1 is
// 0.10000000149011612) and sep between elements, no newline at the end.
func (a *Array) Tofile(path string, sep, format string) error {
	if err := a.checkOp("Tofile"); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("Tofile: %w", err)
	}
	if err := a.ToWriter(f, sep, format); err != nil {
		f.Close()
		return err
	}
	return wrap("Tofile", f.Close())
}

// ToWriter writes a's elements to w as Tofile writes them to a file.
func (a *Array) ToWriter(w io.Writer, sep, format string) error {
	const op = "ToWriter"
	if w == nil {
		return errors.New("ToWriter: nil writer")
	}
	data, err := a.hostBytes(op)
	if err != nil {
		return err
	}
	if sep == "" {
		_, err := w.Write(data)
		return wrap(op, err)
	}
	if format == "" {
		format = "%s"
	}
	pf, err := parsePyFormat(format)
	if err != nil {
		return wrap(op, err)
	}
	if len(pf.specs) != 1 {
		return fmt.Errorf("ToWriter: format %q must have one conversion, not %d", format, len(pf.specs))
	}
	bw := bufio.NewWriter(w)
	size := a.dt.Size()
	for i := 0; i < len(data); i += size {
		if i > 0 {
			bw.WriteString(sep)
		}
		s, err := pf.format([]pyValue{{dt: a.dt, b: data[i : i+size], python: true}})
		if err != nil {
			return wrap(op, err)
		}
		bw.WriteString(s)
	}
	return wrap(op, bw.Flush())
}
