package array

import (
	"fmt"
	"slices"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Writing into an array in place by mask or by index, as NumPy's copyto,
// place, putmask and put_along_axis: masks become positions (Compact) or
// selections (Where) on the device, and the writes are the backend's
// scatter or Set.

// Copyto copies src (an *Array or a Go number or bool) into dst,
// broadcasting it to dst's shape, as np.copyto(dst, src, casting, where):
// the cast from src's dtype to dst's must be allowed by casting (a Go
// number counts by its kind, as NumPy 2 counts a Python scalar, except
// under CastNo and CastEquiv, which need its Go type's dtype), and where,
// if not nil, broadcast to dst's shape, picks the elements written (a
// non-bool where counts nonzero as true).
func Copyto(dst *Array, src any, casting dtype.Casting, where *Array) error {
	const op = "Copyto"
	if err := dst.checkWrite(op); err != nil {
		return err
	}
	if err := canCastTo(op, src, dst.dt, casting); err != nil {
		return err
	}
	if where == nil {
		return dst.set(op, src)
	}
	if err := where.checkOp(op); err != nil {
		return err
	}
	if _, err := Broadcast(where.shape, dst.shape); err != nil || len(where.shape) > len(dst.shape) {
		return fmt.Errorf("%s: could not broadcast where mask from shape %s into shape %s", op, formatShape(where.shape), formatShape(dst.shape))
	}
	vals, err := castValues(op, On(dst.st.b), dst.dt, src)
	if err != nil {
		return err
	}
	defer vals.Free()
	if _, err := broadcastStrides(vals.shape, vals.strides, dst.shape); err != nil {
		return fmt.Errorf("%s: could not broadcast input array from shape %s into shape %s", op, formatShape(vals.shape), formatShape(dst.shape))
	}
	merged := Where(where, vals, dst)
	defer merged.Free()
	if merged.err != nil {
		return wrap(op, merged.err)
	}
	return dst.set(op, merged)
}

// canCastTo reports NumPy's TypeError if casting forbids writing src
// into an array of dtype to.
func canCastTo(op string, src any, to DType, casting dtype.Casting) error {
	if casting < dtype.CastNo || casting > dtype.CastUnsafe {
		return fmt.Errorf("%s: casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe', not %v", op, casting)
	}
	if a, ok := src.(*Array); ok {
		if err := a.checkOp(op); err != nil {
			return err
		}
		if !dtype.CanCast(a.dt, to, casting) {
			return fmt.Errorf("%s: Cannot cast array data from dtype('%v') to dtype('%v') according to the rule '%v'", op, a.dt, to, casting)
		}
		return nil
	}
	s, ok := scalarOf(src)
	if !ok {
		return fmt.Errorf("%s: unsupported value of type %T (want *Array or a Go number or bool)", op, src)
	}
	from, ok := dtype.OfValue(src)
	if !ok {
		from = s.defaultDType()
	}
	allowed := from.Kind() <= to.Kind()
	if casting <= dtype.CastEquiv {
		allowed = from == to
	} else if casting == dtype.CastUnsafe {
		allowed = true
	}
	if !allowed {
		return fmt.Errorf("%s: Cannot cast scalar from dtype('%v') to dtype('%v') according to the rule '%v'", op, from, to, casting)
	}
	return nil
}

// Place writes the values of vals (an *Array, flattened, whose dtype
// casts safely to arr's, or a Go number or bool), in turn and repeated
// as needed, into the elements of arr where mask (of arr's size; nonzero
// is true) is true, in C order, as np.place.
func Place(arr, mask *Array, vals any) error {
	const op = "Place"
	pos, err := maskPositions(op, "place", arr, mask, vals)
	if err != nil {
		return err
	}
	defer pos.Free()
	if v, ok := vals.(*Array); ok && v.Size() == 0 && pos.Size() > 0 {
		return fmt.Errorf("%s: Cannot insert from an empty array!", op)
	}
	return wrap(op, Put(arr, pos, vals))
}

// Putmask writes values[i % len(values)] (values flattened, of a dtype
// that casts safely to arr's; a Go number or bool is one value) into
// each element i of arr (in C order) where mask (of arr's size; nonzero
// is true) is true, as np.putmask. Empty values write nothing.
func Putmask(arr, mask *Array, values any) error {
	const op = "Putmask"
	pos, err := maskPositions(op, "putmask", arr, mask, values)
	if err != nil {
		return err
	}
	defer pos.Free()
	vals, err := castValues(op, On(arr.st.b), arr.dt, values)
	if err != nil {
		return err
	}
	defer vals.Free()
	if vals.Size() == 0 || pos.Size() == 0 {
		return nil
	}
	picked := Take(vals.Reshape(-1), Mod(pos, vals.Size()))
	defer picked.Free()
	return wrap(op, Put(arr, pos, picked))
}

// maskPositions checks arr (writable), mask (of arr's size) and values
// (an array must cast safely to arr's dtype) and returns the flat C-order
// positions where mask is nonzero.
func maskPositions(op, name string, arr, mask *Array, values any) (*Array, error) {
	if err := arr.checkWrite(op); err != nil {
		return nil, err
	}
	if v, ok := values.(*Array); ok {
		if err := canCastTo(op, v, arr.dt, dtype.CastSafe); err != nil {
			return nil, err
		}
	}
	if err := mask.checkOp(op); err != nil {
		return nil, err
	}
	if err := sameBackend(op, arr.st.b, mask.st.b); err != nil {
		return nil, err
	}
	if mask.Size() != arr.Size() {
		return nil, fmt.Errorf("%s: %s: mask and data must be the same size", op, name)
	}
	return nonzeroPositions(op, mask.Ravel())
}

// PutAlongAxis writes values into arr at the positions indices gives
// along axis, as np.put_along_axis: indices (integers, negative counting
// from the end) has arr's number of dimensions and broadcasts with arr's
// shape on the other axes; values (an *Array or a Go number or bool) is
// cast to arr's dtype and broadcast to that shape. Where an index
// repeats, which value lands is unspecified on a GPU.
func PutAlongAxis(arr, indices *Array, values any, axis int) error {
	const op = "PutAlongAxis"
	if err := arr.checkWrite(op); err != nil {
		return err
	}
	if err := indices.checkOp(op); err != nil {
		return err
	}
	if k := indices.dt.Kind(); k != dtype.IntKind && k != dtype.UintKind {
		return fmt.Errorf("%s: `indices` must be an integer array", op)
	}
	if len(indices.shape) != len(arr.shape) {
		return fmt.Errorf("%s: `indices` and `arr` must have the same number of dimensions", op)
	}
	ax, err := NormalizeAxis(axis, len(arr.shape))
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	d := On(arr.st.b)
	idx, free, err := indexArray(op, d, indices)
	if err != nil {
		return err
	}
	if free {
		defer idx.Free()
	}
	others := slices.Clone(arr.shape)
	others[ax] = 1
	shape, err := Broadcast(others, idx.shape)
	if err != nil {
		return fmt.Errorf("%s: shape mismatch: indexing arrays could not be broadcast together with shapes %s %s", op, formatShape(others), formatShape(idx.shape))
	}
	shape[ax] = idx.shape[ax]
	vals, err := castValues(op, d, arr.dt, values)
	if err != nil {
		return err
	}
	defer vals.Free()
	valStrides, err := broadcastStrides(vals.shape, vals.strides, shape)
	if err != nil {
		return fmt.Errorf("%s: shape mismatch: value array of shape %s could not be broadcast to indexing result of shape %s", op, formatShape(vals.shape), formatShape(shape))
	}
	idxStrides, err := broadcastStrides(idx.shape, idx.strides, shape)
	if err != nil {
		return wrap(op, err)
	}
	if shapeSize(shape) == 0 {
		return nil
	}
	return withWritable(op, arr, func(dst *Array) error {
		// dst read with stride 0 along ax (the index gives the position)
		// and along the axes of length 1 that the indices broadcast.
		flat := slices.Clone(dst.strides)
		flat[ax] = 0
		dstStrides, err := broadcastStrides(others, flat, shape)
		if err != nil {
			return wrap(op, err)
		}
		return indexed(op, true, shape, strided{dst, dstStrides}, strided{vals, valStrides}, strided{idx, idxStrides},
			backend.IndexedAxis{Len: dst.shape[ax], Stride: dst.strides[ax]}, ax)
	}, func(dst *Array) bool { return dst.contiguous() })
}
