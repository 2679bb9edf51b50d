//go:build linux && amd64 && !race

package gpu

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/ebitengine/purego"
)

// The host-device tests stay out of the race detector's pass: their
// kernels run in C++ threads it does not see, so they would only repeat
// the plain pass at twice its cost.

// hostDevice is a Runtime whose kernels run on the host: their CUDA C is
// compiled by the host's C++ compiler under a small emulation of the
// CUDA execution model (a block's threads are OS threads; __syncthreads
// and warp ballots are barriers), so that the backend's launch sequences
// and the kernels' logic are tested without a GPU. It is slow: tests give
// it a few thousand elements, not millions.
type hostDevice struct {
	t   testing.TB
	mu  sync.Mutex
	mem map[Ptr][]byte     // mmapped allocations by base address
	lib map[string]uintptr // opened libraries by source

	noEvents bool // NewEvent fails, as on a device without events
}

// cudaOnHost is the emulation the kernels compile under.
const cudaOnHost = `#include <atomic>
#include <barrier>
#include <cmath>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>
struct dim { unsigned x = 1, y = 1, z = 1; };
static dim gridDim, blockDim;
static thread_local dim threadIdx, blockIdx;
static std::barrier<> *block_barrier;
static std::barrier<> *warp_barriers[64];
static unsigned warp_votes[64][32];
#define __global__
#define __device__
#define __forceinline__ inline
#define __align__(n) alignas(n)
#define __shared__ static
#define __launch_bounds__(...)
static void __syncthreads() { block_barrier->arrive_and_wait(); }
template <typename T, typename U> static T atomicAdd(T *p, U v) { return std::atomic_ref<T>(*p).fetch_add((T)v); }
template <typename T, typename U> static T atomicMin(T *p, U v) {
  std::atomic_ref<T> a(*p);
  T old = a.load();
  while ((T)v < old && !a.compare_exchange_weak(old, (T)v)) {}
  return old;
}
template <typename T, typename U> static T atomicMax(T *p, U v) {
  std::atomic_ref<T> a(*p);
  T old = a.load();
  while ((T)v > old && !a.compare_exchange_weak(old, (T)v)) {}
  return old;
}
template <typename T, typename U> static T atomicOr(T *p, U v) { return std::atomic_ref<T>(*p).fetch_or((T)v); }
static void __threadfence() { std::atomic_thread_fence(std::memory_order_seq_cst); }
static void __threadfence_system() { std::atomic_thread_fence(std::memory_order_seq_cst); }
template <typename T> static T atomicCAS(T *p, T cmp, T val) {
  std::atomic_ref<T>(*p).compare_exchange_strong(cmp, val);
  return cmp;
}
static int __popc(unsigned x) { return __builtin_popcount(x); }
static float __int_as_float(int v) { float f; memcpy(&f, &v, sizeof f); return f; }
static double __longlong_as_double(long long v) { double d; memcpy(&d, &v, sizeof d); return d; }
static int __ffs(int x) { return __builtin_ffs(x); }
// lane_of is a thread's place in its block, x fastest, as CUDA numbers
// the threads of a 2-D block into warps.
static unsigned lane_of() { return threadIdx.x + threadIdx.y * blockDim.x; }
static void __syncwarp() { warp_barriers[lane_of() / 32]->arrive_and_wait(); }
static unsigned __ballot_sync(unsigned, bool pred) {
  const unsigned w = lane_of() / 32, lane = lane_of() % 32;
  warp_votes[w][lane] = pred;
  warp_barriers[w]->arrive_and_wait();
  unsigned m = 0;
  for (unsigned l = 0; l < 32; l++) m |= warp_votes[w][l] << l;
  warp_barriers[w]->arrive_and_wait();
  return m;
}
// Shuffles exchange values through a per-warp table between two barriers.
static unsigned char warp_values[64][32][16];
template <typename T> static T shfl_from(T v, int from) {
  static_assert(sizeof(T) <= 16, "shuffle of a value over 16 bytes");
  const unsigned w = lane_of() / 32, lane = lane_of() % 32;
  __builtin_memcpy(warp_values[w][lane], &v, sizeof(T));
  warp_barriers[w]->arrive_and_wait();
  T r = v;
  if (from >= 0 && from < 32) __builtin_memcpy(&r, warp_values[w][from], sizeof(T));
  warp_barriers[w]->arrive_and_wait();
  return r;
}
template <typename T> static T __shfl_down_sync(unsigned, T v, int o, int = 32) { return shfl_from(v, (int)(lane_of() % 32) + o); }
template <typename T> static T __shfl_up_sync(unsigned, T v, int o, int = 32) { return shfl_from(v, (int)(lane_of() % 32) - o); }
template <typename T> static T __shfl_xor_sync(unsigned, T v, int o, int = 32) { return shfl_from(v, (int)(lane_of() % 32) ^ o); }
template <typename T> static T __shfl_sync(unsigned, T v, int src, int = 32) { return shfl_from(v, src & 31); }
// A launch runs one OS thread per thread of a block; they go through the
// blocks together, with a fresh barrier per block, so that a thread that
// returns early drops out of its block's barrier only.
static void run_grid(unsigned grid_x, unsigned grid_y, unsigned block_x, unsigned block_y, const std::function<void()> &kernel) {
  gridDim.x = grid_x;
  gridDim.y = grid_y;
  blockDim.x = block_x;
  blockDim.y = block_y;
  const unsigned block = block_x * block_y;
  const unsigned warps = (block + 31) / 32;
  for (unsigned w = 0; w < warps; w++) warp_barriers[w] = new std::barrier<>(32);
  std::barrier<> step(block);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < block; t++) {
    threads.emplace_back([&, t] {
      threadIdx.x = t % block_x;
      threadIdx.y = t / block_x;
      for (unsigned b = 0; b < grid_x * grid_y; b++) {
        if (t == 0) block_barrier = new std::barrier<>(block);
        step.arrive_and_wait();
        blockIdx.x = b % grid_x;
        blockIdx.y = b / grid_x;
        kernel();
        block_barrier->arrive_and_drop();
        step.arrive_and_wait();
        if (t == 0) delete block_barrier;
      }
    });
  }
  for (auto &th : threads) th.join();
  for (unsigned w = 0; w < warps; w++) delete warp_barriers[w];
}
`

