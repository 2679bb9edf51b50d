package array

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/layout"
)

// SortComplex sorts a along its last axis into a complex array, as
// np.sort_complex: by real part, then imaginary part (NaNs last); int8,
// uint8, int16 and uint16 give complex64, every other real dtype
// complex128, complex dtypes themselves.
func SortComplex(a *Array) *Array {
	const op = "SortComplex"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if len(a.shape) == 0 {
		return errorf(op, "cannot sort a 0-d array")
	}
	s := Sort(a, -1)
	switch a.dt {
	case Complex64, Complex128:
		return s
	case Int8, Uint8, Int16, Uint16:
		return s.AsType(Complex64)
	}
	return s.AsType(Complex128)
}

// Rollaxis moves axis to the position before start, the others keeping
// their order (a view), as np.rollaxis; MoveAxis says the same more
// plainly. start may be -ndim..ndim.
func Rollaxis(a *Array, axis, start int) *Array {
	const op = "Rollaxis"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	n := len(a.shape)
	axis, err := NormalizeAxis(axis, n)
	if err != nil {
		return failed(op, err)
	}
	if start < 0 {
		start += n
	}
	if start < 0 || start > n {
		return errorf(op, "'start' arg requires %d <= start < %d, but %d was passed in", -n, n+1, start)
	}
	if axis < start {
		start--
	}
	axes := make([]int, 0, n)
	for i := range n {
		if i != axis {
			axes = append(axes, i)
		}
	}
	return a.Transpose(slices.Insert(axes, start, axis)...)
}

// MaskIndices returns the indices of the nonzero elements of
// maskFunc(ones((n, n)), k), as np.mask_indices: with Triu, the indices
// of the upper triangle from diagonal k on. maskFunc gets an int64 array.
func (d *Device) MaskIndices(n int, maskFunc func(a *Array, k int) *Array, k int) ([]*Array, error) {
	const op = "MaskIndices"
	if maskFunc == nil {
		return nil, fmt.Errorf("%s: maskFunc is nil", op)
	}
	m := d.Ones(Int64, n, n)
	if m.err != nil {
		return nil, fmt.Errorf("%s: %w", op, m.err)
	}
	mask := maskFunc(m, k)
	if err := mask.Err(); err != nil {
		return nil, fmt.Errorf("%s: maskFunc: %w", op, err)
	}
	return Nonzero(NotEqual(mask, 0))
}

// MaskIndices is Device.MaskIndices on the default device.
func MaskIndices(n int, maskFunc func(a *Array, k int) *Array, k int) ([]*Array, error) {
	return DefaultDevice().MaskIndices(n, maskFunc, k)
}

// requirementFlags maps np.require's requirement names to their letters.
var requirementFlags = map[string]byte{
	"C": 'C', "C_CONTIGUOUS": 'C', "CONTIGUOUS": 'C',
	"F": 'F', "F_CONTIGUOUS": 'F', "FORTRAN": 'F',
	"A": 'A', "ALIGNED": 'A',
	"W": 'W', "WRITEABLE": 'W',
	"O": 'O', "OWNDATA": 'O',
	"E": 'E', "ENSUREARRAY": 'E',
}

