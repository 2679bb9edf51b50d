package array

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/cugo/cugo/backend/cpu"
	"github.com/stretchr/testify/require"
)

func ints64(t *testing.T, a *Array) []int64 {
	t.Helper()
	s, err := ToSlice[int64](a)
	require.NoError(t, err)
	return s
}

// TestViews checks that views share data and read as NumPy's would.
func TestViews(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := d.Arange(0, 24, 1, Int64).Reshape(2, 3, 4)
		require.NoError(t, a.Err())
		require.Equal(t, []int64{5, 9}, ints64(t, a.Index(I(0), S(1, 3), I(1))))
		require.Equal(t, []int64{23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1}, ints64(t, a.Index(All.Step(-1), All.Step(-1), S(3, 0).Step(-2)).Ravel().Index(All)))
		tr := a.Transpose(2, 0, 1)
		require.Equal(t, []int{4, 2, 3}, tr.Shape())
		require.Equal(t, []int{1, 12, 4}, tr.Strides())
		require.Equal(t, []int{4, 3, 2}, a.T().Shape())
		require.Equal(t, []int{2, 4, 3}, a.SwapAxes(1, -1).Shape())
		require.Equal(t, []int{1, 2, 3, 4}, a.ExpandDims(0).Shape())
		require.Equal(t, []int{2, 3, 4, 1}, a.ExpandDims(-1).Shape())
		require.Equal(t, []int{3, 4}, a.Index(NewAxis, I(1)).Squeeze().Shape())
		require.Equal(t, []int{1, 3, 4}, a.Index(NewAxis, I(1), NewAxis).Squeeze(1).Shape())
		b := d.Arange(0, 3, 1, Float32).BroadcastTo(2, 3)
		require.Equal(t, []int{0, 1}, b.Strides())
		require.Equal(t, "array([[0., 1., 2.],\n       [0., 1., 2.]], dtype=float32)", b.String())

		// Reshape: a view where the layout allows (NumPy's rule), else a copy.
		v := a.Reshape(6, -1)
		require.Same(t, a.st, v.st)
		c := a.T().Reshape(-1)
		require.NotSame(t, a.st, c.st)
		require.Equal(t, []int64{0, 12, 4, 16, 8, 20}, ints64(t, c)[:6])
		s := a.Index(All, All, S(0, 2)).Reshape(6, 2) // merges axes 0 and 1: a view
		require.Same(t, a.st, s.st)
		require.Equal(t, []int64{0, 1, 4, 5}, ints64(t, s)[:4])
		require.NotSame(t, a.st, a.Index(All, All, S(0, 2)).Reshape(12).st)
		require.Same(t, a.st, a.Ravel().st)
		require.NotSame(t, a.st, a.Flatten().st)

		// Writing through a view changes the base.
		require.NoError(t, a.Index(I(1), All, I(0)).Set(-1))
		require.Equal(t, []int64{-1, -1, -1}, ints64(t, a.Index(I(1), All, I(0))))
		require.Equal(t, int64(13), ints64(t, a)[13])

		for _, c := range []struct {
			got  *Array
			want string
		}{
			{a.Index(I(5)), "Index: index 5 is out of bounds for axis 0 with size 2"},
			{a.Index(I(0), I(0), I(0), I(0)), "Index: too many indices for array: array is 3-dimensional, but 4 were indexed"},
			{a.Transpose(0, 1), "Transpose: axes don't match array"},
			{a.Transpose(0, 1, 1), "Transpose: repeated axis in transpose"},
			{a.Reshape(5, -1), "Reshape: cannot reshape array of size 24 into shape (5,-1)"},
			{a.Squeeze(0), "Squeeze: cannot select an axis to squeeze out which has size not equal to one"},
			{a.ExpandDims(5), "ExpandDims: axis 5 is out of bounds for array of dimension 4"},
			{a.SwapAxes(0, 3), "SwapAxes: axis 3 is out of bounds for array of dimension 3"},
			{a.BroadcastTo(3, 4), "BroadcastTo: operands could not be broadcast together with remapped shapes [original->remapped]: (2,3,4) and requested shape (3,4)"},
		} {
			require.EqualError(t, c.got.Err(), c.want)
		}
	})
}

