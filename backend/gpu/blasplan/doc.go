// Package blasplan turns a product of row-major, strided matrices into one
// column-major GEMM call of a GPU BLAS library (cuBLAS, hipBLAS), for the
// GPU backend; the vendor adapters in backend/cuda and backend/hip run the
// plan through their bindings.
//
// BLAS libraries are column-major; our arrays are row-major. A row-major
// matrix X with row stride ld is, read column-major, X^T with leading
// dimension ld, so C = A·B is computed as C^T = B^T·A^T without moving data.
// A transposed view (row stride 1) is a column-major matrix as it is, which a
// transpose flag expresses. Layouts that are neither (no unit stride, a
// negative or broadcast stride within a matrix) need a contiguous copy first.
package blasplan
