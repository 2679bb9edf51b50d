package cpu_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/layout"
	"github.com/stretchr/testify/require"
)

// reduction returns the reduction c of float64 values, accumulated in acc.
func reduction(c ir.Combine, in, acc dtype.DType) *ir.Reduction {
	out := acc
	if c == ir.ArgMaxOf || c == ir.ArgMinOf {
		out = dtype.Int64
	}
	return &ir.Reduction{Input: in, Pre: ir.To(ir.In(0, in), acc), Combine: c, Acc: acc, Out: out}
}

// foldRef folds v sequentially with NumPy's rules: the value, or the
// position for the arg combines.
func foldRef(c ir.Combine, v []float64) float64 {
	m, at := v[0], 0
	switch c {
	case ir.SumOf:
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s
	case ir.ProdOf:
		p := 1.0
		for _, x := range v {
			p *= x
		}
		return p
	}
	for i, x := range v {
		switch c {
		case ir.MaxOf, ir.MinOf, ir.ArgMaxOf, ir.ArgMinOf:
			if math.IsNaN(m) {
				continue
			}
			if math.IsNaN(x) || (c == ir.MaxOf || c == ir.ArgMaxOf) && x > m || (c == ir.MinOf || c == ir.ArgMinOf) && x < m {
				m, at = x, i
			}
		case ir.FMaxOf:
			if math.IsNaN(m) || x > m {
				m = x
			}
		case ir.FMinOf:
			if math.IsNaN(m) || x < m {
				m = x
			}
		}
	}
	if c == ir.ArgMaxOf || c == ir.ArgMinOf {
		return float64(at)
	}
	return m
}

// TestReduceSplits checks folds of float64 inputs against a sequential
// fold in float64, on layouts that put rows across the goroutines'
// boundaries (several rows per goroutine, a row over several, a full
// reduction) and on transposed inputs.
func TestReduceSplits(t *testing.T) {
	b := cpu.New(5)
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []struct {
		shape []int
		nred  int
		perm  []int // the input is the transpose by perm of a C-ordered array
	}{
		{[]int{100003}, 1, nil},
		{[]int{7, 30011}, 1, nil},
		{[]int{30011, 7}, 1, []int{1, 0}},
		{[]int{613, 3, 211}, 2, []int{2, 0, 1}},
		{[]int{50, 40, 37}, 1, []int{0, 2, 1}},
		{[]int{4, 5}, 0, nil},
		{[]int{3, 0}, 1, nil},
		{[]int{0, 3}, 1, nil},
	}
	combines := []ir.Combine{ir.SumOf, ir.ProdOf, ir.MaxOf, ir.MinOf, ir.FMaxOf, ir.FMinOf, ir.ArgMaxOf, ir.ArgMinOf}
	for _, tc := range cases {
		n := 1
		for _, d := range tc.shape {
			n *= d
		}
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = 1 + (rng.Float64()-0.5)/float64(max(n, 1))*20 // products stay near 1
			if rng.IntN(20000) == 0 {
				vals[i] = math.NaN()
			}
			if rng.IntN(50) == 0 {
				vals[i] = 1.5 // ties
			}
		}
		// in holds vals at the layout's positions: element idx of the
		// launch shape is at offset sum(idx[d]*strides[d]).
		strides := layout.ContiguousStrides(tc.shape)
		if tc.perm != nil {
			// a C-ordered array of the permuted shape, read through the permutation
			base := make([]int, len(tc.shape))
			for d, p := range tc.perm {
				base[p] = tc.shape[d]
			}
			bs := layout.ContiguousStrides(base)
			for d, p := range tc.perm {
				strides[d] = bs[p]
			}
		}
		mem := make([]float64, n)
		forEachIndex(tc.shape, func(flat int, idx []int) {
			off := 0
			for d, i := range idx {
				off += i * strides[d]
			}
			mem[off] = vals[flat]
		})
		in := backend.Operand{Buf: upload(t, b, hostOf(mem...)), DType: dtype.Float64, Strides: strides}
		kept := tc.shape[:len(tc.shape)-tc.nred]
		rows, width := 1, 1
		for _, d := range kept {
			rows *= d
		}
		if rows > 0 {
			width = n / rows
		}
		for _, c := range combines {
			name := fmt.Sprintf("%v/%v/%d", c, tc.shape, tc.nred)
			r := reduction(c, dtype.Float64, dtype.Float64)
			buf, err := b.Alloc(rows * 8)
			require.NoError(t, err)
			out := backend.Operand{Buf: buf, DType: r.Out, Strides: layout.ContiguousStrides(kept)}
			err = b.Reduce(r, tc.shape, tc.nred, out, in, nil)
			if width == 0 && rows > 0 && !c.HasIdentity() {
				require.ErrorContains(t, err, "zero-size array to reduction operation", name)
				continue
			}
			require.NoError(t, err, name)
			got := download(t, b, buf, r.Out)
			gotF, gotI := elems[float64](got), elems[int64](got)
			for row := range rows {
				var want float64
				switch {
				case width == 0 && c == ir.ProdOf:
					want = 1
				case width == 0:
				default:
					want = foldRef(c, vals[row*width:(row+1)*width])
				}
				g := gotF[row]
				if r.Out == dtype.Int64 {
					g = float64(gotI[row])
				}
				if math.IsNaN(want) {
					require.True(t, math.IsNaN(g), "%s row %d: want NaN, got %v", name, row, g)
					continue
				}
				require.InDelta(t, want, g, 1e-12*math.Max(1, math.Abs(want))*float64(width), "%s row %d", name, row)
			}
		}
	}
}

