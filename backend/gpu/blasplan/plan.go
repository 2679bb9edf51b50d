package blasplan

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/cugo/cugo/dtype"
)

// Matrix describes a row-major operand in memory: its shape and its strides
// in elements. A transposed view is a Matrix whose RowStride is 1.
type Matrix struct {
	Rows, Cols           int
	RowStride, ColStride int
	// BatchStride is the distance between consecutive matrices of a batch,
	// in elements; 0 repeats one matrix across the batch (inputs only).
	BatchStride int
}

// Contiguous returns the row-major, C-contiguous layout of a rows×cols matrix,
// batched back to back.
func Contiguous(rows, cols int) Matrix {
	return Matrix{Rows: rows, Cols: cols, RowStride: cols, ColStride: 1, BatchStride: rows * cols}
}

// Transpose returns the transposed view of m (no data moves).
func (m Matrix) Transpose() Matrix {
	return Matrix{Rows: m.Cols, Cols: m.Rows, RowStride: m.ColStride, ColStride: m.RowStride, BatchStride: m.BatchStride}
}

// Trans says whether BLAS reads an operand as stored or transposed.
type Trans int

// The transpose flags of a BLAS call.
const (
	NoTrans Trans = iota
	Transpose
)

func (t Trans) String() string {
	if t == Transpose {
		return "T"
	}
	return "N"
}

// Plan is one column-major (BLAS convention) GEMM call, possibly strided
// batched, that computes the row-major product it was planned for:
// C = op(A)·op(B) with C M×N, op(A) M×K, op(B) K×N, column-major.
type Plan struct {
	DType                     dtype.DType
	TransA, TransB            Trans
	M, N, K                   int
	LDA, LDB, LDC             int
	StrideA, StrideB, StrideC int // batch strides in elements
	Batch                     int // number of products; 1 for a plain GEMM
	// SwapAB: the call's A is the caller's B and the call's B the caller's
	// A (C^T = B^T·A^T, the usual case for a row-major C).
	SwapAB bool
}

// ErrNeedsCopy is wrapped by the error of an operand whose layout no BLAS
// call can read: make a contiguous copy of it and plan again.
var ErrNeedsCopy = errors.New("needs a contiguous copy first")

// LayoutError says which operand cannot be read in place, and why.
type LayoutError struct {
	Operand string // "a", "b" or "c"
	M       Matrix
	Reason  string
}

func (e *LayoutError) Error() string {
	return fmt.Sprintf("blas: matmul: operand %s (%dx%d, strides %d,%d): %s: %v",
		e.Operand, e.M.Rows, e.M.Cols, e.M.RowStride, e.M.ColStride, e.Reason, ErrNeedsCopy)
}

func (e *LayoutError) Unwrap() error { return ErrNeedsCopy }

// layout is how a BLAS call reads one operand.
type layout struct {
	rowMajor bool // stored rows contiguous: column-major reads X^T
	ld       int
}

// layouts returns the ways a matrix can be read in place: row-major (unit
// column stride) and column-major (unit row stride). A dimension of extent
// 1 never steps, so its stride is free.
func layouts(m Matrix) (row, col *layout) {
	if m.Rows == 0 || m.Cols == 0 { // no elements: any layout reads it
		return &layout{rowMajor: true, ld: max(1, m.Cols)}, &layout{ld: max(1, m.Rows)}
	}
	rowFree, colFree := m.Rows == 1, m.Cols == 1
	if m.ColStride == 1 || colFree {
		ld := m.RowStride
		if rowFree {
			ld = max(1, m.Cols)
		}
		if ld >= max(1, m.Cols) {
			row = &layout{rowMajor: true, ld: ld}
		}
	}
	if m.RowStride == 1 || rowFree {
		ld := m.ColStride
		if colFree {
			ld = max(1, m.Rows)
		}
		if ld >= max(1, m.Rows) {
			col = &layout{rowMajor: false, ld: ld}
		}
	}
	return row, col
}

// pick returns a layout of m, preferring the one whose orientation is
// wantRowMajor (no transpose flag), or a LayoutError.
func pick(name string, m Matrix, wantRowMajor bool) (layout, error) {
	row, col := layouts(m)
	switch {
	case wantRowMajor && row != nil:
		return *row, nil
	case !wantRowMajor && col != nil:
		return *col, nil
	case row != nil:
		return *row, nil
	case col != nil:
		return *col, nil
	}
	reason := "neither stride is 1"
	switch {
	case m.RowStride < 0 || m.ColStride < 0:
		reason = "negative stride"
	case m.RowStride == 0 || m.ColStride == 0:
		reason = "zero (broadcast) stride"
	case m.RowStride == 1 || m.ColStride == 1:
		reason = "rows overlap (leading stride smaller than the row or column length)"
	}
	return layout{}, &LayoutError{Operand: name, M: m, Reason: reason}
}

// Supports reports whether GPU BLAS libraries multiply elements of type t:
// float16, bfloat16, float32, float64, complex64 and complex128.
func Supports(t dtype.DType) bool {
	switch t {
	case dtype.Float16, dtype.BFloat16, dtype.Float32, dtype.Float64, dtype.Complex64, dtype.Complex128:
		return true
	}
	return false
}

