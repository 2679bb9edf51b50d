package array

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// stridedView is a view of base's buffer with any layout, for the overlap
// solver, which reads only the layout (offset, strides and item size).
func stridedView(base *Array, dt DType, shape, strides []int, offset int) *Array {
	return &Array{st: base.st, dt: dt, shape: shape, strides: strides, offset: offset}
}

// bytesTouched lists the bytes of a's elements, by brute force.
func bytesTouched(a *Array) map[int]bool {
	out := map[int]bool{}
	if a.Size() == 0 {
		return out
	}
	idx := make([]int, len(a.shape))
	for {
		off := a.offset
		for d, i := range idx {
			off += i * a.strides[d]
		}
		for b := range a.dt.Size() {
			out[off*a.dt.Size()+b] = true
		}
		if !nextIndex(idx, a.shape) {
			return out
		}
	}
}

// TestSharesMemoryBruteForce compares SharesMemory with the bytes the two
// layouts reach, over random layouts of mixed item sizes with negative,
// zero and overlapping strides.
func TestSharesMemoryBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	base := Zeros(Uint8, 1)
	dts := []DType{Uint8, Int16, Float32, Float64, Complex128}
	layout := func() *Array {
		dt := dts[rng.IntN(len(dts))]
		nd := rng.IntN(4)
		shape, strides := make([]int, nd), make([]int, nd)
		lo := 0
		for d := range nd {
			shape[d] = rng.IntN(5)
			strides[d] = rng.IntN(13) - 6
			if shape[d] > 0 && strides[d] < 0 {
				lo += (shape[d] - 1) * strides[d]
			}
		}
		return stridedView(base, dt, shape, strides, -lo+rng.IntN(20))
	}
	overlaps := 0
	for range 3000 {
		a, b := layout(), layout()
		want := false
		bb := bytesTouched(b)
		for x := range bytesTouched(a) {
			if bb[x] {
				want = true
				break
			}
		}
		got, err := SharesMemory(a, b, -1)
		require.NoError(t, err)
		require.Equal(t, want, got, "a %v %v %d %v, b %v %v %d %v", a.shape, a.strides, a.offset, a.dt, b.shape, b.strides, b.offset, b.dt)
		may, err := MayShareMemory(a, b)
		require.NoError(t, err)
		require.True(t, may || !want, "MayShareMemory must not miss an overlap")
		if want {
			overlaps++
		}
	}
	require.Greater(t, overlaps, 200, "the layouts should overlap often enough to test both answers")
}

func TestSharesMemoryTooHard(t *testing.T) {
	// NumPy's hard case (test_mem_overlap.py): strides that make the
	// search long, within a buffer of 192163377 bytes.
	base := Zeros(Int8, 1)
	x1 := stridedView(base, Int8, []int{1049, 1049, 1049}, []int{36674, 61119, 85569}, 0)
	x2 := stridedView(base, Int8, []int{1049, 1049, 1}, []int{12223, 12224, 1}, 64023025)
	_, err := SharesMemory(x1, x2, 1)
	require.ErrorIs(t, err, ErrTooHard)
	require.ErrorContains(t, err, "SharesMemory: arrays of shapes (1049,1049,1049) and (1049,1049,1)")
	may, err := MayShareMemory(x1, x2)
	require.NoError(t, err)
	require.True(t, may)
	_, err = SharesMemory(x1, x2, 1, 2)
	require.Error(t, err)
}

func TestSharesMemoryViews(t *testing.T) {
	x := FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	row := x.Index(I(0))
	bc := row.BroadcastTo(4, 3) // stride 0
	for _, c := range []struct {
		a, b  *Array
		share bool
	}{
		{bc, x.Index(I(1)), false},
		{bc, x.Index(I(0), I(2)), true},
		{x, x.Copy(), false},
		{x.Index(All, S(0, 0)), x, false}, // empty
		{x.T(), x.Reshape(6), true},
	} {
		got, err := SharesMemory(c.a, c.b)
		require.NoError(t, err)
		require.Equal(t, c.share, got)
	}
	x.Free()
	_, err := SharesMemory(row, row)
	require.ErrorIs(t, err, ErrFreed)
	_, err = MayShareMemory(nil, row)
	require.ErrorIs(t, err, ErrNil)
}

func TestWindowErrors(t *testing.T) {
	require.Error(t, Hamming(1<<62).Err(), "an impossible size is an error")
	require.Error(t, Kaiser(1<<62, 3).Err())
	require.ErrorIs(t, (*Device)(nil).Bartlett(3).Err(), ErrNilDevice)
}

