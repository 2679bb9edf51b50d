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
// many there are. SortHist counts every pass's digits in one read of the
// input (and the elements whose key loses bits: -0.0, NaN other than the
// canonical one), so that the host skips the passes whose digit is
// constant and, where no key lost bits, reads the sorted elements back
// from their keys. Each pass is then one launch of SortPass, onesweep
// style, in CUB's order: a block takes the next tile from an atomic
// counter (so that a tile waits only on tiles whose blocks already run),
// counts its digits in a histogram per warp, publishes the tile's
// per-digit counts, scans them into each warp's first place for each
// digit, ranks its keys stably straight into those places (warp ballots
// on the digit's bits find a lane's peers; the lowest peer advances the
// warp's place), staging them in shared memory in digit order, and
// finds its output positions by decoupled look-back over the status
// words of the tiles before it, each word holding the pass's epoch, a
// flag (the tile's own count, or the inclusive prefix) and the count.
// The staged tile is then written out, so that runs of equal digits are
// written together.
//
// Kernel parameters, each in an 8-byte slot:
//
//	SortHist     n, in, rowLen, rowPasses, hist, status, statusWords, hostPlan (0: none)
//	SortPass     n, in (0: read keys, vals), keys, vals, shift, rowLen, rowPass, hist, status,
//	             counter, epoch, keys2, vals2, out, idx (each output 0: none;
//	             SortPassKeys: vals, vals2 and idx unused), plan, abortAny, abortAll
//	SortFinish   n, rowLen, in, vals, out (0: none), idx (0: none)
//	SortBlock<T> rows, rowLen, rowsPerTile, in, out (0: none), idx (0: none)
//
// hist holds 256 u64 counts per pass, then the count of keys that lose
// bits, SortHist's count of finished blocks and the plan word; status
// tiles x 256 u64 words and then the tile counters of the passes; vals
// are u32 where the element count is below 2^32 (index64 false), else
// u64. The row digits' counts follow from the row length and the
// element count alone, so SortHist writes them without reading.
//
// The last block of SortHist writes the plan word (SortPlanValid, bit p
// where pass p's digit is the same for every element, SortPlanLossy
// where a key lost its element's bits) into hist and, where hostPlan is
// not 0, into that word of the host's pinned memory, so that the host
// learns the plan without a copy queued behind the passes. A pass whose
// abortAny or abortAll is not 0 was launched before the plan was known:
// it returns at once where plan & abortAny is not 0 or plan holds every
// bit of abortAll (not 0).

// Sort kernel names; all live in the module RenderSort renders.
const (
	SortHist = "cugo_sort_hist"
	SortPass = "cugo_sort_pass"
	// SortPassKeys is SortPass for keys without positions.
	SortPassKeys = "cugo_sort_pass_keys"
	SortFinish   = "cugo_sort_finish"
)

// Bits of the plan word.
const (
	SortPlanValid = 1 << 62
	SortPlanLossy = 1 << 63
)

// SortBlockEntry is the name of the block-local sort of tiles of tile
// elements, one of SortBlockTiles.
func SortBlockEntry(tile int) string { return fmt.Sprintf("cugo_sort_block_%d", tile) }

// SortBlockTiles are the tile sizes of the block-local kernels; the last
// is SortBlockTile, the longest row that takes that path.
var SortBlockTiles = []int{256, 512, 1024, 2048}

const (
	SortBlockTile = 2048
	// SortThreads is the block of every sort kernel but the passes: one
	// thread a digit.
	SortThreads = 256
)

// SortShape is the radix sort's tuning.
type SortShape struct {
	// HistCopies is the number of privatised histograms in a block of
	// SortHist: lane l counts into copy l % HistCopies, so that lanes of
	// one digit (the few exponents of floats of one range) spread their
	// shared-memory atomics over copies and banks.
	HistCopies int
	// HistItems is the number of elements a thread of SortHist counts
	// (before the grid's cap): fewer blocks, fewer global atomics.
	HistItems int
	// Items is the number of keys a thread of SortPass ranks.
	Items int
	// KeyItems is the number of keys a thread of SortPassKeys ranks (0:
	// Items): with no positions to hold, a thread holds more keys.
	KeyItems int
	// MinBlocks is the number of blocks of SortPass a multiprocessor is
	// to hold (CUDA's __launch_bounds__, which caps the registers a
	// thread; 0: no bound; HIP: none).
	MinBlocks int
	// KeyMinBlocks is MinBlocks for SortPassKeys (0: MinBlocks): keys
	// alone need fewer registers, so more blocks fit.
	KeyMinBlocks int
	// Lookback is the number of earlier tiles' status words a thread of
	// SortPass loads at once in the look-back (0: 8).
	Lookback int
	// Threads is the block of SortPass (0: SortThreads; a multiple of 64
	// from 256 to 1024): the first 256 threads own a digit each in the
	// scan and the look-back, all of them rank.
	Threads int
	// KeyThreads is Threads for SortPassKeys (0: Threads).
	KeyThreads int
}