// PlanMatmul plans C = A·B for row-major operands: A is m×k, B k×n, C m×n,
// each of batch matrices (batch ≥ 1). A layout that no call can read returns
// an error wrapping ErrNeedsCopy (a *LayoutError naming the operand); other
// errors are shape mismatches or sizes beyond BLAS's 32-bit arguments.
func PlanMatmul(t dtype.DType, a, b, c Matrix, batch int) (Plan, error) {
	if !Supports(t) {
		return Plan{}, fmt.Errorf("blas: matmul: element type %v is not a BLAS type", t)
	}
	for _, op := range []struct {
		name string
		m    Matrix
	}{{"a", a}, {"b", b}, {"c", c}} {
		if op.m.Rows < 0 || op.m.Cols < 0 {
			return Plan{}, fmt.Errorf("blas: matmul: operand %s has a negative shape %dx%d", op.name, op.m.Rows, op.m.Cols)
		}
	}
	if a.Cols != b.Rows || a.Rows != c.Rows || b.Cols != c.Cols {
		return Plan{}, fmt.Errorf("blas: matmul: shapes %dx%d @ %dx%d -> %dx%d do not match",
			a.Rows, a.Cols, b.Rows, b.Cols, c.Rows, c.Cols)
	}
	if batch < 1 {
		return Plan{}, fmt.Errorf("blas: matmul: batch %d, want at least 1", batch)
	}
	if batch > 1 {
		if err := checkBatchStrides(a, b, c, batch); err != nil {
			return Plan{}, err
		}
	}

	m, n, k := a.Rows, b.Cols, a.Cols
	p := Plan{DType: t, Batch: batch}
	// Orient the call by C, which BLAS cannot read transposed: a row-major
	// C is the column-major C^T, computed as B^T·A^T.
	crow, ccol := layouts(c)
	var lc layout
	switch {
	case crow != nil:
		lc = *crow
	case ccol != nil:
		lc = *ccol
	default:
		_, err := pick("c", c, true)
		return Plan{}, err
	}
	if lc.rowMajor {
		// Column-major C^T (n×m) = B^T (n×k) · A^T (k×m): B^T is row-major B read as stored.
		lb, err := pick("b", b, true)
		if err != nil {
			return Plan{}, err
		}
		la, err := pick("a", a, true)
		if err != nil {
			return Plan{}, err
		}
		p.SwapAB = true
		p.M, p.N, p.K = n, m, k
		p.TransA, p.LDA, p.StrideA = transFor(lb, true), lb.ld, b.BatchStride
		p.TransB, p.LDB, p.StrideB = transFor(la, true), la.ld, a.BatchStride
	} else {
		// Column-major C (m×n) = A (m×k) · B (k×n).
		la, err := pick("a", a, false)
		if err != nil {
			return Plan{}, err
		}
		lb, err := pick("b", b, false)
		if err != nil {
			return Plan{}, err
		}
		p.M, p.N, p.K = m, n, k
		p.TransA, p.LDA, p.StrideA = transFor(la, false), la.ld, a.BatchStride
		p.TransB, p.LDB, p.StrideB = transFor(lb, false), lb.ld, b.BatchStride
	}
	p.LDC, p.StrideC = lc.ld, c.BatchStride
	if batch == 1 {
		p.StrideA, p.StrideB, p.StrideC = 0, 0, 0
	}
	for _, v := range []int{p.M, p.N, p.K, p.LDA, p.LDB, p.LDC, p.Batch} {
		if v > math.MaxInt32 {
			return Plan{}, fmt.Errorf("blas: matmul: size or leading dimension %d exceeds BLAS's 32-bit limit", v)
		}
	}
	return p, nil
}

// transFor is the flag that reads l as the orientation the call wants.
func transFor(l layout, wantRowMajor bool) Trans {
	if l.rowMajor == wantRowMajor {
		return NoTrans
	}
	return Transpose
}

// checkBatchStrides rejects batch strides BLAS cannot follow: negative ones,
// and an output that would repeat or overlap itself across the batch.
func checkBatchStrides(a, b, c Matrix, batch int) error {
	for _, op := range []struct {
		name string
		m    Matrix
	}{{"a", a}, {"b", b}, {"c", c}} {
		if op.m.BatchStride < 0 {
			return &LayoutError{Operand: op.name, M: op.m, Reason: "negative batch stride"}
		}
	}
	if c.Rows*c.Cols > 0 && overlaps(c, batch) {
		return &LayoutError{Operand: "c", M: c, Reason: fmt.Sprintf("batch stride %d makes outputs overlap", c.BatchStride)}
	}
	return nil
}

// overlaps reports whether the batch matrices of m may share elements. It
// sorts the (extent, stride) pairs of batch, rows and columns by stride and
// asks each stride to step past everything the smaller ones reach: exact for
// the layouts views make, cautious otherwise (it may refuse, never accept,
// an overlap).
func overlaps(m Matrix, batch int) bool {
	dims := []struct{ n, stride int }{{batch, m.BatchStride}, {m.Rows, m.RowStride}, {m.Cols, m.ColStride}}
	slices.SortFunc(dims, func(x, y struct{ n, stride int }) int { return cmp.Compare(x.stride, y.stride) })
	reach := 1 // elements covered by the dimensions seen so far
	for _, d := range dims {
		if d.n <= 1 {
			continue
		}
		if d.stride < reach {
			return true
		}
		reach += (d.n - 1) * d.stride
	}
	return false
}
