package ir

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// Combine is how a reduction folds values together.
type Combine uint8

// The reductions. Max/Min propagate NaN (NumPy's max); FMax/FMin skip it
// (nanmax, nanmin; all-NaN gives NaN). ArgMax/ArgMin give the flat index,
// within the reduced axes in C order, of the first extreme value, a NaN
// counting as the extreme (NumPy's rule); their output is Int64.
const (
	SumOf Combine = iota
	ProdOf
	MaxOf
	MinOf
	FMaxOf
	FMinOf
	ArgMaxOf
	ArgMinOf
	AllOf // Bool accumulator: logical and, true when empty
	AnyOf // Bool accumulator: logical or, false when empty
)

var combineNames = [...]string{"sum", "prod", "max", "min", "fmax", "fmin", "argmax", "argmin", "all", "any"}

func (c Combine) String() string {
	if int(c) < len(combineNames) {
		return combineNames[c]
	}
	return fmt.Sprintf("combine(%d)", c)
}

// Reduction folds the reduced axes of one input into one value per kept
// position: out[i] = Out(fold over j of Pre(in[i, j])).
//
// Pre is an expression of In(0, Input) (and of scalar parameters of the
// types in Scalars) whose type is Acc: a cast to the accumulator (sum of
// int8 accumulates in int64, float16 in float32, as NumPy), or more (x != 0
// for count_nonzero, x*x for sums of squares, NaN to 0 for nansum). The
// folded accumulator is cast to Out at the end; for ArgMax/ArgMin, Out is
// Int64 and the accumulator is the value compared.
// Max/Min of an empty reduction is an error the array package reports
// before launching; Sum of nothing is 0, Prod 1.
type Reduction struct {
	Input dtype.DType
	// More are the dtypes of further inputs, In(1, More[0]) on: a map
	// over several arrays ((a*2 + b).sum(), a dot's x*y) folded in one
	// pass. They have input 0's shape and strides (backends read them at
	// input 0's offsets; see backend.ManyReducer); scans take one input.
	More    []dtype.DType
	Scalars []dtype.DType
	Pre     *Node
	Combine Combine
	Acc     dtype.DType
	Out     dtype.DType
	// C, when set, is the user's C that replaces Pre, Combine and the
	// final cast (Pre is nil, Combine SumOf): only backends that compile
	// C run such a reduction.
	C *CReduction
}

// Key is a canonical text of the reduction, equal for equal reductions.
func (r *Reduction) Key() string {
	if r.C != nil {
		return fmt.Sprintf("reduce acc=%s out=%s input=%s scalars=%v %s", r.Acc, r.Out, r.Input, r.Scalars, r.C.Key())
	}
	return fmt.Sprintf("reduce %s acc=%s out=%s %s", r.Combine, r.Acc, r.Out, r.Kernel().Key())
}

// Kernel is the elementwise kernel of Pre: inputs of types Input and More, the
// reduction's scalars, one output of type Acc. Backends evaluate and
// render Pre through it.
func (r *Reduction) Kernel() *Kernel {
	return &Kernel{Inputs: append([]dtype.DType{r.Input}, r.More...), Scalars: r.Scalars, Outputs: []*Node{r.Pre}}
}

// Validate checks Pre as Kernel.Validate does and the rules that tie the
// combine to the types: Pre has type Acc; All and Any fold a Bool
// accumulator and nothing else does; ArgMax and ArgMin give Int64.
func (r *Reduction) Validate() error {
	if r == nil {
		return fmt.Errorf("ir: nil reduction")
	}
	if int(r.Combine) >= len(combineNames) {
		return fmt.Errorf("ir: reduction has unknown %v", r.Combine)
	}
	if r.C != nil {
		if r.Pre != nil || r.Combine != SumOf || r.Acc.Size() == 0 || r.Out.Size() == 0 || r.Input.Size() == 0 || len(r.More) != len(r.C.More) {
			return fmt.Errorf("ir: a user's reduction has a name per input, no Pre, the combine sum and valid dtypes")
		}
		return nil
	}
	if err := r.Kernel().Validate(); err != nil {
		return err
	}
	logical := r.Combine == AllOf || r.Combine == AnyOf
	switch {
	case r.Pre.DType != r.Acc:
		return fmt.Errorf("ir: %v reduction: Pre gives %v, the accumulator is %v", r.Combine, r.Pre.DType, r.Acc)
	case logical != (r.Acc == dtype.Bool):
		return fmt.Errorf("ir: %v reduction cannot accumulate in %v (all and any fold bool, the others numbers)", r.Combine, r.Acc)
	case (r.Combine == ArgMaxOf || r.Combine == ArgMinOf) && r.Out != dtype.Int64:
		return fmt.Errorf("ir: %v reduction gives int64, not %v", r.Combine, r.Out)
	case r.Out.Size() == 0:
		return fmt.Errorf("ir: %v reduction has invalid output dtype %v", r.Combine, r.Out)
	}
	return nil
}

// HasIdentity reports whether c folds an empty range to a value (sum 0,
// prod 1, all true, any false); the others have no identity, and a
// reduction of zero elements with them is an error.
func (c Combine) HasIdentity() bool {
	return c == SumOf || c == ProdOf || c == AllOf || c == AnyOf
}

// ScanValidate checks r as Validate does, and that it is a scan: an
// inclusive running sum or product (cumsum, cumprod).
func (r *Reduction) ScanValidate() error {
	if err := r.Validate(); err != nil {
		return err
	}
	if r.C != nil {
		return fmt.Errorf("ir: a user's reduction is not a scan")
	}
	if len(r.More) > 0 {
		return fmt.Errorf("ir: a scan reads one input, not %d", 1+len(r.More))
	}
	if r.Combine != SumOf && r.Combine != ProdOf {
		return fmt.Errorf("ir: a scan is a running sum or product, not %v", r.Combine)
	}
	return nil
}