// DefaultSortShape is the shape SortRows uses, the fastest of those
// measured (docs/PERFORMANCE.md): 4 status words at once hold fewer
// registers in the look-back than 8; keys alone go 24 a thread (fewer
// tiles to look back over) in blocks of 256, 4 a multiprocessor; keys
// with positions 16 a thread in blocks of 384, 2 a multiprocessor
// (argsort_f32_16M 695-709 µs against 738-752 in blocks of 256 on an
// H100; blocks of 384 did not speed up keys alone).
var DefaultSortShape = SortShape{HistCopies: 8, HistItems: 64, Items: 16, KeyItems: 24, MinBlocks: 2, KeyMinBlocks: 4, Lookback: 4,
	Threads: 384, KeyThreads: 256}

// sortPassBytes is the static shared memory of a block of SortPass
// (within the 48 KiB a block gets without opting in): the stage its
// tile's keys or positions (one after the other) and their digits go
// through, and 1 KiB of warp counts for each 32 threads.
const sortPassBytes = 42 << 10

// stageBytes is the shared memory the stage of a pass of threads has.
func stageBytes(threads int) int { return sortPassBytes - 32*threads }

// sortHistBytes is the shared memory of SortHist's copies.
const sortHistBytes = 40 << 10

// Fit returns s with each count within what a block of the sort of keys
// of dt and 64- or 32-bit positions holds in shared memory, and at least 1.
func (s SortShape) Fit(dt dtype.DType, index64 bool) SortShape {
	// Keys are held in 32 bits, or 64 for 8-byte elements; a slot of the
	// stage holds a key or a position.
	key, slot := 4, 4
	if dt.Size() == 8 {
		key = 8
	}
	if key == 8 || index64 {
		slot = 8
	}
	threads := func(t int) int { return max(SortThreads, min(1024, t/64*64)) }
	s.Threads = threads(s.Threads)
	if s.KeyThreads <= 0 {
		s.KeyThreads = s.Threads
	}
	s.KeyThreads = threads(s.KeyThreads)
	s.Items = max(1, min(s.Items, stageBytes(s.Threads)/(s.Threads*(slot+1))))
	if s.KeyItems <= 0 {
		s.KeyItems = s.Items
	}
	s.KeyItems = max(1, min(s.KeyItems, stageBytes(s.KeyThreads)/(s.KeyThreads*key)))
	s.HistCopies = max(1, min(s.HistCopies, 32, sortHistBytes/(4*(256*SortKeyBytes(dt)+1))))
	s.HistItems = max(1, s.HistItems)
	s.MinBlocks = max(0, s.MinBlocks)
	if s.KeyMinBlocks <= 0 {
		s.KeyMinBlocks = s.MinBlocks
	}
	if s.Lookback <= 0 {
		s.Lookback = 8
	}
	return s
}

// SortPassTile returns the elements of a tile of the pass entry
// (SortPass or SortPassKeys) for keys of dt and 64- or 32-bit positions
// under shape.
func SortPassTile(dt dtype.DType, index64 bool, shape SortShape, entry string) int {
	threads, items := SortPassBlock(dt, index64, shape, entry)
	return threads * items
}

// SortPassBlock returns the threads of a block of the pass entry and the
// keys each ranks, for keys of dt and 64- or 32-bit positions under
// shape.
func SortPassBlock(dt dtype.DType, index64 bool, shape SortShape, entry string) (threads, items int) {
	shape = shape.Fit(dt, index64)
	if entry == SortPassKeys {
		return shape.KeyThreads, shape.KeyItems
	}
	return shape.Threads, shape.Items
}

// SortKeyBytes returns the width in bytes of the sort key of dt, which is
// the number of key passes of the radix path.
func SortKeyBytes(dt dtype.DType) int { return dt.Size() }

