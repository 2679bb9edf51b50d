package cgen

import (
	"fmt"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// Histogram kernels: one pass over the data that bins each element and
// counts it, fused, so that np.histogram costs one read of its input.
// An element's bin is found as NumPy finds it: for equal bins computed
// from the element's place in the range, then moved by one where the
// edges themselves disagree (rounding); for other edges by binary
// search. Bin i holds edges[i] <= x < edges[i+1], the last bin also its
// right edge; NaN and elements outside the edges are skipped. Counts
// gather per block in shared memory, as the bincount kernels do, and
// each block adds its nonzero bins to the output with one atomic each.
//
// Parameters of the counting kernels, each in an 8-byte slot: n, x (T *), weights (double *,
// weighted kernels only), edges (double *, bins+1), bins, uniform (u64:
// nonzero for equal bins), out (u64 * or double *), zeroed by
// the zeroing kernel (bins, out) of the same module.

// HistogramEntry is the name of the counting (weighted false) or summing
// kernel for elements of d.
func HistogramEntry(d dtype.DType, weighted bool) string {
	if weighted {
		return "cugo_histogram_weighted_" + d.String()
	}
	return "cugo_histogram_" + d.String()
}

// HistogramZeroEntry is the name of the kernel that zeroes the output of
// the histogram of elements of d (u64 or double alike: zero bits).
func HistogramZeroEntry(d dtype.DType) string { return "cugo_histogram_zero_" + d.String() }

// RenderHistogram renders both histogram kernels for elements of d in one
// module: integers, float32 and float64 (the caller widens bool and the
// 16-bit floats, which compares them the same).
func RenderHistogram(d dtype.DType) (string, error) {
	if c := classOf(d); c != classSigned && c != classUnsigned && d != dtype.Float32 && d != dtype.Float64 {
		return "", fmt.Errorf("cgen: no histogram of %v elements", d)
	}
	var b strings.Builder
	b.WriteString(typedefs)
	b.WriteString(`// the bin of v, or -1 where v is NaN or outside the edges
__device__ __forceinline__ i64 cugo_histogram_bin(const double v, const double *edges, const u64 bins, const u64 uniform) {
  const double lo = edges[0], hi = edges[bins];
  if (!(v >= lo && v <= hi)) return -1;
  if (uniform) {
    i64 k = (i64)((v - lo) / (hi - lo) * (double)bins);
    if (k >= (i64)bins) k = (i64)bins - 1;
    if (k < 0) k = 0;
    if (v < edges[k]) k--;
    else if (k != (i64)bins - 1 && v >= edges[k + 1]) k++;
    return k;
  }
  u64 below = 0, above = bins; // edges[below] <= v; the answer is below above
  while (above - below > 1) {
    const u64 mid = below + (above - below) / 2;
    if (edges[mid] <= v) below = mid; else above = mid;
  }
  return (i64)below;
}
`)
	fmt.Fprintf(&b, `// zeroes the output ahead of the counting kernel, on the stream
extern "C" __global__ void %s(const u64 bins, u64 *out) {
  for (u64 k = (u64)blockIdx.x * blockDim.x + threadIdx.x; k < bins; k += (u64)gridDim.x * blockDim.x) out[k] = 0;
}
`, HistogramZeroEntry(d))
	for _, weighted := range []bool{false, true} {
		local, global, param, one := "u32", "u64", "", "1u"
		if weighted {
			local, global, param, one = "double", "double", "const double *weights, ", "weights[i]"
		}
		fmt.Fprintf(&b, `extern "C" __global__ void %[1]s(const u64 n, const %[7]s *x, %[4]sconst double *edges, const u64 bins, const u64 uniform, %[3]s *out) {
  __shared__ %[2]s local[%[6]d];
  const u64 step = (u64)gridDim.x * blockDim.x;
  const u64 first = (u64)blockIdx.x * blockDim.x + threadIdx.x;
  if (bins > %[6]d) {
    for (u64 i = first; i < n; i += step) {
      const i64 k = cugo_histogram_bin((double)x[i], edges, bins, uniform);
      if (k >= 0) atomicAdd(&out[k], (%[3]s)%[5]s);
    }
    return;
  }
  for (u32 k = threadIdx.x; k < bins; k += blockDim.x) local[k] = 0;
  __syncthreads();
  for (u64 i = first; i < n; i += step) {
    const i64 k = cugo_histogram_bin((double)x[i], edges, bins, uniform);
    if (k >= 0) atomicAdd(&local[k], %[5]s);
  }
  __syncthreads();
  for (u32 k = threadIdx.x; k < bins; k += blockDim.x) {
    if (local[k] != 0) atomicAdd(&out[k], (%[3]s)local[k]);
  }
}
`, HistogramEntry(d, weighted), local, global, param, one, BincountSharedBins, storage(d))
	}
	return b.String(), nil
}
