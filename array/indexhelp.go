package array

import (
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/layout"
)

// NumPy's index helpers: conversions between flat and multi-dimensional
// indices, the indices of triangles and diagonals, FillDiagonal, Vander
// and Ix. Index arithmetic runs on the device (FloorDiv, Mod, Nonzero,
// CumProd); only bounds are read back.

// IndexOrder is the memory order an index helper counts in: C (last
// axis fastest) or Fortran (first axis fastest).
type IndexOrder byte

// The index orders.
const (
	OrderC IndexOrder = 'C' // row-major, NumPy's order='C'
	OrderF IndexOrder = 'F' // column-major, NumPy's order='F'
)

// orderStrides returns the element strides of shape in order, and the
// number of elements; an error if order is neither or the size
// overflows int64.
func orderStrides(op string, shape []int, order IndexOrder) ([]int, int, error) {
	if order != OrderC && order != OrderF {
		return nil, 0, fmt.Errorf("%s: only 'C' or 'F' order is permitted", op)
	}
	strides := make([]int, len(shape))
	size := 1
	for k := range shape {
		d := len(shape) - 1 - k
		if order == OrderF {
			d = k
		}
		if shape[d] < 0 {
			return nil, 0, fmt.Errorf("%s: dimensions must be non-negative", op)
		}
		strides[d] = size
		hi, lo := bits.Mul64(uint64(size), uint64(shape[d]))
		if hi != 0 || lo > math.MaxInt64 {
			return nil, 0, fmt.Errorf("%s: invalid dims: array size defined by dims is larger than the maximum possible size.", op)
		}
		size = int(lo)
	}
	return strides, size, nil
}

// UnravelIndex converts flat indices (an int, a []int or an integer
// *Array) into an array of shape shape into one int64 array per axis of
// coordinates, as np.unravel_index; each has the shape of indices. An
// index outside [0, size) is an error.
func UnravelIndex(indices any, shape []int, order IndexOrder) ([]*Array, error) {
	const op = "UnravelIndex"
	strides, size, err := orderStrides(op, shape, order)
	if err != nil {
		return nil, err
	}
	d := DefaultDevice()
	if a, ok := indices.(*Array); ok && a.check() == nil {
		d = On(a.st.b)
	}
	idx, free, err := indexArray(op, d, indices)
	if err != nil {
		return nil, err
	}
	if free {
		defer idx.Free()
	}
	if len(shape) == 0 && idx.NDim() > 0 {
		return nil, fmt.Errorf("%s: multiple indices are not supported for 0d arrays", op)
	}
	if err := checkRange(op, idx, size); err != nil {
		return nil, err
	}
	out := make([]*Array, len(shape))
	for k := range shape {
		c := FloorDiv(idx, max(strides[k], 1))
		if idx.Size() > 0 && shape[k] > 0 {
			m := Mod(c, shape[k])
			c.Free()
			c = m
		}
		if c.err != nil {
			return nil, wrap(op, c.err)
		}
		out[k] = c
	}
	return out, nil
}

// checkRange reports NumPy's error for an index of idx outside [0, size).
func checkRange(op string, idx *Array, size int) error {
	least, most, err := extremes(op, idx)
	for _, v := range []int64{least, most} {
		if err == nil && idx.Size() > 0 && (v < 0 || v >= int64(size)) {
			err = fmt.Errorf("%s: index %d is out of bounds for array with size %d", op, v, size)
		}
	}
	return err
}

// RavelMultiIndex converts coordinates, one integer *Array per axis of
// an array of shape dims (broadcast together), into flat int64 indices,
// as np.ravel_multi_index: mode says what a coordinate outside [0, dim)
// does, an error (ChooseRaise), wrap around (ChooseWrap) or clip to the
// nearest end (ChooseClip).
func RavelMultiIndex(multiIndex []*Array, dims []int, mode ChooseMode, order IndexOrder) *Array {
	const op = "RavelMultiIndex"
	if len(multiIndex) != len(dims) {
		return errorf(op, "parameter multi_index must be a sequence of length %d", len(dims))
	}
	if len(dims) == 0 {
		return errorf(op, "dims must have at least one element")
	}
	strides, _, err := orderStrides(op, dims, order)
	if err != nil {
		return &Array{err: err}
	}
	if err := checkAll(op, "", multiIndex); err != nil {
		return &Array{err: err}
	}
	var flat *Array
	for k, c := range multiIndex {
		if kind := c.dt.Kind(); kind != dtype.IntKind && kind != dtype.UintKind {
			return errorf(op, "Cannot cast array data from dtype('%v') to dtype('int64') according to the rule 'safe'", c.dt)
		}
		c = c.AsType(Int64)
		switch {
		case dims[k] == 0 && c.Size() > 0:
			return errorf(op, "cannot unravel if shape has zero entries (is empty).")
		case mode == ChooseWrap && dims[k] > 0:
			c = Mod(c, dims[k])
		case mode == ChooseClip && dims[k] > 0:
			c = Clip(c, 0, dims[k]-1)
		case mode == ChooseRaise:
			if err := checkRange(op, c, dims[k]); err != nil {
				return errorf(op, "invalid entry in coordinates array")
			}
		}
		term := Mul(c, strides[k])
		if flat == nil {
			flat = term
		} else {
			flat = Add(flat, term)
		}
		if flat.err != nil {
			return failed(op, flat.err)
		}
	}
	return flat
}

