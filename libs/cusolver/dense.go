package cusolver

import (
	"unsafe"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cusolver"
)

// GetrfBufferSize is the workspace of Getrf, in elements.
func GetrfBufferSize[T Elem](h *Handle, m, n int, a driver.DevicePtr, lda int) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + "getrf_bufferSize"
	iv, err := checkArgs(call, []int{m, n, lda}, cargs.LD("lda", lda, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgetrf_bufferSize(h.h, iv[0], iv[1], cargs.Ptr[float32](a), iv[2], &lwork)
		case float64:
			return sym.CusolverDnDgetrf_bufferSize(h.h, iv[0], iv[1], cargs.Ptr[float64](a), iv[2], &lwork)
		case complex64:
			return sym.CusolverDnCgetrf_bufferSize(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], &lwork)
		}
		return sym.CusolverDnZgetrf_bufferSize(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], &lwork)
	})
	return int(lwork), err
}

// Getrf factors the m×n matrix a in place into P·L·U with partial pivoting,
// writing the 1-based pivots to ipiv (min(m, n) int32) and info (one int32:
// i > 0 when U(i, i) is exactly zero).
func Getrf[T Elem](h *Handle, m, n int, a driver.DevicePtr, lda int, work, ipiv, info driver.DevicePtr) error {
	call := "cusolverDn" + cargs.Prefix[T]() + "getrf"
	iv, err := checkArgs(call, []int{m, n, lda}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgetrf(h.h, iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](work), cargs.Ptr[int32](ipiv), cargs.Ptr[int32](info))
		case float64:
			return sym.CusolverDnDgetrf(h.h, iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](work), cargs.Ptr[int32](ipiv), cargs.Ptr[int32](info))
		case complex64:
			return sym.CusolverDnCgetrf(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(work), cargs.Ptr[int32](ipiv), cargs.Ptr[int32](info))
		}
		return sym.CusolverDnZgetrf(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(work), cargs.Ptr[int32](ipiv), cargs.Ptr[int32](info))
	})
}

// Getrs solves op(A)·X = B with the factors of Getrf; B is n×nrhs.
func Getrs[T Elem](h *Handle, trans Op, n, nrhs int, a driver.DevicePtr, lda int, ipiv, b driver.DevicePtr, ldb int, info driver.DevicePtr) error {
	call := "cusolverDn" + cargs.Prefix[T]() + "getrs"
	iv, err := checkArgs(call, []int{n, nrhs, lda, ldb}, cargs.LD("lda", lda, n), cargs.LD("ldb", ldb, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgetrs(h.h, sym.CublasOperation_t(trans), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[int32](ipiv), cargs.Ptr[float32](b), iv[3], cargs.Ptr[int32](info))
		case float64:
			return sym.CusolverDnDgetrs(h.h, sym.CublasOperation_t(trans), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[int32](ipiv), cargs.Ptr[float64](b), iv[3], cargs.Ptr[int32](info))
		case complex64:
			return sym.CusolverDnCgetrs(h.h, sym.CublasOperation_t(trans), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[int32](ipiv), cargs.Pointer(b), iv[3], cargs.Ptr[int32](info))
		}
		return sym.CusolverDnZgetrs(h.h, sym.CublasOperation_t(trans), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[int32](ipiv), cargs.Pointer(b), iv[3], cargs.Ptr[int32](info))
	})
}

// PotrfBufferSize is the workspace of Potrf, in elements.
func PotrfBufferSize[T Elem](h *Handle, uplo Fill, n int, a driver.DevicePtr, lda int) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + "potrf_bufferSize"
	iv, err := checkArgs(call, []int{n, lda}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSpotrf_bufferSize(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], &lwork)
		case float64:
			return sym.CusolverDnDpotrf_bufferSize(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], &lwork)
		case complex64:
			return sym.CusolverDnCpotrf_bufferSize(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], &lwork)
		}
		return sym.CusolverDnZpotrf_bufferSize(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], &lwork)
	})
	return int(lwork), err
}

