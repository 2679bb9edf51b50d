package cpu_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// layoutCase is a batch of products whose operands sit in buffers with
// the given strides (negative ones start from the far end).
type layoutCase struct {
	name                   string
	batch, m, k, n         int
	transA, transB, negA   bool
	broadcastB, stridedOut bool
}

var layoutCases = []layoutCase{
	{name: "square", batch: 1, m: 33, k: 17, n: 29},
	{name: "big", batch: 1, m: 130, k: 300, n: 270}, // more than one tile and k block
	{name: "transposed", batch: 1, m: 9, k: 13, n: 7, transA: true, transB: true},
	{name: "negative", batch: 2, m: 5, k: 6, n: 7, negA: true},
	{name: "batched", batch: 3, m: 8, k: 5, n: 6, broadcastB: true, stridedOut: true},
	{name: "matvec", batch: 1, m: 70, k: 40, n: 1},
	{name: "vecmat", batch: 1, m: 1, k: 40, n: 70},
	{name: "emptyk", batch: 2, m: 3, k: 0, n: 4},
}

// place returns the element offsets and matrix of a rows×cols operand
// laid out as asked, in a buffer of size elements.
func place(batch, rows, cols int, trans, neg, bcast bool) (backend.Matrix, int) {
	m := backend.Matrix{Rows: rows, Cols: cols, RowStride: cols, ColStride: 1, BatchStride: rows * cols}
	if trans {
		m.RowStride, m.ColStride = 1, rows
	}
	size := batch * rows * cols
	if bcast {
		m.BatchStride, size = 0, rows*cols
	}
	if neg {
		m.Offset = rows*cols - 1
		m.RowStride, m.ColStride = -m.RowStride, -m.ColStride
	}
	return m, size
}

// at is the element offset of (p, i, j) in m.
func at(m backend.Matrix, p, i, j int) int {
	return m.Offset + p*m.BatchStride + i*m.RowStride + j*m.ColStride
}

func TestMatmulLayouts(t *testing.T) {
	be := cpu.New(3)
	r := rand.New(rand.NewPCG(1, 2))
	for _, dt := range []dtype.DType{dtype.Float64, dtype.Float32, dtype.Complex64, dtype.Complex128, dtype.Float16, dtype.BFloat16, dtype.Int32, dtype.Uint8, dtype.Int64, dtype.Bool} {
		for _, lc := range layoutCases {
			t.Run(fmt.Sprint(dt, "/", lc.name), func(t *testing.T) {
				a, na := place(lc.batch, lc.m, lc.k, lc.transA, lc.negA, false)
				b, nb := place(lc.batch, lc.k, lc.n, lc.transB, false, lc.broadcastB)
				c := backend.Matrix{Rows: lc.m, Cols: lc.n, RowStride: lc.n, ColStride: 1, BatchStride: lc.m * lc.n}
				nc := lc.batch * lc.m * lc.n
				if lc.stridedOut { // every other column of a wider matrix
					c.RowStride, c.ColStride, c.BatchStride = 2*lc.n, 2, 2*lc.m*lc.n
					nc *= 2
				}
				av, bv := randomValues(r, dt, na), randomValues(r, dt, nb)
				ha, hb := encode(dt, av), encode(dt, bv)
				a.Buf, b.Buf = upload(t, be, ha), upload(t, be, hb)
				c.Buf = upload(t, be, encode(dt, make([]complex128, nc)))
				require.NoError(t, be.Matmul(dt, lc.batch, a, b, c))
				got := decode(dt, download(t, be, c.Buf, dt))
				// Reference in complex128 from the stored (rounded) inputs.
				av, bv = decode(dt, ha), decode(dt, hb)
				for p := range lc.batch {
					for i := range lc.m {
						for j := range lc.n {
							var want complex128
							for q := range lc.k {
								want += av[at(a, p, i, q)] * bv[at(b, p, q, j)]
							}
							want = roundTo(dt, want)
							g := got[at(c, p, i, j)]
							requireNear(t, dt, want, g, lc.k, fmt.Sprintf("c[%d,%d,%d]", p, i, j))
						}
					}
				}
			})
		}
	}
}

// randomValues are n values that every dtype holds: small integers for
// integer dtypes (products wrap as NumPy's do), 0/1 for bool, normals for
// floats.
func randomValues(r *rand.Rand, dt dtype.DType, n int) []complex128 {
	v := make([]complex128, n)
	for i := range v {
		switch dt.Kind() {
		case dtype.BoolKind:
			v[i] = complex(float64(r.IntN(2)), 0)
		case dtype.IntKind, dtype.UintKind:
			v[i] = complex(float64(r.IntN(7)), 0)
		case dtype.ComplexKind:
			v[i] = complex(r.NormFloat64(), r.NormFloat64())
		default:
			v[i] = complex(r.NormFloat64(), 0)
		}
	}
	return v
}

// roundTo is the value an exact result has in dt: integers wrap, bool is
// nonzero-ness, floats keep full precision (tolerances cover rounding).
func roundTo(dt dtype.DType, v complex128) complex128 {
	switch dt {
	case dtype.Bool:
		if v != 0 {
			return 1
		}
		return 0
	case dtype.Uint8:
		return complex(float64(uint8(int64(real(v)))), 0)
	case dtype.Int32:
		return complex(float64(int32(int64(real(v)))), 0)
	}
	return v
}

