package cusolver

import (
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cusolver"
)

// XpotrfBufferSize returns the workspaces Xpotrf needs, in bytes, on the
// device and on the host.
func XpotrfBufferSize[T Elem](h *Handle, p *Params, uplo Fill, n int, a driver.DevicePtr, lda int) (device, host int, err error) {
	const call = "cusolverDnXpotrf_bufferSize"
	if err := xpotrfArgs(call, p, n, lda); err != nil {
		return 0, 0, err
	}
	dt, _ := dataTypes[T]()
	var dev, hst uintptr
	err = h.optionalCall(call, func() (sym.CusolverStatus_t, error) {
		return sym.CusolverDnXpotrf_bufferSize(h.h, p.p, sym.CublasFillMode_t(uplo), int64(n), dt, cargs.Pointer(a), int64(lda), dt, &dev, &hst)
	})
	return int(dev), int(hst), err
}

// Xpotrf is Potrf through the 64-bit API: the device workspace is lwork
// bytes (XpotrfBufferSize's), the host one Go memory. Without Xpotrf in
// the loaded cuSOLVER the error matches ErrNotSupported.
func Xpotrf[T Elem](h *Handle, p *Params, uplo Fill, n int, a driver.DevicePtr, lda int, work driver.DevicePtr, lwork int, host []byte, info driver.DevicePtr) error {
	const call = "cusolverDnXpotrf"
	if err := xpotrfArgs(call, p, n, lda); err != nil {
		return err
	}
	hostPtr, err := workspaces(call, lwork, host)
	if err != nil {
		return err
	}
	dt, _ := dataTypes[T]()
	return h.optionalCall(call, func() (sym.CusolverStatus_t, error) {
		return sym.CusolverDnXpotrf(h.h, p.p, sym.CublasFillMode_t(uplo), int64(n), dt, cargs.Pointer(a), int64(lda), dt,
			cargs.Pointer(work), uintptr(lwork), hostPtr, uintptr(len(host)), cargs.Ptr[int32](info))
	})
}

// xpotrfArgs checks what Go can of Xpotrf's arguments.
func xpotrfArgs(call string, p *Params, n, lda int) error {
	if err := p.check(call); err != nil {
		return err
	}
	_, err := checkArgs(call, []int{n, lda}, cargs.LD("lda", lda, n))
	return err
}
