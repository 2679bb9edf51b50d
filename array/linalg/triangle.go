package linalg

import (
	"math"
	"sync"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// keepTriangle zeroes in place the elements of each matrix of a (a
// C-contiguous stack) outside its lower (or upper) triangle, where the
// factorizations leave other numbers: one kernel that finds an element's
// row and column from its position, reading and writing a once, with no
// index arrays.
func keepTriangle(a *array.Array, lower bool) *array.Array {
	_, m, n := matrixShape(a)
	idx := dtype.Uint64
	if a.Size() <= math.MaxUint32 { // 32-bit division is several times cheaper on GPUs
		idx = dtype.Uint32
	}
	k := triangleKernel(a.DType(), idx, lower)
	vals := []ir.Value{{uint64(n)}, {uint64(m)}, {}}
	if err := array.RunKernel("keepTriangle", k, a, []*array.Array{a}, vals); err != nil {
		return array.Failed(err)
	}
	return a
}

type triangleKey struct {
	dt, idx dtype.DType
	lower   bool
}

var triangleKernels sync.Map // triangleKey → *ir.Kernel

// triangleKernel keeps input 0 where the element's column (its position
// modulo scalar 0, the columns) is at most (lower) or at least its row
// (the position divided by the columns, modulo scalar 1, the rows), and
// writes scalar 2 (zero) elsewhere; idx is the type of that arithmetic.
func triangleKernel(dt, idx dtype.DType, lower bool) *ir.Kernel {
	key := triangleKey{dt, idx, lower}
	if k, ok := triangleKernels.Load(key); ok {
		return k.(*ir.Kernel)
	}
	pos := ir.To(&ir.Node{Op: ir.Counter, DType: dtype.Uint64}, idx)
	cols, rows := ir.Param(0, idx), ir.Param(1, idx)
	col := ir.Apply(ir.Mod, idx, pos, cols)
	row := ir.Apply(ir.Mod, idx, ir.Apply(ir.FloorDiv, idx, pos, cols), rows)
	side := ir.GreaterEqual
	if lower {
		side = ir.LessEqual
	}
	keep := ir.Apply(side, dtype.Bool, col, row)
	k := &ir.Kernel{
		Inputs:  []dtype.DType{dt},
		Scalars: []dtype.DType{idx, idx, dt},
		Outputs: []*ir.Node{ir.Apply(ir.Where, dt, keep, ir.In(0, dt), ir.Param(2, dt))},
	}
	got, _ := triangleKernels.LoadOrStore(key, k)
	return got.(*ir.Kernel)
}