func TestApplyErrors(t *testing.T) {
	x := FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	boom := errors.New("boom")
	failing := func(v *Array) *Array {
		if s, _ := Item[float64](Sum(v)); s > 10 {
			return Failed(boom)
		}
		return Sum(v)
	}
	r := ApplyAlongAxis(failing, -1, x)
	require.ErrorIs(t, r.Err(), boom)
	require.ErrorContains(t, r.Err(), "ApplyAlongAxis: func1d at index (1,)")
	require.ErrorContains(t, ApplyAlongAxis(nil, 0, x).Err(), "func1d is nil")
	require.Error(t, ApplyAlongAxis(failing, 2, x).Err())
	require.Error(t, ApplyAlongAxis(failing, 0, Scalar(1.0)).Err())
	require.ErrorContains(t, ApplyAlongAxis(failing, 1, Zeros(Float64, 0, 3)).Err(), "iteration dimension is 0")
	require.ErrorContains(t, ApplyAlongAxis(func(*Array) *Array { return nil }, 0, x).Err(), "nil array")
	grow := 1
	ragged := func(v *Array) *Array { grow++; return Ones(Float64, grow) }
	require.ErrorContains(t, ApplyAlongAxis(ragged, 0, x).Err(), "the result at index (1,)")
	require.ErrorIs(t, ApplyAlongAxis(failing, 0, Failed(boom)).Err(), boom, "errors are sticky")

	require.ErrorContains(t, ApplyOverAxes(func(a *Array, _ int) *Array { return Sum(a) }, x, 0).Err(), "returned an array of 0 axes where 2 or 1")
	require.ErrorIs(t, ApplyOverAxes(func(*Array, int) *Array { return Failed(boom) }, x, 1).Err(), boom)
	require.Error(t, ApplyOverAxes(nil, x, 0).Err())

	require.ErrorIs(t, Fromfunction(func(...*Array) *Array { return Failed(boom) }, []int{2}, Float64).Err(), boom)
	require.Error(t, Fromfunction(func(ix ...*Array) *Array { return ix[0] }, []int{-1}, Float64).Err())

	cond := Greater(x, 2)
	require.ErrorContains(t, Piecewise(x, []*Array{cond}, []any{1.0, 2.0, 3.0}).Err(), "either 1 or 2 functions")
	require.ErrorContains(t, Piecewise(x, []*Array{cond.Index(I(0))}, []any{1.0}).Err(), "condition 0 has shape (3,), x has shape (2,3)")
	require.ErrorContains(t, Piecewise(x, []*Array{cond}, []any{"one"}).Err(), "funcs[0] is a string")
	require.ErrorIs(t, Piecewise(x, []*Array{cond}, []any{func(*Array) *Array { return Failed(boom) }}).Err(), boom)
	require.ErrorIs(t, Piecewise(x, []*Array{Failed(boom)}, []any{1.0}).Err(), boom)
	require.Error(t, Piecewise(x, []*Array{cond}, []any{func(v *Array) *Array { return Ones(Float64, 2) }}).Err(), "4 values do not fit 2")
}

func TestMiscErrors(t *testing.T) {
	boom := errors.New("boom")
	require.ErrorContains(t, SortComplex(Scalar(1.0)).Err(), "0-d")
	require.ErrorIs(t, SortComplex(Failed(boom)).Err(), boom)
	require.ErrorIs(t, Rollaxis(Failed(boom), 0, 0).Err(), boom)
	_, err := MaskIndices(3, nil, 0)
	require.Error(t, err)
	_, err = MaskIndices(3, func(*Array, int) *Array { return Failed(boom) }, 0)
	require.ErrorIs(t, err, boom)
	_, err = MaskIndices(-1, Triu, 0)
	require.Error(t, err)

	_, err = ResultType()
	require.Error(t, err)
	_, err = ResultType(Float32, "x")
	require.ErrorContains(t, err, "operand 1 is a string")
	_, err = ResultType(Failed(boom))
	require.ErrorIs(t, err, boom)
	_, err = ResultType(DType(0))
	require.Error(t, err)
	_, err = MinScalarType([]int{1})
	require.Error(t, err)
	_, err = MinScalarType(Failed(boom))
	require.ErrorIs(t, err, boom)
	_, err = CommonType(nil)
	require.ErrorIs(t, err, ErrNil)

	x := FromSlice([]float64{1, 2})
	require.ErrorContains(t, Require(x, 0, "Q").Err(), `unknown requirement "Q"`)
	require.Same(t, x, Require(x, 0, "c_contiguous", "aligned"), "no copy when nothing is missing")
	require.ErrorIs(t, Require(Failed(boom), 0).Err(), boom)
	require.ErrorIs(t, AsarrayChkfinite(Failed(boom)).Err(), boom)

	_, err = BinaryRepr(3, 1, 2)
	require.Error(t, err)
}

// TestRequireOwnData checks "O" on fresh, pending (fused) and view arrays.
func TestRequireOwnData(t *testing.T) {
	withFusion(t, FusionAll, func() {
		x := FromSlice([]float64{1, 2, 3, 4}, 2, 2)
		pending := Add(Mul(x, 2), 1) // recorded for fusion, not yet computed
		for _, c := range []struct {
			a    *Array
			copy bool
		}{{x, false}, {pending, false}, {x.Index(I(1)), true}, {x.T(), true}} {
			r := Require(c.a, 0, "O")
			require.NoError(t, r.Err())
			shared, err := SharesMemory(r, c.a)
			require.NoError(t, err)
			require.Equal(t, c.copy, !shared)
			want, err := ToSlice[float64](c.a)
			require.NoError(t, err)
			got, err := ToSlice[float64](r)
			require.NoError(t, err)
			require.Equal(t, want, got)
		}
	})
}
