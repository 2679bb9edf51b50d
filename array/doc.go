// Package array is cugo's n-dimensional array: NumPy's semantics (dtypes,
// NEP 50 promotion, broadcasting, views, ufuncs, .npy files) in Go style,
// on whichever backend runs it (a CUDA or HIP GPU, or the CPU).
//
//	x := array.Arange(0, 6, 1, array.Float32).Reshape(2, 3)
//	y := x.Mul(2).Add(array.FromSlice([]float32{1, 2, 3})) // broadcast
//	y.Index(array.I(0), array.All.Step(-1)).Set(0)       // y[0, ::-1] = 0
//	vals, err := array.ToSlice[float32](y)                 // first error of the chain
//
// # Errors
//
// One rule, by what an operation returns:
//
//   - One *Array (or a fixed pair, as Divmod's): never an error. An
//     operation that fails, or whose operand carries an error, returns an
//     Array carrying the error and launches nothing (the bufio.Scanner
//     pattern); ToSlice, Item, Err and Sync report it.
//   - A slice of arrays whose length depends on the input (Split,
//     Nonzero, Meshgrid, BroadcastArrays): ([]*Array, error).
//   - No array (Set, SetMask, Put, Save, CopyFromSlice): an error.
//
// Messages name the operation as NumPy would: "Add: operands could not
// be broadcast together with shapes (2,3) (4,)".
//
// # Backends
//
// The package-level functions create arrays on backend.Default(); On(b)
// gives the same functions for a chosen backend. Operands of one operation
// must live on the same backend: arrays move only through To.
//
// # Memory
//
// Views (Index, Transpose, Reshape when possible, BroadcastTo...) share
// their buffer. Free releases it at once, for every view; otherwise it is
// released once no view can reach it.
//
// # Types
//
// Go numbers given as operands are weak, as Python scalars under NumPy 2:
// an int8 array plus 1 is int8, plus 1.5 is float64, and plus 300 is an
// error, while comparisons with such an integer answer exactly (uint8 <
// 300 is all true) and Clip takes it as the dtype's limit. Ufuncs pick
// NumPy's loop, the first that every operand casts to safely: Sqrt of an
// int16 array is float32, Arctan2 of int8 and uint8 is float16, Div of
// integers is float64, Floor of integers keeps their dtype (NumPy 2.3).
// Which dtypes each op takes and gives is one table, in internal/ir.
package array
