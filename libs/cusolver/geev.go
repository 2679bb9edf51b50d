package cusolver

import (
	"unsafe"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cusolver"
)

// Params holds the settings of cuSOLVER's 64-bit API (cusolverDnParams_t),
// which Geev takes; the defaults suit it.
type Params struct{ p sym.CusolverDnParams_t }

// NewParams returns default settings. cuSOLVER 11 lacks the 64-bit API's
// parameter object on some builds: the error then matches ErrNotSupported.
func NewParams() (*Params, error) {
	const call = "cusolverDnCreateParams"
	if _, err := sym.Load(); err != nil {
		return nil, err
	}
	p := &Params{}
	s, err := sym.CusolverDnCreateParams(&p.p)
	if err != nil {
		return nil, lib.Wrap(call, ErrNotSupported.Code, err)
	}
	return p, check(call, s)
}

// check refuses nil or closed settings.
func (p *Params) check(call string) error {
	if p == nil || p.p == 0 {
		return argErr(call, "the parameters are nil or closed")
	}
	return nil
}

// Close releases the settings; it is safe to call twice.
func (p *Params) Close() error {
	if p == nil || p.p == 0 {
		return nil
	}
	s, err := sym.CusolverDnDestroyParams(p.p)
	p.p = 0
	if err != nil {
		return lib.Wrap("cusolverDnDestroyParams", ErrNotSupported.Code, err)
	}
	return check("cusolverDnDestroyParams", s)
}

// cudaDataType of T, and of the complex type of T's precision (geev's
// eigenvalues).
func dataTypes[T Elem]() (elem, complexOf sym.CudaDataType) {
	const r32, r64, c32, c64 = 0, 1, 4, 5 // CUDA_R_32F, CUDA_R_64F, CUDA_C_32F, CUDA_C_64F
	var z T
	switch any(z).(type) {
	case float32:
		return r32, c32
	case float64:
		return r64, c64
	case complex64:
		return c32, c32
	}
	return c64, c64
}

// GeevBufferSize returns the workspaces Geev needs, in bytes, on the
// device and on the host.
func GeevBufferSize[T Elem](h *Handle, p *Params, jobvr EigMode, n int, a driver.DevicePtr, lda int, w, vr driver.DevicePtr, ldvr int) (device, host int, err error) {
	const call = "cusolverDnXgeev_bufferSize"
	if err := geevArgs(call, h, p, n, lda, ldvr); err != nil {
		return 0, 0, err
	}
	dt, wt := dataTypes[T]()
	var dev, hst uintptr
	err = h.optionalCall(call, func() (sym.CusolverStatus_t, error) {
		return sym.CusolverDnXgeev_bufferSize(h.h, p.p, sym.CusolverEigMode_t(NoVectors), sym.CusolverEigMode_t(jobvr), int64(n),
			dt, cargs.Pointer(a), int64(lda), wt, cargs.Pointer(w), dt, nil, 1, dt, cargs.Pointer(vr), int64(ldvr), dt, &dev, &hst)
	})
	return int(dev), int(hst), err
}

// Geev computes the eigenvalues w (n of the complex type of T's precision)
// of the general n×n matrix A, which it overwrites, and with jobvr
// WithVectors the right eigenvectors as the columns of vr (n×n, ldvr), each
// of unit norm with its largest component real. For real T, vr holds
// LAPACK's real form: a complex pair's vectors are the columns j and j+1 as
// real and imaginary parts. Left eigenvectors are not computed. The host
// workspace is Go memory of GeevBufferSize's host bytes. Without Xgeev in
// the loaded cuSOLVER (before CUDA 12.6) the error matches ErrNotSupported
// and loader.ErrNotSupported.
func Geev[T Elem](h *Handle, p *Params, jobvr EigMode, n int, a driver.DevicePtr, lda int, w, vr driver.DevicePtr, ldvr int, work driver.DevicePtr, lwork int, host []byte, info driver.DevicePtr) error {
	const call = "cusolverDnXgeev"
	if err := geevArgs(call, h, p, n, lda, ldvr); err != nil {
		return err
	}
	hostPtr, err := workspaces(call, lwork, host)
	if err != nil {
		return err
	}
	dt, wt := dataTypes[T]()
	return h.optionalCall(call, func() (sym.CusolverStatus_t, error) {
		return sym.CusolverDnXgeev(h.h, p.p, sym.CusolverEigMode_t(NoVectors), sym.CusolverEigMode_t(jobvr), int64(n),
			dt, cargs.Pointer(a), int64(lda), wt, cargs.Pointer(w), dt, nil, 1, dt, cargs.Pointer(vr), int64(ldvr), dt,
			cargs.Pointer(work), uintptr(lwork), hostPtr, uintptr(len(host)), cargs.Ptr[int32](info))
	})
}

// workspaces checks the device workspace's size of a 64-bit API routine
// and returns the address of its host workspace (nil when empty).
func workspaces(call string, lwork int, host []byte) (unsafe.Pointer, error) {
	if lwork < 0 {
		return nil, argErr(call, "lwork = %d < 0", lwork)
	}
	if len(host) == 0 {
		return nil, nil
	}
	return unsafe.Pointer(&host[0]), nil
}

// optionalCall is call for a routine whose symbol the loaded cuSOLVER may
// lack: its absence is an error matching ErrNotSupported and
// loader.ErrNotSupported.
func (h *Handle) optionalCall(name string, f func() (sym.CusolverStatus_t, error)) error {
	var missing error
	err := h.call(name, func() sym.CusolverStatus_t {
		s, err := f()
		missing = err
		return s
	})
	if missing != nil {
		return lib.Wrap(name, ErrNotSupported.Code, missing)
	}
	return err
}

// geevArgs checks what Go can of Geev's arguments.
func geevArgs(call string, h *Handle, p *Params, n, lda, ldvr int) error {
	if err := p.check(call); err != nil {
		return err
	}
	_, err := checkArgs(call, []int{n, lda, ldvr}, cargs.LD("lda", lda, n), cargs.LD("ldvr", ldvr, 1))
	return err
}
