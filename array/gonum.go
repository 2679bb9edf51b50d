package array

import (
	"fmt"
	"unsafe"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/cblas128"
	"gonum.org/v1/gonum/mat"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// FromDense returns m as a float64 array of shape (rows, cols) on d. On
// the CPU backend the array is m's memory, not a copy: a change to one
// shows in the other. On a GPU it is a copy. So for the other From
// functions.
func (d *Device) FromDense(m *mat.Dense) *Array {
	if m == nil || m.IsEmpty() {
		return errorf("FromDense", "nil or empty matrix")
	}
	return d.FromGeneral(m.RawMatrix())
}

// FromGeneral returns g as a float64 array of shape (g.Rows, g.Cols) on d.
func (d *Device) FromGeneral(g blas64.General) *Array {
	return fromRaw(d, "FromGeneral", g.Data, g.Rows, g.Cols, g.Stride)
}

// FromCDense returns m as a complex128 array of shape (rows, cols) on d.
func (d *Device) FromCDense(m *mat.CDense) *Array {
	if m == nil || m.IsEmpty() {
		return errorf("FromCDense", "nil or empty matrix")
	}
	g := m.RawCMatrix()
	return fromRaw(d, "FromCDense", g.Data, g.Rows, g.Cols, g.Stride)
}

// FromVecDense returns v as a 1-d float64 array on d.
func (d *Device) FromVecDense(v *mat.VecDense) *Array {
	if v == nil || v.IsEmpty() {
		return errorf("FromVecDense", "nil or empty vector")
	}
	r := v.RawVector()
	if r.Inc < 1 {
		return errorf("FromVecDense", "increment %d: want at least 1", r.Inc)
	}
	return shareOrCopy(d, "FromVecDense", r.Data, []int{r.N}, []int{r.Inc})
}

// FromDense returns m as a float64 array on the default device.
func FromDense(m *mat.Dense) *Array { return DefaultDevice().FromDense(m) }

// FromGeneral returns g as a float64 array on the default device.
func FromGeneral(g blas64.General) *Array { return DefaultDevice().FromGeneral(g) }

// FromCDense returns m as a complex128 array on the default device.
func FromCDense(m *mat.CDense) *Array { return DefaultDevice().FromCDense(m) }

// FromVecDense returns v as a 1-d float64 array on the default device.
func FromVecDense(v *mat.VecDense) *Array { return DefaultDevice().FromVecDense(v) }

// ToDense returns a, a non-empty 2-d float64 array, as a gonum matrix.
// On the CPU backend, where each row of a is contiguous and rows do not
// overlap (a itself, a block of rows or columns of it, not a transposed
// or broadcast view), the matrix is a's memory, not a copy; otherwise,
// and on a GPU, it is a copy in C order. So for the other To functions.
func ToDense(a *Array) (*mat.Dense, error) {
	g, err := general("ToDense", a)
	if err != nil {
		return nil, err
	}
	var m mat.Dense
	m.SetRawMatrix(g)
	return &m, nil
}

// ToGeneral returns a, a non-empty 2-d float64 array, as a BLAS matrix.
func ToGeneral(a *Array) (blas64.General, error) { return general("ToGeneral", a) }

func general(op string, a *Array) (blas64.General, error) {
	g, err := toRaw[float64](op, a)
	if err != nil {
		return blas64.General{}, err
	}
	return blas64.General{Rows: a.shape[0], Cols: a.shape[1], Stride: g.strides[0], Data: g.data}, nil
}

// ToCDense returns a, a non-empty 2-d complex128 array, as a gonum matrix.
func ToCDense(a *Array) (*mat.CDense, error) {
	g, err := toRaw[complex128]("ToCDense", a)
	if err != nil {
		return nil, err
	}
	var m mat.CDense
	m.SetRawCMatrix(cblas128.General{Rows: a.shape[0], Cols: a.shape[1], Stride: g.strides[0], Data: g.data})
	return &m, nil
}

// ToVecDense returns a, a non-empty 1-d float64 array, as a gonum vector.
func ToVecDense(a *Array) (*mat.VecDense, error) {
	v, err := toRaw[float64]("ToVecDense", a)
	if err != nil {
		return nil, err
	}
	var m mat.VecDense
	m.SetRawVector(blas64.Vector{N: a.shape[0], Inc: v.strides[0], Data: v.data})
	return &m, nil
}

// fromRaw checks a row-major matrix of gonum's layout and returns it as
// an array.
func fromRaw[T float64 | complex128](d *Device, op string, data []T, rows, cols, stride int) *Array {
	switch {
	case rows < 0 || cols < 0:
		return errorf(op, "negative dimensions %dx%d", rows, cols)
	case stride < max(cols, 1):
		return errorf(op, "row stride %d is less than the %d columns", stride, cols)
	case rows > 0 && cols > 0 && (rows-1) > (len(data)-cols)/stride:
		return errorf(op, "%d elements cannot hold %dx%d with row stride %d", len(data), rows, cols, stride)
	}
	return shareOrCopy(d, op, data, []int{rows, cols}, []int{stride, 1})
}

// shareOrCopy returns the strided elements of data as an array on d:
// data itself on a backend of host memory, else a C-order copy.
func shareOrCopy[T float64 | complex128](d *Device, op string, data []T, shape, strides []int) *Array {
	if d.err != nil {
		return failed(op, d.err)
	}
	dt := dtype.Of[T]()
	n := shapeSize(shape)
	if hm, ok := d.b.(backend.HostMemory); ok && n > 0 {
		extent := 1
		for i, s := range strides {
			extent += (shape[i] - 1) * s
		}
		mem := unsafe.Slice((*byte)(unsafe.Pointer(&data[0])), extent*dt.Size())
		if buf, err := hm.WrapHost(mem); err == nil {
			return &Array{st: adopt(d.b, buf), dt: dt, shape: shape, strides: strides}
		}
	}
	c := make([]T, 0, n)
	var walk func(axis, off int)
	walk = func(axis, off int) {
		if axis == len(shape) {
			c = append(c, data[off])
			return
		}
		for i := range shape[axis] {
			walk(axis+1, off+i*strides[axis])
		}
	}
	if n > 0 {
		walk(0, 0)
	}
	return FromSliceOn(d, c, shape...)
}

// gonumLayout is an array's elements as gonum takes them: data from the first
// element, with strides in elements.
type gonumLayout[T float64 | complex128] struct {
	data    []T
	strides []int
}

// toRaw returns a's elements for a gonum vector (1-d) or matrix (2-d of T):
// a's own memory on a backend of host memory where each row is
// contiguous and rows do not overlap, else a C-order copy.
func toRaw[T float64 | complex128](op string, a *Array) (gonumLayout[T], error) {
	if err := a.checkOp(op); err != nil {
		return gonumLayout[T]{}, err
	}
	ndim := 2
	if op == "ToVecDense" {
		ndim = 1
	}
	want := dtype.Of[T]()
	switch {
	case len(a.shape) != ndim:
		return gonumLayout[T]{}, fmt.Errorf("%s: array of %d dimensions, want %d", op, len(a.shape), ndim)
	case a.dt != want:
		return gonumLayout[T]{}, fmt.Errorf("%s: array of %v: convert it with AsType(%v) first", op, a.dt, want)
	case a.Size() == 0:
		return gonumLayout[T]{}, fmt.Errorf("%s: array of shape %s is empty, and gonum has no empty matrices", op, formatShape(a.shape))
	}
	if s, ok := shared[T](a); ok {
		return s, nil
	}
	data, err := ToSlice[T](a)
	if err != nil {
		return gonumLayout[T]{}, fmt.Errorf("%s: %w", op, err)
	}
	return gonumLayout[T]{data: data, strides: contiguousStrides(a.shape)}, nil
}

// shared returns a's own memory where gonum can take it as it is.
func shared[T float64 | complex128](a *Array) (gonumLayout[T], bool) {
	hm, ok := a.st.b.(backend.HostMemory)
	if !ok {
		return gonumLayout[T]{}, false
	}
	strides := append([]int(nil), a.strides...)
	last := len(strides) - 1
	if a.shape[last] == 1 { // the stride of an axis of one never counts
		strides[last] = 1
	}
	if last == 1 && a.shape[0] == 1 {
		strides[0] = a.shape[1]
	}
	switch {
	case last == 0 && strides[0] < 1: // a vector: a positive increment
		return gonumLayout[T]{}, false
	case last == 1 && (strides[1] != 1 || strides[0] < a.shape[1]): // contiguous rows that do not overlap
		return gonumLayout[T]{}, false
	}
	if a.st.materialise() != nil {
		return gonumLayout[T]{}, false
	}
	mem, err := hm.HostBytes(a.st.buf)
	if err != nil {
		return gonumLayout[T]{}, false
	}
	extent := 1
	for i, s := range strides {
		extent += (a.shape[i] - 1) * s
	}
	var zero T
	all := unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(mem))), len(mem)/int(unsafe.Sizeof(zero)))
	return gonumLayout[T]{data: all[a.offset : a.offset+extent], strides: strides}, true
}
