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
// Operations return an *Array, never an error: an operation that fails,
// or whose operand carries an error, returns an Array carrying the error
// and launches nothing (the bufio.Scanner pattern). ToSlice, Item, Err,
// Sync and Save report it. Messages name the operation as NumPy would:
// "Add: operands could not be broadcast together with shapes (2,3) (4,)".
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
// error. Ufuncs pick NumPy's loop: Sqrt of an int16 array is float32, Div
// of integers is float64, Floor of integers keeps their dtype (NumPy 2.3).
//
// # Printing and interchange
//
// String is NumPy's repr and Str its str, under NumPy's print options
// (SetPrintOptions); an array summarised past the threshold is read only
// at its edges. Load and Save read and write .npy files, LoadNpz and
// SaveNpz .npz archives; FromDense, ToDense and their kin convert to and
// from gonum's matrices, sharing memory on the CPU backend.
package array
