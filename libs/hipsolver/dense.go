package hipsolver

import (
	"unsafe"

	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/hipsolver"
)

// GetrfBufferSize is the workspace of Getrf, in elements.
func GetrfBufferSize[T Elem](h *Handle, m, n int, a hip.DevicePtr, lda int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + "getrf_bufferSize"
	iv, err := checkArgs(call, []int{m, n, lda}, cargs.LD("lda", lda, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgetrf_bufferSize(h.h, iv[0], iv[1], cargs.Ptr[float32](a), iv[2], &lwork)
		case float64:
			return sym.HipsolverDgetrf_bufferSize(h.h, iv[0], iv[1], cargs.Ptr[float64](a), iv[2], &lwork)
		case complex64:
			return sym.HipsolverCgetrf_bufferSize(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], &lwork)
		}
		return sym.HipsolverZgetrf_bufferSize(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], &lwork)
	})
	return int(lwork), err
}

// Getrf factors the m×n matrix a in place into P·L·U with partial pivoting,
// writing the 1-based pivots to ipiv (min(m, n) int32) and info (one int32:
// i > 0 when U(i, i) is exactly zero).
func Getrf[T Elem](h *Handle, m, n int, a hip.DevicePtr, lda int, work hip.DevicePtr, lwork int, ipiv, info hip.DevicePtr) error {
	call := "hipsolver" + cargs.Prefix[T]() + "getrf"
	iv, err := checkArgs(call, []int{m, n, lda, lwork}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgetrf(h.h, iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](work), iv[3], cargs.Ptr[int32](ipiv), cargs.Ptr[int32](info))
		case float64:
			return sym.HipsolverDgetrf(h.h, iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](work), iv[3], cargs.Ptr[int32](ipiv), cargs.Ptr[int32](info))
		case complex64:
			return sym.HipsolverCgetrf(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(work), iv[3], cargs.Ptr[int32](ipiv), cargs.Ptr[int32](info))
		}
		return sym.HipsolverZgetrf(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(work), iv[3], cargs.Ptr[int32](ipiv), cargs.Ptr[int32](info))
	})
}

// Getrs solves op(A)·X = B with the factors of Getrf; B is n×nrhs. Its
// workspace is sized by GetrsBufferSize.
func Getrs[T Elem](h *Handle, trans Op, n, nrhs int, a hip.DevicePtr, lda int, ipiv, b hip.DevicePtr, ldb int, work hip.DevicePtr, lwork int, info hip.DevicePtr) error {
	call := "hipsolver" + cargs.Prefix[T]() + "getrs"
	iv, err := checkArgs(call, []int{n, nrhs, lda, ldb, lwork}, cargs.LD("lda", lda, n), cargs.LD("ldb", ldb, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgetrs(h.h, sym.HipsolverOperation_t(trans), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[int32](ipiv), cargs.Ptr[float32](b), iv[3], cargs.Ptr[float32](work), iv[4], cargs.Ptr[int32](info))
		case float64:
			return sym.HipsolverDgetrs(h.h, sym.HipsolverOperation_t(trans), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[int32](ipiv), cargs.Ptr[float64](b), iv[3], cargs.Ptr[float64](work), iv[4], cargs.Ptr[int32](info))
		case complex64:
			return sym.HipsolverCgetrs(h.h, sym.HipsolverOperation_t(trans), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[int32](ipiv), cargs.Pointer(b), iv[3], cargs.Pointer(work), iv[4], cargs.Ptr[int32](info))
		}
		return sym.HipsolverZgetrs(h.h, sym.HipsolverOperation_t(trans), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[int32](ipiv), cargs.Pointer(b), iv[3], cargs.Pointer(work), iv[4], cargs.Ptr[int32](info))
	})
}