// TestReduceTypes checks the integer, complex and bool folds, whose
// results are exact.
func TestReduceTypes(t *testing.T) {
	b := cpu.New(3)
	run := func(r *ir.Reduction, h host, shape []int, nred int) host {
		t.Helper()
		in := backend.Operand{Buf: upload(t, b, h), DType: h.dt, Strides: layout.ContiguousStrides(shape)}
		kept := shape[:len(shape)-nred]
		rows := 1
		for _, d := range kept {
			rows *= d
		}
		buf, err := b.Alloc(rows * r.Out.Size())
		require.NoError(t, err)
		require.NoError(t, b.Reduce(r, shape, nred, backend.Operand{Buf: buf, DType: r.Out, Strides: layout.ContiguousStrides(kept)}, in, nil))
		return download(t, b, buf, r.Out)
	}
	// int8 summed in int64 and in int8 (wrapping), unsigned products
	i8 := hostOf[int8](100, 100, 100, -3, 127, 127, 1, 2)
	require.Equal(t, []int64{297, 257}, elems[int64](run(reduction(ir.SumOf, dtype.Int8, dtype.Int64), i8, []int{2, 4}, 1)))
	require.Equal(t, []int8{41, 1}, elems[int8](run(reduction(ir.SumOf, dtype.Int8, dtype.Int8), i8, []int{2, 4}, 1)))
	u := hostOf[uint32](1<<31, 4, 3, 4)
	require.Equal(t, []uint64{1 << 33, 12}, elems[uint64](run(reduction(ir.ProdOf, dtype.Uint32, dtype.Uint64), u, []int{2, 2}, 1)))
	require.Equal(t, []int64{3, 2}, elems[int64](run(reduction(ir.ArgMinOf, dtype.Int8, dtype.Int8), i8, []int{2, 4}, 1)))
	// complex: lexicographic, NaN first
	z := hostOf(complex(1, 2), complex(1, 3), complex(0, 9), complex(math.NaN(), 0), complex(2, 0), complex(math.NaN(), 1))
	c128 := dtype.Complex128
	require.Equal(t, []int64{1, 0}, elems[int64](run(reduction(ir.ArgMaxOf, c128, c128), z, []int{2, 3}, 1)))
	fmax := elems[complex128](run(reduction(ir.FMaxOf, c128, c128), z, []int{2, 3}, 1))
	require.Equal(t, []complex128{complex(1, 3), complex(2, 0)}, fmax)
	sum := elems[complex128](run(reduction(ir.SumOf, c128, c128), z, []int{6}, 1))
	require.True(t, math.IsNaN(real(sum[0])))
	// bool all/any through x != 0
	bools := hostOf[uint8](1, 1, 0, 0, 0, 0, 1, 1)
	pre := ir.Apply(ir.NotEqual, dtype.Bool, ir.In(0, dtype.Uint8), ir.Param(0, dtype.Uint8))
	all := &ir.Reduction{Input: dtype.Uint8, Scalars: []dtype.DType{dtype.Uint8}, Pre: pre, Combine: ir.AllOf, Acc: dtype.Bool, Out: dtype.Bool}
	in := backend.Operand{Buf: upload(t, b, bools), DType: dtype.Uint8, Strides: []int{2, 1}}
	buf, _ := b.Alloc(4)
	require.NoError(t, b.Reduce(all, []int{4, 2}, 1, backend.Operand{Buf: buf, DType: dtype.Bool, Strides: []int{1}}, in, []ir.Value{{0}}))
	require.Equal(t, []uint8{1, 0, 0, 1}, download(t, b, buf, dtype.Bool).data)
	any := *all
	any.Combine = ir.AnyOf
	require.NoError(t, b.Reduce(&any, []int{2, 4}, 1, backend.Operand{Buf: buf, DType: dtype.Bool, Strides: []int{1}},
		backend.Operand{Buf: in.Buf, DType: dtype.Uint8, Strides: []int{1, 2}}, []ir.Value{{0}}))
	require.Equal(t, []uint8{1, 1}, download(t, b, buf, dtype.Bool).data[:2])
}

