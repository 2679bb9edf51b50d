package array

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// TestCreationNumPy checks Arange, Linspace and Eye value for value
// against NumPy.
func TestCreationNumPy(t *testing.T) {
	arrays := npyStream(t, "array/creation.npys")
	lines := fixture.Lines(t, "array/creation.txt")
	require.Len(t, arrays, len(lines))
	forEachBackend(t, func(t *testing.T, d *Device) {
		for i, line := range lines {
			f := strings.Fields(line)
			dt, err := dtype.Parse(f[4])
			require.NoError(t, err)
			num := func(s string) float64 { v, err := strconv.ParseFloat(s, 64); require.NoError(t, err); return v }
			var got *Array
			switch f[0] {
			case "arange":
				got = d.Arange(num(f[1]), num(f[2]), num(f[3]), dt)
			case "linspace":
				got = d.Linspace(num(f[1]), num(f[2]), int(num(f[3])), dt)
			case "eye":
				got = d.Eye(int(num(f[1])), int(num(f[2])), int(num(f[3])), dt)
			}
			want := arrays[i]
			require.NoError(t, got.Err(), line)
			require.Equal(t, want.DType, got.DType(), line)
			require.Equal(t, want.Shape, got.Shape(), line)
			requireClose(t, dt, want.Data, hostData(t, got), 0, line)
		}
	})
}

func TestCreation(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		z := d.Zeros(Float32, 2, 3)
		require.Equal(t, "array([[0., 0., 0.],\n       [0., 0., 0.]], dtype=float32)", z.String())
		require.Equal(t, "array([[1, 1],\n       [1, 1]], dtype=int16)", d.Ones(Int16, 2, 2).String())
		require.Equal(t, "array([7.5, 7.5, 7.5])", d.Full(Float64, 7.5, 3).String())
		require.Equal(t, "array([1, 1, 1], dtype=int8)", d.Full(Int8, 1.9, 3).String()) // unsafe cast, as np.full
		require.Equal(t, "array([[1, 2],\n       [1, 2]], dtype=uint8)", d.Full(Uint8, FromSliceOn(d, []int64{1, 2}), 2, 2).String())
		require.Equal(t, "array(2.5, dtype=float32)", d.Scalar(float32(2.5)).String())
		require.Equal(t, "array([[1., 0., 0.],\n       [0., 1., 0.],\n       [0., 0., 1.]])", d.Identity(3, Float64).String())
		require.Equal(t, "array([], dtype=float64)", d.Zeros(Float64, 0).String())
		like := FullLike(d.Empty(Complex64, 2), 1+2i)
		require.Equal(t, "array([1.+2.j, 1.+2.j], dtype=complex64)", like.String())
		require.Equal(t, like.Backend(), d.Backend())
		require.Equal(t, []int{2, 3}, ZerosLike(z).Shape())
		require.Equal(t, "array([[1., 1., 1.],\n       [1., 1., 1.]], dtype=float32)", OnesLike(z).String())
		require.Equal(t, []int{2, 3}, EmptyLike(z).Shape())
		h := FromSliceOn(d, []F16{dtype.F16FromFloat32(0.1), dtype.F16FromFloat32(-2)})
		require.Equal(t, "array([ 0.1, -2. ], dtype=float16)", h.String())

		for _, c := range []struct {
			got  *Array
			want string
		}{
			{d.Zeros(Float32, 2, -1), "Zeros: negative dimensions are not allowed"},
			{d.Full(Int8, 300, 2), "Full: Go integer 300 out of bounds for int8"},
			{d.Full(Float32, 1i, 2), "Full: can't convert complex (0+1i) to float32"},
			{d.Full(Int32, math.Inf(1), 2), "Full: cannot convert float +Inf to integer"},
			{d.Full(Float32, FromSliceOn(d, []float32{1, 2, 3}), 2), "Full: could not broadcast input array from shape (3,) into shape (2,)"},
			{d.Arange(0, 1, 0, Float64), "Arange: step must not be zero"},
			{d.Linspace(0, 1, -1, Float64), "Linspace: Number of samples, -1, must be non-negative."},
			{d.Empty(0, 2), "Empty: invalid dtype DType(0)"},
			{FromSliceOn(d, []float32{1, 2, 3}, 2, 2), "FromSlice: 3 elements do not fill shape (2,2)"},
			{d.Scalar("x"), "Scalar: unsupported type string (want a Go number or bool)"},
			{On(nil).Zeros(Float32, 1), "Zeros: array: nil backend"},
		} {
			require.EqualError(t, c.got.Err(), c.want, c.want)
		}
		r, err := ToSlice[float64](FromSliceOn(d, []float64{1, 2, 3, 4, 5, 6}, -1, 2).T())
		require.NoError(t, err)
		require.Equal(t, []float64{1, 3, 5, 2, 4, 6}, r)
	})
}