// TestSet checks assignment with broadcasting, casting and overlap.
func TestSet(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := d.Zeros(Int64, 3, 4)
		require.NoError(t, a.Index(All, S(1, 3)).Set(FromSliceOn(d, []float64{1.9, -2.9})))
		require.Equal(t, []int64{0, 1, -2, 0, 0, 1, -2, 0, 0, 1, -2, 0}, ints64(t, a))
		require.NoError(t, a.Index(I(-1)).Set(FromSliceOn(d, []int8{7, 8, 9, 10}).Index(All.Step(-1))))
		require.Equal(t, []int64{10, 9, 8, 7}, ints64(t, a.Index(I(2))))
		require.NoError(t, a.Index(Ellipsis, I(0)).Set(true))
		require.Equal(t, []int64{1, 1, 1}, ints64(t, a.Index(All, I(0))))

		// Overlapping source and destination go through a temporary.
		x := d.Arange(0, 10, 1, Int64)
		require.NoError(t, x.Index(From(1)).Set(x.Index(To(9))))
		require.Equal(t, []int64{0, 0, 1, 2, 3, 4, 5, 6, 7, 8}, ints64(t, x))
		m := d.Arange(0, 9, 1, Int64).Reshape(3, 3)
		require.NoError(t, m.Set(m.T()))
		require.Equal(t, []int64{0, 3, 6, 1, 4, 7, 2, 5, 8}, ints64(t, m))
		y := d.Arange(0, 6, 1, Int64)
		Add(y.Index(To(5)), y.Index(From(1)), y.Index(From(1))) // y[1:] = y[:-1] + y[1:]
		require.Equal(t, []int64{0, 1, 3, 5, 7, 9}, ints64(t, y))

		require.EqualError(t, a.Set(FromSliceOn(d, []int64{1, 2})), "Set: could not broadcast input array from shape (2,) into shape (3,4)")
		require.EqualError(t, a.Set(300.0+1i), "Set: can't convert complex (300+1i) to int64")
		require.EqualError(t, d.Zeros(Uint8, 2).Set(-1), "Set: Go integer -1 out of bounds for uint8")
		require.EqualError(t, a.Set([]int{1}), "Set: unsupported value of type []int (want *Array or a Go number or bool)")
	})
}

// TestOut checks out= rules: NumPy's same_kind casting and shape checks.
func TestOut(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		i32 := FromSliceOn(d, []int32{1, 2, 3})
		f64 := d.Zeros(Float64, 3)
		require.Same(t, f64, Add(i32, i32, f64))
		require.Equal(t, "array([2., 4., 6.])", f64.String())
		big := d.Zeros(Float64, 2, 3)
		require.Same(t, big, Mul(i32, 2, big)) // inputs broadcast to out's shape
		require.Equal(t, "array([[2., 4., 6.],\n       [2., 4., 6.]])", big.String())
		require.EqualError(t, Add(f64, f64, d.Zeros(Int32, 3)).Err(),
			"Add: cannot cast ufunc 'add' output from float64 to int32 with casting rule 'same_kind'")
		require.EqualError(t, Add(big, big, f64).Err(),
			"Add: non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2,3)")
		require.EqualError(t, Add(i32, i32, f64, f64).Err(), "Add: 2 outputs given, want at most 1")
		// Floor keeps integer dtypes (NumPy >= 2.3); Round of integers copies.
		require.Equal(t, Int32, Floor(i32).DType())
		require.Equal(t, "array([1, 2, 3], dtype=int32)", Round(i32).String())
		require.Equal(t, "array([ 0.,  2., -2.,  2.])", Round(FromSliceOn(d, []float64{0.5, 1.5, -2.5, 2.4})).String())
		z := FromSliceOn(d, []complex64{3 + 4i, -1})
		require.Equal(t, "array([5., 1.], dtype=float32)", Abs(z).String())
		require.Equal(t, "array([ 3., -1.], dtype=float32)", Real(z).String())
		require.Equal(t, "array([4., 0.], dtype=float32)", Imag(z).String())
		require.Equal(t, "array([0, 0, 0], dtype=int32)", Imag(i32).String())
		require.Equal(t, Float64, Angle(FromSliceOn(d, []float64{-1})).DType())
		require.Equal(t, "array([0.9272952, 3.1415927], dtype=float32)", Angle(z).String())
		require.Equal(t, "array([ 3.-4.j, -1.-0.j], dtype=complex64)", Conj(z).String())
		require.EqualError(t, Cbrt(z).Err(), "Cbrt: ufunc 'cbrt' not supported for complex64")
		require.EqualError(t, BitAnd(f64, 1).Err(), "BitAnd: ufunc 'bitwise_and' not supported for float64 and Go int")
		require.EqualError(t, BitOr(FromSliceOn(d, []uint64{1}), FromSliceOn(d, []int64{1})).Err(),
			"BitOr: ufunc 'bitwise_or' not supported for uint64 and int64")
	})
}

