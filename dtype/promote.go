package dtype

import "fmt"

// Type promotion follows NumPy 2 (NEP 50): the result dtype depends on the
// operands' dtypes only, never on their values, and Go scalars are "weak"
// as Python scalars are.
//
// bfloat16 is promoted as ml_dtypes registers it with NumPy: it is a
// 16-bit float like float16 (bool, int8 and uint8 fit in it; int16 and
// uint16 need float32; wider integers float64; with complex64 it gives
// complex64), and neither of bfloat16 and float16 holds the other, so
// together they give float32.

// Promote returns the dtype of a binary operation on arrays of dtypes a and
// b, as np.result_type(a, b) does. For example int8 and uint8 give int16,
// int64 and uint64 give float64, int16 and float16 give float32.
func Promote(a, b DType) (DType, error) {
	if !a.valid() || !b.valid() {
		return 0, fmt.Errorf("cannot promote %v and %v", a, b)
	}
	ka, kb := a.Kind(), b.Kind()
	if ka > kb {
		a, b, ka, kb = b, a, kb, ka
	}
	switch {
	case a == b || ka == BoolKind:
		return b, nil
	case ka == kb && ka != FloatKind: // wider of the same kind
		if a.Size() > b.Size() {
			return a, nil
		}
		return b, nil
	case kb == IntKind: // a unsigned: the signed type wider than both, if any
		for _, d := range []DType{Int16, Int32, Int64} {
			if d.Size() > a.Size() && d.Size() >= b.Size() {
				return d, nil
			}
		}
		return Float64, nil
	}
	// b is a float or complex and a of a lower kind or a float: find the
	// real float type that holds both a and b's real part.
	real := b
	switch b {
	case Complex64:
		real = Float32
	case Complex128:
		real = Float64
	}
	switch ka {
	case IntKind, UintKind:
		real = floatFor(a, real)
	case FloatKind:
		real = widerFloat(a, real)
	}
	if kb == ComplexKind {
		return complexOf(real), nil
	}
	return real, nil
}

// PromoteAll returns np.result_type of arrays of the dtypes dts (see
// PromoteOperands).
func PromoteAll(dts ...DType) (DType, error) {
	ops := make([]Operand, len(dts))
	for i, d := range dts {
		ops[i] = Operand{DType: d}
	}
	return PromoteOperands(ops...)
}

// An Operand takes part in a promotion: an array's dtype (strong), or a
// Go number, weak as NumPy's abstract Python int, float and complex
// DTypes are, of which only the kind (Weak) counts.
type Operand struct {
	DType DType      // a strong operand's dtype; 0 for a weak one
	Weak  ScalarKind // a weak operand's kind: IntScalar, FloatScalar or ComplexScalar
}

// PromoteOperands returns the dtype NumPy 2 promotes ops to, in their
// order, as its PyArray_PromoteDTypeSequence does. That is not a chain of
// pairs: int8 and uint8 give int16, which float16 does not hold, yet
// int8, uint8 and float16 give float16. NumPy pairs the operands from
// both ends to find the "main" one, the one that knows how to promote
// all others (the highest type number; a float knows a weak float), then
// promotes each operand with the main one and those results with each
// other. So a weak scalar meets the main dtype, not each dtype on its
// own: uint8, float16 and a weak float give float16.
func PromoteOperands(ops ...Operand) (DType, error) {
	if len(ops) == 0 {
		return 0, fmt.Errorf("at least one dtype is needed for promotion")
	}
	for _, o := range ops {
		if !o.valid() {
			return 0, fmt.Errorf("cannot promote %v", o)
		}
	}
	if len(ops) == 1 {
		return ops[0].concrete(), nil
	}
	ops = append([]Operand(nil), ops...)
	cleared := make([]bool, len(ops))
	result := mostKnowledgeable(ops, cleared)
	main := ops[0]
	start := 2
	if result == notImplemented {
		start = 1
	}
	for i := start; i < len(ops); i++ {
		if cleared[i] {
			continue
		}
		p := commonOf(main, ops[i])
		if p == notImplemented {
			return 0, fmt.Errorf("cannot promote %v with %v", ops[i], main)
		}
		if result == notImplemented {
			result = p
			continue
		}
		var err error
		if result, err = commonDType(result, p); err != nil {
			return 0, err
		}
	}
	return result.concrete(), nil
}

// valid reports whether o is a valid dtype or a weak number's kind (a
// bool is never weak: Go's bools are np.bool_).
func (o Operand) valid() bool {
	if o.Weak == 0 {
		return o.DType.valid()
	}
	return o.DType == 0 && o.Weak >= IntScalar && o.Weak <= ComplexScalar
}