func TestReduceErrors(t *testing.T) {
	b := cpu.New(1)
	buf, _ := b.Alloc(64)
	in := backend.Operand{Buf: buf, DType: dtype.Float64, Strides: []int{1}}
	out := backend.Operand{Buf: buf, DType: dtype.Float64, Strides: []int{}}
	bad := reduction(ir.AllOf, dtype.Float64, dtype.Float64)
	require.ErrorContains(t, b.Reduce(bad, []int{8}, 1, out, in, nil), "cannot accumulate in float64")
	require.ErrorContains(t, b.Reduce(reduction(ir.SumOf, dtype.Float64, dtype.Float64), []int{9}, 1, out, in, nil), "reaches elements")
	require.ErrorContains(t, b.Reduce(reduction(ir.SumOf, dtype.Float64, dtype.Float64), []int{8}, 2, out, in, nil), "cannot fold 2 axes")
	require.ErrorContains(t, b.Scan(reduction(ir.MaxOf, dtype.Float64, dtype.Float64), []int{8}, in, in, nil), "running sum or product")
}

// TestScan checks running sums and products along the last axis of a
// transposed input against a sequential float64 computation.
func TestScan(t *testing.T) {
	b := cpu.New(4)
	rng := rand.New(rand.NewPCG(3, 4))
	shape := []int{300, 401} // read as the transpose of a 401x300 array
	vals := make([]float64, 300*401)
	for i := range vals {
		vals[i] = 0.5 + rng.Float64()
	}
	in := backend.Operand{Buf: upload(t, b, hostOf(vals...)), DType: dtype.Float64, Strides: []int{1, 300}}
	for _, c := range []ir.Combine{ir.SumOf, ir.ProdOf} {
		buf, _ := b.Alloc(len(vals) * 4)
		out := backend.Operand{Buf: buf, DType: dtype.Float32, Strides: []int{401, 1}}
		r := reduction(c, dtype.Float64, dtype.Float64)
		r.Out = dtype.Float32
		require.NoError(t, b.Scan(r, shape, out, in, nil))
		got := elems[float32](download(t, b, buf, dtype.Float32))
		for i := range 300 {
			acc := 0.0
			if c == ir.ProdOf {
				acc = 1
			}
			for j := range 401 {
				x := vals[j*300+i]
				if c == ir.ProdOf {
					acc *= x
				} else {
					acc += x
				}
				require.Equal(t, float32(acc), got[i*401+j], "%v [%d,%d]", c, i, j)
			}
		}
	}
}

// forEachIndex calls f with every index of shape in C order.
func forEachIndex(shape []int, f func(flat int, idx []int)) {
	n := 1
	for _, d := range shape {
		n *= d
	}
	idx := make([]int, len(shape))
	for flat := range n {
		r := flat
		for d := len(shape) - 1; d >= 0; d-- {
			idx[d] = r % shape[d]
			r /= shape[d]
		}
		f(flat, idx)
	}
}
