package array

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/cugo/cugo/backend/cpu"
)

func randomDense(r *rand.Rand, rows, cols int) *mat.Dense {
	data := make([]float64, rows*cols)
	for i := range data {
		data[i] = r.NormFloat64()
	}
	return mat.NewDense(rows, cols, data)
}

// denseValues returns m's elements in row-major order.
func denseValues(m mat.Matrix) []float64 {
	r, c := m.Dims()
	var out []float64
	for i := range r {
		for j := range c {
			out = append(out, m.At(i, j))
		}
	}
	return out
}

func TestGonumValues(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 22))
	forEachBackend(t, func(t *testing.T, d *Device) {
		m := randomDense(r, 5, 7)
		sub := m.Slice(1, 4, 2, 6).(*mat.Dense) // row stride 7, 3x4
		for _, src := range []*mat.Dense{m, sub} {
			a := d.FromDense(src)
			got, err := ToSlice[float64](a)
			require.NoError(t, err)
			require.Equal(t, denseValues(src), got)
			back, err := ToDense(a)
			require.NoError(t, err)
			require.Equal(t, denseValues(src), denseValues(back))
		}
		// Views of every layout come back with their values.
		a := d.FromDense(m)
		for _, v := range []*Array{a.T(), a.Index(S(1, 4), S(0, 7).Step(2)), a.Index(All.Step(-1), All), FromSliceOn(d, []float64{1, 2}).Reshape(1, 2).BroadcastTo(3, 2)} {
			want, err := ToSlice[float64](v)
			require.NoError(t, err)
			got, err := ToDense(v)
			require.NoError(t, err)
			require.Equal(t, want, denseValues(got))
			g, err := ToGeneral(v)
			require.NoError(t, err)
			require.Equal(t, want, denseValues(&blas64Matrix{g}))
		}

		col := m.ColView(3).(*mat.VecDense) // increment 7
		vec := d.FromVecDense(col)
		got, err := ToSlice[float64](vec)
		require.NoError(t, err)
		require.Equal(t, denseValues(col), got)
		for _, v := range []*Array{vec, vec.Index(All.Step(-2)), vec.Index(S(1, 5).Step(3))} {
			want, err := ToSlice[float64](v)
			require.NoError(t, err)
			back, err := ToVecDense(v)
			require.NoError(t, err)
			require.Equal(t, want, denseValues(back))
		}

		c := mat.NewCDense(2, 3, []complex128{1 + 2i, -3, 4i, 5 - 1i, 0.5, -2 - 2i})
		z := d.FromCDense(c)
		require.Equal(t, Complex128, z.DType())
		zs, err := ToSlice[complex128](z)
		require.NoError(t, err)
		require.Equal(t, c.RawCMatrix().Data, zs)
		zt, err := ToCDense(z.T())
		require.NoError(t, err)
		require.Equal(t, []complex128{1 + 2i, 5 - 1i, -3, 0.5, 4i, -2 - 2i}, zt.RawCMatrix().Data)

		// cugo's product agrees with gonum's.
		x, y := randomDense(r, 6, 5), randomDense(r, 5, 4)
		var want mat.Dense
		want.Mul(x, y)
		prod, err := ToDense(Matmul(d.FromDense(x), d.FromDense(y)))
		require.NoError(t, err)
		require.True(t, mat.EqualApprox(&want, prod, 1e-12), "Matmul differs from gonum's Mul")
	})
}

// blas64Matrix reads a blas64.General as a mat.Matrix, for denseValues.
type blas64Matrix struct{ g blas64.General }

func (m *blas64Matrix) Dims() (int, int)    { return m.g.Rows, m.g.Cols }
func (m *blas64Matrix) At(i, j int) float64 { return m.g.Data[i*m.g.Stride+j] }
func (m *blas64Matrix) T() mat.Matrix       { return mat.Transpose{Matrix: m} }