// Potrf overwrites the uplo triangle of the Hermitian positive-definite a
// with its Cholesky factor; info > 0 names the leading minor that is not
// positive definite.
func Potrf[T Elem](h *Handle, uplo Fill, n int, a driver.DevicePtr, lda int, work driver.DevicePtr, lwork int, info driver.DevicePtr) error {
	call := "cusolverDn" + cargs.Prefix[T]() + "potrf"
	iv, err := checkArgs(call, []int{n, lda, lwork}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSpotrf(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info))
		case float64:
			return sym.CusolverDnDpotrf(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info))
		case complex64:
			return sym.CusolverDnCpotrf(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
		}
		return sym.CusolverDnZpotrf(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
	})
}

// Potrs solves A·X = B with the Cholesky factor of Potrf; B is n×nrhs.
func Potrs[T Elem](h *Handle, uplo Fill, n, nrhs int, a driver.DevicePtr, lda int, b driver.DevicePtr, ldb int, info driver.DevicePtr) error {
	call := "cusolverDn" + cargs.Prefix[T]() + "potrs"
	iv, err := checkArgs(call, []int{n, nrhs, lda, ldb}, cargs.LD("lda", lda, n), cargs.LD("ldb", ldb, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSpotrs(h.h, sym.CublasFillMode_t(uplo), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](b), iv[3], cargs.Ptr[int32](info))
		case float64:
			return sym.CusolverDnDpotrs(h.h, sym.CublasFillMode_t(uplo), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](b), iv[3], cargs.Ptr[int32](info))
		case complex64:
			return sym.CusolverDnCpotrs(h.h, sym.CublasFillMode_t(uplo), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(b), iv[3], cargs.Ptr[int32](info))
		}
		return sym.CusolverDnZpotrs(h.h, sym.CublasFillMode_t(uplo), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(b), iv[3], cargs.Ptr[int32](info))
	})
}

// PotriBufferSize is the workspace of Potri, in elements.
func PotriBufferSize[T Elem](h *Handle, uplo Fill, n int, a driver.DevicePtr, lda int) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + "potri_bufferSize"
	iv, err := checkArgs(call, []int{n, lda}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSpotri_bufferSize(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], &lwork)
		case float64:
			return sym.CusolverDnDpotri_bufferSize(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], &lwork)
		case complex64:
			return sym.CusolverDnCpotri_bufferSize(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], &lwork)
		}
		return sym.CusolverDnZpotri_bufferSize(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], &lwork)
	})
	return int(lwork), err
}

// Potri overwrites the Cholesky factor of Potrf with the uplo triangle of
// A⁻¹.
func Potri[T Elem](h *Handle, uplo Fill, n int, a driver.DevicePtr, lda int, work driver.DevicePtr, lwork int, info driver.DevicePtr) error {
	call := "cusolverDn" + cargs.Prefix[T]() + "potri"
	iv, err := checkArgs(call, []int{n, lda, lwork}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSpotri(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info))
		case float64:
			return sym.CusolverDnDpotri(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info))
		case complex64:
			return sym.CusolverDnCpotri(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
		}
		return sym.CusolverDnZpotri(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
	})
}

// PotrfBatched runs Potrf on batch matrices whose device addresses are the
// device array aArray; info holds batch int32.
func PotrfBatched[T Elem](h *Handle, uplo Fill, n int, aArray driver.DevicePtr, lda int, info driver.DevicePtr, batch int) error {
	call := "cusolverDn" + cargs.Prefix[T]() + "potrfBatched"
	iv, err := checkArgs(call, []int{n, lda, batch}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSpotrfBatched(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[*float32](aArray), iv[1], cargs.Ptr[int32](info), iv[2])
		case float64:
			return sym.CusolverDnDpotrfBatched(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[*float64](aArray), iv[1], cargs.Ptr[int32](info), iv[2])
		case complex64:
			return sym.CusolverDnCpotrfBatched(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[unsafe.Pointer](aArray), iv[1], cargs.Ptr[int32](info), iv[2])
		}
		return sym.CusolverDnZpotrfBatched(h.h, sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[unsafe.Pointer](aArray), iv[1], cargs.Ptr[int32](info), iv[2])
	})
}

