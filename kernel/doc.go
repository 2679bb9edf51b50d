// Package kernel runs kernels written in CUDA C on arrays, as CuPy's
// ElementwiseKernel, RawKernel and RawModule do.
//
// An Elementwise kernel is a C body run for every element of its
// operands, with CuPy's contract: parameter lists such as
// "float32 x, T y" and "T z" (T a type placeholder resolved from the
// arguments' dtypes), broadcasting, output arrays allocated or given,
// raw parameters ("raw T a") that the body indexes itself, scalar
// arguments, the element index i and the element count _ind.size():
//
//	squaredDiff, err := kernel.NewElementwise("T x, T y", "T z", "z = (x - y) * (x - y)", "squared_diff")
//	z := squaredDiff.Call(x, y)      // a new array
//	squaredDiff.Call(x, y, out)      // into out
//
// A kernel whose outputs are all raw (given by the caller) runs over its
// inputs' broadcast shape, or, when every parameter is raw, over a Size
// argument: add.Call(x, y, z, kernel.Size(n)), as CuPy's size=n.
//
// The body is compiled once per kernel, dtypes and layout (contiguous,
// broadcast, strided, 32- or 64-bit indices) through the kernel cache and
// runs in the loops of the built-in ufuncs, with 16-byte vector loads
// where the operands allow. A Reduction (CuPy's ReductionKernel) folds
// the map expression of its input with a reduce expression, an identity
// and a post-map, in the kernels of the built-in reductions (any axes,
// KeepDims). A Raw kernel is a __global__ function of C source (or a
// Module of several, from source with name expressions for templates, or
// from PTX, CUBIN or a code object), launched with a grid, a block,
// dynamic shared memory and *Array or Go scalar arguments, on the
// stream of the arrays' backend, ordered with their other operations.
//
// Elementwise kernels take CuPy's loop_prep and after_loop as the
// options LoopPrep and AfterLoop: C each thread runs once before and
// after its elements, sharing variables with the body.
//
// Not supported (yet): a reduction
// of arrays of several layouts (broadcast or differently strided) or of
// raw parameters in one kernel (it runs its map first, into a
// temporary); arrays of one shape and strides are one kernel.
//
// The kernels are C: they run on the CUDA and HIP backends (hiprtc
// compiles the same source where it is valid HIP). The CPU backend runs
// no C, so a kernel on CPU arrays fails with an error that matches
// ErrNoCompiler. The bodies see bool, the integer types (int8..uint64 as
// i8..u64), float and double: float16, bfloat16 and complex parameters
// are refused.
package kernel

import "github.com/cugo/cugo/backend"

// ErrNoCompiler is matched (errors.Is) by the error of a kernel launched
// on a backend that runs no C: the CPU backend.
var ErrNoCompiler = backend.ErrNoCompiler
