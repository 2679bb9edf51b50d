package ir

// Value is a scalar parameter of a kernel: the bits of the value in its
// parameter's dtype, little-endian from the low word (a complex128 uses
// both words: real then imaginary). Kernels receive it by value.
type Value [2]uint64
