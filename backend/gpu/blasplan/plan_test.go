package blasplan

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/dtype"
)

// The planner is checked by running its plan through a naive column-major
// GEMM (the BLAS definition) on raw buffers and comparing every element of
// the output buffer with a direct row-major product over the same strides.

// view is an operand laid out in a buffer.
type view struct {
	name string
	m    Matrix
}

func (v view) at(buf []float64, batch, i, j int) *float64 {
	return &buf[batch*v.m.BatchStride+i*v.m.RowStride+j*v.m.ColStride]
}

// bufLen is the buffer size that holds every element of batch matrices of m.
func bufLen(m Matrix, batch int) int {
	if m.Rows == 0 || m.Cols == 0 {
		return 1
	}
	return (batch-1)*m.BatchStride + (m.Rows-1)*m.RowStride + (m.Cols-1)*m.ColStride + 1
}

// layoutsOf returns views of an r×c matrix: row-major, padded, transposed
// (column-major), padded transposed.
func layoutsOf(r, c int) []view {
	rowMajor := Matrix{Rows: r, Cols: c, RowStride: c, ColStride: 1}
	padded := Matrix{Rows: r, Cols: c, RowStride: c + 5, ColStride: 1}
	colMajor := Matrix{Rows: r, Cols: c, RowStride: 1, ColStride: r}
	colPadded := Matrix{Rows: r, Cols: c, RowStride: 1, ColStride: r + 3}
	return []view{{"row", rowMajor}, {"padded", padded}, {"col", colMajor}, {"colpadded", colPadded}}
}

func randBuf(rng *rand.Rand, n int) []float64 {
	b := make([]float64, n)
	for i := range b {
		b[i] = rng.Float64()*2 - 1
	}
	return b
}

// direct computes C = alpha·A·B + beta·C over the views' strides.
func direct(a, b, c view, batch int, alpha, beta float64, A, B, C []float64) {
	for bt := range batch {
		for i := range c.m.Rows {
			for j := range c.m.Cols {
				var s float64
				for l := range a.m.Cols {
					s += *a.at(A, bt, i, l) * *b.at(B, bt, l, j)
				}
				p := c.at(C, bt, i, j)
				*p = alpha*s + beta**p
			}
		}
	}
}

// colMajorGemm is the BLAS definition of a strided-batched GEMM.
func colMajorGemm(p Plan, alpha, beta float64, A, B, C []float64) {
	get := func(buf []float64, t Trans, ld, off, i, j int) float64 {
		if t == Transpose {
			i, j = j, i
		}
		return buf[off+i+j*ld]
	}
	for bt := range p.Batch {
		for i := range p.M {
			for j := range p.N {
				var s float64
				for l := range p.K {
					s += get(A, p.TransA, p.LDA, bt*p.StrideA, i, l) * get(B, p.TransB, p.LDB, bt*p.StrideB, l, j)
				}
				c := &C[bt*p.StrideC+i+j*p.LDC]
				*c = alpha*s + beta**c
			}
		}
	}
}

// checkPlan plans the product, runs it both ways and compares.
func checkPlan(t *testing.T, rng *rand.Rand, a, b, c view, batch int) {
	t.Helper()
	p, err := PlanMatmul(dtype.Float64, a.m, b.m, c.m, batch)
	if err != nil {
		t.Fatalf("PlanMatmul(a=%s %+v, b=%s %+v, c=%s %+v, batch %d): %v", a.name, a.m, b.name, b.m, c.name, c.m, batch, err)
	}
	if p.LDA < 1 || p.LDB < 1 || p.LDC < 1 || p.LDC < p.M {
		t.Fatalf("plan %+v: leading dimensions out of BLAS's range", p)
	}
	A, B := randBuf(rng, bufLen(a.m, batch)), randBuf(rng, bufLen(b.m, batch))
	C0 := randBuf(rng, bufLen(c.m, batch))
	want := append([]float64(nil), C0...)
	got := append([]float64(nil), C0...)
	const alpha, beta = 1.5, -0.5
	direct(a, b, c, batch, alpha, beta, A, B, want)
	first, second := A, B
	if p.SwapAB {
		first, second = B, A
	}
	colMajorGemm(p, alpha, beta, first, second, got)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
			t.Fatalf("a=%s b=%s c=%s batch %d, plan %+v: C buffer[%d] = %g, want %g", a.name, b.name, c.name, batch, p, i, got[i], want[i])
		}
	}
}

func TestPlanMatmulLayouts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range []struct{ m, k, n int }{{127, 63, 255}, {5, 7, 3}, {1, 9, 4}, {6, 1, 5}, {4, 8, 1}, {1, 1, 1}, {3, 0, 4}} {
		for _, a := range layoutsOf(s.m, s.k) {
			for _, b := range layoutsOf(s.k, s.n) {
				for _, c := range layoutsOf(s.m, s.n) {
					if s.m*s.k*s.n > 5000 && (a.name == "colpadded" || b.name == "colpadded" || c.name == "colpadded") {
						continue // the large shape runs the 3 other layouts of each operand
					}
					t.Run(fmt.Sprintf("%dx%dx%d/%s,%s,%s", s.m, s.k, s.n, a.name, b.name, c.name), func(t *testing.T) {
						checkPlan(t, rng, a, b, c, 1)
					})
				}
			}
		}
	}
}