// PotrfBufferSize is the workspace of Potrf, in elements.
func PotrfBufferSize[T Elem](h *Handle, uplo Fill, n int, a hip.DevicePtr, lda int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + "potrf_bufferSize"
	iv, err := checkArgs(call, []int{n, lda}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSpotrf_bufferSize(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], &lwork)
		case float64:
			return sym.HipsolverDpotrf_bufferSize(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], &lwork)
		case complex64:
			return sym.HipsolverCpotrf_bufferSize(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], &lwork)
		}
		return sym.HipsolverZpotrf_bufferSize(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], &lwork)
	})
	return int(lwork), err
}

// Potrf overwrites the uplo triangle of the Hermitian positive-definite a
// with its Cholesky factor; info > 0 names the leading minor that is not
// positive definite.
func Potrf[T Elem](h *Handle, uplo Fill, n int, a hip.DevicePtr, lda int, work hip.DevicePtr, lwork int, info hip.DevicePtr) error {
	call := "hipsolver" + cargs.Prefix[T]() + "potrf"
	iv, err := checkArgs(call, []int{n, lda, lwork}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSpotrf(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info))
		case float64:
			return sym.HipsolverDpotrf(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info))
		case complex64:
			return sym.HipsolverCpotrf(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
		}
		return sym.HipsolverZpotrf(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
	})
}

// Potrs solves A·X = B with the Cholesky factor of Potrf; B is n×nrhs.
// Its workspace is sized by PotrsBufferSize.
func Potrs[T Elem](h *Handle, uplo Fill, n, nrhs int, a hip.DevicePtr, lda int, b hip.DevicePtr, ldb int, work hip.DevicePtr, lwork int, info hip.DevicePtr) error {
	call := "hipsolver" + cargs.Prefix[T]() + "potrs"
	iv, err := checkArgs(call, []int{n, nrhs, lda, ldb, lwork}, cargs.LD("lda", lda, n), cargs.LD("ldb", ldb, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSpotrs(h.h, sym.HipsolverFillMode_t(uplo), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](b), iv[3], cargs.Ptr[float32](work), iv[4], cargs.Ptr[int32](info))
		case float64:
			return sym.HipsolverDpotrs(h.h, sym.HipsolverFillMode_t(uplo), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](b), iv[3], cargs.Ptr[float64](work), iv[4], cargs.Ptr[int32](info))
		case complex64:
			return sym.HipsolverCpotrs(h.h, sym.HipsolverFillMode_t(uplo), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(b), iv[3], cargs.Pointer(work), iv[4], cargs.Ptr[int32](info))
		}
		return sym.HipsolverZpotrs(h.h, sym.HipsolverFillMode_t(uplo), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(b), iv[3], cargs.Pointer(work), iv[4], cargs.Ptr[int32](info))
	})
}

// PotriBufferSize is the workspace of Potri, in elements.
func PotriBufferSize[T Elem](h *Handle, uplo Fill, n int, a hip.DevicePtr, lda int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + "potri_bufferSize"
	iv, err := checkArgs(call, []int{n, lda}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSpotri_bufferSize(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], &lwork)
		case float64:
			return sym.HipsolverDpotri_bufferSize(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], &lwork)
		case complex64:
			return sym.HipsolverCpotri_bufferSize(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], &lwork)
		}
		return sym.HipsolverZpotri_bufferSize(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], &lwork)
	})
	return int(lwork), err
}

// Potri overwrites the Cholesky factor of Potrf with the uplo triangle of
// A⁻¹.
func Potri[T Elem](h *Handle, uplo Fill, n int, a hip.DevicePtr, lda int, work hip.DevicePtr, lwork int, info hip.DevicePtr) error {
	call := "hipsolver" + cargs.Prefix[T]() + "potri"
	iv, err := checkArgs(call, []int{n, lda, lwork}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSpotri(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info))
		case float64:
			return sym.HipsolverDpotri(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info))
		case complex64:
			return sym.HipsolverCpotri(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
		}
		return sym.HipsolverZpotri(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
	})
}

