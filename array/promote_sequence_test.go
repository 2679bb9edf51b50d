package array

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/dtype"
)

// TestPromotionOfSeveralArrays checks that operations of three or more
// arrays take NumPy's result_type of them all, which is not a chain of
// pairs: uint8, int8 and float16 give float16 (a chain gives int16, then
// float32), int16, uint16 and float32 give float32 (a chain: float64).
// The dtypes are NumPy's (np.result_type, np.concatenate, np.clip and
// np.einsum under NumPy 1.24 and 2.x; see also dtype's
// TestPromoteAllMatchesNumPy).
func TestPromotionOfSeveralArrays(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		for _, c := range []struct {
			dts  [3]DType
			want DType
		}{
			{[3]DType{Uint8, Int8, Float16}, Float16},
			{[3]DType{Float16, Uint8, Int8}, Float16},
			{[3]DType{Int16, Uint16, Float32}, Float32},
			{[3]DType{Int16, Uint16, Complex64}, Complex64},
			{[3]DType{Uint16, Int8, Float16}, Float32},
		} {
			xs := []*Array{
				FromSliceOn(d, []float64{1, 100}).AsType(c.dts[0]),
				FromSliceOn(d, []float64{-3, 4}).AsType(c.dts[1]),
				FromSliceOn(d, []float64{0.5, 2}).AsType(c.dts[2]),
			}
			if c.dts[0].Kind() == dtype.UintKind {
				xs[1] = FromSliceOn(d, []float64{3, 4}).AsType(c.dts[1]) // as NumPy, unsigned of negative values is not the point here
			}
			joined := Concatenate(xs, 0)
			require.NoError(t, joined.Err())
			require.Equal(t, c.want, joined.DType(), "Concatenate%v", c.dts)
			require.Equal(t, c.want, Stack(xs, 0).DType(), "Stack%v", c.dts)
			if c.want.Kind() != dtype.ComplexKind { // Clip has real loops only
				require.Equal(t, c.want, Clip(xs[0], xs[1], xs[2]).DType(), "Clip%v", c.dts)
			}
			require.Equal(t, c.want, Einsum("i,i,i->i", xs...).DType(), "Einsum%v", c.dts)
			got, err := ToSlice[float64](joined.AsType(Float64))
			require.NoError(t, err)
			want := []float64{1, 100}
			for _, x := range xs[1:] {
				v, err := ToSlice[float64](x.AsType(Float64))
				require.NoError(t, err)
				want = append(want, v...)
			}
			require.Equal(t, want, got)
		}
	})
}

// TestSelectTypesAsNumPy2 checks Select's dtype: NumPy 2's np.select
// makes each choice and the default arrays first, so a Go number counts
// in full (int64, float64), and the choices promote together before the
// default joins them.
func TestSelectTypesAsNumPy2(t *testing.T) {
	d := DefaultDevice()
	cond := FromSliceOn(d, []bool{true, false, true})
	i8 := FromSliceOn(d, []int8{1, 2, 3})
	u8 := FromSliceOn(d, []uint8{4, 5, 6})
	f16 := FromSliceOn(d, []float32{0.5, 1.5, 2.5}).AsType(Float16)
	f32 := FromSliceOn(d, []float32{0.5, 1.5, 2.5})
	for _, c := range []struct {
		name    string
		choices []any
		deflt   any
		want    DType
	}{
		{"int8 and default 0", []any{i8}, 0, Int64},
		{"int8 and default 300", []any{i8}, 300, Int64},
		{"float32 and default 0.5", []any{f32}, 0.5, Float64},
		{"float32 and a bool default", []any{f32}, true, Float32},
		{"int8, uint8, then float16", []any{i8, u8}, f16, Float32}, // (int8, uint8) is int16; with float16 float32
		{"Go numbers", []any{1, 2.5}, 0, Float64},
	} {
		conds := make([]*Array, len(c.choices))
		for i := range conds {
			conds[i] = cond
		}
		got := Select(conds, c.choices, c.deflt)
		require.NoError(t, got.Err(), c.name)
		require.Equal(t, c.want, got.DType(), c.name)
	}
	v, err := ToSlice[int64](Select([]*Array{cond}, []any{i8}, 300))
	require.NoError(t, err)
	require.Equal(t, []int64{1, 300, 3}, v)
}
