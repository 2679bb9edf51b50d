package cgen

import (
	"fmt"
	"strings"
)

// Indexed kernels: gather, scatter and stream compaction. They move
// element bits, so one kernel per element size serves every dtype, and
// index in 64 bits: these ops wait on memory, not on arithmetic. Gather
// and scatter are the same C for both vendors; the compaction's warp
// ballots are rendered for the vendor and the device's warp width.
//
// Gather and scatter kernels take, in order, each 8-byte aligned:
//
//	n (u64), out, in, idx (pointers to each operand's element (0, ..., 0)),
//	a struct of i64 shape[NDim] and stride[3][NDim] (out, in, idx),
//	len, stride (i64: the indexed axis), bad (u64 *).
//
// A thread whose index lies outside [-len, len) skips its element and
// lowers *bad to its linear position with atomicMin; the caller sets *bad
// to ~0 before the launch and reads it after.
//
// Compaction is two kernels over a mask of n bytes cut into chunks of
// chunk bytes, one block of 256 threads a chunk: CompactCount writes each
// chunk's count of nonzero bytes to counts[block] (u64); the caller turns
// the counts into exclusive prefix sums; CompactWrite then writes the
// positions of each chunk's nonzero bytes, in order, from out[offsets[block]].
// Parameters: n, mask, chunk, counts (count) or n, mask, chunk, offsets,
// out (write), each in an 8-byte slot.

// IndexedSource is a rendered indexed kernel.
type IndexedSource struct {
	Code  string
	Entry string
}

// indexedTypes are the C types that carry an element of each size.
var indexedTypes = map[int]string{1: "u8", 2: "u16", 4: "u32", 8: "u64", 16: "e16"}

// RenderGather renders the gather (scatter false) or scatter kernel for
// elements of elemSize bytes (1, 2, 4, 8 or 16) over ndim dimensions.
func RenderGather(elemSize, ndim int, scatter bool) (*IndexedSource, error) {
	t, ok := indexedTypes[elemSize]
	if !ok {
		return nil, fmt.Errorf("cgen: gather: no %d-byte element type", elemSize)
	}
	if ndim < 1 || ndim > maxNDim {
		return nil, fmt.Errorf("cgen: gather: %d dimensions (want 1..%d)", ndim, maxNDim)
	}
	kind, move := "gather", "out[qo] = in[qi + k * len_stride];"
	if scatter {
		kind, move = "scatter", "out[qo + k * len_stride] = in[qi];"
	}
	entry := fmt.Sprintf("cugo_%s_%d_%dd", kind, elemSize, ndim)
	var b strings.Builder
	b.WriteString(typedefs)
	b.WriteString("struct __attribute__((aligned(16))) e16 { u64 lo, hi; };\n")
	fmt.Fprintf(&b, "struct %s_dims { i64 shape[%d]; i64 stride[3][%d]; };\n", entry, ndim, ndim)
	fmt.Fprintf(&b, `extern "C" __global__ void %[1]s(const u64 n, %[2]s *out, const %[2]s *in, const i64 *idx,
    const %[1]s_dims d, const i64 len, const i64 len_stride, u64 *bad) {
  const u64 step = (u64)gridDim.x * blockDim.x;
  for (u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
    u64 r = i;
    i64 qo = 0, qi = 0, qx = 0;
`, entry, t)
	for dim := ndim - 1; dim >= 1; dim-- {
		fmt.Fprintf(&b, "    { const i64 c = (i64)(r %% (u64)d.shape[%[1]d]); r /= (u64)d.shape[%[1]d];"+
			" qo += c * d.stride[0][%[1]d]; qi += c * d.stride[1][%[1]d]; qx += c * d.stride[2][%[1]d]; }\n", dim)
	}
	fmt.Fprintf(&b, `    qo += (i64)r * d.stride[0][0]; qi += (i64)r * d.stride[1][0]; qx += (i64)r * d.stride[2][0];
    i64 k = idx[qx];
    if (k < 0) k += len;
    if (k < 0 || k >= len) { atomicMin(bad, i); continue; }
    %s
  }
}
`, move)
	return &IndexedSource{Code: b.String(), Entry: entry}, nil
}

// Compaction kernel names; both live in the source of RenderCompact.
const (
	CompactCount = "cugo_compact_count"
	CompactWrite = "cugo_compact_write"
)

// CompactBlock is the block size the compaction kernels are written for.
const CompactBlock = 256

// RenderCompact renders the two compaction kernels (one translation unit)
// for vendor v and warps of warp lanes (0: the vendor's usual width).
func RenderCompact(v Vendor, warp int) (string, error) {
	w, err := warpWidth(v, warp)
	if err != nil {
		return "", fmt.Errorf("cgen: compact: %w", err)
	}
	// CUDA's ballot is a 32-bit mask; HIP's is 64 bits at either width.
	vote, ballot, popc, one := "unsigned", "__ballot_sync(0xffffffffu, f)", "__popc", "1u"
	if v == HIP {
		vote, ballot, popc, one = "u64", "__ballot(f)", "__popcll", "1ull"
	}
	return typedefs + warpGuard(v, w, CompactWrite) + fmt.Sprintf(`extern "C" __global__ void cugo_compact_count(const u64 n, const u8 *mask, const u64 chunk, u64 *counts) {
  __shared__ u64 part[256];
  const u64 lo = (u64)blockIdx.x * chunk;
  const u64 hi = lo + chunk < n ? lo + chunk : n;
  u64 c = 0;
  for (u64 i = lo + threadIdx.x; i < hi; i += blockDim.x) c += mask[i] != 0;
  part[threadIdx.x] = c;
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0) counts[blockIdx.x] = part[0];
}
extern "C" __global__ void cugo_compact_write(const u64 n, const u8 *mask, const u64 chunk, const u64 *offsets, i64 *out) {
  __shared__ u32 warps[%[1]d];
  const u64 lo = (u64)blockIdx.x * chunk;
  const u64 hi = lo + chunk < n ? lo + chunk : n;
  const unsigned lane = threadIdx.x %% %[2]d, warp = threadIdx.x / %[2]d, nwarps = blockDim.x / %[2]d;
  u64 base = offsets[blockIdx.x];
  for (u64 t = lo; t < hi; t += blockDim.x) {
    const u64 i = t + threadIdx.x;
    const bool f = i < hi && mask[i] != 0;
    const %[3]s vote = %[4]s;
    if (lane == 0) warps[warp] = %[5]s(vote);
    __syncthreads();
    u32 before = 0, total = 0;
    for (unsigned w = 0; w < nwarps; w++) {
      const u32 c = warps[w];
      if (w < warp) before += c;
      total += c;
    }
    if (f) out[base + before + %[5]s(vote & ((%[6]s << lane) - %[6]s))] = (i64)i;
    base += total;
    __syncthreads();
  }
}
`, CompactBlock/w, w, vote, ballot, popc, one), nil
}
