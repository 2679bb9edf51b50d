package array

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// Savetxt writes a, 1-d or 2-d, as text, byte for byte as np.savetxt(w,
// a, ...) does with the options given: one line per row (a 1-d array is
// one column), each value formatted by Fmt (default "%.18e") in Python's
// printf style, values separated by Delimiter (default " "), lines ended
// by Newline (default "\n"), Header and Footer lines after the Comments
// prefix (default "# "). A complex value under a single format is written
// " (re+imj)", and "+-" anywhere in a complex row becomes "-", as NumPy
// does.
func (a *Array) Savetxt(w io.Writer, opts ...TextOption) error {
	const op = "Savetxt"
	if w == nil {
		return errors.New("Savetxt: nil writer")
	}
	if err := a.checkOp(op); err != nil {
		return err
	}
	c, err := textConfigFor(opts, "Fmt", "Delimiter", "Newline", "Header", "Footer", "Comments", "Encoding")
	if err != nil {
		return wrap(op, err)
	}
	if a.NDim() == 0 || a.NDim() > 2 {
		return fmt.Errorf("Savetxt: expected 1D or 2D array, got %dD array instead", a.NDim())
	}
	rows, cols := a.shape[0], 1
	if a.NDim() == 2 {
		cols = a.shape[1]
	}
	delimiter, comments := " ", "# "
	if c.delimSet {
		delimiter = c.delimiter
	}
	if c.commentSet {
		if len(c.comments) != 1 {
			return fmt.Errorf("Savetxt: Comments takes one prefix, not %d", len(c.comments))
		}
		comments = c.comments[0]
	}
	complexRows := a.dt.Kind() == dtype.ComplexKind
	format, err := savetxtFormat(c.fmt, cols, complexRows, delimiter)
	if err != nil {
		return wrap(op, err)
	}
	data, err := a.hostBytes(op)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if c.header != "" {
		bw.WriteString(comments + strings.ReplaceAll(c.header, "\n", "\n"+comments) + c.newline)
	}
	size := a.dt.Size()
	vals := make([]pyValue, 0, 2*cols)
	for r := range rows {
		vals = vals[:0]
		for j := range cols {
			b := data[(r*cols+j)*size:][:size]
			if complexRows {
				part := a.dt.Size() / 2
				pdt := Float64
				if a.dt == Complex64 {
					pdt = Float32
				}
				vals = append(vals, pyValue{dt: pdt, b: b[:part]}, pyValue{dt: pdt, b: b[part:]})
			} else {
				vals = append(vals, pyValue{dt: a.dt, b: b})
			}
		}
		line, err := format.format(vals)
		if err != nil {
			return fmt.Errorf("Savetxt: mismatch between array dtype (%v) and format specifier: %w", a.dt, err)
		}
		line += c.newline
		if complexRows {
			line = strings.ReplaceAll(line, "+-", "-")
		}
		bw.WriteString(line)
	}
	if c.footer != "" {
		bw.WriteString(comments + strings.ReplaceAll(c.footer, "\n", "\n"+comments) + c.newline)
	}
	return wrap(op, bw.Flush())
}

// savetxtFormat builds a row's format as np.savetxt does: a list gives
// one format per column joined by the delimiter; a single format with one
// conversion is repeated for each column (as " (%s+%sj)" for complex
// rows); any other string is the whole row's format and must have one
// conversion per value (two per complex value). Like NumPy, it counts
// the '%' characters.
func savetxtFormat(fmts []string, cols int, complexRows bool, delimiter string) (*pyFormat, error) {
	if len(fmts) == 0 {
		fmts = []string{"%.18e"}
	}
	var row string
	switch n := strings.Count(fmts[0], "%"); {
	case len(fmts) > 1:
		if len(fmts) != cols {
			return nil, fmt.Errorf("fmt has wrong shape: %d formats for %d columns", len(fmts), cols)
		}
		row = strings.Join(fmts, delimiter)
	case n == 1:
		col := fmts[0]
		if complexRows {
			col = " (" + col + "+" + col + "j)"
		}
		row = strings.TrimSuffix(strings.Repeat(col+delimiter, cols), delimiter)
	case complexRows && n != 2*cols, !complexRows && n != cols:
		return nil, fmt.Errorf("fmt has wrong number of %% formats: %s", fmts[0])
	default:
		row = fmts[0]
	}
	pf, err := parsePyFormat(row)
	if err != nil {
		return nil, err
	}
	want := cols
	if complexRows {
		want *= 2
	}
	if len(pf.specs) != want {
		return nil, fmt.Errorf("format %q has %d conversions for %d values", row, len(pf.specs), want)
	}
	return pf, nil
}

// SavetxtFile writes a as text at path, as Savetxt does.
func (a *Array) SavetxtFile(path string, opts ...TextOption) error {
	if err := a.checkOp("SavetxtFile"); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("SavetxtFile: %w", err)
	}
	if err := a.Savetxt(f, opts...); err != nil {
		f.Close()
		return err
	}
	return wrap("SavetxtFile", f.Close())
}
