package gpu

import (
	"fmt"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// Geever is implemented by the Routines of a complex dtype whose library
// has a general eigensolver (cuSOLVER's Xgeev): a is a column-major n×n
// matrix (overwritten), w its n eigenvalues and, with vectors, vr the
// column-major n×n right eigenvectors. Workspaces are in bytes, on the
// device and on the host. A library too old for it gives an error
// wrapping backend.ErrUnsupported.
type Geever interface {
	GeevWork(vectors bool, n int, a, w, vr Ptr) (device, host int, err error)
	Geev(vectors bool, n int, a, w, vr, work Ptr, lwork int, host []byte, info Ptr) error
}

// Eig runs the complex geev on a column-major complex copy of each
// matrix: real matrices are converted, as the real geev's vectors come
// packed (a complex pair as two real columns) and would need unpacking.
// The vectors come back column-major and are transposed into v. For a
// real matrix, pairRealEigen then gives the results real LAPACK's layout
// of conjugate pairs, as NumPy returns them.
func (b *Backend) Eig(dt dtype.DType, batch, n int, a, w, v backend.Buffer) error {
	cdt := backend.ComplexDType(dt)
	return b.withSolver("Eig", cdt, func(s Routines) error {
		g, ok := s.(Geever)
		if !ok {
			return fmt.Errorf("general eigenproblems are %w on this device", backend.ErrUnsupported)
		}
		if _, err := b.matsOf(a, dt, batch, n*n); err != nil || batch == 0 || n == 0 {
			return err
		}
		mw, err := b.matsOf(w, cdt, batch, n)
		if err != nil {
			return err
		}
		vectors := v != nil
		if vectors {
			if _, err := b.matsOf(v, cdt, batch, n*n); err != nil {
				return err
			}
		}
		sc := &scratch{b: b}
		defer sc.free()
		size := n * n * cdt.Size()
		ca, caBuf, err := sc.alloc(batch * size)
		if err != nil {
			return err
		}
		if err := b.relayoutWith(castKernel(dt, cdt), batch, n, n, caBuf, a, columnMajor(n, n*n)); err != nil {
			return err
		}
		ma := mats{ca, Ptr(size)}
		var mv mats
		var vrBuf backend.Buffer
		if vectors {
			var vr Ptr
			if vr, vrBuf, err = sc.alloc(batch * size); err != nil {
				return err
			}
			mv = mats{vr, Ptr(size)}
		} else if mv.ptr, _, err = sc.alloc(cdt.Size()); err != nil { // geev reads no vectors but wants a pointer
			return err
		}
		dev, host, err := g.GeevWork(vectors, n, ma.at(0), mw.at(0), mv.at(0))
		if err != nil {
			return err
		}
		work, _, err := sc.alloc(dev)
		if err != nil {
			return err
		}
		hostWork := make([]byte, host)
		info, infoBuf, err := sc.alloc(4 * batch)
		if err != nil {
			return err
		}
		for i := range batch {
			if err := g.Geev(vectors, n, ma.at(i), mw.at(i), mv.at(i), work, dev, hostWork, info+Ptr(4*i)); err != nil {
				return err
			}
		}
		if err := b.infos(infoBuf, batch, backend.ErrNoConvergence); err != nil {
			return err
		}
		if dt.Kind() != dtype.ComplexKind {
			if err := b.pairRealEigen(cdt, batch, n, w, vrBuf); err != nil {
				return err
			}
		}
		if !vectors {
			return nil
		}
		return b.relayout(cdt, batch, n, n, v, vrBuf, columnMajor(n, n*n), false)
	})
}

var castKernels sync.Map // [2]dtype.DType → *ir.Kernel

// castKernel converts elements of from to the dtype to.
func castKernel(from, to dtype.DType) *ir.Kernel {
	k, _ := castKernels.LoadOrStore([2]dtype.DType{from, to}, &ir.Kernel{Inputs: []dtype.DType{from}, Outputs: []*ir.Node{ir.To(ir.In(0, from), to)}})
	return k.(*ir.Kernel)
}