var kernelSignature = regexp.MustCompile(`extern "C" __global__ void (?:__launch_bounds__\([^)]*\) )?(\w+)\(([^)]*)\)`)

// launchers renders, for each kernel of src, launch_<name>(grid, block,
// params), which runs it over the grid with its parameters read from the
// pointers in params.
func launchers(src string) string {
	var b strings.Builder
	for _, m := range kernelSignature.FindAllStringSubmatch(src, -1) {
		var args []string
		for i, p := range strings.Split(m[2], ",") {
			p = strings.TrimSpace(p)
			typ := strings.TrimSpace(p[:strings.LastIndexAny(p, " *")+1])
			args = append(args, fmt.Sprintf("*(%s *)params[%d]", typ, i))
		}
		fmt.Fprintf(&b, "extern \"C\" void launch_%s(unsigned long long grid_x, unsigned long long grid_y, unsigned long long block_x, unsigned long long block_y, void **params) {\n"+
			"  run_grid(grid_x, grid_y, block_x, block_y, [&] { %s(%s); });\n}\n", m[1], m[1], strings.Join(args, ", "))
	}
	return b.String()
}

// newHostDevice returns the device, or skips without a C++20 compiler.
func newHostDevice(t testing.TB) *hostDevice {
	if _, err := exec.LookPath("c++"); err != nil {
		t.Skip("no host C++ compiler:", err)
	}
	return &hostDevice{t: t, mem: map[Ptr][]byte{}, lib: map[string]uintptr{}}
}

func (d *hostDevice) Info() backend.DeviceInfo {
	return backend.DeviceInfo{Kind: "cuda", Name: "host emulation", Arch: "host", Units: 1}
}
func (d *hostDevice) Vendor() cgen.Vendor              { return cgen.CUDA }
func (d *hostDevice) WarpSize() int                    { return 32 }
func (d *hostDevice) ResidentThreads() int             { return 256 }
func (d *hostDevice) Pool() Pool                       { return nil }
func (d *hostDevice) IsOutOfMemory(error) bool         { return false }
func (d *hostDevice) MemInfo() (uint64, uint64, error) { return 1 << 30, 1 << 30, nil }
func (d *hostDevice) Sync() error                      { return nil }
func (d *hostDevice) NewEvent() (Event, error) {
	if d.noEvents {
		return nil, errors.New("no events on this host device")
	}
	return doneEvent{}, nil // its launches and copies are done when their call returns
}