// PotrfBatched runs Potrf on batch matrices whose device addresses are the
// device array aArray; info holds batch int32. Its workspace is sized by
// PotrfBatchedBufferSize.
func PotrfBatched[T Elem](h *Handle, uplo Fill, n int, aArray hip.DevicePtr, lda int, work hip.DevicePtr, lwork int, info hip.DevicePtr, batch int) error {
	call := "hipsolver" + cargs.Prefix[T]() + "potrfBatched"
	iv, err := checkArgs(call, []int{n, lda, lwork, batch}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSpotrfBatched(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[*float32](aArray), iv[1], cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info), iv[3])
		case float64:
			return sym.HipsolverDpotrfBatched(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[*float64](aArray), iv[1], cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info), iv[3])
		case complex64:
			return sym.HipsolverCpotrfBatched(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[unsafe.Pointer](aArray), iv[1], cargs.Pointer(work), iv[2], cargs.Ptr[int32](info), iv[3])
		}
		return sym.HipsolverZpotrfBatched(h.h, sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[unsafe.Pointer](aArray), iv[1], cargs.Pointer(work), iv[2], cargs.Ptr[int32](info), iv[3])
	})
}

// GeqrfBufferSize is the workspace of Geqrf, in elements.
func GeqrfBufferSize[T Elem](h *Handle, m, n int, a hip.DevicePtr, lda int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + "geqrf_bufferSize"
	iv, err := checkArgs(call, []int{m, n, lda}, cargs.LD("lda", lda, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgeqrf_bufferSize(h.h, iv[0], iv[1], cargs.Ptr[float32](a), iv[2], &lwork)
		case float64:
			return sym.HipsolverDgeqrf_bufferSize(h.h, iv[0], iv[1], cargs.Ptr[float64](a), iv[2], &lwork)
		case complex64:
			return sym.HipsolverCgeqrf_bufferSize(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], &lwork)
		}
		return sym.HipsolverZgeqrf_bufferSize(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], &lwork)
	})
	return int(lwork), err
}

// Geqrf overwrites a with R and the Householder vectors of A = Q·R, their
// scalars in tau (min(m, n) elements).
func Geqrf[T Elem](h *Handle, m, n int, a hip.DevicePtr, lda int, tau, work hip.DevicePtr, lwork int, info hip.DevicePtr) error {
	call := "hipsolver" + cargs.Prefix[T]() + "geqrf"
	iv, err := checkArgs(call, []int{m, n, lda, lwork}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgeqrf(h.h, iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](tau), cargs.Ptr[float32](work), iv[3], cargs.Ptr[int32](info))
		case float64:
			return sym.HipsolverDgeqrf(h.h, iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](tau), cargs.Ptr[float64](work), iv[3], cargs.Ptr[int32](info))
		case complex64:
			return sym.HipsolverCgeqrf(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(tau), cargs.Pointer(work), iv[3], cargs.Ptr[int32](info))
		}
		return sym.HipsolverZgeqrf(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(tau), cargs.Pointer(work), iv[3], cargs.Ptr[int32](info))
	})
}

// OrgqrBufferSize is the workspace of Orgqr, in elements.
func OrgqrBufferSize[T Elem](h *Handle, m, n, k int, a hip.DevicePtr, lda int, tau hip.DevicePtr) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + pick[T]("orgqr", "ungqr") + "_bufferSize"
	iv, err := checkArgs(call, []int{m, n, k, lda}, cargs.LD("lda", lda, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSorgqr_bufferSize(h.h, iv[0], iv[1], iv[2], cargs.Ptr[float32](a), iv[3], cargs.Ptr[float32](tau), &lwork)
		case float64:
			return sym.HipsolverDorgqr_bufferSize(h.h, iv[0], iv[1], iv[2], cargs.Ptr[float64](a), iv[3], cargs.Ptr[float64](tau), &lwork)
		case complex64:
			return sym.HipsolverCungqr_bufferSize(h.h, iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), &lwork)
		}
		return sym.HipsolverZungqr_bufferSize(h.h, iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), &lwork)
	})
	return int(lwork), err
}