// concrete is o's dtype; a weak scalar, left alone, takes its kind's
// default dtype.
func (o Operand) concrete() DType {
	if o.Weak != 0 {
		return o.Weak.DefaultDType()
	}
	return o.DType
}

// String names the operand: its dtype, or "weak" and its kind.
func (o Operand) String() string {
	if o.Weak != 0 {
		return fmt.Sprintf("weak %v", [...]string{"?", "bool", "int", "float", "complex"}[min(int(o.Weak), 4)])
	}
	return o.DType.String()
}

// notImplemented is the answer of commonOf where the first operand does
// not know how to promote the second (NumPy's NotImplemented).
var notImplemented = Operand{}

// mostKnowledgeable moves the operand that knows the others to ops[0]:
// pairs from both ends, the one that does not know the other moves back
// and one that cannot change the result is cleared; then again over the
// front half. It returns the last pair's promotion, or notImplemented.
func mostKnowledgeable(ops []Operand, cleared []bool) Operand {
	n := len(ops)
	if n < 2 {
		return notImplemented
	}
	var res Operand
	for low := 0; low < n/2; low++ {
		high := n - 1 - low
		if ops[low] == ops[high] {
			res = ops[low]
		} else {
			res = commonOf(ops[low], ops[high])
		}
		if res == notImplemented {
			ops[low], ops[high] = ops[high], ops[low]
		} else if res == ops[low] {
			cleared[high] = true
		}
	}
	if n == 2 {
		return res
	}
	return mostKnowledgeable(ops[:n-n/2], cleared[:n-n/2])
}

// commonDType is NumPy's PyArray_CommonDType: a's promotion with b, or
// b's with a where a does not know b.
func commonDType(a, b Operand) (Operand, error) {
	if a == b {
		return a, nil
	}
	r := commonOf(a, b)
	if r == notImplemented {
		r = commonOf(b, a)
	}
	if r == notImplemented {
		return r, fmt.Errorf("cannot promote %v and %v", a, b)
	}
	return r, nil
}

// commonOf is a's __common_dtype__(b): the promotion of the two where a
// knows b (a higher or equal type number; a float knows weak ints and
// floats), else notImplemented.
func commonOf(a, b Operand) Operand {
	strong := func(d DType) Operand { return Operand{DType: d} }
	if a.Weak == 0 && b.Weak == 0 {
		if numpyTypeNumber(b.DType) > numpyTypeNumber(a.DType) {
			return notImplemented
		}
		d, _ := Promote(a.DType, b.DType)
		return strong(d)
	}
	if a.Weak == 0 { // a strong dtype meets a weak scalar of no higher kind
		switch k := a.DType.Kind(); {
		case b.Weak == IntScalar && k != BoolKind, b.Weak == FloatScalar && k >= FloatKind,
			b.Weak == ComplexScalar && k == ComplexKind:
			return a
		case b.Weak == ComplexScalar && k == FloatKind:
			return strong(complexOf(widerFloat(a.DType, Float32)))
		}
		return notImplemented
	}
	if b.Weak != 0 { // a weak complex knows weak floats and ints, a float ints
		if b.Weak < a.Weak || a == b {
			return a
		}
		return notImplemented
	}
	// A weak scalar meets a bool or integer dtype of a lower kind: NumPy's
	// default dtype of the scalar's kind.
	switch k := b.DType.Kind(); {
	case k == BoolKind || (a.Weak > IntScalar && k <= IntKind):
		return strong(a.Weak.DefaultDType())
	}
	return notImplemented
}

// numpyTypeNumber orders dtypes as NumPy's type numbers do (np.dtype.num),
// which decide its "main" dtype of a promotion: float16 was added last
// and so comes after complex128, and bfloat16, a user dtype, after all.
func numpyTypeNumber(d DType) int {
	switch d {
	case Float16:
		return 23
	case BFloat16:
		return 256
	}
	return [...]int{Bool: 0, Int8: 1, Uint8: 2, Int16: 3, Uint16: 4, Int32: 5, Uint32: 6,
		Int64: 7, Uint64: 8, Float32: 11, Float64: 12, Complex64: 14, Complex128: 15}[d]
}

// floatFor returns f, or the smallest float wider than f that holds every
// value of the integer dtype i (to the precision NumPy accepts: int8 fits in
// a 16-bit float, int16 in float32, int32 and int64 in float64).
func floatFor(i, f DType) DType {
	switch i.Size() {
	case 1:
		return f
	case 2:
		return widerFloat(Float32, f)
	}
	return Float64
}

