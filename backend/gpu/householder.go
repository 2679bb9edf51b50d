package gpu

import (
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

var _ backend.HouseholderQR = (*Backend)(nil)

// Geqrf runs geqrf on a column-major copy of the matrices: that copy,
// read row-major, is h.
func (b *Backend) Geqrf(dt dtype.DType, batch, m, n int, a, h, tau backend.Buffer) error {
	return b.withSolver("QR", dt, func(s Routines) error {
		k := min(m, n)
		for _, c := range []struct {
			buf  backend.Buffer
			size int
		}{{a, m * n}, {h, n * m}, {tau, k}} {
			if _, err := b.matsOf(c.buf, dt, batch, c.size); err != nil {
				return err
			}
		}
		if batch == 0 || m == 0 || n == 0 {
			return nil
		}
		sc := &scratch{b: b}
		defer sc.free()
		_, caBuf, _, tauBuf, err := b.geqrf(s, sc, dt, batch, m, n, a)
		if err != nil {
			return err
		}
		if err := b.Copy(h, 0, caBuf, 0, batch*m*n*dt.Size()); err != nil {
			return err
		}
		return b.Copy(tau, 0, tauBuf, 0, batch*k*dt.Size())
	})
}