// Orgqr overwrites the Householder vectors of Geqrf with the first n
// columns of Q (orgqr for real T, ungqr for complex).
func Orgqr[T Elem](h *Handle, m, n, k int, a hip.DevicePtr, lda int, tau, work hip.DevicePtr, lwork int, info hip.DevicePtr) error {
	call := "hipsolver" + cargs.Prefix[T]() + pick[T]("orgqr", "ungqr")
	iv, err := checkArgs(call, []int{m, n, k, lda, lwork}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSorgqr(h.h, iv[0], iv[1], iv[2], cargs.Ptr[float32](a), iv[3], cargs.Ptr[float32](tau), cargs.Ptr[float32](work), iv[4], cargs.Ptr[int32](info))
		case float64:
			return sym.HipsolverDorgqr(h.h, iv[0], iv[1], iv[2], cargs.Ptr[float64](a), iv[3], cargs.Ptr[float64](tau), cargs.Ptr[float64](work), iv[4], cargs.Ptr[int32](info))
		case complex64:
			return sym.HipsolverCungqr(h.h, iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(work), iv[4], cargs.Ptr[int32](info))
		}
		return sym.HipsolverZungqr(h.h, iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(work), iv[4], cargs.Ptr[int32](info))
	})
}

// OrmqrBufferSize is the workspace of Ormqr, in elements.
func OrmqrBufferSize[T Elem](h *Handle, side Side, trans Op, m, n, k int, a hip.DevicePtr, lda int, tau, c hip.DevicePtr, ldc int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + pick[T]("ormqr", "unmqr") + "_bufferSize"
	iv, err := checkArgs(call, []int{m, n, k, lda, ldc}, cargs.LD("ldc", ldc, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSormqr_bufferSize(h.h, sym.HipsolverSideMode_t(side), sym.HipsolverOperation_t(trans), iv[0], iv[1], iv[2], cargs.Ptr[float32](a), iv[3], cargs.Ptr[float32](tau), cargs.Ptr[float32](c), iv[4], &lwork)
		case float64:
			return sym.HipsolverDormqr_bufferSize(h.h, sym.HipsolverSideMode_t(side), sym.HipsolverOperation_t(trans), iv[0], iv[1], iv[2], cargs.Ptr[float64](a), iv[3], cargs.Ptr[float64](tau), cargs.Ptr[float64](c), iv[4], &lwork)
		case complex64:
			return sym.HipsolverCunmqr_bufferSize(h.h, sym.HipsolverSideMode_t(side), sym.HipsolverOperation_t(trans), iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(c), iv[4], &lwork)
		}
		return sym.HipsolverZunmqr_bufferSize(h.h, sym.HipsolverSideMode_t(side), sym.HipsolverOperation_t(trans), iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(c), iv[4], &lwork)
	})
	return int(lwork), err
}

// Ormqr overwrites the m×n matrix c with op(Q)·C or C·op(Q), Q given by the
// Householder vectors of Geqrf (ormqr for real T, unmqr for complex).
func Ormqr[T Elem](h *Handle, side Side, trans Op, m, n, k int, a hip.DevicePtr, lda int, tau, c hip.DevicePtr, ldc int, work hip.DevicePtr, lwork int, info hip.DevicePtr) error {
	call := "hipsolver" + cargs.Prefix[T]() + pick[T]("ormqr", "unmqr")
	iv, err := checkArgs(call, []int{m, n, k, lda, ldc, lwork}, cargs.LD("ldc", ldc, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSormqr(h.h, sym.HipsolverSideMode_t(side), sym.HipsolverOperation_t(trans), iv[0], iv[1], iv[2], cargs.Ptr[float32](a), iv[3], cargs.Ptr[float32](tau), cargs.Ptr[float32](c), iv[4], cargs.Ptr[float32](work), iv[5], cargs.Ptr[int32](info))
		case float64:
			return sym.HipsolverDormqr(h.h, sym.HipsolverSideMode_t(side), sym.HipsolverOperation_t(trans), iv[0], iv[1], iv[2], cargs.Ptr[float64](a), iv[3], cargs.Ptr[float64](tau), cargs.Ptr[float64](c), iv[4], cargs.Ptr[float64](work), iv[5], cargs.Ptr[int32](info))
		case complex64:
			return sym.HipsolverCunmqr(h.h, sym.HipsolverSideMode_t(side), sym.HipsolverOperation_t(trans), iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(c), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info))
		}
		return sym.HipsolverZunmqr(h.h, sym.HipsolverSideMode_t(side), sym.HipsolverOperation_t(trans), iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(c), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info))
	})
}

