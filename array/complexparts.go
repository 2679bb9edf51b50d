package array

// complexFromParts returns re + i·im, complex128 of float64 parts or
// complex64 of float32 ones (re and im of one shape and dtype), written
// part by part into the new array: re + Mul(im, 1i) would turn an
// infinite imaginary part into a NaN real one (inf·0).
func complexFromParts(op string, re, im *Array) *Array {
	for _, p := range []*Array{re, im} {
		if err := p.checkOp(op); err != nil {
			return &Array{err: err}
		}
	}
	out := On(re.st.b).alloc(op, fftComplex(re.dt), re.shape)
	if out.err != nil {
		return out
	}
	// The same buffer seen as (..., 2) parts of re's dtype.
	shape := append(re.Shape(), 2)
	parts := &Array{st: out.st, dt: re.dt, shape: shape, strides: contiguousStrides(shape)}
	for i, p := range []*Array{re, im} {
		if err := parts.Index(Ellipsis, I(i)).set(op, p); err != nil {
			return &Array{err: err}
		}
	}
	return out
}
