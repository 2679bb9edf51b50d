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
// No input makes an operation panic: bad shapes, dtypes and indices,
// shapes whose size overflows, allocations past the memory there is, nil
// *Array, *Device and *Fused values, hostile .npy files and use after Free
// are all errors. A panic inside the package is a bug.
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
// their buffer. Free releases it at once, for every view, or, if an
// operation on another goroutine is using it, as soon as that operation is
// done; operations that start after Free fail with ErrFreed. Without Free,
// the buffer is released once nothing reaches it: the garbage collector
// reclaims host memory, and a GPU buffer's cleanup returns its device
// memory (a GPU allocation that finds the device full collects garbage
// and tries again before it fails).
//
// An operation keeps its operands' buffers until its backend is done with
// them: on a GPU, until its work is queued on the backend's stream, where
// memory released afterwards is reused only by work queued later.
//
// The CPU backend counts the bytes its arrays hold and refuses an
// allocation past its limit with an error (the machine's memory, or the
// process's cgroup limit; CUGO_CPU_MEMORY or cpu.Backend.SetMemoryLimit
// change it), where the Go runtime would end the process.
//
// # Goroutines
//
// Arrays and Devices may be shared between goroutines: any number of them
// may use the same arrays as operands, views or sources of ToSlice and
// String at once, and build new arrays from them. Writing into an array
// (Set, SetMask, Put, Into, an out argument) while another goroutine reads
// or writes the same elements is a data race on those elements, as with a
// Go slice: their values are then unspecified, though nothing crashes.
// Free may race with operations, as described above. Operations from one
// goroutine run in the order they are called; operations from different
// goroutines are not ordered unless the program orders them.
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
//
// # Printing and interchange
//
// String is NumPy's repr and Str its str, under NumPy's print options
// (SetPrintOptions); an array summarised past the threshold is read only
// at its edges. Load and Save read and write .npy files, LoadNpz and
// SaveNpz .npz archives; FromDense, ToDense and their kin convert to and
// from gonum's matrices, sharing memory on the CPU backend.
package array
