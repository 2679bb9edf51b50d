package array

import (
	"slices"

	"github.com/cugo/cugo/dtype"
)

// BitOrder is the order of the bits in a packed byte (np.packbits'
// bitorder).
type BitOrder uint8

const (
	BigBits    BitOrder = iota // the first element in the byte's most significant bit ("big")
	LittleBits                 // the first element in the least significant bit ("little")
)

// shifts is the uint8 array of each of a byte's 8 elements' bit position.
func (o BitOrder) shifts(d *Device) *Array {
	s := []uint8{7, 6, 5, 4, 3, 2, 1, 0}
	if o == LittleBits {
		slices.Reverse(s)
	}
	return FromSliceOn(d, s)
}

// bitsAxis returns a with the axis to pack or unpack last (a flattened
// for AxisNone), as np.packbits and np.unpackbits take it, and that
// axis's position in the result.
func bitsAxis(op string, a *Array, axis int, order BitOrder) (*Array, int, error) {
	if order > LittleBits {
		return nil, 0, errorf(op, "'order' must be either 'little' or 'big'").err
	}
	if axis == AxisNone {
		return a.Reshape(-1), 0, nil
	}
	ax, err := NormalizeAxis(axis, a.NDim())
	if err != nil {
		return nil, 0, errorf(op, "%v", err).err
	}
	return MoveAxis(a, []int{ax}, []int{-1}), ax, nil
}

// Packbits packs the truth values of a's elements along axis (AxisNone:
// of the flattened array) into the bits of uint8 bytes, 8 elements a
// byte, the last byte padded with zero bits (np.packbits); a is an
// integer or bool array.
func Packbits(a *Array, axis int, order BitOrder) *Array {
	const op = "Packbits"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if k := a.dt.Kind(); k != dtype.BoolKind && k != dtype.IntKind && k != dtype.UintKind {
		return errorf(op, "Expected an input array of integer or boolean data type, got %v", a.dt)
	}
	x, ax, err := bitsAxis(op, a, axis, order)
	if err != nil {
		return &Array{err: err}
	}
	shape := x.Shape()
	n := shape[len(shape)-1]
	bytes := (n + 7) / 8
	lead := shape[: len(shape)-1 : len(shape)-1]
	padded := On(a.st.b).Zeros(Uint8, append(lead, 8*bytes)...)
	defer padded.Free()
	if err := NotEqual(x, 0, padded.Index(Ellipsis, To(n))).Err(); err != nil {
		return failed(op, err)
	}
	shifts := order.shifts(On(a.st.b))
	defer shifts.Free()
	bits := LeftShift(padded.Reshape(append(lead, bytes, 8)...), shifts)
	defer bits.Free()
	// The bits of a byte are distinct, so their sum is their or.
	packed := Sum(bits, Axis(-1), WithDType(Uint8))
	return MoveAxis(packed, []int{-1}, []int{ax})
}

// Unpackbits unpacks the bits of uint8 array a along axis (AxisNone: of
// the flattened array) into elements 0 or 1, 8 a byte (np.unpackbits).
// count, if given, keeps that many elements along the axis (zeros past
// the bits there are), or, if negative, drops -count from the end.
func Unpackbits(a *Array, axis int, order BitOrder, count ...int) *Array {
	const op = "Unpackbits"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if a.dt != Uint8 {
		return errorf(op, "Expected an input array of unsigned byte data type, got %v", a.dt)
	}
	if len(count) > 1 {
		return errorf(op, "%d counts given, want at most 1", len(count))
	}
	x, ax, err := bitsAxis(op, a, axis, order)
	if err != nil {
		return &Array{err: err}
	}
	shape := x.Shape()
	n := 8 * shape[len(shape)-1]
	keep := n
	if len(count) == 1 {
		if keep = count[0]; keep < 0 {
			keep += n
		}
		if keep < 0 {
			return errorf(op, "-count larger than number of elements")
		}
	}
	shifts := order.shifts(On(a.st.b))
	defer shifts.Free()
	shifted := RightShift(x.ExpandDims(-1), shifts)
	defer shifted.Free()
	bits := BitAnd(shifted, 1).Reshape(append(shape[:len(shape)-1:len(shape)-1], n)...)
	out := bits
	switch {
	case keep < n:
		out = bits.Index(Ellipsis, To(keep)).Copy()
		bits.Free()
	case keep > n:
		widths := make([][2]int, len(shape))
		widths[len(shape)-1][1] = keep - n
		out = Pad(bits, widths, 0)
		bits.Free()
	}
	return MoveAxis(out, []int{-1}, []int{ax})
}