// GeqrfBufferSize is the workspace of Geqrf, in elements.
func GeqrfBufferSize[T Elem](h *Handle, m, n int, a driver.DevicePtr, lda int) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + "geqrf_bufferSize"
	iv, err := checkArgs(call, []int{m, n, lda}, cargs.LD("lda", lda, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgeqrf_bufferSize(h.h, iv[0], iv[1], cargs.Ptr[float32](a), iv[2], &lwork)
		case float64:
			return sym.CusolverDnDgeqrf_bufferSize(h.h, iv[0], iv[1], cargs.Ptr[float64](a), iv[2], &lwork)
		case complex64:
			return sym.CusolverDnCgeqrf_bufferSize(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], &lwork)
		}
		return sym.CusolverDnZgeqrf_bufferSize(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], &lwork)
	})
	return int(lwork), err
}

// Geqrf overwrites a with R and the Householder vectors of A = Q·R, their
// scalars in tau (min(m, n) elements).
func Geqrf[T Elem](h *Handle, m, n int, a driver.DevicePtr, lda int, tau, work driver.DevicePtr, lwork int, info driver.DevicePtr) error {
	call := "cusolverDn" + cargs.Prefix[T]() + "geqrf"
	iv, err := checkArgs(call, []int{m, n, lda, lwork}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgeqrf(h.h, iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](tau), cargs.Ptr[float32](work), iv[3], cargs.Ptr[int32](info))
		case float64:
			return sym.CusolverDnDgeqrf(h.h, iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](tau), cargs.Ptr[float64](work), iv[3], cargs.Ptr[int32](info))
		case complex64:
			return sym.CusolverDnCgeqrf(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(tau), cargs.Pointer(work), iv[3], cargs.Ptr[int32](info))
		}
		return sym.CusolverDnZgeqrf(h.h, iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Pointer(tau), cargs.Pointer(work), iv[3], cargs.Ptr[int32](info))
	})
}

// OrgqrBufferSize is the workspace of Orgqr, in elements.
func OrgqrBufferSize[T Elem](h *Handle, m, n, k int, a driver.DevicePtr, lda int, tau driver.DevicePtr) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + pick[T]("orgqr", "ungqr") + "_bufferSize"
	iv, err := checkArgs(call, []int{m, n, k, lda}, cargs.LD("lda", lda, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSorgqr_bufferSize(h.h, iv[0], iv[1], iv[2], cargs.Ptr[float32](a), iv[3], cargs.Ptr[float32](tau), &lwork)
		case float64:
			return sym.CusolverDnDorgqr_bufferSize(h.h, iv[0], iv[1], iv[2], cargs.Ptr[float64](a), iv[3], cargs.Ptr[float64](tau), &lwork)
		case complex64:
			return sym.CusolverDnCungqr_bufferSize(h.h, iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), &lwork)
		}
		return sym.CusolverDnZungqr_bufferSize(h.h, iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), &lwork)
	})
	return int(lwork), err
}

// Orgqr overwrites the Householder vectors of Geqrf with the first n
// columns of Q (orgqr for real T, ungqr for complex).
func Orgqr[T Elem](h *Handle, m, n, k int, a driver.DevicePtr, lda int, tau, work driver.DevicePtr, lwork int, info driver.DevicePtr) error {
	call := "cusolverDn" + cargs.Prefix[T]() + pick[T]("orgqr", "ungqr")
	iv, err := checkArgs(call, []int{m, n, k, lda, lwork}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSorgqr(h.h, iv[0], iv[1], iv[2], cargs.Ptr[float32](a), iv[3], cargs.Ptr[float32](tau), cargs.Ptr[float32](work), iv[4], cargs.Ptr[int32](info))
		case float64:
			return sym.CusolverDnDorgqr(h.h, iv[0], iv[1], iv[2], cargs.Ptr[float64](a), iv[3], cargs.Ptr[float64](tau), cargs.Ptr[float64](work), iv[4], cargs.Ptr[int32](info))
		case complex64:
			return sym.CusolverDnCungqr(h.h, iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(work), iv[4], cargs.Ptr[int32](info))
		}
		return sym.CusolverDnZungqr(h.h, iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(work), iv[4], cargs.Ptr[int32](info))
	})
}

