package array

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

type celsius float64

type level uint8

// TestFromSliceHostTypes checks FromSlice of int, uint and defined types:
// NumPy's default int64/uint64 for int and uint, the underlying dtype for
// defined types.
func TestFromSliceHostTypes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		i64 := FromSliceOn(d, []int{1, -2, math.MaxInt64})
		require.Equal(t, Int64, i64.DType())
		gotI, err := ToSlice[int64](i64)
		require.NoError(t, err)
		require.Equal(t, []int64{1, -2, math.MaxInt64}, gotI)
		u64 := FromSliceOn(d, []uint{3, math.MaxUint64})
		require.Equal(t, Uint64, u64.DType())
		gotU, err := ToSlice[uint64](u64)
		require.NoError(t, err)
		require.Equal(t, []uint64{3, math.MaxUint64}, gotU)
		c := FromSliceOn(d, []celsius{21.5, -3}, 2, 1)
		require.Equal(t, Float64, c.DType())
		require.Equal(t, []int{2, 1}, c.Shape())
		gotF, err := ToSlice[float64](c)
		require.NoError(t, err)
		require.Equal(t, []float64{21.5, -3}, gotF)
		l := FromSliceOn(d, []level{7, 255})
		require.Equal(t, Uint8, l.DType())
		gotL, err := ToSlice[uint8](l)
		require.NoError(t, err)
		require.Equal(t, []uint8{7, 255}, gotL)
	})
}

// TestItemConverts checks Item's conversions: same_kind ones as NumPy's
// item() then Go's conversion, others refused.
func TestItemConverts(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		f32 := FromSliceOn(d, []float32{0.1})
		v, err := Item[float64](f32)
		require.NoError(t, err)
		require.Equal(t, float64(float32(0.1)), v)
		i, err := Item[int64](FromSliceOn(d, []int8{-7}))
		require.NoError(t, err)
		require.Equal(t, int64(-7), i)
		z, err := Item[complex128](FromSliceOn(d, []float64{2.5}))
		require.NoError(t, err)
		require.Equal(t, complex(2.5, 0), z)
		_, err = Item[int64](FromSliceOn(d, []float64{2.5}))
		require.ErrorContains(t, err, "Item: cannot convert a float64 element to int64")
		_, err = Item[float64](FromSliceOn(d, []float64{1, 2}))
		require.ErrorContains(t, err, "size 2")
	})
}

// TestMethodForms checks that the method forms equal the functions, with
// the same out and reduction options.
func TestMethodForms(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		x := FromSliceOn(d, []float64{0.5, math.NaN(), -2, 3}, 2, 2)
		b := FromSliceOn(d, []int32{6, 5, -3, 12}, 2, 2)
		same := func(want, got *Array) {
			t.Helper()
			require.NoError(t, got.Err())
			require.Equal(t, want.String(), got.String())
		}
		same(IsNaN(x), x.IsNaN())
		same(Tanh(x), x.Tanh())
		same(Invert(b), b.Invert())
		same(BitAnd(b, 3), b.BitAnd(3))
		same(Gcd(b, 4), b.Gcd(4))
		same(Where(IsNaN(x), 0, x), x.IsNaN().Where(0, x))
		same(Sum(b, Axis(0), KeepDims()), b.Sum(Axis(0), KeepDims()))
		same(Sum(b, Axis(1), WithDType(Float32)), b.Sum(Axis(1), WithDType(Float32)))
		same(Max(b, Axis(1)), b.Max(Axis(1)))
		same(AllTrue(b, Axis(1)), b.AllTrue(Axis(1)))
		out := d.Zeros(Float64, 2, 2)
		require.Same(t, out, x.Sin(out))
		same(Sin(x), out)
		sum := d.Zeros(Int64, 2)
		require.Same(t, sum, b.Sum(Axis(1), Out(sum)))
		require.Equal(t, "array([11,  9])", sum.String())
	})
}

// TestReadOnlyAndZeroD checks NumPy 2's refusals: writes through broadcast
// views, Nonzero of a 0-d array; and 0-d reductions with axis 0 or -1.
func TestReadOnlyAndZeroD(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		base := FromSliceOn(d, []float32{1, 2})
		v := base.BroadcastTo(3, 2)
		const ro = "destination is read-only"
		require.ErrorContains(t, v.Set(0), "Set: "+ro)
		require.ErrorContains(t, v.Index(I(0)).Set(0), ro) // views of it too
		require.ErrorContains(t, Add(1, 2, v).Err(), "Add: "+ro)
		require.ErrorContains(t, Sum(d.Ones(Float32, 4, 3, 2), Axis(0), Out(v)).Err(), ro)
		require.ErrorContains(t, Put(v, []int{0}, 5), "Put: "+ro)
		require.ErrorContains(t, Diag(d.Eye(3, 3, 0, Int8), 0).Set(1), ro)
		require.NoError(t, v.Copy().Set(0)) // a copy is writable
		got, err := ToSlice[float32](base)
		require.NoError(t, err)
		require.Equal(t, []float32{1, 2}, got)

		s := d.Scalar(3.5)
		_, err = Nonzero(s)
		require.ErrorContains(t, err, "Nonzero: Calling nonzero on 0d arrays is not allowed")
		for _, ax := range []int{0, -1} {
			require.Equal(t, "array(3.5)", s.Sum(Axis(ax)).String())
			require.Equal(t, "array(3.5)", s.Max(Axis(ax)).String())
			require.Equal(t, "array(0)", s.ArgMax(Axis(ax)).String())
		}
		require.Equal(t, "array([3.5])", s.CumSum(Axis(0)).String())
		require.Equal(t, "array([3.5])", s.CumProd(Axis(-1)).String())
		require.ErrorContains(t, s.Sum(Axis(1)).Err(), "axis 1 is out of bounds")
		require.ErrorContains(t, s.Mean(Axis(0)).Err(), "axis 0 is out of bounds") // NumPy's mean refuses it
	})
}
