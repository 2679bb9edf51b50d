package array

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// maxTextLine bounds one line of text input, so that input without line
// ends fails with an error rather than taking all memory (a variable for
// the tests).
var maxTextLine = 64 << 20

// lineReader splits text into lines as Python's text files do
// (universal newlines: "\n", "\r\n" and "\r" each end a line), checking
// that each line is UTF-8 and not too long.
type lineReader struct {
	src    io.Reader
	buf    []byte
	pos    int
	end    int
	eof    bool
	skipLF bool   // the last line ended with '\r': a '\n' after it belongs to it
	lineNo int    // the number of the last line returned, from 1
	line   []byte // the last line returned, reused
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{src: r, buf: make([]byte, 64<<10)}
}

// fill reads more input after what is buffered.
func (lr *lineReader) fill() error {
	if lr.pos > 0 {
		lr.end = copy(lr.buf, lr.buf[lr.pos:lr.end])
		lr.pos = 0
	}
	for lr.end < len(lr.buf) && !lr.eof {
		n, err := lr.src.Read(lr.buf[lr.end:])
		lr.end += n
		if errors.Is(err, io.EOF) {
			lr.eof = true
		} else if err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
	}
	return nil
}

// next returns the next line without its end; ok is false after the last.
func (lr *lineReader) next() (line string, ok bool, err error) {
	lr.line = lr.line[:0]
	for {
		if lr.pos == lr.end {
			if lr.eof {
				if len(lr.line) == 0 {
					return "", false, nil
				}
				break
			}
			if err := lr.fill(); err != nil {
				return "", false, err
			}
			continue
		}
		if lr.skipLF {
			lr.skipLF = false
			if lr.buf[lr.pos] == '\n' {
				lr.pos++
				continue
			}
		}
		chunk := lr.buf[lr.pos:lr.end]
		i := bytes.IndexAny(chunk, "\r\n")
		if i < 0 {
			lr.line = append(lr.line, chunk...)
			lr.pos = lr.end
		} else {
			lr.line = append(lr.line, chunk[:i]...)
			lr.skipLF = chunk[i] == '\r'
			lr.pos += i + 1
		}
		if len(lr.line) > maxTextLine {
			return "", false, fmt.Errorf("line %d is longer than %d bytes", lr.lineNo+1, maxTextLine)
		}
		if i >= 0 {
			break
		}
	}
	lr.lineNo++
	if !utf8.Valid(lr.line) {
		return "", false, fmt.Errorf("line %d is not valid UTF-8", lr.lineNo)
	}
	return string(lr.line), true, nil
}