// OrmqrBufferSize is the workspace of Ormqr, in elements.
func OrmqrBufferSize[T Elem](h *Handle, side Side, trans Op, m, n, k int, a driver.DevicePtr, lda int, tau, c driver.DevicePtr, ldc int) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + pick[T]("ormqr", "unmqr") + "_bufferSize"
	iv, err := checkArgs(call, []int{m, n, k, lda, ldc}, cargs.LD("ldc", ldc, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSormqr_bufferSize(h.h, sym.CublasSideMode_t(side), sym.CublasOperation_t(trans), iv[0], iv[1], iv[2], cargs.Ptr[float32](a), iv[3], cargs.Ptr[float32](tau), cargs.Ptr[float32](c), iv[4], &lwork)
		case float64:
			return sym.CusolverDnDormqr_bufferSize(h.h, sym.CublasSideMode_t(side), sym.CublasOperation_t(trans), iv[0], iv[1], iv[2], cargs.Ptr[float64](a), iv[3], cargs.Ptr[float64](tau), cargs.Ptr[float64](c), iv[4], &lwork)
		case complex64:
			return sym.CusolverDnCunmqr_bufferSize(h.h, sym.CublasSideMode_t(side), sym.CublasOperation_t(trans), iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(c), iv[4], &lwork)
		}
		return sym.CusolverDnZunmqr_bufferSize(h.h, sym.CublasSideMode_t(side), sym.CublasOperation_t(trans), iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(c), iv[4], &lwork)
	})
	return int(lwork), err
}

// Ormqr overwrites the m×n matrix c with op(Q)·C or C·op(Q), Q given by the
// Householder vectors of Geqrf (ormqr for real T, unmqr for complex).
func Ormqr[T Elem](h *Handle, side Side, trans Op, m, n, k int, a driver.DevicePtr, lda int, tau, c driver.DevicePtr, ldc int, work driver.DevicePtr, lwork int, info driver.DevicePtr) error {
	call := "cusolverDn" + cargs.Prefix[T]() + pick[T]("ormqr", "unmqr")
	iv, err := checkArgs(call, []int{m, n, k, lda, ldc, lwork}, cargs.LD("ldc", ldc, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSormqr(h.h, sym.CublasSideMode_t(side), sym.CublasOperation_t(trans), iv[0], iv[1], iv[2], cargs.Ptr[float32](a), iv[3], cargs.Ptr[float32](tau), cargs.Ptr[float32](c), iv[4], cargs.Ptr[float32](work), iv[5], cargs.Ptr[int32](info))
		case float64:
			return sym.CusolverDnDormqr(h.h, sym.CublasSideMode_t(side), sym.CublasOperation_t(trans), iv[0], iv[1], iv[2], cargs.Ptr[float64](a), iv[3], cargs.Ptr[float64](tau), cargs.Ptr[float64](c), iv[4], cargs.Ptr[float64](work), iv[5], cargs.Ptr[int32](info))
		case complex64:
			return sym.CusolverDnCunmqr(h.h, sym.CublasSideMode_t(side), sym.CublasOperation_t(trans), iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(c), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info))
		}
		return sym.CusolverDnZunmqr(h.h, sym.CublasSideMode_t(side), sym.CublasOperation_t(trans), iv[0], iv[1], iv[2], cargs.Pointer(a), iv[3], cargs.Pointer(tau), cargs.Pointer(c), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info))
	})
}

// GesvdBufferSize is the workspace of Gesvd, in elements.
func GesvdBufferSize[T Elem](h *Handle, m, n int) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + "gesvd_bufferSize"
	iv, err := checkArgs(call, []int{m, n})
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgesvd_bufferSize(h.h, iv[0], iv[1], &lwork)
		case float64:
			return sym.CusolverDnDgesvd_bufferSize(h.h, iv[0], iv[1], &lwork)
		case complex64:
			return sym.CusolverDnCgesvd_bufferSize(h.h, iv[0], iv[1], &lwork)
		}
		return sym.CusolverDnZgesvd_bufferSize(h.h, iv[0], iv[1], &lwork)
	})
	return int(lwork), err
}