// GesvdBufferSize is the workspace of Gesvd for the jobs, in elements.
func GesvdBufferSize[T Elem](h *Handle, jobu, jobvt SVDJob, m, n int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + "gesvd_bufferSize"
	iv, err := checkArgs(call, []int{m, n})
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgesvd_bufferSize(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], &lwork)
		case float64:
			return sym.HipsolverDgesvd_bufferSize(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], &lwork)
		case complex64:
			return sym.HipsolverCgesvd_bufferSize(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], &lwork)
		}
		return sym.HipsolverZgesvd_bufferSize(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], &lwork)
	})
	return int(lwork), err
}

// Gesvd computes A = U·Σ·Vᴴ by QR iteration (m >= n, as in cuSOLVER),
// writing the singular values to s (real, descending) and the vectors that
// jobu and jobvt ask for; rwork (min(m, n)-1 reals) receives the
// unconverged superdiagonal when info > 0.
func Gesvd[T Elem](h *Handle, jobu, jobvt SVDJob, m, n int, a hip.DevicePtr, lda int, s, u hip.DevicePtr, ldu int, vt hip.DevicePtr, ldvt int, work hip.DevicePtr, lwork int, rwork, info hip.DevicePtr) error {
	call := "hipsolver" + cargs.Prefix[T]() + "gesvd"
	iv, err := checkArgs(call, []int{m, n, lda, ldu, ldvt, lwork}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgesvd(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](s), cargs.Ptr[float32](u), iv[3], cargs.Ptr[float32](vt), iv[4], cargs.Ptr[float32](work), iv[5], cargs.Ptr[float32](rwork), cargs.Ptr[int32](info))
		case float64:
			return sym.HipsolverDgesvd(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](s), cargs.Ptr[float64](u), iv[3], cargs.Ptr[float64](vt), iv[4], cargs.Ptr[float64](work), iv[5], cargs.Ptr[float64](rwork), cargs.Ptr[int32](info))
		case complex64:
			return sym.HipsolverCgesvd(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float32](s), cargs.Pointer(u), iv[3], cargs.Pointer(vt), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[float32](rwork), cargs.Ptr[int32](info))
		}
		return sym.HipsolverZgesvd(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float64](s), cargs.Pointer(u), iv[3], cargs.Pointer(vt), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[float64](rwork), cargs.Ptr[int32](info))
	})
}

// GesvdjBufferSize is the workspace of Gesvdj, in elements.
func GesvdjBufferSize[T Elem](h *Handle, jobz EigMode, econ bool, m, n int, a hip.DevicePtr, lda int, s, u hip.DevicePtr, ldu int, v hip.DevicePtr, ldv int, params *GesvdjInfo) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + "gesvdj_bufferSize"
	iv, err := checkArgs(call, []int{m, n, lda, ldu, ldv}, cargs.LD("lda", lda, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgesvdj_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](s), cargs.Ptr[float32](u), iv[3], cargs.Ptr[float32](v), iv[4], &lwork, params.handle())
		case float64:
			return sym.HipsolverDgesvdj_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](s), cargs.Ptr[float64](u), iv[3], cargs.Ptr[float64](v), iv[4], &lwork, params.handle())
		case complex64:
			return sym.HipsolverCgesvdj_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float32](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], &lwork, params.handle())
		}
		return sym.HipsolverZgesvdj_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float64](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], &lwork, params.handle())
	})
	return int(lwork), err
}

