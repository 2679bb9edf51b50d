package linalg

import (
	"fmt"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// qrRaw is QR's mode "raw": h (..., N, M), the transpose of LAPACK
// geqrf's output (R on and above the diagonal of its transpose, the
// Householder vectors below), and tau (..., K), the reflectors' scalars.
func qrRaw(a *array.Array) (h, tau *array.Array) {
	const op = "QR"
	fail := func(err error) (*array.Array, *array.Array) { return array.Failed(err), array.Failed(err) }
	_, w, err := factorInput(op, a, false)
	if err != nil {
		return fail(err)
	}
	defer free(w)
	hq, ok := a.Backend().(backend.HouseholderQR)
	if !ok {
		return fail(fmt.Errorf("%s: mode 'raw' is %w on the %s backend", op, backend.ErrUnsupported, a.Backend().Device().Kind))
	}
	lead, m, n := matrixShape(w.Array)
	dt := w.DType()
	out, err := outputs(a.Backend(), []dtype.DType{dt, dt}, with(lead, n, m), with(lead, min(m, n)))
	if err != nil {
		return fail(err)
	}
	if err := call(op, lead, func() error {
		return hq.Geqrf(dt, batchOf(lead), m, n, w.buf, out[0].buf, out[1].buf)
	}, w, out[0], out[1]); err != nil {
		free(out...)
		return fail(err)
	}
	return out[0].Array, out[1].Array
}