// Gesvd computes A = U·Σ·Vᴴ by QR iteration (cuSOLVER requires m >= n),
// writing the singular values to s (real, descending) and the vectors that
// jobu and jobvt ask for; rwork (min(m, n)-1 reals) receives the
// unconverged superdiagonal when info > 0.
func Gesvd[T Elem](h *Handle, jobu, jobvt SVDJob, m, n int, a driver.DevicePtr, lda int, s, u driver.DevicePtr, ldu int, vt driver.DevicePtr, ldvt int, work driver.DevicePtr, lwork int, rwork, info driver.DevicePtr) error {
	call := "cusolverDn" + cargs.Prefix[T]() + "gesvd"
	iv, err := checkArgs(call, []int{m, n, lda, ldu, ldvt, lwork}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgesvd(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](s), cargs.Ptr[float32](u), iv[3], cargs.Ptr[float32](vt), iv[4], cargs.Ptr[float32](work), iv[5], cargs.Ptr[float32](rwork), cargs.Ptr[int32](info))
		case float64:
			return sym.CusolverDnDgesvd(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](s), cargs.Ptr[float64](u), iv[3], cargs.Ptr[float64](vt), iv[4], cargs.Ptr[float64](work), iv[5], cargs.Ptr[float64](rwork), cargs.Ptr[int32](info))
		case complex64:
			return sym.CusolverDnCgesvd(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float32](s), cargs.Pointer(u), iv[3], cargs.Pointer(vt), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[float32](rwork), cargs.Ptr[int32](info))
		}
		return sym.CusolverDnZgesvd(h.h, int8(jobu), int8(jobvt), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float64](s), cargs.Pointer(u), iv[3], cargs.Pointer(vt), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[float64](rwork), cargs.Ptr[int32](info))
	})
}

// GesvdjBufferSize is the workspace of Gesvdj, in elements.
func GesvdjBufferSize[T Elem](h *Handle, jobz EigMode, econ bool, m, n int, a driver.DevicePtr, lda int, s, u driver.DevicePtr, ldu int, v driver.DevicePtr, ldv int, params *GesvdjInfo) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + "gesvdj_bufferSize"
	iv, err := checkArgs(call, []int{m, n, lda, ldu, ldv}, cargs.LD("lda", lda, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgesvdj_bufferSize(h.h, sym.CusolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](s), cargs.Ptr[float32](u), iv[3], cargs.Ptr[float32](v), iv[4], &lwork, params.handle())
		case float64:
			return sym.CusolverDnDgesvdj_bufferSize(h.h, sym.CusolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](s), cargs.Ptr[float64](u), iv[3], cargs.Ptr[float64](v), iv[4], &lwork, params.handle())
		case complex64:
			return sym.CusolverDnCgesvdj_bufferSize(h.h, sym.CusolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float32](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], &lwork, params.handle())
		}
		return sym.CusolverDnZgesvdj_bufferSize(h.h, sym.CusolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float64](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], &lwork, params.handle())
	})
	return int(lwork), err
}

// Gesvdj computes A = U·Σ·Vᴴ by Jacobi rotations (any m, n), with the
// tolerance and sweeps of params; econ keeps min(m, n) vectors. Note V, not
// Vᴴ.
func Gesvdj[T Elem](h *Handle, jobz EigMode, econ bool, m, n int, a driver.DevicePtr, lda int, s, u driver.DevicePtr, ldu int, v driver.DevicePtr, ldv int, work driver.DevicePtr, lwork int, info driver.DevicePtr, params *GesvdjInfo) error {
	call := "cusolverDn" + cargs.Prefix[T]() + "gesvdj"
	iv, err := checkArgs(call, []int{m, n, lda, ldu, ldv, lwork}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgesvdj(h.h, sym.CusolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](s), cargs.Ptr[float32](u), iv[3], cargs.Ptr[float32](v), iv[4], cargs.Ptr[float32](work), iv[5], cargs.Ptr[int32](info), params.handle())
		case float64:
			return sym.CusolverDnDgesvdj(h.h, sym.CusolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](s), cargs.Ptr[float64](u), iv[3], cargs.Ptr[float64](v), iv[4], cargs.Ptr[float64](work), iv[5], cargs.Ptr[int32](info), params.handle())
		case complex64:
			return sym.CusolverDnCgesvdj(h.h, sym.CusolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float32](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info), params.handle())
		}
		return sym.CusolverDnZgesvdj(h.h, sym.CusolverEigMode_t(jobz), cbool(econ), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float64](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info), params.handle())
	})
}

