package backend

import "github.com/cugo/cugo/dtype"

// HouseholderQR is implemented by backends that give QR factorizations in
// LAPACK's compact form, as numpy.linalg.qr's mode "raw" returns them.
// Operands are laid out as for Linalg.
type HouseholderQR interface {
	// Geqrf factors each m×n matrix of a (which it may overwrite) as
	// LAPACK's geqrf does, writing the result as NumPy's h: the n×m
	// transpose of geqrf's output (R on and above its diagonal, the
	// reflectors' vectors below it, read column-major that is h's rows),
	// and the k = min(m, n) reflectors' scalars into tau (batch×k).
	Geqrf(dt dtype.DType, batch, m, n int, a, h, tau Buffer) error
}