func TestPlanMatmulBatched(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const batch, m, k, n = 7, 13, 9, 11
	stacked := func(v view) view { // matrices back to back, with a gap
		v.m.BatchStride = bufLen(v.m, 1) + 2
		return v
	}
	for _, a := range layoutsOf(m, k) {
		for _, b := range layoutsOf(k, n) {
			for _, c := range layoutsOf(m, n) {
				checkPlan(t, rng, stacked(a), stacked(b), stacked(c), batch)
			}
		}
	}
	// B broadcast over the batch (stride 0), as in x @ W.
	w := layoutsOf(k, n)[0]
	checkPlan(t, rng, stacked(layoutsOf(m, k)[0]), w, stacked(layoutsOf(m, n)[0]), batch)
	// Batches interleaved along rows: a (m, batch, n) array read as batch m×n
	// matrices (attention heads): row stride batch·n, batch stride n.
	inter := view{"interleaved", Matrix{Rows: m, Cols: n, RowStride: batch * n, ColStride: 1, BatchStride: n}}
	checkPlan(t, rng, stacked(layoutsOf(m, k)[2]), stacked(layoutsOf(k, n)[1]), inter, batch)
}

func TestPlanMatmulNeedsCopy(t *testing.T) {
	ok := Contiguous(4, 4)
	for _, tc := range []struct {
		name    string
		a, b, c Matrix
		batch   int
		operand string
	}{
		{"column step", Matrix{Rows: 4, Cols: 4, RowStride: 8, ColStride: 2}, ok, ok, 1, "a"},
		{"negative stride", ok, Matrix{Rows: 4, Cols: 4, RowStride: -4, ColStride: 1}, ok, 1, "b"},
		{"broadcast rows", ok, Matrix{Rows: 4, Cols: 4, RowStride: 0, ColStride: 1}, ok, 1, "b"},
		{"overlapping rows", Matrix{Rows: 4, Cols: 4, RowStride: 2, ColStride: 1}, ok, ok, 1, "a"},
		{"broadcast output", ok, ok, Matrix{Rows: 4, Cols: 4, RowStride: 0, ColStride: 1}, 1, "c"},
		{"strided output", ok, ok, Matrix{Rows: 4, Cols: 4, RowStride: 12, ColStride: 3}, 1, "c"},
		{"output repeated over batch", ok, ok, Matrix{Rows: 4, Cols: 4, RowStride: 4, ColStride: 1, BatchStride: 0}, 3, "c"},
		{"outputs overlap", ok, ok, Matrix{Rows: 4, Cols: 4, RowStride: 4, ColStride: 1, BatchStride: 8}, 3, "c"},
		{"negative batch stride", Matrix{Rows: 4, Cols: 4, RowStride: 4, ColStride: 1, BatchStride: -16}, ok, ok, 2, "a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := PlanMatmul(dtype.Float32, tc.a, tc.b, tc.c, tc.batch)
			if !errors.Is(err, ErrNeedsCopy) {
				t.Fatalf("err = %v, want ErrNeedsCopy", err)
			}
			var le *LayoutError
			if !errors.As(err, &le) || le.Operand != tc.operand {
				t.Fatalf("err = %v, want a LayoutError on operand %s", err, tc.operand)
			}
		})
	}
}

func TestPlanMatmulBadArguments(t *testing.T) {
	for _, tc := range []struct {
		name    string
		t       dtype.DType
		a, b, c Matrix
		batch   int
	}{
		{"inner mismatch", dtype.Float32, Contiguous(2, 3), Contiguous(4, 5), Contiguous(2, 5), 1},
		{"output mismatch", dtype.Float32, Contiguous(2, 3), Contiguous(3, 5), Contiguous(5, 2), 1},
		{"negative shape", dtype.Float32, Matrix{Rows: -1, Cols: 3}, Contiguous(3, 5), Contiguous(-1, 5), 1},
		{"zero batch", dtype.Float32, Contiguous(2, 3), Contiguous(3, 5), Contiguous(2, 5), 0},
		{"unknown dtype", dtype.Int32, Contiguous(2, 3), Contiguous(3, 5), Contiguous(2, 5), 1},
		{"beyond int32", dtype.Float32, Contiguous(1, 3), Matrix{Rows: 3, Cols: 1 << 31, RowStride: 1 << 31, ColStride: 1}, Matrix{Rows: 1, Cols: 1 << 31, RowStride: 1 << 31, ColStride: 1}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := PlanMatmul(tc.t, tc.a, tc.b, tc.c, tc.batch)
			if err == nil || errors.Is(err, ErrNeedsCopy) {
				t.Fatalf("err = %v, want a plain argument error", err)
			}
		})
	}
}

func TestPlanMatmulOrientation(t *testing.T) {
	// Row-major C: C^T = B^T·A^T, no transposes for row-major inputs.
	p, err := PlanMatmul(dtype.Float32, Contiguous(127, 63), Contiguous(63, 255), Contiguous(127, 255), 1)
	if err != nil {
		t.Fatal(err)
	}
	want := Plan{DType: dtype.Float32, TransA: NoTrans, TransB: NoTrans, M: 255, N: 127, K: 63, LDA: 255, LDB: 63, LDC: 255, Batch: 1, SwapAB: true}
	if p != want {
		t.Fatalf("plan = %+v, want %+v", p, want)
	}
	// A transposed view of a row-major (63×127) array: the flag says T.
	p, err = PlanMatmul(dtype.Float32, Contiguous(63, 127).Transpose(), Contiguous(63, 255), Contiguous(127, 255), 1)
	if err != nil {
		t.Fatal(err)
	}
	if p.TransB != Transpose || p.LDB != 127 {
		t.Fatalf("plan = %+v, want TransB=T, LDB=127", p)
	}
}
