package array

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/cugo/cugo/internal/layout"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cugo/cugo/dtype"
)

// NpyData is the content of a .npy file, independent of where an array
// will live.
type NpyData struct {
	DType DType
	Shape []int
	// FortranOrder reports that Data lists the elements in Fortran
	// (column-major) order, as the file did; the bytes are not reordered, so
	// that loading is a single copy and the array can be a Fortran-ordered
	// view as np.load makes it. Strides gives the matching strides.
	FortranOrder bool
	// Data holds the elements in little-endian byte order: big-endian
	// files are byte-swapped on load.
	Data []byte
}

// Strides returns the element strides that lay Data out as Shape: C order,
// or Fortran order if FortranOrder is set.
func (d *NpyData) Strides() []int {
	if d == nil {
		return nil
	}
	if !d.FortranOrder {
		return contiguousStrides(d.Shape)
	}
	n := len(d.Shape)
	strides := make([]int, n)
	s := 1
	for i := range n {
		strides[i] = s
		s *= max(d.Shape[i], 1)
	}
	return strides
}

const (
	npyMagic     = "\x93NUMPY"
	npyAlign     = 64      // NumPy's ARRAY_ALIGN: header ends on a 64-byte boundary
	npyMaxHeader = 1 << 20 // far above what any real header needs (NumPy itself stops at 10000)
	npyMaxDims   = 64      // NumPy 2's NPY_MAXDIMS
	// npyGrowthDigits is NumPy's GROWTH_AXIS_MAX_DIGITS: room left in the
	// header so that the first axis can grow in place.
	npyGrowthDigits = 21
)

// npyKinds maps a dtype to the kind character of its NumPy typestring.
// BFloat16 has none: NumPy has no bfloat16 (ml_dtypes saves it as raw void).
var npyKinds = map[DType]byte{
	Bool: 'b', Int8: 'i', Int16: 'i', Int32: 'i', Int64: 'i',
	Uint8: 'u', Uint16: 'u', Uint32: 'u', Uint64: 'u',
	Float16: 'f', Float32: 'f', Float64: 'f', Complex64: 'c', Complex128: 'c',
}

// npyDescr returns the typestring NumPy writes for dt ('<f4', '|u1').
func npyDescr(dt DType) (string, error) {
	k, ok := npyKinds[dt]
	if !ok {
		return "", fmt.Errorf("npy: %v has no NumPy dtype; convert it (to float32, say) before saving", dt)
	}
	order := "<"
	if dt.Size() == 1 {
		order = "|"
	}
	return order + string(k) + strconv.Itoa(dt.Size()), nil
}

// parseNpyDescr reads a typestring; swap reports a big-endian one.
// '|' and '=' (no or native order) are taken as little-endian.
func parseNpyDescr(s string) (dt DType, swap bool, err error) {
	bad := fmt.Errorf("npy: unsupported descr '%s'", s)
	if len(s) < 3 || !strings.ContainsRune("<>|=", rune(s[0])) {
		return 0, false, bad
	}
	size, err := strconv.Atoi(s[2:])
	if err != nil {
		return 0, false, bad
	}
	for d, k := range npyKinds {
		if k == s[1] && d.Size() == size {
			return d, s[0] == '>' && size > 1, nil
		}
	}
	return 0, false, bad
}