// TrilIndices returns the row and column indices of the lower triangle
// (diagonal k and below) of an n-by-m array, as np.tril_indices(n, k, m).
func (d *Device) TrilIndices(n, k, m int) ([]*Array, error) {
	return triangleIndices(d, "TrilIndices", n, k, m, true)
}

// TriuIndices returns the row and column indices of the upper triangle
// (diagonal k and above) of an n-by-m array, as np.triu_indices(n, k, m).
func (d *Device) TriuIndices(n, k, m int) ([]*Array, error) {
	return triangleIndices(d, "TriuIndices", n, k, m, false)
}

// TrilIndices is Device.TrilIndices on the default device.
func TrilIndices(n, k, m int) ([]*Array, error) { return DefaultDevice().TrilIndices(n, k, m) }

// TriuIndices is Device.TriuIndices on the default device.
func TriuIndices(n, k, m int) ([]*Array, error) { return DefaultDevice().TriuIndices(n, k, m) }

// TrilIndicesFrom returns TrilIndices of a 2-d a's shape.
func TrilIndicesFrom(a *Array, k int) ([]*Array, error) {
	return triangleIndicesFrom("TrilIndicesFrom", a, k, true)
}

// TriuIndicesFrom returns TriuIndices of a 2-d a's shape.
func TriuIndicesFrom(a *Array, k int) ([]*Array, error) {
	return triangleIndicesFrom("TriuIndicesFrom", a, k, false)
}

func triangleIndicesFrom(op string, a *Array, k int, lower bool) ([]*Array, error) {
	if err := a.checkOp(op); err != nil {
		return nil, err
	}
	if len(a.shape) != 2 {
		return nil, fmt.Errorf("%s: input array must be 2-d", op)
	}
	return triangleIndices(On(a.st.b), op, a.shape[0], k, a.shape[1], lower)
}

// triangleIndices is Nonzero of the triangle's mask, as NumPy computes
// it: Tri(n, m, k) for the lower one, its complement at k-1 for the upper.
func triangleIndices(d *Device, op string, n, k, m int, lower bool) ([]*Array, error) {
	if n < 0 || m < 0 {
		return nil, fmt.Errorf("%s: negative dimensions are not allowed", op)
	}
	var mask *Array
	if lower {
		mask = d.Tri(n, m, k, Bool)
	} else {
		tri := d.Tri(n, m, k-1, Bool)
		mask = LogicalNot(tri)
		tri.Free()
	}
	defer mask.Free()
	if mask.err != nil {
		return nil, wrap(op, mask.err)
	}
	out, err := Nonzero(mask)
	return out, wrap(op, err)
}

// DiagIndices returns ndim int64 arrays each holding 0..n-1: the indices
// of the main diagonal of an n-by-...-by-n array, as np.diag_indices
// (NumPy returns one array ndim times; here each is its own).
func (d *Device) DiagIndices(n, ndim int) ([]*Array, error) {
	const op = "DiagIndices"
	if n < 0 || ndim < 0 {
		return nil, fmt.Errorf("%s: negative dimensions are not allowed", op)
	}
	out := make([]*Array, ndim)
	for i := range out {
		out[i] = d.Arange(0, float64(n), 1, Int64)
		if out[i].err != nil {
			return nil, wrap(op, out[i].err)
		}
	}
	return out, nil
}

// DiagIndices is Device.DiagIndices on the default device.
func DiagIndices(n, ndim int) ([]*Array, error) { return DefaultDevice().DiagIndices(n, ndim) }

