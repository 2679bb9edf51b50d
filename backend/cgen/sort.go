package cgen

import (
	"fmt"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// The radix sort: rows of n contiguous elements sorted stably, each
// element's bits mapped to an unsigned key whose order is NumPy's (the
// map of cpu.SortKey: signed integers flip the sign bit, floats flip the
// sign bit or every bit, -0.0 takes +0.0's key, every NaN the largest).
// Values are the elements' flat positions, so the sorted elements are
// read back from the input at the end with their bits unchanged.
//
// Short rows (n <= SortBlockTile) take the block-local path: one block
// sorts a tile of whole rows in shared memory with a bitonic network
// ordered by (row, key, position), which is stable and sorts many short
// rows in one launch.
//
// Long rows take the least-significant-digit path over the whole flat
// array, 8 bits a pass: first the key's digits, then the row number's
// (row = position / n), so that rows end up sorted and in place however
// many there are. Each pass is three launches: SortCount builds each
// tile's digit histogram (and adds it to the pass's totals); SortScan,
// one block per digit, turns the histograms, digit-major, into each
// tile's first output position per digit; SortScatter ranks a tile's
// elements stably (warp ballots on the digit's bits find a lane's peers,
// per-warp counts order the warps) and scatters them.
//
// Kernel parameters, each in an 8-byte slot:
//
//	SortKeys     n, in, keys, vals
//	SortCount    n, keys, vals, shift, rowLen (0: a key pass), counts, totals
//	SortScan     tiles, counts, totals
//	SortScatter  n, keys, vals, shift, rowLen, counts, keys2, vals2
//	SortFinish   n, rowLen, in, vals, out (0: none), idx (0: none)
//	SortBlock<T> rows, rowLen, rowsPerTile, in, out (0: none), idx (0: none)
//
// counts holds 256 x tiles entries, totals 256; both and vals are u32
// where the element count is below 2^32 (index64 false), else u64.

// Sort kernel names; all live in the module RenderSort renders.
const (
	SortKeys    = "cugo_sort_keys"
	SortCount   = "cugo_sort_count"
	SortScan    = "cugo_sort_scan"
	SortScatter = "cugo_sort_scatter"
	SortFinish  = "cugo_sort_finish"
)

// SortBlockEntry is the name of the block-local sort of tiles of tile
// elements, one of SortBlockTiles.
func SortBlockEntry(tile int) string { return fmt.Sprintf("cugo_sort_block_%d", tile) }

// SortBlockTiles are the tile sizes of the block-local kernels; the last
// is SortBlockTile, the longest row that takes that path.
var SortBlockTiles = []int{256, 512, 1024, 2048}

const (
	SortBlockTile = 2048
	SortThreads   = 256 // threads of every sort kernel's block
	SortItems     = 16  // elements per thread of a radix pass's tile
	SortTile      = SortThreads * SortItems
)

// SortKeyBytes returns the width in bytes of the sort key of dt, which is
// the number of key passes of the radix path.
func SortKeyBytes(dt dtype.DType) int { return dt.Size() }

// RenderSort renders the sort module for elements of dt (bool, integers,
// real floats), flat indices of 64 bits or 32, for vendor v and warps of
// warp lanes (0: the vendor's usual width).
func RenderSort(dt dtype.DType, index64 bool, v Vendor, warp int) (string, error) {
	if k := dt.Kind(); k < dtype.BoolKind || k > dtype.FloatKind {
		return "", fmt.Errorf("cgen: sort: cannot sort %v", dt)
	}
	w, err := warpWidth(v, warp)
	if err != nil {
		return "", fmt.Errorf("cgen: sort: %w", err)
	}
	size := dt.Size()
	t, k, idx := indexedTypes[size], "u32", "u32"
	if size == 8 {
		k = "u64"
	}
	if index64 {
		idx = "u64"
	}
	vote, ballot, popc, ffs, one := "unsigned", "__ballot_sync(0xffffffffu, %s)", "__popc", "__ffs((int)%s)", "1u"
	if v == HIP {
		vote, ballot, popc, ffs, one = "u64", "__ballot(%s)", "__popcll", "__ffsll((unsigned long long)%s)", "1ull"
	}
	var b strings.Builder
	b.WriteString(typedefs)
	b.WriteString(warpGuard(v, w, SortScatter))
	fmt.Fprintf(&b, "typedef %s T;\ntypedef %s K;\ntypedef %s X;\n", t, k, idx)
	b.WriteString(sortKeyFunc(dt))
	fmt.Fprintf(&b, `#define KMAX ((K)~(K)0)
#define THREADS %[1]d
#define ITEMS %[2]d
#define WARP %[3]d
#define NWARPS (THREADS / WARP)
__device__ __forceinline__ u32 digit_of(const K key, const X val, const u32 shift, const u64 row_len) {
  const u64 v = row_len ? (u64)val / row_len : (u64)key;
  return (u32)(v >> shift) & 255u;
}
extern "C" __global__ void cugo_sort_keys(const u64 n, const T *in, K *keys, X *vals) {
  for (u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (u64)gridDim.x * blockDim.x) {
    keys[i] = sort_key(in[i]);
    vals[i] = (X)i;
  }
}
extern "C" __global__ void cugo_sort_count(const u64 n, const K *keys, const X *vals, const u64 shift, const u64 row_len,
    X *counts, X *totals) {
  __shared__ u32 hist[256];
  const u64 tiles = (n + THREADS * ITEMS - 1) / (THREADS * ITEMS);
  hist[threadIdx.x] = 0;
  __syncthreads();
  const u64 lo = (u64)blockIdx.x * THREADS * ITEMS;
  for (u32 r = 0; r < ITEMS; r++) {
    const u64 i = lo + (u64)r * THREADS + threadIdx.x;
    if (i < n) atomicAdd(&hist[digit_of(keys[i], vals[i], (u32)shift, row_len)], 1u);
  }
  __syncthreads();
  const u32 c = hist[threadIdx.x];
  counts[(u64)threadIdx.x * tiles + blockIdx.x] = (X)c;
  if (c) atomicAdd(&totals[threadIdx.x], (X)c);
}
extern "C" __global__ void cugo_sort_scan(const u64 tiles, X *counts, const X *totals) {
  __shared__ X part[THREADS];
  __shared__ X carry;
  const u32 d = blockIdx.x, t = threadIdx.x;
  if (t == 0) {
    X base = 0;
    for (u32 e = 0; e < d; e++) base += totals[e];
    carry = base;
  }
  X *row = counts + (u64)d * tiles;
  for (u64 c = 0; c < tiles; c += THREADS) {
    const X v = c + t < tiles ? row[c + t] : (X)0;
    part[t] = v;
    __syncthreads();
    for (u32 s = 1; s < THREADS; s <<= 1) {
      const X add = t >= s ? part[t - s] : (X)0;
      __syncthreads();
      part[t] += add;
      __syncthreads();
    }
    if (c + t < tiles) row[c + t] = carry + part[t] - v;
    __syncthreads();
    if (t == THREADS - 1) carry += part[t];
    __syncthreads();
  }
}
extern "C" __global__ void cugo_sort_scatter(const u64 n, const K *keys, const X *vals, const u64 shift, const u64 row_len,
    const X *offsets, K *keys2, X *vals2) {
  __shared__ X base[256];
  __shared__ X warp_pos[NWARPS][256];
  const u64 tiles = (n + THREADS * ITEMS - 1) / (THREADS * ITEMS);
  const u32 t = threadIdx.x, lane = t %% WARP, warp = t / WARP;
  base[t] = offsets[(u64)t * tiles + blockIdx.x];
  const u64 lo = (u64)blockIdx.x * THREADS * ITEMS;
  for (u32 r = 0; r < ITEMS; r++) {
    const u64 i = lo + (u64)r * THREADS + t;
    const bool valid = i < n;
    K key = 0;
    X val = 0;
    u32 d = 0;
    if (valid) {
      key = keys[i];
      val = vals[i];
      d = digit_of(key, val, (u32)shift, row_len);
    }
    for (u32 w = 0; w < NWARPS; w++) warp_pos[w][t] = 0;
    __syncthreads();
    // The lanes holding the same digit: a ballot per bit of the digit.
    %[4]s peers = %[5]s;
    for (u32 bit = 0; bit < 8; bit++) {
      const %[4]s set = %[6]s;
      peers &= (d >> bit) & 1u ? set : ~set;
    }
    const u32 below = %[7]s(peers & ((%[8]s << lane) - %[8]s));
    if (valid && lane == (u32)%[9]s - 1u) warp_pos[warp][d] = (X)%[7]s(peers);
    __syncthreads();
    {
      X run = base[t];
      for (u32 w = 0; w < NWARPS; w++) {
        const X c = warp_pos[w][t];
        warp_pos[w][t] = run;
        run += c;
      }
      base[t] = run;
    }
    __syncthreads();
    if (valid) {
      const X pos = warp_pos[warp][d] + (X)below;
      keys2[pos] = key;
      vals2[pos] = val;
    }
    __syncthreads();
  }
}
extern "C" __global__ void cugo_sort_finish(const u64 n, const u64 row_len, const T *in, const X *vals, T *out, i64 *idx) {
  for (u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (u64)gridDim.x * blockDim.x) {
    const X v = vals[i];
    if (out) out[i] = in[v];
    if (idx) idx[i] = (i64)((u64)v %% row_len);
  }
}
`, SortThreads, SortItems, w, vote, fmt.Sprintf(ballot, "valid"), fmt.Sprintf(ballot, "(d >> bit) & 1u"), popc, one, fmt.Sprintf(ffs, "peers"))
	for _, tile := range SortBlockTiles {
		fmt.Fprintf(&b, `extern "C" __global__ void %[1]s(const u64 rows, const u64 row_len, const u64 rows_per_tile,
    const T *in, T *out, i64 *idx) {
  __shared__ K sk[%[2]d];
  __shared__ u32 sp[%[2]d];
  const u32 n = (u32)row_len;
  const u64 first = (u64)blockIdx.x * rows_per_tile;
  const u64 tile_rows = rows - first < rows_per_tile ? rows - first : rows_per_tile;
  const u32 count = (u32)(tile_rows * row_len);
  const u64 base = first * row_len;
  for (u32 i = threadIdx.x; i < %[2]d; i += THREADS) {
    sk[i] = i < count ? sort_key(in[base + i]) : KMAX;
    sp[i] = i;
  }
  __syncthreads();
  // A bitonic network over (row, key, position): distinct, so stable.
  for (u32 k = 2; k <= %[2]d; k <<= 1) {
    for (u32 j = k >> 1; j > 0; j >>= 1) {
      for (u32 i = threadIdx.x; i < %[2]d; i += THREADS) {
        const u32 l = i ^ j;
        if (l <= i) continue;
        const u32 pi = sp[i], pl = sp[l], ri = pi / n, rl = pl / n;
        const K ki = sk[i], kl = sk[l];
        const bool l_first = rl < ri || (rl == ri && (kl < ki || (kl == ki && pl < pi)));
        if (l_first == ((i & k) == 0)) {
          sk[i] = kl; sk[l] = ki;
          sp[i] = pl; sp[l] = pi;
        }
      }
      __syncthreads();
    }
  }
  for (u32 i = threadIdx.x; i < count; i += THREADS) {
    const u32 p = sp[i];
    if (out) out[base + i] = in[base + p];
    if (idx) idx[base + i] = (i64)(p %% n);
  }
}
`, SortBlockEntry(tile), tile)
	}
	return b.String(), nil
}

// sortKeyFunc renders sort_key, the order-preserving map from an
// element's bits (T) to its key (K).
func sortKeyFunc(dt dtype.DType) string {
	bits := dt.Size() * 8
	sign := fmt.Sprintf("((T)1 << %d)", bits-1)
	mask := "((K)(T)~(T)0)"
	body := "return (K)x;"
	switch dt.Kind() {
	case dtype.IntKind:
		body = fmt.Sprintf("return (K)(T)(x ^ %s);", sign)
	case dtype.FloatKind:
		inf := map[dtype.DType]string{dtype.Float16: "0x7c00", dtype.BFloat16: "0x7f80",
			dtype.Float32: "0x7f800000u", dtype.Float64: "0x7ff0000000000000ull"}[dt]
		body = fmt.Sprintf(`const T mag = (T)(x & (T)~%[1]s);
  if (mag > (T)%[2]s) return %[3]s;
  if (mag == 0) return (K)%[1]s;
  return (x & %[1]s) ? (K)(T)~x : (K)(T)(x | %[1]s);`, sign, inf, mask)
	}
	return fmt.Sprintf("__device__ __forceinline__ K sort_key(const T x) {\n  %s\n}\n", body)
}