// RenderSort renders the sort module for elements of dt (bool, integers,
// real floats), flat indices of 64 bits or 32, for vendor v and warps of
// warp lanes (0: the vendor's usual width), under shape (fitted).
func RenderSort(dt dtype.DType, index64 bool, v Vendor, warp int, shape SortShape) (string, error) {
	if k := dt.Kind(); k < dtype.BoolKind || k > dtype.FloatKind {
		return "", fmt.Errorf("cgen: sort: cannot sort %v", dt)
	}
	w, err := warpWidth(v, warp)
	if err != nil {
		return "", fmt.Errorf("cgen: sort: %w", err)
	}
	shape = shape.Fit(dt, index64)
	size := dt.Size()
	t, k, idx := indexedTypes[size], "u32", "u32"
	if size == 8 {
		k = "u64"
	}
	if index64 {
		idx = "u64"
	}
	vote, ballot, popc, ffs, one, syncwarp := "unsigned", "__ballot_sync(0xffffffffu, %s)", "__popc", "__ffs((int)%s)", "1u", "__syncwarp()"
	shflUp := "__shfl_up_sync(0xffffffffu, x, o)"
	if v == HIP {
		vote, ballot, popc, ffs, one, syncwarp = "u64", "__ballot(%s)", "__popcll", "__ffsll((unsigned long long)%s)", "1ull", "__builtin_amdgcn_wave_barrier()"
		shflUp = "__shfl_up(x, o)"
	}
	// The lanes holding the same digit d: one match, or a ballot per bit
	// of the digit (invalid lanes, only in the last tile, match no one).
	peers := fmt.Sprintf(`    %[1]s peers = full ? ~(%[1]s)0 : %[2]s;
#pragma unroll
    for (u32 bit = 0; bit < 8; bit++) {
      const bool on = (d >> bit) & 1u;
      const %[1]s set = %[3]s;
      peers &= on ? set : ~set;
    }
`, vote, fmt.Sprintf(ballot, "valid"), fmt.Sprintf(ballot, "on"))
	// The pass twice: carrying positions, and keys alone (no registers
	// for positions).
	passes := ""
	for _, entry := range []string{SortPass, SortPassKeys} {
		threads, items, minBlocks := shape.Threads, shape.Items, shape.MinBlocks
		if entry == SortPassKeys {
			threads, items, minBlocks = shape.KeyThreads, shape.KeyItems, shape.KeyMinBlocks
		}
		bounds := ""
		if minBlocks > 0 && v == CUDA {
			bounds = fmt.Sprintf("__launch_bounds__(%d, %d) ", threads, minBlocks)
		}
		passes += fmt.Sprintf("#define PASS_THREADS %d\n#define PASS_WARPS (PASS_THREADS / WARP)\n#define ITEMS %d\n#define TILE (PASS_THREADS * ITEMS)\n", threads, items) +
			fmt.Sprintf(sortPassSource, SortThreads, items, w, peers, popc, one, fmt.Sprintf(ffs, "peers"),
				SortKeyBytes(dt), syncwarp, shape.HistCopies, entry, entry == SortPass, bounds) +
			"#undef TILE\n#undef ITEMS\n#undef PASS_WARPS\n#undef PASS_THREADS\n"
	}
	var b strings.Builder
	b.WriteString(typedefs)
	b.WriteString(warpGuard(v, w, SortPass))
	fmt.Fprintf(&b, "typedef %s T;\ntypedef %s K;\ntypedef %s X;\n", t, k, idx)
	b.WriteString(sortKeyFunc(dt))
	fmt.Fprintf(&b, `#define KMAX ((K)~(K)0)
#define THREADS %[1]d
#define WARP %[3]d
#define DIGIT_WARPS (256 / WARP)
#define SHFL_UP64(x, o) %[13]s
#define KEY_PASSES %[8]d
#define HIST_COPIES %[10]d
#define HIST_STRIDE (KEY_PASSES * 256 + 1)
#define HIST_UNROLL 4
#define SLOT (sizeof(K) > sizeof(X) ? sizeof(K) : sizeof(X))
#define COUNT_BITS 54
#define LOOKBACK %[12]d
#define COUNT_MASK ((1ull << COUNT_BITS) - 1)
#define FLAG_OWN (1ull << COUNT_BITS)
#define FLAG_PREFIX (2ull << COUNT_BITS)
#define SORT_PLAN_VALID (1ull << 62)
#define SORT_PLAN_LOSSY (1ull << 63)
// The row and the column of flat position x, in X's width (X is u32 only
// where every position, and so row_len, is below 2^32), without dividing
// in the first row (which is all of a single row).
__device__ __forceinline__ X row_of(const X x, const u64 row_len) { return x < row_len ? 0 : x / (X)row_len; }
__device__ __forceinline__ X col_of(const X x, const u64 row_len) { return x < row_len ? x : x %% (X)row_len; }
extern "C" __global__ void cugo_sort_hist(const u64 n, const T *in, const u64 row_len, const u64 row_passes,
    u64 *hist, u64 *status, const u64 status_words, u64 *host_plan) {
  __shared__ u32 counts[HIST_COPIES * HIST_STRIDE];
  __shared__ u32 lossy;
  __shared__ u64 plan;
  __shared__ bool last;
  const u32 t = threadIdx.x;
  const u64 stride = (u64)gridDim.x * THREADS;
  for (u64 i = (u64)blockIdx.x * THREADS + t; i < status_words; i += stride) status[i] = 0;
  for (u32 i = t; i < HIST_COPIES * HIST_STRIDE; i += THREADS) counts[i] = 0;
  if (t == 0) lossy = 0;
  if (blockIdx.x == 0) {
    // Rows r with byte p of r equal to digit t: whole periods of 256^(p+1)
    // rows hold 256^p each, the rest what it reaches of t's run.
    const u64 rows = n / row_len;
    for (u32 p = 0; p < (u32)row_passes; p++) {
      const u64 run = 1ull << (8 * p), lo = (u64)t * run;
      const u64 periods = p < 7 ? rows >> (8 * (p + 1)) : 0, rest = p < 7 ? rows & ((run << 8) - 1) : rows;
      const u64 c = periods * run + (rest > lo ? (rest - lo < run ? rest - lo : run) : 0);
      hist[(KEY_PASSES + p) * 256 + t] = c * row_len;
    }
  }
  __syncthreads();
  u32 *mine = counts + (t %% HIST_COPIES) * HIST_STRIDE;
  u32 my_lossy = 0;
  // HIST_UNROLL loads in flight per thread, each coalesced over the block.
  for (u64 base = (u64)blockIdx.x * THREADS * HIST_UNROLL; base < n; base += stride * HIST_UNROLL) {
    T x[HIST_UNROLL];
#pragma unroll
    for (u32 u = 0; u < HIST_UNROLL; u++) {
      const u64 i = base + u * THREADS + t;
      x[u] = i < n ? in[i] : (T)0;
    }
#pragma unroll
    for (u32 u = 0; u < HIST_UNROLL; u++) {
      if (base + u * THREADS + t >= n) break;
      const K key = sort_key(x[u]);
      my_lossy += sort_lossy(x[u]);
#pragma unroll
      for (u32 p = 0; p < KEY_PASSES; p++) atomicAdd(&mine[p * 256 + ((u32)(key >> (8 * p)) & 255u)], 1u);
    }
  }
  if (my_lossy) atomicAdd(&lossy, my_lossy);
  __syncthreads();
  for (u32 p = 0; p < KEY_PASSES; p++) {
    u32 c = 0;
    for (u32 k = 0; k < HIST_COPIES; k++) c += counts[k * HIST_STRIDE + p * 256 + t];
    if (c) atomicAdd(&hist[p * 256 + t], (u64)c);
  }
  const u32 passes = KEY_PASSES + (u32)row_passes;
  if (t == 0 && lossy) atomicAdd(&hist[passes * 256], (u64)lossy);
  // The last block to finish reads the whole histogram and writes the
  // plan (the fences order every block's counts before its ticket).
  __threadfence();
  __syncthreads();
  if (t == 0) {
    last = atomicAdd(&hist[passes * 256 + 1], 1ull) == gridDim.x - 1;
    plan = SORT_PLAN_VALID;
  }
  __syncthreads();
  if (!last) return;
  __threadfence();
  const volatile u64 *all = hist;
  for (u32 p = 0; p < passes; p++)
    if (all[p * 256 + t] == n) atomicOr(&plan, 1ull << p);
  __syncthreads();
  if (t == 0) {
    const u64 word = plan | (all[passes * 256] ? SORT_PLAN_LOSSY : 0);
    hist[passes * 256 + 2] = word;
    if (host_plan) {
      *(volatile u64 *)host_plan = word;
      __threadfence_system();
    }
  }
}
%[11]sextern "C" __global__ void cugo_sort_finish(const u64 n, const u64 row_len, const T *in, const X *vals, T *out, i64 *idx) {
  for (u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (u64)gridDim.x * blockDim.x) {
    const X v = vals[i];
    if (out) out[i] = in[v];
    if (idx) idx[i] = (i64)col_of(v, row_len);
  }
}
`, SortThreads, shape.Items, w, peers, popc, one, fmt.Sprintf(ffs, "peers"), SortKeyBytes(dt), syncwarp, shape.HistCopies, passes, shape.Lookback, shflUp)
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
// element's bits (T) to its key (K); sort_lossy, whether the key loses
// the element's bits (-0.0, a NaN other than the canonical one); and
// sort_value, the element a key that lost nothing came from.
func sortKeyFunc(dt dtype.DType) string {
	bits := dt.Size() * 8
	sign := fmt.Sprintf("((T)1 << %d)", bits-1)
	mask := "((K)(T)~(T)0)"
	key, lossy, value := "return (K)x;", "return false;", "return (T)k;"
	switch dt.Kind() {
	case dtype.IntKind:
		key = fmt.Sprintf("return (K)(T)(x ^ %s);", sign)
		value = fmt.Sprintf("return (T)((T)k ^ %s);", sign)
	case dtype.FloatKind:
		inf := map[dtype.DType]string{dtype.Float16: "0x7c00", dtype.BFloat16: "0x7f80",
			dtype.Float32: "0x7f800000u", dtype.Float64: "0x7ff0000000000000ull"}[dt]
		nan := map[dtype.DType]string{dtype.Float16: "0x7e00", dtype.BFloat16: "0x7fc0",
			dtype.Float32: "0x7fc00000u", dtype.Float64: "0x7ff8000000000000ull"}[dt]
		key = fmt.Sprintf(`const T mag = (T)(x & (T)~%[1]s);
  if (mag > (T)%[2]s) return %[3]s;
  if (mag == 0) return (K)%[1]s;
  return (x & %[1]s) ? (K)(T)~x : (K)(T)(x | %[1]s);`, sign, inf, mask)
		lossy = fmt.Sprintf(`const T mag = (T)(x & (T)~%[1]s);
  return (mag == 0 && x != 0) || (mag > (T)%[2]s && x != (T)%[3]s);`, sign, inf, nan)
		value = fmt.Sprintf(`const T b = (T)k;
  if (b == (T)~(T)0) return (T)%[2]s;
  return (b & %[1]s) ? (T)(b ^ %[1]s) : (T)~b;`, sign, nan)
	}
	return fmt.Sprintf("__device__ __forceinline__ K sort_key(const T x) {\n  %s\n}\n"+
		"__device__ __forceinline__ bool sort_lossy(const T x) {\n  %s\n}\n"+
		"__device__ __forceinline__ T sort_value(const K k) {\n  %s\n}\n", key, lossy, value)
}

// sortPassSource is the pass kernel, named by argument 11, carrying
// positions where argument 12 is true, under launch bounds 13; the other arguments are those of
// the module (RenderSort).
const sortPassSource = `extern "C" __global__ void %[13]s%[11]s(const u64 n, const T *in, const K *keys, const X *vals, const u64 shift,
    const u64 row_len, const u64 row_pass, const u64 *hist, u64 *status, u64 *counter, const u64 epoch,
    K *keys2, X *vals2, T *out, i64 *idx, const u64 *plan, const u64 abort_any, const u64 abort_all) {
  const bool with_vals = %[12]t; // positions carried
  __shared__ u32 tile_of_block;
  // A pass launched before the plan was known reads it with the tile
  // counter, and returns once the block agrees on the tile if it is not
  // to run (its counter is not used again).
  const u64 planned = abort_any | abort_all ? *(const volatile u64 *)plan : 0;
  // Each warp's count of each digit, then the warp's next place for it
  // in the tile.
  __shared__ u32 warp_place[PASS_WARPS][256];
  __shared__ u64 scan[2 * DIGIT_WARPS];
  __shared__ u64 out_base[256];
  // The tile's keys, then its positions, staged in digit order, and
  // their digits where a pass carries positions (its digit may be the
  // row's; without positions it is the key's, found again from the key).
  __shared__ u64 stage[(TILE * (with_vals ? SLOT : sizeof(K)) + 7) / 8];
  __shared__ u8 staged_digit[with_vals ? TILE : 1];
  K *staged_keys = (K *)stage;
  X *staged_vals = (X *)stage;
  const u32 t = threadIdx.x, lane = t %% WARP, warp = t / WARP;
  if (t == 0) tile_of_block = (u32)atomicAdd(counter, 1ull);
  for (u32 d = lane; d < 256; d += WARP) warp_place[warp][d] = 0;
  __syncthreads();
  if ((planned & abort_any) || (abort_all && (planned & abort_all) == abort_all)) return;
  const u64 tile = tile_of_block;
  const u64 first = (u64)tile * TILE + (u64)warp * WARP * ITEMS;
  K key[ITEMS];
  X val[ITEMS];
  // A warp's items are contiguous, lane-striped: item r of lane l is
  // element first + r * WARP + l, so that ranking items in turn is stable.
  // The loads come first, each loop under one branch on the pass, so
  // that all of a thread's loads are in flight together; the first pass
  // maps elements to keys only once they are loaded.
  if (in) {
#pragma unroll
    for (u32 r = 0; r < ITEMS; r++) {
      const u64 i = first + (u64)r * WARP + lane;
      key[r] = i < n ? (K)in[i] : KMAX;
      val[r] = (X)i;
    }
#pragma unroll
    for (u32 r = 0; r < ITEMS; r++)
      if (first + (u64)r * WARP + lane < n) key[r] = sort_key((T)key[r]);
  } else {
#pragma unroll
    for (u32 r = 0; r < ITEMS; r++) {
      const u64 i = first + (u64)r * WARP + lane;
      key[r] = i < n ? keys[i] : KMAX;
      val[r] = with_vals && i < n ? vals[i] : 0;
    }
  }
  // A key's digit. A pass that carries positions holds its items' digits
  // (a row pass's is the row's, a division), computed once under one
  // branch on the pass's kind; keys alone find theirs again from the key
  // (fewer registers).
  const u32 sh = (u32)shift;
  u32 digit[ITEMS];
  if (with_vals && row_pass) {
#pragma unroll
    for (u32 r = 0; r < ITEMS; r++) digit[r] = (u32)(row_of(val[r], row_len) >> sh) & 255u;
  } else if (with_vals) {
#pragma unroll
    for (u32 r = 0; r < ITEMS; r++) digit[r] = (u32)(key[r] >> sh) & 255u;
  }
#define DIGIT(r) (with_vals ? digit[r] : (u32)(key[r] >> sh) & 255u)
  // In a full tile (all but the last) every item is valid.
  const bool full = (tile + 1) * TILE <= n;
  // The warp's valid items, lane-striped: item r of this lane is valid
  // where r * WARP + lane < in_warp.
  const u32 in_warp = first >= n ? 0 : (u32)(n - first < (u64)ITEMS * WARP ? n - first : (u64)ITEMS * WARP);
  // Each warp counts its digits in its own histogram (the lanes of one
  // warp, not the whole block, contend for a word).
#pragma unroll
  for (u32 r = 0; r < ITEMS; r++)
    if (full || r * WARP + lane < in_warp) atomicAdd(&warp_place[warp][DIGIT(r)], 1u);
  __syncthreads();
  // Thread t < 256 owns digit t: the tile's count of it (own) and each
  // warp's offset within the digit. The count is published before the
  // ranking, which takes most of a pass, so that the tiles after this one
  // find it early (CUB's early counts).
  const bool owner = t < 256;
  u32 own = 0;
  volatile u64 *word = (volatile u64 *)status + tile * 256 + t;
  const u64 mark = epoch << (COUNT_BITS + 2);
  if (owner) {
    for (u32 w = 0; w < PASS_WARPS; w++) {
      const u32 c = warp_place[w][t];
      warp_place[w][t] = own;
      own += c;
    }
    *word = mark | (tile ? FLAG_OWN : FLAG_PREFIX) | own;
  }
  // One scan over digits gives both the digit's first position in the
  // output (from the histogram) and in the tile: a tile holds < 2^16.
  // (two barriers: each warp of owners scans its digits by shuffles,
  // then warp 0 the warps' totals)
  const u64 mine = owner ? (hist[t] << 16) | own : 0;
  u64 v = mine;
#pragma unroll
  for (u32 o = 1; o < WARP; o <<= 1) {
    const u64 y = SHFL_UP64(v, o);
    if (lane >= o) v += y;
  }
  if (owner && lane == WARP - 1) scan[warp] = v;
  __syncthreads();
  if (warp == 0) {
    u64 s = lane < DIGIT_WARPS ? scan[lane] : 0;
#pragma unroll
    for (u32 o = 1; o < DIGIT_WARPS; o <<= 1) {
      const u64 y = SHFL_UP64(s, o);
      if (lane >= o) s += y;
    }
    if (lane < DIGIT_WARPS) scan[DIGIT_WARPS + lane] = s;
  }
  __syncthreads();
  if (warp > 0 && owner) v += scan[DIGIT_WARPS + warp - 1];
  const u64 before = v - mine;
  const u32 local_start = (u32)(before & 0xffffu);
  if (owner)
    for (u32 w = 0; w < PASS_WARPS; w++) warp_place[w][t] += local_start;
  __syncthreads();
  // Rank and stage: an item's place in the tile is its warp's next place
  // for its digit plus its peers (lanes of the same digit) below it.
  u32 place[ITEMS];
#pragma unroll
  for (u32 r = 0; r < ITEMS; r++) {
    const bool valid = full || r * WARP + lane < in_warp;
    const u32 d = DIGIT(r);
%[4]s    const u32 next = valid ? warp_place[warp][d] : 0;
    %[9]s;
    if (valid && lane == (u32)%[7]s - 1u) warp_place[warp][d] = next + (u32)%[5]s(peers);
    %[9]s;
    place[r] = next + (u32)%[5]s(peers & ((%[6]s << lane) - %[6]s));
    if (valid) {
      staged_keys[place[r]] = key[r];
      if (with_vals) staged_digit[place[r]] = (u8)d;
    }
  }
  // The look-back after the ranking, so that the tiles before this one
  // have had the ranking's time to publish.
  u64 prefix = 0;
  // Look back LOOKBACK tiles at a time: their words load together, and
  // the counts add up to the first inclusive prefix among them.
  for (u64 j = owner ? tile : 0; j > 0;) {
    const volatile u64 *prev = (const volatile u64 *)status + t;
    u64 w[LOOKBACK];
    const u32 m = j < LOOKBACK ? (u32)j : LOOKBACK;
#pragma unroll
    for (u32 k = 0; k < LOOKBACK; k++) w[k] = k < m ? prev[(j - 1 - k) * 256] : 0;
    u32 used = 0;
    bool done = false;
#pragma unroll
    for (u32 k = 0; k < LOOKBACK; k++) {
      if (done || k >= m || used < k || (w[k] >> (COUNT_BITS + 2)) != epoch || !(w[k] & (FLAG_OWN | FLAG_PREFIX))) continue;
      prefix += w[k] & COUNT_MASK;
      used++;
      done = (w[k] & FLAG_PREFIX) != 0;
    }
    j = done ? 0 : j - used;
  }
  if (owner) {
    if (tile) *word = mark | FLAG_PREFIX | (prefix + own);
    out_base[t] = (before >> 16) + prefix - local_start;
  }
  __syncthreads();
  const u64 left = n - (u64)tile * TILE;
  const u32 count = left < TILE ? (u32)left : TILE;
  for (u32 i = t; i < count; i += PASS_THREADS) {
    const K k = staged_keys[i];
    const u64 dst = out_base[with_vals ? staged_digit[i] : (u32)(k >> sh) & 255u] + i;
    if (keys2) keys2[dst] = k;
    if (out) out[dst] = sort_value(k);
  }
  if (!with_vals || (!vals2 && !idx)) return;
  __syncthreads();
#pragma unroll
  for (u32 r = 0; r < ITEMS; r++) {
    if (full || r * WARP + lane < in_warp) staged_vals[place[r]] = val[r];
  }
  __syncthreads();
  for (u32 i = t; i < count; i += PASS_THREADS) {
    const X x = staged_vals[i];
    const u64 dst = out_base[staged_digit[i]] + i;
    if (vals2) vals2[dst] = x;
    if (idx) idx[dst] = (i64)col_of(x, row_len);
  }
}
#undef DIGIT
`
