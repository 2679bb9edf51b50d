package array

import (
	"fmt"
	"slices"
	"strings"
)

// TextOption is a keyword argument of the text readers and writers
// (Loadtxt, Genfromtxt, Savetxt), named after NumPy's: Delimiter(",") is
// delimiter=",". Each function refuses the options NumPy's does not take.
type TextOption struct {
	name  string
	apply func(*textConfig)
}

type textConfig struct {
	given map[string]bool

	dt         DType
	delimiter  string
	delimSet   bool
	comments   []string
	commentSet bool
	quote      rune // 0: none
	skipRows   int
	useCols    []int
	maxRows    int // -1: all
	ndmin      int
	unpack     bool

	skipFooter int
	filling    []any

	fmt      []string
	newline  string
	header   string
	footer   string
	encoding string
}

func textOption(name string, apply func(*textConfig)) TextOption {
	return TextOption{name: name, apply: apply}
}

// TextDType is the dtype of the array read (dtype=; default float64).
func TextDType(dt DType) TextOption {
	return textOption("TextDType", func(c *textConfig) { c.dt = dt })
}

// Delimiter separates the values of a line (delimiter=): for Loadtxt one
// character, for Genfromtxt any string, for Savetxt what is written
// between values. Without it the readers split at runs of whitespace and
// Savetxt writes one space.
func Delimiter(d string) TextOption {
	return textOption("Delimiter", func(c *textConfig) { c.delimiter, c.delimSet = d, true })
}

// Comments starts the comments of the readers (comments=; default "#"):
// Loadtxt takes several, each of any length, Genfromtxt one; none turns
// comments off. For Savetxt it is the one prefix of header and footer
// lines (default "# ").
func Comments(prefixes ...string) TextOption {
	return textOption("Comments", func(c *textConfig) { c.comments, c.commentSet = prefixes, true })
}

// QuoteChar quotes fields in Loadtxt (quotechar=): inside quotes
// delimiters and comments are plain characters, and a doubled quote is
// one quote.
func QuoteChar(q rune) TextOption {
	return textOption("QuoteChar", func(c *textConfig) { c.quote = q })
}

// SkipRows skips the first n lines of the input, comments and blank lines
// included (Loadtxt's skiprows=).
func SkipRows(n int) TextOption {
	return textOption("SkipRows", func(c *textConfig) { c.skipRows = n })
}

// SkipHeader skips the first n lines (Genfromtxt's skip_header=).
func SkipHeader(n int) TextOption {
	return textOption("SkipHeader", func(c *textConfig) { c.skipRows = n })
}

// SkipFooter leaves out the last n lines that hold data (Genfromtxt's
// skip_footer=).
func SkipFooter(n int) TextOption {
	return textOption("SkipFooter", func(c *textConfig) { c.skipFooter = n })
}

// UseCols reads only these columns, in this order; negative ones count
// from the end of each line (usecols=). For Loadtxt none (UseCols())
// reads no column, as usecols=[] does; for Genfromtxt it reads all.
func UseCols(cols ...int) TextOption {
	return textOption("UseCols", func(c *textConfig) { c.useCols = append([]int{}, cols...) })
}

// MaxRows reads at most n rows of data; lines without data do not count
// (max_rows=).
func MaxRows(n int) TextOption { return textOption("MaxRows", func(c *textConfig) { c.maxRows = n }) }

// NDMin gives the result at least n dimensions, 0, 1 or 2 (ndmin=).
func NDMin(n int) TextOption { return textOption("NDMin", func(c *textConfig) { c.ndmin = n }) }

// Unpack returns the result transposed, one row per column of the file
// (unpack=True).
func Unpack() TextOption { return textOption("Unpack", func(c *textConfig) { c.unpack = true }) }

// Encoding names the text's encoding (encoding=): only "utf-8" (the
// default; "utf8" and any case are the same) is supported.
func Encoding(name string) TextOption {
	return textOption("Encoding", func(c *textConfig) { c.encoding = name })
}

// FillingValues replace the fields Genfromtxt cannot convert
// (filling_values=):
// one Go number for every column, or one per column from the first (the
// columns beyond keep the default: NaN for floats, -1 for integers, false
// for bool).
func FillingValues(v ...any) TextOption {
	return textOption("FillingValues", func(c *textConfig) { c.filling = slices.Clone(v) })
}

// Fmt formats Savetxt's values (fmt=, default "%.18e"), in C's and
// Python's printf style: one format for every column, one per column, or
// one string holding a format for each column.
func Fmt(formats ...string) TextOption {
	return textOption("Fmt", func(c *textConfig) { c.fmt = slices.Clone(formats) })
}

// Newline ends Savetxt's lines (newline=, default "\n").
func Newline(s string) TextOption {
	return textOption("Newline", func(c *textConfig) { c.newline = s })
}

// Header is written before Savetxt's data, each of its lines after the
// comment prefix (header=).
func Header(s string) TextOption { return textOption("Header", func(c *textConfig) { c.header = s }) }

// Footer is written after Savetxt's data, as Header (footer=).
func Footer(s string) TextOption { return textOption("Footer", func(c *textConfig) { c.footer = s }) }

// textConfigFor applies opts over NumPy's defaults, refusing the options
// not in allowed.
func textConfigFor(opts []TextOption, allowed ...string) (*textConfig, error) {
	c := &textConfig{given: map[string]bool{}, dt: Float64, maxRows: -1, comments: []string{"#"}, newline: "\n"}
	for _, o := range opts {
		if o.apply == nil {
			return nil, fmt.Errorf("a zero TextOption")
		}
		if !slices.Contains(allowed, o.name) {
			return nil, fmt.Errorf("option %s does not apply here", o.name)
		}
		c.given[o.name] = true
		o.apply(c)
	}
	if c.encoding != "" && !strings.EqualFold(strings.ReplaceAll(c.encoding, "-", ""), "utf8") {
		return nil, fmt.Errorf("encoding %q is not supported: only utf-8", c.encoding)
	}
	if c.ndmin < 0 || c.ndmin > 2 {
		return nil, fmt.Errorf("illegal value of ndmin keyword: %d", c.ndmin)
	}
	if c.skipRows < 0 {
		return nil, fmt.Errorf("skiprows must be nonnegative")
	}
	if c.given["MaxRows"] && c.maxRows < 0 {
		return nil, fmt.Errorf("max_rows must be nonnegative")
	}
	if c.skipFooter < 0 {
		return nil, fmt.Errorf("skip_footer must be nonnegative")
	}
	return c, nil
}