// Gesvdj computes A = U·Σ·Vᴴ by Jacobi rotations (any m, n), with the
// tolerance and sweeps of params; econ keeps min(m, n) vectors. Note V, not
// Vᴴ.
func Gesvdj[T Elem](h *Handle, jobz EigMode, econ bool, m, n int, a hip.DevicePtr, lda int, s, u hip.DevicePtr, ldu int, v hip.DevicePtr, ldv int, work hip.DevicePtr, lwork int, info hip.DevicePtr, params *GesvdjInfo) error {
	call := "hipsolver" + cargs.Prefix[T]() + "gesvdj"
	iv, err := checkArgs(call, []int{m, n, lda, ldu, ldv, lwork}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgesvdj(h.h, sym.HipsolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](s), cargs.Ptr[float32](u), iv[3], cargs.Ptr[float32](v), iv[4], cargs.Ptr[float32](work), iv[5], cargs.Ptr[int32](info), params.handle())
		case float64:
			return sym.HipsolverDgesvdj(h.h, sym.HipsolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](s), cargs.Ptr[float64](u), iv[3], cargs.Ptr[float64](v), iv[4], cargs.Ptr[float64](work), iv[5], cargs.Ptr[int32](info), params.handle())
		case complex64:
			return sym.HipsolverCgesvdj(h.h, sym.HipsolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float32](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info), params.handle())
		}
		return sym.HipsolverZgesvdj(h.h, sym.HipsolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float64](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info), params.handle())
	})
}

// GesvdjBatchedBufferSize is the workspace of GesvdjBatched, in elements.
func GesvdjBatchedBufferSize[T Elem](h *Handle, jobz EigMode, m, n int, a hip.DevicePtr, lda int, s, u hip.DevicePtr, ldu int, v hip.DevicePtr, ldv int, params *GesvdjInfo, batch int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + "gesvdjBatched_bufferSize"
	iv, err := checkArgs(call, []int{m, n, lda, ldu, ldv, batch}, cargs.LD("lda", lda, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgesvdjBatched_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](s), cargs.Ptr[float32](u), iv[3], cargs.Ptr[float32](v), iv[4], &lwork, params.handle(), iv[5])
		case float64:
			return sym.HipsolverDgesvdjBatched_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](s), cargs.Ptr[float64](u), iv[3], cargs.Ptr[float64](v), iv[4], &lwork, params.handle(), iv[5])
		case complex64:
			return sym.HipsolverCgesvdjBatched_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float32](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], &lwork, params.handle(), iv[5])
		}
		return sym.HipsolverZgesvdjBatched_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float64](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], &lwork, params.handle(), iv[5])
	})
	return int(lwork), err
}

// GesvdjBatched runs Gesvdj on batch small matrices (m, n <= 32) stored
// one after another (lda·n elements apart; s, u and v likewise).
func GesvdjBatched[T Elem](h *Handle, jobz EigMode, m, n int, a hip.DevicePtr, lda int, s, u hip.DevicePtr, ldu int, v hip.DevicePtr, ldv int, work hip.DevicePtr, lwork int, info hip.DevicePtr, params *GesvdjInfo, batch int) error {
	call := "hipsolver" + cargs.Prefix[T]() + "gesvdjBatched"
	iv, err := checkArgs(call, []int{m, n, lda, ldu, ldv, lwork, batch}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgesvdjBatched(h.h, sym.HipsolverEigMode_t(jobz), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](s), cargs.Ptr[float32](u), iv[3], cargs.Ptr[float32](v), iv[4], cargs.Ptr[float32](work), iv[5], cargs.Ptr[int32](info), params.handle(), iv[6])
		case float64:
			return sym.HipsolverDgesvdjBatched(h.h, sym.HipsolverEigMode_t(jobz), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](s), cargs.Ptr[float64](u), iv[3], cargs.Ptr[float64](v), iv[4], cargs.Ptr[float64](work), iv[5], cargs.Ptr[int32](info), params.handle(), iv[6])
		case complex64:
			return sym.HipsolverCgesvdjBatched(h.h, sym.HipsolverEigMode_t(jobz), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float32](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info), params.handle(), iv[6])
		}
		return sym.HipsolverZgesvdjBatched(h.h, sym.HipsolverEigMode_t(jobz), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float64](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info), params.handle(), iv[6])
	})
}