// TestGonumSharesMemory checks that on the CPU backend the array and the
// gonum matrix are one memory wherever the layout allows, and separate
// copies where it does not.
func TestGonumSharesMemory(t *testing.T) {
	d := On(cpu.New(1))
	m := mat.NewDense(3, 4, []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	a := d.FromDense(m)
	m.Set(2, 1, -1)
	v, err := Item[float64](a.Index(I(2), I(1)))
	require.NoError(t, err)
	require.Equal(t, -1.0, v, "a change to the matrix shows in the array")
	require.NoError(t, a.Index(I(0), I(3)).Set(100.0))
	require.Equal(t, 100.0, m.At(0, 3), "a change to the array shows in the matrix")

	sub := d.FromDense(m.Slice(1, 3, 1, 3).(*mat.Dense))
	require.Equal(t, []int{4, 1}, sub.Strides())
	require.NoError(t, sub.Set(7.0))
	require.Equal(t, []float64{0, 1, 2, 100, 4, 7, 7, 7, 8, 7, 7, 11}, m.RawMatrix().Data)

	rows, err := ToDense(a.Index(S(1, 3), S(1, 4)))
	require.NoError(t, err)
	require.Equal(t, 4, rows.RawMatrix().Stride, "a block of rows is shared with its stride")
	rows.Set(0, 0, 42)
	require.Equal(t, 42.0, m.At(1, 1))

	tr, err := ToDense(a.T())
	require.NoError(t, err)
	tr.Set(0, 0, 99)
	require.Equal(t, 0.0, m.At(0, 0), "a transposed view is copied")

	vec, err := ToVecDense(a.Index(All, I(2)))
	require.NoError(t, err)
	require.Equal(t, 4, vec.RawVector().Inc)
	vec.SetVec(2, -5)
	require.Equal(t, -5.0, m.At(2, 2))

	back := d.FromVecDense(vec)
	require.Equal(t, []int{4}, back.Strides())
}

func TestGonumErrors(t *testing.T) {
	require.ErrorContains(t, FromDense(nil).Err(), "FromDense: nil or empty matrix")
	require.ErrorContains(t, FromDense(&mat.Dense{}).Err(), "FromDense: nil or empty matrix")
	require.ErrorContains(t, FromVecDense(&mat.VecDense{}).Err(), "empty")
	require.ErrorContains(t, FromCDense(nil).Err(), "FromCDense")
	require.ErrorContains(t, FromGeneral(blas64.General{Rows: 2, Cols: 3, Stride: 2, Data: make([]float64, 6)}).Err(),
		"row stride 2 is less than the 3 columns")
	require.ErrorContains(t, FromGeneral(blas64.General{Rows: 2, Cols: 3, Stride: 4, Data: make([]float64, 6)}).Err(),
		"6 elements cannot hold 2x3 with row stride 4")
	require.ErrorContains(t, FromGeneral(blas64.General{Rows: -1, Cols: 3, Stride: 3}).Err(), "negative")
	e := FromGeneral(blas64.General{Rows: 0, Cols: 3, Stride: 3})
	require.NoError(t, e.Err())
	require.Equal(t, []int{0, 3}, e.Shape())

	_, err := ToDense(FromSlice([]float32{1, 2}, 1, 2))
	require.ErrorContains(t, err, "ToDense: array of float32: convert it with AsType(float64) first")
	_, err = ToDense(FromSlice([]float64{1, 2}))
	require.ErrorContains(t, err, "ToDense: array of 1 dimensions, want 2")
	_, err = ToVecDense(Zeros(Float64, 0))
	require.ErrorContains(t, err, "ToVecDense: array of shape (0,) is empty")
	_, err = ToCDense(FromSlice([]float64{1}, 1, 1))
	require.ErrorContains(t, err, "AsType(complex128)")
	_, err = ToGeneral(nil)
	require.ErrorIs(t, err, ErrNil)
	bad := FromSlice([]float64{1, 2}).Add(FromSlice([]float64{1, 2, 3}))
	_, err = ToDense(bad)
	require.ErrorContains(t, err, "could not be broadcast")
}