// GesvdjBatchedBufferSize is the workspace of GesvdjBatched, in elements.
func GesvdjBatchedBufferSize[T Elem](h *Handle, jobz EigMode, m, n int, a driver.DevicePtr, lda int, s, u driver.DevicePtr, ldu int, v driver.DevicePtr, ldv int, params *GesvdjInfo, batch int) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + "gesvdjBatched_bufferSize"
	iv, err := checkArgs(call, []int{m, n, lda, ldu, ldv, batch}, cargs.LD("lda", lda, m))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgesvdjBatched_bufferSize(h.h, sym.CusolverEigMode_t(jobz), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](s), cargs.Ptr[float32](u), iv[3], cargs.Ptr[float32](v), iv[4], &lwork, params.handle(), iv[5])
		case float64:
			return sym.CusolverDnDgesvdjBatched_bufferSize(h.h, sym.CusolverEigMode_t(jobz), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](s), cargs.Ptr[float64](u), iv[3], cargs.Ptr[float64](v), iv[4], &lwork, params.handle(), iv[5])
		case complex64:
			return sym.CusolverDnCgesvdjBatched_bufferSize(h.h, sym.CusolverEigMode_t(jobz), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float32](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], &lwork, params.handle(), iv[5])
		}
		return sym.CusolverDnZgesvdjBatched_bufferSize(h.h, sym.CusolverEigMode_t(jobz), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float64](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], &lwork, params.handle(), iv[5])
	})
	return int(lwork), err
}

// GesvdjBatched runs Gesvdj on batch small matrices (m, n <= 32) stored
// one after another (lda·n elements apart; s, u and v likewise).
func GesvdjBatched[T Elem](h *Handle, jobz EigMode, m, n int, a driver.DevicePtr, lda int, s, u driver.DevicePtr, ldu int, v driver.DevicePtr, ldv int, work driver.DevicePtr, lwork int, info driver.DevicePtr, params *GesvdjInfo, batch int) error {
	call := "cusolverDn" + cargs.Prefix[T]() + "gesvdjBatched"
	iv, err := checkArgs(call, []int{m, n, lda, ldu, ldv, lwork, batch}, cargs.LD("lda", lda, m))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSgesvdjBatched(h.h, sym.CusolverEigMode_t(jobz), iv[0], iv[1], cargs.Ptr[float32](a), iv[2], cargs.Ptr[float32](s), cargs.Ptr[float32](u), iv[3], cargs.Ptr[float32](v), iv[4], cargs.Ptr[float32](work), iv[5], cargs.Ptr[int32](info), params.handle(), iv[6])
		case float64:
			return sym.CusolverDnDgesvdjBatched(h.h, sym.CusolverEigMode_t(jobz), iv[0], iv[1], cargs.Ptr[float64](a), iv[2], cargs.Ptr[float64](s), cargs.Ptr[float64](u), iv[3], cargs.Ptr[float64](v), iv[4], cargs.Ptr[float64](work), iv[5], cargs.Ptr[int32](info), params.handle(), iv[6])
		case complex64:
			return sym.CusolverDnCgesvdjBatched(h.h, sym.CusolverEigMode_t(jobz), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float32](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info), params.handle(), iv[6])
		}
		return sym.CusolverDnZgesvdjBatched(h.h, sym.CusolverEigMode_t(jobz), iv[0], iv[1], cargs.Pointer(a), iv[2], cargs.Ptr[float64](s), cargs.Pointer(u), iv[3], cargs.Pointer(v), iv[4], cargs.Pointer(work), iv[5], cargs.Ptr[int32](info), params.handle(), iv[6])
	})
}

// SyevdBufferSize is the workspace of Syevd, in elements.
func SyevdBufferSize[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a driver.DevicePtr, lda int, w driver.DevicePtr) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + pick[T]("syevd", "heevd") + "_bufferSize"
	iv, err := checkArgs(call, []int{n, lda}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSsyevd_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), &lwork)
		case float64:
			return sym.CusolverDnDsyevd_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), &lwork)
		case complex64:
			return sym.CusolverDnCheevd_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), &lwork)
		}
		return sym.CusolverDnZheevd_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), &lwork)
	})
	return int(lwork), err
}

// Syevd computes the eigenvalues (w, real, ascending) and, with
// WithVectors, the eigenvectors (over a) of the symmetric or Hermitian a by
// divide and conquer (syevd for real T, heevd for complex).
func Syevd[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a driver.DevicePtr, lda int, w, work driver.DevicePtr, lwork int, info driver.DevicePtr) error {
	call := "cusolverDn" + cargs.Prefix[T]() + pick[T]("syevd", "heevd")
	iv, err := checkArgs(call, []int{n, lda, lwork}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSsyevd(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info))
		case float64:
			return sym.CusolverDnDsyevd(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info))
		case complex64:
			return sym.CusolverDnCheevd(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
		}
		return sym.CusolverDnZheevd(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info))
	})
}

