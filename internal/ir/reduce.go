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
	Input   dtype.DType
	Scalars []dtype.DType
	Pre     *Node
	Combine Combine
	Acc     dtype.DType
	Out     dtype.DType
}

// Key is a canonical text of the reduction, equal for equal reductions.
func (r *Reduction) Key() string {
	k := Kernel{Inputs: []dtype.DType{r.Input}, Scalars: r.Scalars, Outputs: []*Node{r.Pre}}
	return fmt.Sprintf("reduce %s acc=%s out=%s %s", r.Combine, r.Acc, r.Out, k.Key())
}