func requireNear(t *testing.T, dt dtype.DType, want, got complex128, k int, msg string) {
	t.Helper()
	var eps float64
	switch dt {
	case dtype.Float16:
		eps = 1e-2
	case dtype.BFloat16:
		eps = 2e-2
	case dtype.Float32, dtype.Complex64:
		eps = 1e-6 * float64(k+1)
	case dtype.Float64, dtype.Complex128:
		eps = 1e-14 * float64(k+1)
	default:
		require.Equal(t, want, got, msg)
		return
	}
	tol := eps * math.Max(1, math.Sqrt(float64(k))*3)
	require.InDelta(t, real(want), real(got), tol, msg)
	require.InDelta(t, imag(want), imag(got), tol, msg)
}

func encode(dt dtype.DType, v []complex128) host {
	switch dt {
	case dtype.Float64:
		return hostOf(mapTo(v, func(c complex128) float64 { return real(c) })...)
	case dtype.Float32:
		return hostOf(mapTo(v, func(c complex128) float32 { return float32(real(c)) })...)
	case dtype.Complex64:
		return hostOf(mapTo(v, func(c complex128) complex64 { return complex64(c) })...)
	case dtype.Complex128:
		return hostOf(v...)
	case dtype.Float16:
		return hostOf(mapTo(v, func(c complex128) dtype.F16 { return dtype.F16FromFloat64(real(c)) })...)
	case dtype.BFloat16:
		return hostOf(mapTo(v, func(c complex128) dtype.BF16 { return dtype.BF16FromFloat64(real(c)) })...)
	case dtype.Int32:
		return hostOf(mapTo(v, func(c complex128) int32 { return int32(real(c)) })...)
	case dtype.Int64:
		return hostOf(mapTo(v, func(c complex128) int64 { return int64(real(c)) })...)
	case dtype.Uint8:
		return hostOf(mapTo(v, func(c complex128) uint8 { return uint8(real(c)) })...)
	case dtype.Bool:
		return hostOf(mapTo(v, func(c complex128) bool { return c != 0 })...)
	}
	panic("encode: dtype " + dt.String())
}

func decode(dt dtype.DType, h host) []complex128 {
	switch dt {
	case dtype.Float64:
		return mapTo(elems[float64](h), func(x float64) complex128 { return complex(x, 0) })
	case dtype.Float32:
		return mapTo(elems[float32](h), func(x float32) complex128 { return complex(float64(x), 0) })
	case dtype.Complex64:
		return mapTo(elems[complex64](h), func(x complex64) complex128 { return complex128(x) })
	case dtype.Complex128:
		return elems[complex128](h)
	case dtype.Float16:
		return mapTo(elems[dtype.F16](h), func(x dtype.F16) complex128 { return complex(x.Float64(), 0) })
	case dtype.BFloat16:
		return mapTo(elems[dtype.BF16](h), func(x dtype.BF16) complex128 { return complex(x.Float64(), 0) })
	case dtype.Int32:
		return mapTo(elems[int32](h), func(x int32) complex128 { return complex(float64(x), 0) })
	case dtype.Int64:
		return mapTo(elems[int64](h), func(x int64) complex128 { return complex(float64(x), 0) })
	case dtype.Uint8:
		return mapTo(elems[uint8](h), func(x uint8) complex128 { return complex(float64(x), 0) })
	case dtype.Bool:
		return mapTo(elems[bool](h), func(x bool) complex128 {
			if x {
				return 1
			}
			return 0
		})
	}
	panic("decode: dtype " + dt.String())
}

func mapTo[S, D any](s []S, f func(S) D) []D {
	out := make([]D, len(s))
	for i, x := range s {
		out[i] = f(x)
	}
	return out
}

func TestMatmulErrors(t *testing.T) {
	be := cpu.New(1)
	buf, err := be.Alloc(8 * 12)
	require.NoError(t, err)
	m := func(rows, cols int) backend.Matrix {
		return backend.Matrix{Buf: buf, Rows: rows, Cols: cols, RowStride: cols, ColStride: 1, BatchStride: rows * cols}
	}
	err = be.Matmul(dtype.Float64, 1, m(2, 3), m(4, 2), m(2, 2))
	require.ErrorContains(t, err, "cpu: Matmul: shapes 2x3 @ 4x2 -> 2x2 do not match")
	err = be.Matmul(dtype.Float64, 2, m(3, 3), m(3, 3), m(3, 3)) // 18 elements of 12
	require.ErrorContains(t, err, "cpu: Matmul: operand a: 3×3 matrices (batch 2")
	neg := m(2, 2)
	neg.RowStride = -2
	require.ErrorContains(t, be.Matmul(dtype.Float64, 1, neg, m(2, 2), m(2, 2)), "reach elements [-2, 1]")
	require.ErrorContains(t, be.Matmul(dtype.DType(0), 1, m(2, 2), m(2, 2), m(2, 2)), "unsupported dtype")
	be.Free(buf)
	require.ErrorContains(t, be.Matmul(dtype.Float64, 1, m(2, 2), m(2, 2), m(2, 2)), "operand a: buffer used after Free")
}

// BenchmarkMatmul reports GFLOP/s of square products on every goroutine.
func BenchmarkMatmul(b *testing.B) {
	for _, dt := range []dtype.DType{dtype.Float64, dtype.Float32} {
		for _, n := range []int{256, 1024} {
			b.Run(fmt.Sprint(dt, "/", n), func(b *testing.B) {
				be := cpu.New(0)
				mk := func() backend.Matrix {
					buf, _ := be.Alloc(n * n * dt.Size())
					return backend.Matrix{Buf: buf, Rows: n, Cols: n, RowStride: n, ColStride: 1}
				}
				x, y, z := mk(), mk(), mk()
				for b.Loop() {
					if err := be.Matmul(dt, 1, x, y, z); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(2*float64(n*n*n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