// SyevjBufferSize is the workspace of Syevj, in elements.
func SyevjBufferSize[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a driver.DevicePtr, lda int, w driver.DevicePtr, params *SyevjInfo) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + pick[T]("syevj", "heevj") + "_bufferSize"
	iv, err := checkArgs(call, []int{n, lda}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSsyevj_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), &lwork, params.handle())
		case float64:
			return sym.CusolverDnDsyevj_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), &lwork, params.handle())
		case complex64:
			return sym.CusolverDnCheevj_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), &lwork, params.handle())
		}
		return sym.CusolverDnZheevj_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), &lwork, params.handle())
	})
	return int(lwork), err
}

// Syevj is Syevd by Jacobi rotations, with the tolerance and sweeps of
// params.
func Syevj[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a driver.DevicePtr, lda int, w, work driver.DevicePtr, lwork int, info driver.DevicePtr, params *SyevjInfo) error {
	call := "cusolverDn" + cargs.Prefix[T]() + pick[T]("syevj", "heevj")
	iv, err := checkArgs(call, []int{n, lda, lwork}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSsyevj(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info), params.handle())
		case float64:
			return sym.CusolverDnDsyevj(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info), params.handle())
		case complex64:
			return sym.CusolverDnCheevj(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info), params.handle())
		}
		return sym.CusolverDnZheevj(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info), params.handle())
	})
}

// SyevjBatchedBufferSize is the workspace of SyevjBatched, in elements.
func SyevjBatchedBufferSize[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a driver.DevicePtr, lda int, w driver.DevicePtr, params *SyevjInfo, batch int) (int, error) {
	call := "cusolverDn" + cargs.Prefix[T]() + pick[T]("syevj", "heevj") + "Batched_bufferSize"
	iv, err := checkArgs(call, []int{n, lda, batch}, cargs.LD("lda", lda, n))
	if err != nil {
		return 0, err
	}
	var lwork int32
	err = h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSsyevjBatched_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), &lwork, params.handle(), iv[2])
		case float64:
			return sym.CusolverDnDsyevjBatched_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), &lwork, params.handle(), iv[2])
		case complex64:
			return sym.CusolverDnCheevjBatched_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), &lwork, params.handle(), iv[2])
		}
		return sym.CusolverDnZheevjBatched_bufferSize(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), &lwork, params.handle(), iv[2])
	})
	return int(lwork), err
}

// SyevjBatched runs Syevj on batch small matrices (n <= 32) stored one
// after another (lda·n elements apart; w n apart); info holds batch int32.
func SyevjBatched[T Elem](h *Handle, jobz EigMode, uplo Fill, n int, a driver.DevicePtr, lda int, w, work driver.DevicePtr, lwork int, info driver.DevicePtr, params *SyevjInfo, batch int) error {
	call := "cusolverDn" + cargs.Prefix[T]() + pick[T]("syevj", "heevj") + "Batched"
	iv, err := checkArgs(call, []int{n, lda, lwork, batch}, cargs.LD("lda", lda, n))
	if err != nil {
		return err
	}
	return h.call(call, func() sym.CusolverStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CusolverDnSsyevjBatched(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float32](a), iv[1], cargs.Ptr[float32](w), cargs.Ptr[float32](work), iv[2], cargs.Ptr[int32](info), params.handle(), iv[3])
		case float64:
			return sym.CusolverDnDsyevjBatched(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Ptr[float64](a), iv[1], cargs.Ptr[float64](w), cargs.Ptr[float64](work), iv[2], cargs.Ptr[int32](info), params.handle(), iv[3])
		case complex64:
			return sym.CusolverDnCheevjBatched(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float32](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info), params.handle(), iv[3])
		}
		return sym.CusolverDnZheevjBatched(h.h, sym.CusolverEigMode_t(jobz), sym.CublasFillMode_t(uplo), iv[0], cargs.Pointer(a), iv[1], cargs.Ptr[float64](w), cargs.Pointer(work), iv[2], cargs.Ptr[int32](info), params.handle(), iv[3])
	})
}
