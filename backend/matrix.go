package backend

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// CheckMatmul validates the arguments of Backend.Matmul that every
// backend checks alike: a dtype, a batch and shapes that agree, and every
// element of each operand inside its buffer. size returns a buffer's
// length in bytes, or an error if it is not a live buffer of the backend.
func CheckMatmul(dt dtype.DType, batch int, a, b, c Matrix, size func(Buffer) (int, error)) error {
	if dt.Size() == 0 {
		return fmt.Errorf("unsupported dtype %v", dt)
	}
	if batch < 0 {
		return fmt.Errorf("negative batch %d", batch)
	}
	if a.Rows != c.Rows || a.Cols != b.Rows || b.Cols != c.Cols || a.Rows < 0 || a.Cols < 0 || b.Cols < 0 {
		return fmt.Errorf("shapes %dx%d @ %dx%d -> %dx%d do not match", a.Rows, a.Cols, b.Rows, b.Cols, c.Rows, c.Cols)
	}
	for _, op := range []struct {
		name string
		m    Matrix
	}{{"a", a}, {"b", b}, {"c", c}} {
		n, err := size(op.m.Buf)
		if err == nil {
			err = op.m.inBounds(batch, dt.Size(), n)
		}
		if err != nil {
			return fmt.Errorf("operand %s: %w", op.name, err)
		}
	}
	return nil
}

// inBounds checks that every element of batch matrices of m lies inside a
// buffer of size bytes.
func (m Matrix) inBounds(batch, elem, size int) error {
	if m.Offset < 0 {
		return fmt.Errorf("negative offset %d", m.Offset)
	}
	if batch == 0 || m.Rows == 0 || m.Cols == 0 {
		return nil
	}
	lo, hi := m.Offset, m.Offset
	for _, d := range [][2]int{{batch, m.BatchStride}, {m.Rows, m.RowStride}, {m.Cols, m.ColStride}} {
		if s := (d[0] - 1) * d[1]; s < 0 {
			lo += s
		} else {
			hi += s
		}
	}
	if lo < 0 || hi >= size/elem {
		return fmt.Errorf("%d×%d matrices (batch %d, strides %d,%d,%d) at offset %d reach elements [%d, %d] of a buffer of %d",
			m.Rows, m.Cols, batch, m.BatchStride, m.RowStride, m.ColStride, m.Offset, lo, hi, size/elem)
	}
	return nil
}