// Require returns a, converted to dt (0: a's own dtype), copied where it
// does not meet the requirements, as np.require: "C" (C-contiguous), "F"
// (Fortran-contiguous), "W" (writeable: not a broadcast or sliding-window
// view), "O" (owns its data: copied unless a covers its whole buffer in
// C order, as a fresh array does; a view that covers its base whole
// passes too, where NumPy would copy it), "A" (aligned) and "E" (ensure
// array), which always hold; the long names (C_CONTIGUOUS...) and lower
// case work too. Without "C" or "F", a conversion or copy of an array in
// Fortran order stays in Fortran order, as NumPy's order "A". Without a copy the result is a
// itself.
func Require(a *Array, dt DType, requirements ...string) *Array {
	const op = "Require"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	want := map[byte]bool{}
	for _, r := range requirements {
		f, ok := requirementFlags[strings.ToUpper(r)]
		if !ok {
			return errorf(op, "unknown requirement %q (want C, F, A, W, O or E)", r)
		}
		want[f] = true
	}
	if want['C'] && want['F'] {
		return errorf(op, `cannot specify both "C" and "F" order`)
	}
	isFortran := func(a *Array) bool { return layout.IsC(reversed(a.shape), reversed(a.strides)) }
	// NumPy's order: C or F as required, else "A": F for an array in
	// Fortran order only.
	fortran := want['F'] || !want['C'] && !a.contiguous() && isFortran(a)
	inOrder := func(a *Array, f func(*Array) *Array) *Array {
		if fortran {
			return f(a.Transpose()).Transpose()
		}
		return f(a)
	}
	copied := false
	if dt != 0 && dt != a.dt {
		if a = inOrder(a, func(a *Array) *Array { return a.AsType(dt) }); a.err != nil {
			return a
		}
		copied = true
	}
	if want['C'] && !a.contiguous() || want['F'] && !isFortran(a) {
		a, copied = inOrder(a, (*Array).Copy), true
	}
	if want['O'] && !copied {
		if err := a.st.materialise(); err != nil { // a pending result gets its buffer
			return failed(op, err)
		}
	}
	if copied || !(want['W'] && a.readOnly || want['O'] && !a.coversBuffer()) {
		return a
	}
	return inOrder(a, (*Array).Copy)
}

// coversBuffer reports whether a, materialised, is its whole buffer in
// C order.
func (a *Array) coversBuffer() bool {
	return a.offset == 0 && a.contiguous() && !a.readOnly && a.Size()*a.dt.Size() == a.st.buf.Size()
}

func reversed(s []int) []int {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

// AsarrayChkfinite returns a if it holds no NaN or infinity, and an error
// otherwise, as np.asarray_chkfinite.
func AsarrayChkfinite(a *Array) *Array {
	const op = "AsarrayChkfinite"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if a.dt.Kind() < dtype.FloatKind {
		return a
	}
	finite, err := Item[bool](AllTrue(IsFinite(a)))
	if err != nil {
		return failed(op, err)
	}
	if !finite {
		return errorf(op, "array must not contain infs or NaNs")
	}
	return a
}

// BinaryRepr writes num in base 2, as np.binary_repr: a negative num
// with a minus sign, or, given a width, in two's complement; the result
// is padded to width (with zeros, or ones for a negative num). A width
// shorter than num needs is an error, as in NumPy 2 (0 is "0" at any
// width below one).
func BinaryRepr(num int64, width ...int) (string, error) {
	if len(width) > 1 {
		return "", fmt.Errorf("BinaryRepr: want at most one width, got %d", len(width))
	}
	mag := uint64(num)
	if num < 0 {
		mag = -mag
	}
	if len(width) == 0 {
		if num < 0 {
			return "-" + strconv.FormatUint(mag, 2), nil
		}
		return strconv.FormatUint(mag, 2), nil
	}
	var s, pad string
	switch {
	case num == 0:
		return strings.Repeat("0", max(width[0], 1)), nil
	case num > 0:
		s, pad = strconv.FormatUint(mag, 2), "0"
	default:
		bits := len(strconv.FormatUint(mag, 2))
		if mag&(mag-1) == 0 { // -2^k fits k+1 bits
			bits--
		}
		s, pad = strconv.FormatUint(uint64(1)<<(bits+1)+uint64(num), 2), "1" // 2^(bits+1) + num, mod 2^64
	}
	if width[0] < len(s) {
		return "", fmt.Errorf("BinaryRepr: insufficient bit width=%d provided for binwidth=%d", width[0], len(s))
	}
	return strings.Repeat(pad, width[0]-len(s)) + s, nil
}

// BaseRepr writes number in base 2..36 with digits 0-9A-Z and padding
// zeros before it, as np.base_repr.
func BaseRepr(number int64, base, padding int) (string, error) {
	if base < 2 || base > 36 {
		return "", fmt.Errorf("BaseRepr: base %d is not in [2, 36]", base)
	}
	mag := uint64(number)
	if number < 0 {
		mag = -mag
	}
	s := strings.Repeat("0", max(padding, 0)) + strings.ToUpper(strconv.FormatUint(mag, base))
	if number == 0 && padding > 0 {
		s = s[1:] // NumPy's "0" stands for no digits at all
	}
	if number < 0 {
		s = "-" + s
	}
	return s, nil
}