// ReadNpy reads a .npy file (format version 1.0, 2.0 or 3.0) of one of the
// numeric dtypes. It reads exactly the header and the data, so r may hold
// more after them (as an .npz member or a stream of arrays does).
func ReadNpy(r io.Reader) (*NpyData, error) {
	if r == nil {
		return nil, errors.New("npy: nil reader")
	}
	var pre [len(npyMagic) + 2]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return nil, fmt.Errorf("npy: reading magic: %w", err)
	}
	if string(pre[:len(npyMagic)]) != npyMagic {
		if string(pre[:len(zipMagic)]) == zipMagic {
			return nil, errors.New("npy: this is an .npz archive (a zip of .npy files), not a .npy file: read it with LoadNpz")
		}
		return nil, errors.New("npy: not a .npy file (bad magic string)")
	}
	major, minor := pre[len(npyMagic)], pre[len(npyMagic)+1]
	var hlen int
	switch {
	case major == 1 && minor == 0:
		var b [2]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, fmt.Errorf("npy: reading header length: %w", err)
		}
		hlen = int(binary.LittleEndian.Uint16(b[:]))
	case (major == 2 || major == 3) && minor == 0:
		var b [4]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, fmt.Errorf("npy: reading header length: %w", err)
		}
		n := binary.LittleEndian.Uint32(b[:])
		if n > npyMaxHeader {
			return nil, fmt.Errorf("npy: header of %d bytes is too long", n)
		}
		hlen = int(n)
	default:
		return nil, fmt.Errorf("npy: unsupported format version %d.%d", major, minor)
	}
	header := make([]byte, hlen)
	if _, err := io.ReadFull(r, header); err != nil {
		return nil, fmt.Errorf("npy: reading header: %w", err)
	}
	if major == 3 && !utf8.Valid(header) {
		return nil, errors.New("npy: header is not valid UTF-8")
	}
	// Versions 1 and 2 are latin-1; the keys and values we accept are ASCII,
	// so the bytes can be parsed as they are.
	h, err := parseNpyHeader(string(header))
	if err != nil {
		return nil, err
	}
	dt, swap, err := parseNpyDescr(h.descr)
	if err != nil {
		return nil, err
	}
	need, err := dataSize(h.shape, dt)
	if err != nil {
		return nil, err
	}
	// Grow with the data, not with what a header claims: a short file that
	// claims a huge shape fails at its end having taken at most 1 MiB.
	buf := bytes.NewBuffer(make([]byte, 0, min(need, 1<<20)))
	if n, err := io.CopyN(buf, r, int64(need)); err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("npy: data is %d bytes, shape %s %v needs %d", n, formatShape(h.shape), dt, need)
		}
		return nil, fmt.Errorf("npy: reading data: %w", err)
	}
	data := buf.Bytes()
	if swap {
		swapBytes(data, dt)
	}
	if dt == Bool {
		normalizeBools(data)
	}
	return &NpyData{DType: dt, Shape: h.shape, FortranOrder: h.fortran, Data: data}, nil
}

// dataSize returns the bytes that shape elements of dt take, or an error if
// the shape is invalid or too big for an array (layout.Bytes's rule: a
// zero-length axis does not excuse absurd other lengths).
func dataSize(shape []int, dt DType) (int, error) {
	n, err := layout.Bytes(shape, dt.Size())
	if err != nil {
		return 0, fmt.Errorf("npy: shape %s %v: %w", formatShape(shape), dt, err)
	}
	return n, nil
}

// normalizeBools makes every byte of bool data 0 or 1, as NumPy reads
// any non-zero byte as True: a Go bool must hold nothing else.
func normalizeBools(data []byte) {
	for i, b := range data {
		if b > 1 {
			data[i] = 1
		}
	}
}

// swapBytes reverses the bytes of each element (of each part, for complex
// dtypes) in place.
func swapBytes(data []byte, dt DType) {
	w := dt.Size()
	if dt.Kind() == dtype.ComplexKind {
		w /= 2
	}
	for i := 0; i+w <= len(data); i += w {
		e := data[i : i+w]
		for a, b := 0, w-1; a < b; a, b = a+1, b-1 {
			e[a], e[b] = e[b], e[a]
		}
	}
}

// WriteNpy writes an array as NumPy's np.save does, byte for byte: format
// version 1.0, C order, data given as
// little-endian elements in C order. BFloat16 is refused, since NumPy has no
// dtype to read it back as.
func WriteNpy(w io.Writer, dt DType, shape []int, data []byte) error {
	if w == nil {
		return errors.New("npy: nil writer")
	}
	descr, err := npyDescr(dt)
	if err != nil {
		return err
	}
	if len(shape) > npyMaxDims {
		return fmt.Errorf("npy: %d dimensions, NumPy allows at most %d", len(shape), npyMaxDims)
	}
	need, err := dataSize(shape, dt)
	if err != nil {
		return err
	}
	if len(data) != need {
		return fmt.Errorf("npy: data is %d bytes, shape %s %v needs %d", len(data), formatShape(shape), dt, need)
	}
	// As numpy.lib.format._write_array_header: sorted keys, repr values,
	// growth room after the dict, then padding and '\n' to the alignment.
	dims := make([]string, len(shape))
	for i, d := range shape {
		dims[i] = strconv.Itoa(d)
	}
	tuple := "(" + strings.Join(dims, ", ") + ")"
	if len(shape) == 1 {
		tuple = "(" + dims[0] + ",)"
	}
	header := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, tuple)
	if len(shape) > 0 {
		header += strings.Repeat(" ", max(npyGrowthDigits-len(dims[0]), 0))
	}
	// Version 1.0 holds headers up to 65535 bytes; NumPy moves to 2.0 beyond
	// that, but numeric dtypes and at most npyMaxDims axes never get there.
	hlen := len(header) + 1 // the '\n'
	prefix := []byte(npyMagic + "\x01\x00\x00\x00")
	pad := npyAlign - (len(prefix)+hlen)%npyAlign
	binary.LittleEndian.PutUint16(prefix[len(npyMagic)+2:], uint16(hlen+pad))
	header += strings.Repeat(" ", pad)
	for _, b := range [][]byte{prefix, []byte(header + "\n"), data} {
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("npy: %w", err)
		}
	}
	return nil
}

