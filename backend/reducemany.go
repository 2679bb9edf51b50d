package backend

import "github.com/cugo/cugo/internal/ir"

// ManyReducer is implemented by backends that fold a reduction whose Pre
// reads several inputs (ir.Reduction.More) in one pass, as
// (a*2 + b).sum() or a dot's sum of x*y.
type ManyReducer interface {
	// ReduceMany is Reduce with ins[0] of type r.Input and ins[k] of
	// type r.More[k-1]. Every input has ins[0]'s strides (a kernel reads
	// them all at one offset); a caller whose inputs differ in layout
	// maps them into one temporary and calls Reduce.
	ReduceMany(r *ir.Reduction, shape []int, nred int, out Operand, ins []Operand, scalars []ir.Value) error
}
