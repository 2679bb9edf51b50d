package array

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/backend/cpu"
)

// TestSweep3AdvancedIndexNilArray checks that a nil *Array as the one
// index array is an error, not a panic.
func TestSweep3AdvancedIndexNilArray(t *testing.T) {
	a := FromSliceOn(DefaultDevice(), []float64{1, 2, 3, 4, 5, 6}, 2, 3)
	var m *Array
	require.ErrorContains(t, a.Index(Idx(m)).Err(), "Index: array: nil array")
	require.ErrorContains(t, a.SetIndex(0, Idx(m)), "SetIndex: array: nil array")
}

// TestSweep3SetIndexBadValues checks that SetIndex with an Idx item
// reports the values' own error (sticky, nil or freed) rather than a
// shape mismatch, and writes nothing.
func TestSweep3SetIndexBadValues(t *testing.T) {
	d := DefaultDevice()
	a := FromSliceOn(d, []float64{1, 2, 3, 4, 5, 6}, 2, 3)
	bad := FromSliceOn(d, []float64{1, 2}).Reshape(3)
	freed := FromSliceOn(d, []float64{7, 8, 9})
	freed.Free()
	var nilValues *Array
	for _, c := range []struct {
		values *Array
		want   string
	}{
		{bad, bad.Err().Error()},
		{freed, "SetIndex: array: use of a freed array"},
		{nilValues, "SetIndex: array: nil array"},
	} {
		err := a.SetIndex(c.values, Idx([]int{0}))
		require.ErrorContains(t, err, c.want)
		require.NotContains(t, err.Error(), "shape mismatch")
	}
	got, err := ToSlice[float64](a)
	require.NoError(t, err)
	require.Equal(t, []float64{1, 2, 3, 4, 5, 6}, got)
}

// TestSweep3SetIndexThroughViews checks SetIndex with Idx items on
// transposed, reversed and stepped views against the same writes to a
// contiguous copy, and that the base array changes only under the view.
func TestSweep3SetIndexThroughViews(t *testing.T) {
	d := DefaultDevice()
	base := func() *Array { return d.Arange(0, 24, 1, Float64).Reshape(4, 6) }
	for _, c := range []struct {
		name  string
		view  func(*Array) *Array
		write func(*Array) error
	}{
		{"T reversed stepped", func(a *Array) *Array { return a.T().Index(All.Step(-1), All.Step(2)) },
			func(v *Array) error {
				return v.SetIndex(FromSliceOn(d, []float64{-1, -2, -3}), Idx([]int{0, 5, 2}), Idx([]int{1, 0, 1}))
			}},
		{"reversed mask", func(a *Array) *Array { return a.Index(All.Step(-1), S(1, 6).Step(2)) },
			func(v *Array) error { return v.SetIndex(0, Idx(v.Greater(10))) }},
		{"stepped int8 negatives", func(a *Array) *Array { return a.Index(S(0, 4).Step(3), All.Step(-2)) },
			func(v *Array) error {
				return v.SetIndex(FromSliceOn(d, []float64{7, 8}), Idx(FromSliceOn(d, []int8{-1, 0})), Idx(FromSliceOn(d, []uint8{2})))
			}},
	} {
		a := base()
		v := c.view(a)
		want := v.Copy()
		require.NoError(t, c.write(want), c.name)
		require.NoError(t, c.write(v), c.name)
		got, err := ToSlice[float64](v.Copy())
		require.NoError(t, err, c.name)
		w, err := ToSlice[float64](want)
		require.NoError(t, err, c.name)
		require.Equal(t, w, got, c.name)
		// Outside the view, a is unchanged: the view's positions marked -1.
		mark := base()
		require.NoError(t, c.view(mark).Set(-1.0), c.name)
		m, _ := ToSlice[float64](mark)
		all, _ := ToSlice[float64](a)
		for i := range m {
			if m[i] != -1 {
				require.Equal(t, float64(i), all[i], "%s: element %d outside the view", c.name, i)
			}
		}
	}
}

// TestSweep3AdvancedIndexConcurrent reads and writes with Idx items from
// several goroutines at once (run under -race): each goroutine's own
// array, a shared read-only source and shared index arrays.
func TestSweep3AdvancedIndexConcurrent(t *testing.T) {
	d := DefaultDevice()
	src := d.Arange(0, 60, 1, Float64).Reshape(3, 4, 5)
	rows, cols := FromSliceOn(d, []int16{2, -3, 0}), FromSliceOn(d, []uint32{4, 0, 1})
	want, err := ToSlice[float64](src.Index(Idx(rows), All, Idx(cols)))
	require.NoError(t, err)
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			got, err := ToSlice[float64](src.Index(Idx(rows), All, Idx(cols)))
			if err == nil && !slices.Equal(got, want) {
				err = fmt.Errorf("goroutine %d read %v, want %v", g, got, want)
			}
			if err == nil {
				own := src.Copy()
				err = own.SetIndex(float64(g), Idx(rows), All, Idx(cols))
				if err == nil {
					var v []float64
					v, err = ToSlice[float64](own.Index(Idx(rows), I(1), Idx(cols)))
					if err == nil && !slices.Equal(v, []float64{float64(g), float64(g), float64(g)}) {
						err = fmt.Errorf("goroutine %d wrote %v", g, v)
					}
				}
			}
			errs <- err
		}()
	}
	for range 8 {
		require.NoError(t, <-errs)
	}
}

// TestSweep3SetIndexOverlappingValues checks that values which are a view
// of the target are read before any is written, as NumPy copies them:
// a[idx] = a[::-1] reverses a.
func TestSweep3SetIndexOverlappingValues(t *testing.T) {
	d := DefaultDevice()
	for _, idx := range [][]Index{
		{Idx([]int{0, 1, 2, 3, 4, 5})},
		{Idx([]bool{true, true, true, true, true, true})},
		{Idx(FromSliceOn(d, []int8{-6, -5, -4, -3, -2, -1}))},
	} {
		a := d.Arange(0, 6, 1, Float64)
		require.NoError(t, a.SetIndex(a.Index(All.Step(-1)), idx...))
		got, err := ToSlice[float64](a)
		require.NoError(t, err)
		require.Equal(t, []float64{5, 4, 3, 2, 1, 0}, got)
	}
	c := d.Arange(0, 12, 1, Float64).Reshape(3, 4)
	require.NoError(t, c.SetIndex(c.Index(All.Step(-1), S(0, 2)), All, Idx([]int{2, 3})))
	got, err := ToSlice[float64](c)
	require.NoError(t, err)
	require.Equal(t, []float64{0, 1, 8, 9, 4, 5, 4, 5, 8, 9, 0, 1}, got)
}

// TestSweep3SetIndexValuesOnAnotherDevice checks that values on another
// device are refused in SetIndex's own name, and nothing is written.
func TestSweep3SetIndexValuesOnAnotherDevice(t *testing.T) {
	d1, d2 := On(cpu.New(0)), On(cpu.New(0))
	a := d1.Arange(0, 6, 1, Float64)
	err := a.SetIndex(d2.Arange(0, 2, 1, Float64), Idx([]int{4, 5}))
	require.ErrorContains(t, err, "SetIndex: operands live on different devices")
	got, err := ToSlice[float64](a)
	require.NoError(t, err)
	require.Equal(t, []float64{0, 1, 2, 3, 4, 5}, got)
}