// SyevdBufferSize is the workspace of Syevd, in elements.
func SyevdBufferSize[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a hip.DevicePtr, lda int, w hip.DevicePtr) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + pick[T]("syevd", "heevd") + "_bufferSize"
	iv, err := checkArgs(call, []int{n, lda}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSsyevd_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), &lwork)
		case float64:
			return sym.HipsolverDsyevd_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), &lwork)
		case complex64:
			return sym.HipsolverCheevd_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), &lwork)
		}
		return sym.HipsolverZheevd_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), &lwork)
	})
	return int(lwork), err
}

// Syevd computes the eigenvalues (w, real, ascending) and, with
// WithVectors, the eigenvectors (over a) of the symmetric or Hermitian a by
// divide and conquer (syevd for real T, heevd for complex).
func Syevd[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a hip.DevicePtr, lda int, w, work hip.DevicePtr, lwork int, info hip.DevicePtr) error {
	call := "hipsolver" + cargs.Prefix[T]() + pick[T]("syevd", "heevd")
	iv, err := checkArgs(call, []int{n, lda, lwork}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSsyevd(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info))
		case float64:
			return sym.HipsolverDsyevd(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info))
		case complex64:
			return sym.HipsolverCheevd(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
		}
		return sym.HipsolverZheevd(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
	})
}

// SyevjBufferSize is the workspace of Syevj, in elements.
func SyevjBufferSize[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a hip.DevicePtr, lda int, w hip.DevicePtr, params *SyevjInfo) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + pick[T]("syevj", "heevj") + "_bufferSize"
	iv, err := checkArgs(call, []int{n, lda}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSsyevj_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), &lwork, params.handle())
		case float64:
			return sym.HipsolverDsyevj_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), &lwork, params.handle())
		case complex64:
			return sym.HipsolverCheevj_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), &lwork, params.handle())
		}
		return sym.HipsolverZheevj_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), &lwork, params.handle())
	})
	return int(lwork), err
}

// Syevj is Syevd by Jacobi rotations, with the tolerance and sweeps of
// params.
func Syevj[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a hip.DevicePtr, lda int, w, work hip.DevicePtr, lwork int, info hip.DevicePtr, params *SyevjInfo) error {
	call := "hipsolver" + cargs.Prefix[T]() + pick[T]("syevj", "heevj")
	iv, err := checkArgs(call, []int{n, lda, lwork}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSsyevj(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info), params.handle())
		case float64:
			return sym.HipsolverDsyevj(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info), params.handle())
		case complex64:
			return sym.HipsolverCheevj(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info), params.handle())
		}
		return sym.HipsolverZheevj(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info), params.handle())
	})
}

// SyevjBatchedBufferSize is the workspace of SyevjBatched, in elements.
func SyevjBatchedBufferSize[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a hip.DevicePtr, lda int, w hip.DevicePtr, params *SyevjInfo, batch int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + pick[T]("syevj", "heevj") + "Batched_bufferSize"
	iv, err := checkArgs(call, []int{n, lda, batch}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSsyevjBatched_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), &lwork, params.handle(), iv[2])
		case float64:
			return sym.HipsolverDsyevjBatched_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), &lwork, params.handle(), iv[2])
		case complex64:
			return sym.HipsolverCheevjBatched_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), &lwork, params.handle(), iv[2])
		}
		return sym.HipsolverZheevjBatched_bufferSize(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), &lwork, params.handle(), iv[2])
	})
	return int(lwork), err
}

// SyevjBatched runs Syevj on batch small matrices (n <= 32) stored one
// after another (lda·n elements apart; w n apart); info holds batch int32.
func SyevjBatched[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a hip.DevicePtr, lda int, w, work hip.DevicePtr, lwork int, info hip.DevicePtr, params *SyevjInfo, batch int) error {
	call := "hipsolver" + cargs.Prefix[T]() + pick[T]("syevj", "heevj") + "Batched"
	iv, err := checkArgs(call, []int{n, lda, lwork, batch}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSsyevjBatched(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info), params.handle(), iv[3])
		case float64:
			return sym.HipsolverDsyevjBatched(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info), params.handle(), iv[3])
		case complex64:
			return sym.HipsolverCheevjBatched(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info), params.handle(), iv[3])
		}
		return sym.HipsolverZheevjBatched(h.h, sym.HipsolverEigMode_t(jobz), sym.HipsolverFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info), params.handle(), iv[3])
	})
}