// TestErrors checks that bad input gives clear errors, never a panic, and
// that errors stick through a chain.
func TestErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := d.Ones(Float32, 2, 3)
		bad := Add(a, d.Ones(Float32, 4))
		want := "Add: operands could not be broadcast together with shapes (2,3) (4,)"
		require.EqualError(t, bad.Err(), want)
		chain := bad.Mul(2).Sqrt().Index(I(0)).Reshape(-1).T()
		require.EqualError(t, chain.Err(), want)
		require.EqualError(t, chain.Sync(), want)
		_, err := ToSlice[float32](chain)
		require.EqualError(t, err, want)
		_, err = Item[float32](chain)
		require.EqualError(t, err, want)
		require.EqualError(t, chain.Save(&bytes.Buffer{}), want)
		require.EqualError(t, a.Set(chain), want)
		require.Nil(t, chain.Shape())

		_, err = ToSlice[float64](a)
		require.EqualError(t, err, "ToSlice: array of float32 read as []float64: use the Go type of float32, or AsType(float64) first")
		_, err = Item[float32](a)
		require.EqualError(t, err, "Item: can only convert an array of size 1 to a Go scalar, not of size 6")
		require.EqualError(t, CopyToSlice(make([]float32, 5), a), "CopyToSlice: slice of 5 elements for an array of size 6")
		require.EqualError(t, CopyFromSlice(a.T(), make([]float32, 6)), "CopyFromSlice: array is not C-contiguous; use Copy first")

		// nil arrays
		var n *Array
		require.ErrorIs(t, n.Err(), ErrNil)
		require.EqualError(t, n.Add(1).Err(), "Add: array: nil array")
		require.EqualError(t, Add(a, n).Err(), "Add: array: nil array")
		require.EqualError(t, Add(nil, a).Err(), "Add: operand 0 has unsupported type <nil> (want *Array or a Go number or bool)")
		require.EqualError(t, n.Index(I(0)).Err(), "Index: array: nil array")
		_, err = ToSlice[float32](n)
		require.EqualError(t, err, "ToSlice: array: nil array")
		require.Equal(t, "array(<array: nil array>)", n.String())
		require.Zero(t, n.Size())
		n.Free()
		require.Error(t, (&Array{}).Err())

		// freed arrays, and their views
		f := d.Ones(Float32, 4)
		view := f.Index(S(1, 3))
		f.Free()
		f.Free()
		require.ErrorIs(t, view.Err(), ErrFreed)
		require.EqualError(t, view.Add(1).Err(), "Add: array: use of a freed array")
		_, err = ToSlice[float32](view)
		require.EqualError(t, err, "ToSlice: array: use of a freed array")
		require.EqualError(t, a.Set(view), "Set: array: use of a freed array")

		// arrays of two backends never mix
		other := On(cpu.New(1)).Ones(Float32, 2, 3)
		require.ErrorContains(t, Add(a, other).Err(), "Add: operands live on different devices "+d.Backend().Device().Kind+":0")
		require.ErrorContains(t, a.Set(other), "Set: operands live on different devices")
		moved := other.To(d.Backend())
		require.NoError(t, moved.Err())
		require.Equal(t, a.String(), Add(a, moved).Sub(1).String())
	})
}

