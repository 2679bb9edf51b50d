package array

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// linalgCase is a line of testdata/linalg/cases.txt with its arrays.
type linalgCase struct {
	op     string
	params []string
	inputs []*NpyData
	want   *NpyData
}

func linalgCases(t *testing.T) []linalgCase {
	var cases []linalgCase
	for _, c := range npyCases(t, "linalg/cases") {
		cases = append(cases, linalgCase{c.fields[0], c.fields[2:], c.inputs, c.want})
	}
	return cases
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}

func ints(t *testing.T, s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		out = append(out, atoi(t, f))
	}
	return out
}

// run applies the case's operation to its inputs on d.
func (c linalgCase) run(t *testing.T, d *Device) *Array {
	in := make([]*Array, len(c.inputs))
	for i, x := range c.inputs {
		in[i] = onDevice(t, d, x)
	}
	switch c.op {
	case "matmul":
		return Matmul(in[0], in[1])
	case "matmul_t":
		return in[0].SwapAxes(-1, -2).Matmul(in[1].SwapAxes(-1, -2))
	case "dot":
		return Dot(in[0], in[1])
	case "vdot":
		return Vdot(in[0], in[1])
	case "inner":
		return Inner(in[0], in[1])
	case "outer":
		return Outer(in[0], in[1])
	case "tensordot":
		return Tensordot(in[0], in[1], atoi(t, c.params[0]))
	case "tensordot_axes":
		return TensordotAxes(in[0], in[1], ints(t, c.params[0]), ints(t, c.params[1]))
	case "trace":
		return in[0].Trace(atoi(t, c.params[0]), atoi(t, c.params[1]), atoi(t, c.params[2]))
	case "diagonal":
		return in[0].Diagonal(atoi(t, c.params[0]), atoi(t, c.params[1]), atoi(t, c.params[2]))
	}
	t.Fatalf("unknown op %q", c.op)
	return nil
}

// sumLength is the number of products summed into each result element.
func (c linalgCase) sumLength() int {
	switch c.op {
	case "matmul", "dot", "inner":
		return c.inputs[0].Shape[len(c.inputs[0].Shape)-1]
	case "matmul_t":
		return c.inputs[0].Shape[len(c.inputs[0].Shape)-2]
	case "vdot", "tensordot", "tensordot_axes", "trace":
		return max(1, shapeSize(c.inputs[0].Shape))
	}
	return 1
}

// linalgTol is the tolerance of a sum of k products in dt, in epsilons of
// dt (as requireClose takes it): float16 and bfloat16 accumulate in float32
// and round once; float32 and float64 sums differ from NumPy's (BLAS) by
// the order of summation, bounded by k roundings.
func linalgTol(dt DType, k int) float64 {
	switch dt {
	case Float16:
		return 11
	case BFloat16:
		return 3
	case Float32, Complex64:
		return 9 * float64(k)
	case Float64, Complex128:
		return 46 * float64(k)
	}
	return 0
}

func TestLinalgNumPy(t *testing.T) {
	cases := linalgCases(t)
	forEachBackend(t, func(t *testing.T, d *Device) {
		for i, c := range cases {
			name := fmt.Sprintf("%d_%s", i, c.op)
			for _, x := range c.inputs {
				name += "_" + x.DType.String() + formatShape(x.Shape)
			}
			t.Run(name, func(t *testing.T) {
				got := c.run(t, d)
				if c.op == "trace" && got.Err() != nil && strings.Contains(got.Err().Error(), "Reduce: not implemented") {
					t.Skipf("the backend's Reduce is not implemented yet: %v", got.Err())
				}
				require.NoError(t, got.Err())
				require.Equal(t, c.want.DType, got.DType())
				require.Equal(t, formatShape(c.want.Shape), formatShape(got.Shape()))
				requireClose(t, c.want.DType, c.want.Data, hostData(t, got), linalgTol(c.want.DType, c.sumLength()), name)
			})
		}
	})
}

func TestMatmulErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		f := func(shape ...int) *Array { return d.Ones(Float64, shape...) }
		cases := []struct {
			got  *Array
			want string
		}{
			{Matmul(f(2, 4), f(3, 5)), "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 3 is different from 4)"},
			{Matmul(f(), f(3, 5)), "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)"},
			{Matmul(f(3), f()), "matmul: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)"},
			{Matmul(f(2, 3, 4), f(3, 4, 2)), "matmul: operands could not be broadcast together with remapped shapes [original->remapped]: (2,3,4)->(2,newaxis,newaxis) (3,4,2)->(3,newaxis,newaxis)  and requested shape (3,2)"},
			{Matmul(f(2, 3), f(3, 2), f(3, 3)), "matmul: Output operand 0 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 3 is different from 2)"},
			{Matmul(f(2, 3), f(3, 2), d.Zeros(Int32, 2, 2)), "matmul: Cannot cast ufunc 'matmul' output from dtype('float64') to dtype('int32') with casting rule 'same_kind'"},
			{Dot(f(2, 3), f(4, 5)), "dot: shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)"},
			{Dot(f(2, 3, 4), f(5, 6, 7)), "dot: shapes (2,3,4) and (5,6,7) not aligned: 4 (dim 2) != 6 (dim 1)"},
			{Vdot(f(3), f(4)), "vdot: cannot reshape array of size 4 into shape (3,)"},
			{Inner(f(2, 3), f(4)), "inner: shapes (2,3) and (4,) not aligned: 3 (dim 1) != 4 (dim 0)"},
			{Tensordot(f(2, 3), f(4, 5), 1), "tensordot: shape-mismatch for sum"},
			{Tensordot(f(2, 3), f(4, 5), 3), "tensordot: cannot sum over 3 axes of arrays of shapes (2,3) and (4,5)"},
			{TensordotAxes(f(2, 3), f(4, 5), []int{0}, []int{0, 1}), "tensordot: shape-mismatch for sum"},
			{f(3).Diagonal(0, 0, 1), "diagonal: diag requires an array of at least two dimensions"},
			{f(3, 3).Diagonal(0, 1, 1), "diagonal: axis1 and axis2 cannot be the same"},
			{f(3, 3).Trace(0, 0, 2), "trace: diagonal: axis2: "},
			{Matmul(nil, f(2)), "matmul: array: nil array"},
		}
		for _, c := range cases {
			require.ErrorContains(t, c.got.Err(), c.want)
		}
	})
}

// TestMatmulOut checks out=: written in place when its dtype is the
// result's, cast (same kind) otherwise, and computed through a temporary
// when it shares memory with an input.
func TestMatmulOut(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := FromSliceOn(d, []float64{1, 2, 3, 4, 5, 6}, 2, 3)
		b := FromSliceOn(d, []float64{1, 0, 0, 1, 1, 1}, 3, 2)
		want := []float64{4, 5, 10, 11}

		out := d.Zeros(Float64, 2, 2)
		require.Same(t, out, Matmul(a, b, out))
		got, err := ToSlice[float64](out)
		require.NoError(t, err)
		require.Equal(t, want, got)

		out32 := d.Zeros(Float32, 2, 2)
		require.NoError(t, Matmul(a, b, out32).Err())
		got32, err := ToSlice[float32](out32)
		require.NoError(t, err)
		require.Equal(t, []float32{4, 5, 10, 11}, got32)

		sq := FromSliceOn(d, []float64{1, 2, 3, 4}, 2, 2) // sq = sq @ sq in place
		require.NoError(t, Matmul(sq, sq, sq).Err())
		got, err = ToSlice[float64](sq)
		require.NoError(t, err)
		require.Equal(t, []float64{7, 10, 15, 22}, got)
	})
}

// TestMatmulIntegers checks integer and bool products against a host loop:
// integers wrap as NumPy's do.
func TestMatmulIntegers(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		av := []int8{100, -3, 7, 55, 2, -128}
		bv := []int8{3, 1, -2, 9, 100, 4}
		got, err := ToSlice[int8](Matmul(FromSliceOn(d, av, 2, 3), FromSliceOn(d, bv, 3, 2)))
		require.NoError(t, err)
		var want []int8
		for i := range 2 {
			for j := range 2 {
				var s int8
				for k := range 3 {
					s += av[i*3+k] * bv[k*2+j]
				}
				want = append(want, s)
			}
		}
		require.Equal(t, want, got)

		bools, err := ToSlice[bool](Matmul(FromSliceOn(d, []bool{true, false, false, false}, 2, 2), FromSliceOn(d, []bool{false, true, true, false}, 2, 2)))
		require.NoError(t, err)
		require.Equal(t, []bool{false, true, false, false}, bools)
	})
}

// TestDiagonalIsView checks that Diagonal shares a's memory.
func TestDiagonalIsView(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := FromSliceOn(d, []float32{0, 1, 2, 3, 4, 5, 6, 7, 8}, 3, 3)
		diag := a.Diagonal(0, 0, 1)
		require.Equal(t, []int{4}, diag.Strides())
		require.NoError(t, diag.Set(float32(-1)))
		got, err := ToSlice[float32](a)
		require.NoError(t, err)
		require.Equal(t, []float32{-1, 1, 2, 3, -1, 5, 6, 7, -1}, got)
	})
}
