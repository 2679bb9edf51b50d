package cgen

import (
	"fmt"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// Histogram kernels: one pass over the data that bins each element and
// counts it, fused, so that np.histogram costs one read of its input.
// An element's bin is found as NumPy finds it: for equal bins computed
// from the element's place in the range, then moved where the edges
// themselves disagree (rounding); for other edges by binary search. Bin
// i holds edges[i] <= x < edges[i+1], the last bin also its right edge;
// NaN and elements outside the edges are skipped. Each block reads the
// edges once into shared memory (where they fit) and its share of the
// data 16 bytes a thread at a time, counts in shared memory, as the
// bincount kernels do, spread over copies by lane where the bins leave
// room (lanes of a warp meeting the same bin add to different words),
// and adds its nonzero bins to the output with one atomic each.
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

// histogramSharedEdges is the most edges a block keeps in shared memory.
const histogramSharedEdges = 1025

// RenderHistogram renders both histogram kernels for elements of d in one
// module: integers, float32 and float64 (the caller widens bool and the
// 16-bit floats, which compares them the same), with up to copies (1 to
// 32) copies of the bins a block, by lane, as many as shared memory holds.
func RenderHistogram(d dtype.DType, copies int) (string, error) {
	if c := classOf(d); c != classSigned && c != classUnsigned && d != dtype.Float32 && d != dtype.Float64 {
		return "", fmt.Errorf("cgen: no histogram of %v elements", d)
	}
	if copies < 1 || copies > 32 {
		return "", fmt.Errorf("cgen: histogram: %d copies of the bins (want 1 to 32)", copies)
	}
	var b strings.Builder
	b.WriteString(typedefs)
	fmt.Fprintf(&b, `typedef %[1]s T;
#define VEC %[2]d // elements in 16 bytes
#define EDGES %[3]d // edges in shared memory
struct __align__(16) cugo_histogram_vec { T e[VEC]; };
// the bin of v, or -1 where v is NaN or outside the edges; scale is
// bins / (edges[bins] - edges[0])
__device__ __forceinline__ i64 cugo_histogram_bin(const double v, const double *edges, const u64 bins, const u64 uniform, const double scale) {
  if (!(v >= edges[0] && v <= edges[bins])) return -1;
  if (uniform) {
    const double f = (v - edges[0]) * scale;
    i64 k = f < (double)bins ? (i64)f : (i64)bins - 1;
    while (k > 0 && v < edges[k]) k--;
    while (k < (i64)bins - 1 && v >= edges[k + 1]) k++;
    return k;
  }
  u64 below = 0, above = bins; // edges[below] <= v; the answer is below above
  while (above - below > 1) {
    const u64 mid = below + (above - below) / 2;
    if (edges[mid] <= v) below = mid; else above = mid;
  }
  return (i64)below;
}
// counts amount into v's bin: into the block's copy of the bins, or
// straight into out where the bins do not fit shared memory
template <typename L, typename G>
__device__ __forceinline__ void cugo_histogram_add(const double v, const double *edges, const u64 bins, const u64 uniform, const double scale, L *local, const u32 slot, const u32 copies, G *out, const L amount) {
  const i64 k = cugo_histogram_bin(v, edges, bins, uniform, scale);
  if (k < 0) return;
  if (local) atomicAdd(&local[k * copies + slot], amount);
  else atomicAdd(&out[k], (G)amount);
}
// zeroes the output ahead of the counting kernel, on the stream
extern "C" __global__ void %[4]s(const u64 bins, u64 *out) {
  for (u64 k = (u64)blockIdx.x * blockDim.x + threadIdx.x; k < bins; k += (u64)gridDim.x * blockDim.x) out[k] = 0;
}
`, storage(d), 16/d.Size(), histogramSharedEdges, HistogramZeroEntry(d))
	for _, weighted := range []bool{false, true} {
		local, global, param := "u32", "u64", ""
		amount := func(i string) string { return "1u" }
		if weighted {
			local, global, param = "double", "double", "const double *weights, "
			amount = func(i string) string { return "weights[" + i + "]" }
		}
		fmt.Fprintf(&b, `extern "C" __global__ void %[1]s(const u64 n, const T *x, %[4]sconst double *edges, const u64 bins, const u64 uniform, %[3]s *out) {
  __shared__ %[2]s local[%[6]d];
  __shared__ double shared_edges[EDGES];
  if (bins < EDGES) {
    for (u32 k = threadIdx.x; k <= bins; k += blockDim.x) shared_edges[k] = edges[k];
    edges = shared_edges;
  }
  %[2]s *counts = bins > %[6]d ? 0 : local; // else straight into out
  const u32 copies = bins * %[7]d <= %[6]d ? %[7]d : 1, slot = threadIdx.x %% copies;
  if (counts) {
    for (u32 k = threadIdx.x; k < bins * copies; k += blockDim.x) local[k] = 0;
  }
  __syncthreads(); // edges and bins ready
  const double scale = (double)bins / (edges[bins] - edges[0]);
  // the elements from the first 16-byte boundary on, 16 bytes a thread at a time
  const u64 skip = (16 - (u64)x %% 16) %% 16 / sizeof(T), head = skip < n ? skip : n;
  const u64 vecs = (n - head) / VEC, tail = head + vecs * VEC;
  const cugo_histogram_vec *xv = (const cugo_histogram_vec *)(x + head);
  const u64 step = (u64)gridDim.x * blockDim.x, first = (u64)blockIdx.x * blockDim.x + threadIdx.x;
  for (u64 i = first; i < vecs; i += step) {
    const cugo_histogram_vec v = xv[i];
#pragma unroll
    for (u32 e = 0; e < VEC; e++) cugo_histogram_add((double)v.e[e], edges, bins, uniform, scale, counts, slot, copies, out, %[8]s);
  }
  if (blockIdx.x == 0) { // before the boundary and after the last 16 bytes
    for (u64 i = threadIdx.x; i < head; i += blockDim.x) cugo_histogram_add((double)x[i], edges, bins, uniform, scale, counts, slot, copies, out, %[5]s);
    for (u64 i = tail + threadIdx.x; i < n; i += blockDim.x) cugo_histogram_add((double)x[i], edges, bins, uniform, scale, counts, slot, copies, out, %[5]s);
  }
  if (!counts) return;
  __syncthreads();
  for (u32 k = threadIdx.x; k < bins; k += blockDim.x) {
    %[2]s sum = 0;
    for (u32 c = 0; c < copies; c++) sum += local[k * copies + c];
    if (sum != 0) atomicAdd(&out[k], (%[3]s)sum);
  }
}
`, HistogramEntry(d, weighted), local, global, param, amount("i"), BincountSharedBins, copies, amount("head + i * VEC + e"))
	}
	return b.String(), nil
}