type npyHeader struct {
	descr   string
	fortran bool
	shape   []int
}

// parseNpyHeader parses the header dict, a Python literal such as
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// with exactly those three keys in any order, as NumPy requires.
func parseNpyHeader(s string) (npyHeader, error) {
	p := literalParser{s: s}
	var h npyHeader
	seen := map[string]bool{}
	fail := func(what string) (npyHeader, error) {
		return npyHeader{}, fmt.Errorf("npy: bad header %q: %s", strings.TrimRight(s, " \n"), what)
	}
	if !p.consume('{') {
		return fail("expected '{'")
	}
	for !p.consume('}') {
		key, ok := p.str()
		if !ok || !p.consume(':') {
			return fail("expected a string key and ':'")
		}
		if seen[key] {
			return fail("repeated key " + key)
		}
		seen[key] = true
		switch key {
		case "descr":
			if h.descr, ok = p.str(); !ok {
				// A list here is a structured dtype.
				return npyHeader{}, fmt.Errorf("npy: unsupported descr %s", p.rest())
			}
		case "fortran_order":
			if h.fortran, ok = p.boolean(); !ok {
				return fail("fortran_order is not True or False")
			}
		case "shape":
			if h.shape, ok = p.intTuple(); !ok {
				return fail("shape is not a tuple of integers")
			}
		default:
			return fail("unexpected key " + key)
		}
		if !p.consume(',') && !p.peek('}') {
			return fail("expected ',' or '}'")
		}
	}
	if len(seen) != 3 {
		return fail("want keys 'descr', 'fortran_order' and 'shape'")
	}
	if p.skipSpace(); p.i != len(s) {
		return fail("trailing characters after the dict")
	}
	return h, nil
}

// literalParser reads the few Python literals a .npy header holds.
type literalParser struct {
	s string
	i int
}

func (p *literalParser) skipSpace() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *literalParser) peek(c byte) bool {
	p.skipSpace()
	return p.i < len(p.s) && p.s[p.i] == c
}

func (p *literalParser) consume(c byte) bool {
	if p.peek(c) {
		p.i++
		return true
	}
	return false
}

func (p *literalParser) rest() string {
	r := p.s[p.i:]
	if j := strings.IndexByte(r, ','); j >= 0 && r[0] != '[' {
		r = r[:j]
	}
	if len(r) > 40 {
		r = r[:40] + "..."
	}
	return r
}

// str reads a quoted string without escapes (none of the names it holds
// has any).
func (p *literalParser) str() (string, bool) {
	p.skipSpace()
	if p.i >= len(p.s) || (p.s[p.i] != '\'' && p.s[p.i] != '"') {
		return "", false
	}
	q := p.s[p.i]
	end := strings.IndexByte(p.s[p.i+1:], q)
	if end < 0 || strings.IndexByte(p.s[p.i+1:p.i+1+end], '\\') >= 0 {
		return "", false
	}
	v := p.s[p.i+1 : p.i+1+end]
	p.i += end + 2
	return v, true
}

func (p *literalParser) boolean() (bool, bool) {
	p.skipSpace()
	for _, w := range []string{"True", "False"} {
		if strings.HasPrefix(p.s[p.i:], w) {
			p.i += len(w)
			return w == "True", true
		}
	}
	return false, false
}

// intTuple reads (), (n,) or (n, m, ...).
func (p *literalParser) intTuple() ([]int, bool) {
	if !p.consume('(') {
		return nil, false
	}
	shape := []int{}
	comma := false
	for !p.consume(')') {
		if len(shape) == npyMaxDims {
			return nil, false
		}
		p.skipSpace()
		j := p.i
		for j < len(p.s) && (p.s[j] >= '0' && p.s[j] <= '9' || j == p.i && p.s[j] == '-') {
			j++
		}
		n, err := strconv.Atoi(p.s[p.i:j])
		if err != nil {
			return nil, false
		}
		p.i = j
		shape = append(shape, n)
		if comma = p.consume(','); !comma && !p.peek(')') {
			return nil, false
		}
	}
	if len(shape) == 1 && !comma {
		return nil, false // (3) is an int in Python, not a tuple
	}
	return shape, true
}