// TestTransfer checks host copies, Item, To and .npy files.
func TestTransfer(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := FromSliceOn(d, []float32{1, 2, 3, 4, 5, 6}, 2, 3)
		dst := make([]float32, 6)
		require.NoError(t, CopyToSlice(dst, a))
		require.Equal(t, []float32{1, 2, 3, 4, 5, 6}, dst)
		require.NoError(t, CopyFromSlice(a, []float32{6, 5, 4, 3, 2, 1}))
		v, err := Item[float32](a.Index(I(1), I(-1)))
		require.NoError(t, err)
		require.Equal(t, float32(1), v)
		c, err := Item[complex128](d.Scalar(1 + 2i))
		require.NoError(t, err)
		require.Equal(t, 1+2i, c)
		i8, err := ToSlice[int8](a.AsType(Int8).T())
		require.NoError(t, err)
		require.Equal(t, []int8{6, 3, 5, 2, 4, 1}, i8)

		var buf bytes.Buffer
		require.NoError(t, a.T().Save(&buf))
		back := d.Load(&buf)
		require.Equal(t, a.T().String(), back.String())
		path := filepath.Join(t.TempDir(), "a.npy")
		require.NoError(t, a.SaveFile(path))
		require.Equal(t, a.String(), d.LoadFile(path).String())
		require.ErrorContains(t, d.LoadFile(filepath.Join(t.TempDir(), "missing.npy")).Err(), "LoadFile: open")
		require.EqualError(t, d.Zeros(BFloat16, 2).Save(&buf), "Save: npy: bfloat16 has no NumPy dtype; convert it (to float32, say) before saving")

		// A Fortran-ordered file loads as a Fortran-ordered view of its data.
		f := d.LoadFile("../testdata/npy/fortran_int32.npy")
		require.NoError(t, f.Err())
		require.Equal(t, []int{1, 2}, f.Strides())
		raw, err := os.ReadFile("../testdata/npy/fortran_int32.npy")
		require.NoError(t, err)
		nd, err := ReadNpy(bytes.NewReader(raw))
		require.NoError(t, err)
		c32 := make([]int32, 6)
		for r := range 2 {
			for col := range 3 {
				c32[r*3+col] = int32(nd.Data[4*(r+2*col)]) | int32(nd.Data[4*(r+2*col)+1])<<8 | int32(nd.Data[4*(r+2*col)+2])<<16 | int32(nd.Data[4*(r+2*col)+3])<<24
			}
		}
		got, err := ToSlice[int32](f)
		require.NoError(t, err)
		require.Equal(t, c32, got)
	})
}

// TestUnreachableArraysAreReclaimed checks that the memory of an
// unreachable array goes back to its backend without Free, while a
// reachable view keeps its buffer alive, and that Free returns it at once.
func TestUnreachableArraysAreReclaimed(t *testing.T) {
	b := cpu.New(1)
	d := On(b)
	view := func() *Array { return d.Ones(Float64, 100).Index(S(0, 2)) }()
	func() { d.Ones(Float64, 100) }()
	deadline := time.Now().Add(5 * time.Second)
	for b.MemoryInUse() > 800 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	require.Equal(t, int64(800), b.MemoryInUse())
	require.Equal(t, "array([1., 1.])", view.String())
	view.Free()
	require.Equal(t, int64(0), b.MemoryInUse())
	require.ErrorIs(t, view.Err(), ErrFreed)
}