// DiagIndicesFrom returns DiagIndices for a, which must have at least 2
// axes, all of one length.
func DiagIndicesFrom(a *Array) ([]*Array, error) {
	const op = "DiagIndicesFrom"
	if err := checkCube(op, a, "input array must be at least 2-d"); err != nil {
		return nil, err
	}
	return On(a.st.b).DiagIndices(a.shape[0], len(a.shape))
}

// checkCube checks that a has at least 2 axes, all of one length.
func checkCube(op string, a *Array, tooFew string) error {
	if err := a.checkOp(op); err != nil {
		return err
	}
	if len(a.shape) < 2 {
		return fmt.Errorf("%s: %s", op, tooFew)
	}
	for _, n := range a.shape[1:] {
		if n != a.shape[0] {
			return fmt.Errorf("%s: All dimensions of input must be of equal length", op)
		}
	}
	return nil
}

// FillDiagonal writes val (an *Array, flattened and repeated as needed,
// or a Go number or bool) into the main diagonal of a, in place, as
// np.fill_diagonal: a 2-d a may be rectangular, and with wrapAround a
// tall one's diagonal starts again every a.Shape()[1]+1 rows; an a of more
// axes must have them all of one length.
func FillDiagonal(a *Array, val any, wrapAround bool) error {
	const op = "FillDiagonal"
	if err := a.checkWrite(op); err != nil {
		return err
	}
	if len(a.shape) < 2 {
		return fmt.Errorf("%s: array must be at least 2-d", op)
	}
	end := a.Size()
	step := a.shape[1] + 1
	if len(a.shape) == 2 {
		if !wrapAround {
			end = min(end, a.shape[1]*a.shape[1])
		}
	} else {
		if err := checkCube(op, a, ""); err != nil {
			return err
		}
		step = 1
		for _, s := range layout.CStrides(a.shape)[:len(a.shape)-1] {
			step += s
		}
	}
	if end == 0 {
		return nil
	}
	pos := On(a.st.b).Arange(0, float64(end), float64(step), Int64)
	defer pos.Free()
	if v, ok := val.(*Array); ok && v.check() == nil && v.Size() == 0 {
		return nil
	}
	return wrap(op, Put(a, pos, val))
}

// Vander returns the Vandermonde matrix of the 1-d x with n columns, as
// np.vander(x, n, increasing): column j is x**(n-1-j), or x**j if
// increasing, computed as NumPy does by repeated multiplication, in the
// dtype x promotes to with int64. np.vander's default n is len(x).
func Vander(x *Array, n int, increasing bool) *Array {
	const op = "Vander"
	if err := x.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if len(x.shape) != 1 {
		return errorf(op, "x must be a one-dimensional array or sequence.")
	}
	if n < 0 {
		return errorf(op, "negative dimensions are not allowed")
	}
	dt, err := dtype.Promote(x.dt, Int64)
	if err != nil {
		return failed(op, err)
	}
	d := On(x.st.b)
	out := d.Empty(dt, x.shape[0], n)
	if out.err != nil || n == 0 {
		return out
	}
	cols := out
	if !increasing {
		cols = Flip(out, 1)
	}
	if err := cols.sliceAxis(1, 0, 1).set(op, 1); err != nil {
		out.Free()
		return &Array{err: err}
	}
	if n > 1 {
		xs := x.AsType(dt).Reshape(-1, 1)
		powers := CumProd(xs.BroadcastTo(x.shape[0], n-1), Axis(1))
		xs.Free()
		err := cols.sliceAxis(1, 1, n).set(op, powers)
		powers.Free()
		if err != nil {
			out.Free()
			return &Array{err: err}
		}
	}
	return out
}

// Ix builds an open mesh from 1-d sequences, as np.ix_: the i-th result
// is the i-th sequence as a view of shape (1, ..., n, ..., 1), with n at
// axis i, so that the results broadcast to the grid of every
// combination. A bool sequence becomes the positions of its true
// entries (an empty array keeps its dtype, as NumPy's does).
func Ix(seqs ...*Array) ([]*Array, error) {
	const op = "Ix"
	out := make([]*Array, len(seqs))
	for i, s := range seqs {
		if err := s.checkOp(op); err != nil {
			return nil, err
		}
		if len(s.shape) != 1 {
			return nil, fmt.Errorf("%s: Cross index must be 1 dimensional", op)
		}
		if s.dt == Bool {
			pos, err := truePositions(op, s)
			if err != nil {
				return nil, err
			}
			s = pos
		}
		shape := slices.Repeat([]int{1}, len(seqs))
		shape[i] = s.shape[0]
		out[i] = s.Reshape(shape...)
		if out[i].err != nil {
			return nil, wrap(op, out[i].err)
		}
	}
	return out, nil
}
