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
//	len, stride (i64: the indexed axis), bad (u64 *),
//	and a scatter's keys, last (u64 *) and bits (u64), described below.
//
// A thread whose index lies outside [-len, len) skips its element and
// lowers *bad to its linear position with atomicMin; the caller sets *bad
// to ~0 before the launch and reads it after.
//
// Scatters write as NumPy's loops do, the last of the elements bound for
// one place winning (the greatest linear position: the elements that meet
// differ only in their index's position). The claim kernel (ScatterClaim,
// same parameters but bad) enters each element's destination into an
// open-addressing table of 2^bits slots, keys[] (0: empty) and last[]
// (1 + the greatest position bound there), both zeroed by the caller;
// the scatter then writes only the elements that hold their slot. A
// scatter whose keys pointer is null writes every element.
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
	kind := "gather"
	if scatter {
		kind = "scatter"
	}
	entry := fmt.Sprintf("cugo_%s_%d_%dd", kind, elemSize, ndim)
	var b strings.Builder
	b.WriteString(typedefs)
	b.WriteString("struct __attribute__((aligned(16))) e16 { u64 lo, hi; };\n")
	fmt.Fprintf(&b, "struct %s_dims { i64 shape[%d]; i64 stride[3][%d]; };\n", entry, ndim, ndim)
	// locate finds element i's offsets in out, in and idx; index wraps its
	// index and reports whether it lies in the axis.
	fmt.Fprintf(&b, "static __device__ __forceinline__ void %s_locate(u64 r, const %[1]s_dims &d, i64 &qo, i64 &qi, i64 &qx) {\n  qo = 0; qi = 0; qx = 0;\n", entry)
	for dim := ndim - 1; dim >= 1; dim-- {
		fmt.Fprintf(&b, "  { const i64 c = (i64)(r %% (u64)d.shape[%[1]d]); r /= (u64)d.shape[%[1]d];"+
			" qo += c * d.stride[0][%[1]d]; qi += c * d.stride[1][%[1]d]; qx += c * d.stride[2][%[1]d]; }\n", dim)
	}
	b.WriteString("  qo += (i64)r * d.stride[0][0]; qi += (i64)r * d.stride[1][0]; qx += (i64)r * d.stride[2][0];\n}\n")
	fmt.Fprintf(&b, `static __device__ __forceinline__ bool %[1]s_index(const i64 *idx, i64 qx, i64 len, i64 &k) {
  k = idx[qx];
  if (k < 0) k += len;
  return k >= 0 && k < len;
}
`, entry)
	if !scatter {
		fmt.Fprintf(&b, `extern "C" __global__ void %[1]s(const u64 n, %[2]s *out, const %[2]s *in, const i64 *idx,
    const %[1]s_dims d, const i64 len, const i64 len_stride, u64 *bad) {
  const u64 step = (u64)gridDim.x * blockDim.x;
  for (u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
    i64 qo, qi, qx, k;
    %[1]s_locate(i, d, qo, qi, qx);
    if (!%[1]s_index(idx, qx, len, k)) { atomicMin(bad, i); continue; }
    out[qo] = in[qi + k * len_stride];
  }
}
`, entry, t)
		return &IndexedSource{Code: b.String(), Entry: entry}, nil
	}
	// A destination's key is its offset with the top bit flipped (never
	// 0, the empty slot's); its first slot, a multiplicative hash.
	fmt.Fprintf(&b, `static __device__ __forceinline__ u64 %[1]s_key(i64 q) { return (u64)q ^ 0x8000000000000000ull; }
static __device__ __forceinline__ u64 %[1]s_slot(u64 key, u64 bits) { return (key * 0x9e3779b97f4a7c15ull) >> (64 - bits); }
extern "C" __global__ void %[1]s_claim(const u64 n, %[2]s *out, const %[2]s *in, const i64 *idx,
    const %[1]s_dims d, const i64 len, const i64 len_stride, u64 *keys, u64 *last, const u64 bits) {
  const u64 step = (u64)gridDim.x * blockDim.x, mask = (1ull << bits) - 1;
  for (u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
    i64 qo, qi, qx, k;
    %[1]s_locate(i, d, qo, qi, qx);
    if (!%[1]s_index(idx, qx, len, k)) continue;
    const u64 key = %[1]s_key(qo + k * len_stride);
    for (u64 s = %[1]s_slot(key, bits);; s = (s + 1) & mask) {
      const u64 was = atomicCAS(&keys[s], 0ull, key);
      if (was == 0 || was == key) { atomicMax(&last[s], i + 1); break; }
    }
  }
}
extern "C" __global__ void %[1]s(const u64 n, %[2]s *out, const %[2]s *in, const i64 *idx,
    const %[1]s_dims d, const i64 len, const i64 len_stride, u64 *bad, const u64 *keys, const u64 *last, const u64 bits) {
  const u64 step = (u64)gridDim.x * blockDim.x, mask = (1ull << bits) - 1;
  for (u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
    i64 qo, qi, qx, k;
    %[1]s_locate(i, d, qo, qi, qx);
    if (!%[1]s_index(idx, qx, len, k)) { atomicMin(bad, i); continue; }
    const i64 q = qo + k * len_stride;
    if (keys) {
      const u64 key = %[1]s_key(q);
      u64 s = %[1]s_slot(key, bits);
      while (keys[s] != key) s = (s + 1) & mask;
      if (last[s] != i + 1) continue; // a later element writes here
    }
    out[q] = in[qi];
  }
}
`, entry, t)
	return &IndexedSource{Code: b.String(), Entry: entry}, nil
}

// ScatterClaim is the name of the claim kernel beside a scatter kernel
// named entry.
func ScatterClaim(entry string) string { return entry + "_claim" }

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