func (d *hostDevice) NewBLAS() (Gemmer, error) { return nil, backend.ErrUnavailable }
func (d *hostDevice) HostAlloc(n int) ([]byte, func() error, error) {
	return make([]byte, n), func() error { return nil }, nil
}

func (d *hostDevice) Alloc(n int) (Ptr, error) {
	m, err := syscall.Mmap(-1, 0, max(n, 1), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return 0, err
	}
	// garbage, in the allocation and past its end up to the page's end,
	// as a real pool's reused memory holds: kernels may neither expect
	// zeros nor let the bytes past the end change a result
	for i := range m {
		m[i] = 0xa5
	}
	p := Ptr(uintptr(unsafe.Pointer(&m[0])))
	d.mu.Lock()
	d.mem[p] = m[:n]
	d.mu.Unlock()
	return p, nil
}

func (d *hostDevice) Free(p Ptr) error {
	d.mu.Lock()
	m, ok := d.mem[p]
	delete(d.mem, p)
	d.mu.Unlock()
	if !ok {
		return fmt.Errorf("free of %#x, not allocated", p)
	}
	return syscall.Munmap(m[:cap(m)])
}

// at returns the n bytes of device memory from p.
func (d *hostDevice) at(p Ptr, n int) ([]byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for base, m := range d.mem {
		if p >= base && int(p-base)+n <= len(m) {
			return m[p-base : int(p-base)+n], nil
		}
	}
	return nil, fmt.Errorf("%d bytes at %#x are not allocated", n, p)
}

func (d *hostDevice) HtoD(dst Ptr, src []byte) error {
	m, err := d.at(dst, len(src))
	if err == nil {
		copy(m, src)
	}
	return err
}

func (d *hostDevice) DtoH(dst []byte, src Ptr) error {
	m, err := d.at(src, len(dst))
	if err == nil {
		copy(dst, m)
	}
	return err
}

func (d *hostDevice) DtoD(dst, src Ptr, n int) error {
	s, err := d.at(src, n)
	if err != nil {
		return err
	}
	m, err := d.at(dst, n)
	if err == nil {
		copy(m, s)
	}
	return err
}

// Load compiles src with its launchers into a shared library and opens
// it, once per source.
func (d *hostDevice) Load(src string, entries ...string) ([]Function, error) {
	h, err := d.open(src)
	if err != nil {
		return nil, err
	}
	fns := make([]Function, len(entries))
	for i, e := range entries {
		sym, err := purego.Dlsym(h, "launch_"+e)
		if err != nil {
			return nil, err
		}
		fns[i] = Function(sym)
	}
	return fns, nil
}

func (d *hostDevice) open(src string) (uintptr, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if h, ok := d.lib[src]; ok {
		return h, nil
	}
	dir := d.t.TempDir()
	code, lib := filepath.Join(dir, "kernels.cc"), filepath.Join(dir, "kernels.so")
	if err := os.WriteFile(code, []byte(cudaOnHost+src+launchers(src)), 0o644); err != nil {
		return 0, err
	}
	out, err := exec.Command("c++", "-std=c++20", "-O1", "-shared", "-fPIC", "-pthread", "-w", "-o", lib, code).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("host compile: %v\n%s", err, out)
	}
	h, err := purego.Dlopen(lib, purego.RTLD_NOW|purego.RTLD_LOCAL)
	if err != nil {
		return 0, err
	}
	d.lib[src] = h
	return h, nil
}

func (d *hostDevice) Launch(fn Function, grid, block [3]uint32, _ uint32, params *unsafe.Pointer) error {
	if grid[2] != 1 || block[2] != 1 || block[0]*block[1] > 64*32 {
		return fmt.Errorf("host device: grid %v, block %v", grid, block)
	}
	purego.SyscallN(uintptr(fn), uintptr(grid[0]), uintptr(grid[1]), uintptr(block[0]), uintptr(block[1]), uintptr(unsafe.Pointer(params)))
	return nil
}

var _ Runtime = (*hostDevice)(nil)

// timeout guards a test on the host device against a kernel that hangs
// in a barrier.
func timeout(t *testing.T, d time.Duration, f func()) {
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatal("timed out: a kernel waits on a barrier forever")
	}
}