// widerFloat returns the smallest float that holds both real floats.
func widerFloat(a, b DType) DType {
	switch {
	case a == b:
		return a
	case a.Size() == b.Size(): // float16 and bfloat16
		return Float32
	case a.Size() > b.Size():
		return a
	}
	return b
}

// complexOf returns the complex dtype whose parts hold the real float f.
func complexOf(f DType) DType {
	if f == Float64 {
		return Complex128
	}
	return Complex64
}

// ScalarKind is the kind of a Go scalar operand (a bool, an integer of any
// Go type, a float or a complex). Such scalars are weak in promotion: see
// PromoteScalar.
type ScalarKind uint8

// The scalar kinds.
const (
	BoolScalar ScalarKind = iota + 1
	IntScalar
	FloatScalar
	ComplexScalar
)

// PromoteScalar returns the dtype of a binary operation on an array of
// dtype a and a Go scalar of kind s. As NEP 50 states for Python scalars,
// the scalar is weak: its kind matters, its Go type and value do not.
//
//   - If the scalar's kind is no higher than a's (bool < integer < float <
//     complex; unsigned and signed integers are one kind here), the result
//     is a: int8 array + 1 is int8, float16 array + 1.5 is float16.
//   - Otherwise the result is a's combination with NumPy's default dtype of
//     the scalar's kind (int64, float64, complex128), except that a float
//     array with a complex scalar gives the complex type of a's precision:
//     bool array + 1 is int64, int32 array + 1.5 is float64, float32 array
//   - 1i is complex64, float64 array + 1i is complex128.
//
// An integer scalar that does not fit in a is an error in NumPy 2
// (OverflowError); checking the value is left to the caller.
func PromoteScalar(a DType, s ScalarKind) DType {
	switch k := a.Kind(); {
	case s == BoolScalar, s == IntScalar && k != BoolKind,
		s == FloatScalar && k >= FloatKind, s == ComplexScalar && k == ComplexKind:
		return a
	case s == ComplexScalar && k == FloatKind:
		return complexOf(widerFloat(a, Float32))
	}
	d, _ := Promote(a, s.DefaultDType())
	return d
}

// DefaultDType is NumPy's dtype for a Python scalar of kind s on its
// own: bool, int64, float64 or complex128.
func (s ScalarKind) DefaultDType() DType {
	switch s {
	case BoolScalar:
		return Bool
	case IntScalar:
		return Int64
	case FloatScalar:
		return Float64
	}
	return Complex128
}

// TrueDivide returns the dtype that true division (np.true_divide, and the
// mean of a reduction) gives for operands promoted to d: float64 for
// booleans and integers, d itself for floats and complex numbers, so
// float16 / float16 stays float16.
func TrueDivide(d DType) DType {
	if d.Kind() < FloatKind {
		return Float64
	}
	return d
}

// Casting is a rule for which casts between dtypes are allowed, as NumPy's
// casting= argument.
type Casting uint8

// The casting rules, from strictest to loosest.
const (
	// CastNo allows no cast at all.
	CastNo Casting = iota + 1
	// CastEquiv allows only byte-order changes; arrays here are always in
	// native order, so it is the same as CastNo.
	CastEquiv
	// CastSafe allows casts that keep every value.
	CastSafe
	// CastSameKind allows safe casts and casts to a smaller type of the same
	// kind or to a higher kind, as float64 to float32 or int64 to float16.
	CastSameKind
	// CastUnsafe allows any cast.
	CastUnsafe
)

// String returns NumPy's name for the rule: "no", "equiv", "safe",
// "same_kind" or "unsafe".
func (c Casting) String() string {
	switch c {
	case CastNo:
		return "no"
	case CastEquiv:
		return "equiv"
	case CastSafe:
		return "safe"
	case CastSameKind:
		return "same_kind"
	case CastUnsafe:
		return "unsafe"
	}
	return fmt.Sprintf("Casting(%d)", uint8(c))
}

// CanCast reports whether arrays of dtype from may be cast to dtype to under
// rule, as np.can_cast(from, to, casting=rule). A cast is safe exactly when
// promoting the two dtypes gives to.
func CanCast(from, to DType, rule Casting) bool {
	if !from.valid() || !to.valid() {
		return false
	}
	switch rule {
	case CastNo, CastEquiv:
		return from == to
	case CastSafe:
		p, _ := Promote(from, to)
		return p == to
	case CastSameKind:
		return from.Kind() <= to.Kind() // safe casts never go to a lower kind
	}
	return rule == CastUnsafe
}