// GetrsBufferSize is the workspace of Getrs, in elements (hipSOLVER only:
// cuSOLVER's getrs needs none).
func GetrsBufferSize[T Elem](h *Handle, trans Op, n, nrhs int, a hip.DevicePtr, lda int, ipiv, b hip.DevicePtr, ldb int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + "getrs_bufferSize"
	iv, err := checkArgs(call, []int{n, nrhs, lda, ldb}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	op := sym.HipsolverOperation_t(trans)
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSgetrs_bufferSize(h.h, op, iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[int32](ipiv), cargs.Ptr[float32](b), iv[3], &lwork)
		case float64:
			return sym.HipsolverDgetrs_bufferSize(h.h, op, iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[int32](ipiv), cargs.Ptr[float64](b), iv[3], &lwork)
		case complex64:
			return sym.HipsolverCgetrs_bufferSize(h.h, op, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[int32](ipiv), cargs.Pointer(b), iv[3], &lwork)
		}
		return sym.HipsolverZgetrs_bufferSize(h.h, op, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[int32](ipiv), cargs.Pointer(b), iv[3], &lwork)
	})
	return int(lwork), err
}

// PotrsBufferSize is the workspace of Potrs, in elements (hipSOLVER only:
// cuSOLVER's potrs needs none).
func PotrsBufferSize[T Elem](h *Handle, uplo Fill, n, nrhs int, a hip.DevicePtr, lda int, b hip.DevicePtr, ldb int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + "potrs_bufferSize"
	iv, err := checkArgs(call, []int{n, nrhs, lda, ldb}, cargs.LD("lda", lda, n), cargs.LD("ldb", ldb, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	fill := sym.HipsolverFillMode_t(uplo)
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSpotrs_bufferSize(h.h, fill, iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](b), iv[3], &lwork)
		case float64:
			return sym.HipsolverDpotrs_bufferSize(h.h, fill, iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](b), iv[3], &lwork)
		case complex64:
			return sym.HipsolverCpotrs_bufferSize(h.h, fill, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(b), iv[3], &lwork)
		}
		return sym.HipsolverZpotrs_bufferSize(h.h, fill, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(b), iv[3], &lwork)
	})
	return int(lwork), err
}

// PotrfBatchedBufferSize is the workspace of PotrfBatched, in elements
// (hipSOLVER only: cuSOLVER's potrfBatched needs none).
func PotrfBatchedBufferSize[T Elem](h *Handle, uplo Fill, n int, aArray hip.DevicePtr, lda, batch int) (int, error) {
	call := "hipsolver" + cargs.Prefix[T]() + "potrfBatched_bufferSize"
	iv, err := checkArgs(call, []int{n, lda, batch}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	fill := sym.HipsolverFillMode_t(uplo)
	err = h.call(call, func() sym.HipsolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipsolverSpotrfBatched_bufferSize(h.h, fill, iv[0], cargs.Ptr[*float32](aArray), iv[1], &lwork, iv[2])
		case float64:
			return sym.HipsolverDpotrfBatched_bufferSize(h.h, fill, iv[0], cargs.Ptr[*float64](aArray), iv[1], &lwork, iv[2])
		case complex64:
			return sym.HipsolverCpotrfBatched_bufferSize(h.h, fill, iv[0], cargs.Ptr[unsafe.Pointer](aArray), iv[1], &lwork, iv[2])
		}
		return sym.HipsolverZpotrfBatched_bufferSize(h.h, fill, iv[0], cargs.Ptr[unsafe.Pointer](aArray), iv[1], &lwork, iv[2])
	})
	return int(lwork), err
}
