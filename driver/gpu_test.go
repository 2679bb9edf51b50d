package driver

import (
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/internal/gputest"
	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// The tests share device 0's primary context and the saxpy module, made
// once: creating a context and JIT-compiling PTX take a while.
var shared struct {
	once sync.Once
	ctx  *Context
	mod  *Module
	err  error
}

// gpu returns device 0's primary context, or skips (fails under
// CUGO_REQUIRE=cuda) without a usable GPU.
func gpu(t testing.TB) *Context {
	t.Helper()
	shared.once.Do(func() {
		dev, err := DeviceGet(0)
		if err != nil {
			shared.err = err
			return
		}
		shared.ctx, shared.err = dev.PrimaryContext()
	})
	gputest.Need(t, "cuda", shared.err)
	return shared.ctx
}

var saxpyModule struct {
	once sync.Once
	mod  *Module
	err  error
}

// saxpy returns the saxpy and empty kernels of testdata/ptx/saxpy.ptx.
func saxpy(t testing.TB) (saxpy, empty *Function) {
	t.Helper()
	ctx := gpu(t)
	saxpyModule.once.Do(func() {
		image, err := os.ReadFile("../testdata/ptx/saxpy.ptx")
		if err != nil {
			saxpyModule.err = err
			return
		}
		saxpyModule.mod, saxpyModule.err = ctx.LoadModule(image)
	})
	if saxpyModule.err != nil {
		t.Fatal(saxpyModule.err)
	}
	var err error
	if saxpy, err = saxpyModule.mod.Function("saxpy"); err != nil {
		t.Fatal(err)
	}
	if empty, err = saxpyModule.mod.Function("empty"); err != nil {
		t.Fatal(err)
	}
	return saxpy, empty
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func alloc(t testing.TB, ctx *Context, n int) DevicePtr {
	t.Helper()
	p, err := ctx.MemAlloc(n)
	must(t, err)
	t.Cleanup(func() { must(t, ctx.MemFree(p)) })
	return p
}

func hostAlloc(t testing.TB, ctx *Context, n int) *HostBuffer {
	t.Helper()
	h, err := ctx.HostAlloc(n, 0)
	must(t, err)
	t.Cleanup(func() { must(t, h.Free()) })
	return h
}

// newStream makes a stream that synchronizes with the NULL stream, so that
// the tests' synchronous copies (NULL stream) are ordered with its work.
func newStream(t testing.TB, ctx *Context) *Stream {
	t.Helper()
	s, err := ctx.NewStream(StreamDefault, 0)
	must(t, err)
	t.Cleanup(func() { must(t, s.Destroy()) })
	return s
}

func randomBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func randomFloats(r *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(r.NormFloat64())
	}
	return v
}

func floatBytes(v []float32) []byte { return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 4*len(v)) }

func equalBytes(t testing.TB, what string, got, want []byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d bytes, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: byte %d = %#x, want %#x", what, i, got[i], want[i])
		}
	}
}

// checkSaxpy compares y (float32, from the GPU) with y0 + k*a*x computed in
// float64; k float32 FMAs round each step by at most half an ulp.
func checkSaxpy(t testing.TB, got, x, y0 []float32, a float32, k int) {
	t.Helper()
	for i := range got {
		want := float64(y0[i]) + float64(k)*float64(a)*float64(x[i])
		tol := 1e-6 * float64(k) * (math.Abs(float64(y0[i])) + float64(k)*math.Abs(float64(a)*float64(x[i])) + 1e-3)
		if math.Abs(float64(got[i])-want) > tol {
			t.Fatalf("y[%d] = %g, want %g (y0 %g + %d*%g*%g) within %g", i, got[i], want, y0[i], k, a, x[i], tol)
		}
	}
}

func TestDeviceAttributes(t *testing.T) {
	ctx := gpu(t)
	dev := ctx.Device()
	p, err := dev.Properties()
	must(t, err)
	t.Logf("%+v", p)
	if p.MultiprocessorCount <= 0 || p.WarpSize != 32 || p.Major < 5 || p.TotalMem <= 0 {
		t.Errorf("implausible: SMs %d, warp %d, CC %d.%d, memory %d", p.MultiprocessorCount, p.WarpSize, p.Major, p.Minor, p.TotalMem)
	}
	if p.MaxThreadsPerBlock < 512 || p.MaxBlockDim[0] < 512 || p.MaxGridDim[0] < 65535 || p.SharedMemPerBlock < 16<<10 {
		t.Errorf("implausible limits: %+v", p)
	}
	if p.SharedMemPerBlockOptin < p.SharedMemPerBlock || p.L2CacheSize <= 0 || p.MemoryBusWidth <= 0 || !p.UnifiedAddressing {
		t.Errorf("implausible memory attributes: %+v", p)
	}
	major, minor, err := dev.ComputeCapability()
	if err != nil || major != p.Major || minor != p.Minor {
		t.Errorf("ComputeCapability() = %d.%d, %v; Properties say %d.%d", major, minor, err, p.Major, p.Minor)
	}
	if p.Name == "" || !uuidPattern.MatchString(p.UUID.String()) || p.UUID == (UUID{}) {
		t.Errorf("name %q, UUID %s", p.Name, p.UUID)
	}
	n, err := DeviceCount()
	if err != nil || n < 1 {
		t.Errorf("DeviceCount() = %d, %v", n, err)
	}
	if _, err := dev.Attribute(-5); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("Attribute(-5) = %v, want ErrInvalidValue", err)
	}
	if _, err := DeviceGet(n); !errors.Is(err, ErrInvalidDevice) {
		t.Errorf("DeviceGet(%d) = %v, want ErrInvalidDevice", n, err)
	}
}

func TestPrimaryContextIsShared(t *testing.T) {
	ctx := gpu(t)
	again, err := ctx.Device().PrimaryContext()
	must(t, err)
	if again != ctx {
		t.Error("a second PrimaryContext of the device is another *Context")
	}
	must(t, again.Release()) // back to the shared reference
	if ctx.refs < 1 {
		t.Fatalf("refcount %d after retain+release", ctx.refs)
	}
	must(t, ctx.Synchronize())
}

func TestMemoryRoundTrip(t *testing.T) {
	ctx := gpu(t)
	r := rand.New(rand.NewPCG(1, 2))
	const n = 1<<20 + 3
	data := randomBytes(r, n)
	a, b := alloc(t, ctx, n), alloc(t, ctx, n)

	// Synchronous, with Go memory.
	must(t, ctx.MemcpyHtoD(a, data))
	must(t, ctx.MemcpyDtoD(b, a, n))
	got := make([]byte, n)
	must(t, ctx.MemcpyDtoH(got, b))
	equalBytes(t, "sync round trip", got, data)

	// Asynchronous, through pinned memory.
	s := newStream(t, ctx)
	src, dst := hostAlloc(t, ctx, n), hostAlloc(t, ctx, n)
	data2 := randomBytes(r, n)
	copy(src.Bytes(), data2)
	must(t, s.MemcpyHtoDAsync(a, src, 0, n))
	must(t, s.MemcpyDtoDAsync(b, a, n))
	must(t, s.MemcpyDtoHAsync(dst, 0, b, n))
	must(t, s.Synchronize())
	equalBytes(t, "async round trip", dst.Bytes(), data2)
	if ready, err := s.Query(); !ready || err != nil {
		t.Errorf("Query after Synchronize = %v, %v", ready, err)
	}
	if err := s.MemcpyHtoDAsync(a, src, 1, n); err == nil {
		t.Error("an async copy past the host buffer's end was accepted")
	}

	// Registered Go memory.
	goMem := randomBytes(r, 1<<16)
	reg, err := ctx.HostRegister(unsafe.Pointer(&goMem[0]), len(goMem), 0)
	must(t, err)
	must(t, s.MemcpyHtoDAsync(a, reg, 0, len(goMem)))
	must(t, s.MemcpyDtoHAsync(dst, 0, a, len(goMem)))
	must(t, s.Synchronize())
	equalBytes(t, "registered memory", dst.Bytes()[:len(goMem)], goMem)
	must(t, reg.Free())

	// Pointer attributes.
	if mt, err := ctx.PointerGetAttribute(a, PointerMemoryType); err != nil || MemoryType(mt) != MemoryDevice {
		t.Errorf("memory type of device memory = %d, %v", mt, err)
	}
	if ord, err := ctx.PointerGetAttribute(a, PointerDeviceOrdinal); err != nil || ord != 0 {
		t.Errorf("device ordinal of device memory = %d, %v", ord, err)
	}
	if mt, err := ctx.PointerGetAttribute(DevicePtr(uintptr(src.Ptr())), PointerMemoryType); err != nil || MemoryType(mt) != MemoryHost {
		t.Errorf("memory type of HostAlloc memory = %d, %v", mt, err)
	}

	free, total, err := ctx.MemGetInfo()
	if err != nil || free <= 0 || free > total {
		t.Errorf("MemGetInfo() = %d, %d, %v", free, total, err)
	}
}

func TestMemset(t *testing.T) {
	ctx := gpu(t)
	r := rand.New(rand.NewPCG(3, 4))
	const n = 8192 // room for 1000 four-byte elements after the offset
	p := alloc(t, ctx, n)
	s := newStream(t, ctx)
	for _, async := range []bool{false, true} {
		for _, width := range []int{1, 2, 4} {
			data := randomBytes(r, n)
			must(t, ctx.MemcpyHtoD(p, data))
			off, count := 64, 1000 // in elements
			v := r.Uint32()
			dst := p + DevicePtr(off*width)
			var err error
			switch {
			case width == 1 && !async:
				err = ctx.MemsetD8(dst, uint8(v), count)
			case width == 2 && !async:
				err = ctx.MemsetD16(dst, uint16(v), count)
			case width == 4 && !async:
				err = ctx.MemsetD32(dst, v, count)
			case width == 1:
				err = s.MemsetD8Async(dst, uint8(v), count)
			case width == 2:
				err = s.MemsetD16Async(dst, uint16(v), count)
			default:
				err = s.MemsetD32Async(dst, v, count)
			}
			must(t, err)
			must(t, s.Synchronize())
			want := append([]byte(nil), data...)
			for i := range count {
				var el [4]byte
				binary.LittleEndian.PutUint32(el[:], v)
				copy(want[(off+i)*width:(off+i+1)*width], el[:width])
			}
			got := make([]byte, n)
			must(t, ctx.MemcpyDtoH(got, p))
			equalBytes(t, "memset D"+strconv.Itoa(8*width)+map[bool]string{true: "Async", false: ""}[async], got, want)
		}
	}
}

func TestMemcpy2D(t *testing.T) {
	ctx := gpu(t)
	r := rand.New(rand.NewPCG(5, 6))
	const rows, hostPitch, devPitch = 37, 100, 128
	host := randomBytes(r, rows*hostPitch)
	dev := alloc(t, ctx, rows*devPitch)
	must(t, ctx.MemsetD8(dev, 0xab, rows*devPitch))

	// Rows 5..24, bytes 10..69 of the host matrix to (x 3, y 2) of the device one.
	const x0, y0, w, h, dx, dy = 10, 5, 60, 20, 3, 2
	must(t, ctx.Memcpy2D(&Memcpy2D{
		SrcXInBytes: x0, SrcY: y0, SrcMemoryType: MemoryHost, SrcHost: unsafe.Pointer(&host[0]), SrcPitch: hostPitch,
		DstXInBytes: dx, DstY: dy, DstMemoryType: MemoryDevice, DstDevice: dev, DstPitch: devPitch,
		WidthInBytes: w, Height: h,
	}))
	want := make([]byte, rows*devPitch)
	for i := range want {
		want[i] = 0xab
	}
	for row := range h {
		copy(want[(dy+row)*devPitch+dx:][:w], host[(y0+row)*hostPitch+x0:][:w])
	}

	// Back in one 2D copy into pinned memory, asynchronously.
	s := newStream(t, ctx)
	back := hostAlloc(t, ctx, rows*devPitch)
	must(t, s.Memcpy2DAsync(&Memcpy2D{
		SrcMemoryType: MemoryDevice, SrcDevice: dev, SrcPitch: devPitch,
		DstMemoryType: MemoryHost, DstHost: back.Ptr(), DstPitch: devPitch,
		WidthInBytes: devPitch, Height: rows,
	}))
	must(t, s.Synchronize())
	equalBytes(t, "2D copy of a sub-rectangle", back.Bytes(), want)
}

func TestModuleAndLaunch(t *testing.T) {
	ctx := gpu(t)
	fn, _ := saxpy(t)
	r := rand.New(rand.NewPCG(7, 8))
	const n = 1_000_003 // not a multiple of the block
	x, y := randomFloats(r, n), randomFloats(r, n)
	a := float32(r.NormFloat64())
	dx, dy := alloc(t, ctx, 4*n), alloc(t, ctx, 4*n)
	must(t, ctx.MemcpyHtoD(dx, floatBytes(x)))
	must(t, ctx.MemcpyHtoD(dy, floatBytes(y)))

	l := fn.NewLauncher()
	defer l.Close()
	grid, block := Dim3{X: (n + 255) / 256}, Dim3{X: 256}
	must(t, l.Reset().Uint32(n).Float32(a).Ptr(dx).Ptr(dy).Launch(grid, block, 0, nil))
	got := make([]float32, n)
	must(t, ctx.MemcpyDtoH(floatBytes(got), dy))
	checkSaxpy(t, got, x, y, a, 1)

	// The convenience form, a second time: y0 + 2*a*x.
	must(t, fn.Launch(grid, block, 0, ctx.DefaultStream(), uint32(n), a, dx, dy))
	must(t, ctx.MemcpyDtoH(floatBytes(got), dy))
	checkSaxpy(t, got, x, y, a, 2)
	if err := fn.Launch(grid, block, 0, nil, "n"); err == nil {
		t.Error("a string kernel parameter was accepted")
	}

	// The raw form, with a parameter block laid out here (pinned, as C
	// reads it after the call returns): y0 + 3*a*x.
	vals := []uint64{uint64(n), uint64(math.Float32bits(a)), uint64(dx), uint64(dy)}
	ptrs := make([]unsafe.Pointer, len(vals))
	var pin runtime.Pinner
	defer pin.Unpin()
	pin.Pin(&vals[0])
	pin.Pin(&ptrs[0])
	for i := range vals {
		ptrs[i] = unsafe.Pointer(&vals[i])
	}
	must(t, ctx.NewRawLauncher().Launch(fn.Handle(), grid, block, 0, nil, unsafe.Pointer(&ptrs[0])))
	must(t, ctx.MemcpyDtoH(floatBytes(got), dy))
	checkSaxpy(t, got, x, y, a, 3)

	p, size, err := saxpyModule.mod.Global("answer")
	must(t, err)
	var answer [4]byte
	must(t, ctx.MemcpyDtoH(answer[:], p))
	if size != 4 || binary.LittleEndian.Uint32(answer[:]) != 42 {
		t.Errorf("global answer: size %d, value %d; want 4, 42", size, binary.LittleEndian.Uint32(answer[:]))
	}
	if _, err := saxpyModule.mod.Function("no_such_kernel"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Function(no_such_kernel) = %v, want ErrNotFound", err)
	}

	regs, err := fn.Attribute(FuncNumRegs)
	must(t, err)
	maxThreads, err := fn.Attribute(FuncMaxThreadsPerBlock)
	must(t, err)
	static, err := fn.Attribute(FuncSharedSizeBytes)
	must(t, err)
	if regs <= 0 || maxThreads < 256 || static != 0 {
		t.Errorf("saxpy: %d registers, %d threads per block, %d bytes static shared", regs, maxThreads, static)
	}
	must(t, fn.SetMaxDynamicSharedMemory(1024))
	if blocks, err := fn.OccupancyMaxActiveBlocks(256, 0); err != nil || blocks < 1 {
		t.Errorf("OccupancyMaxActiveBlocks(256, 0) = %d, %v", blocks, err)
	}
}

func TestBrokenPTXReportsJITLog(t *testing.T) {
	ctx := gpu(t)
	ptx := ".version 7.0\n.target sm_52\n.address_size 64\n.visible .entry broken()\n{\n\t.reg .b32 %r<2>;\n\tfrobnicate.u32 %r1, 1;\n\tret;\n}\n"
	_, err := ctx.LoadModule([]byte(ptx))
	if !errors.Is(err, ErrInvalidPTX) {
		t.Fatalf("LoadModule(broken PTX) = %v, want ErrInvalidPTX", err)
	}
	if !strings.Contains(err.Error(), "JIT log") || !strings.Contains(err.Error(), "frobnicate") {
		t.Errorf("error lacks the JIT log naming the bad instruction: %v", err)
	}
	if _, err := ctx.LoadModule(nil); err == nil {
		t.Error("an empty image was accepted")
	}
}

func TestStreamEventOrdering(t *testing.T) {
	ctx := gpu(t)
	fn, _ := saxpy(t)
	r := rand.New(rand.NewPCG(9, 10))
	const n, reps = 1 << 22, 20
	x, y := randomFloats(r, n), randomFloats(r, n)
	a := float32(r.NormFloat64())
	dx, dy, dcopy := alloc(t, ctx, 4*n), alloc(t, ctx, 4*n), alloc(t, ctx, 4*n)
	must(t, ctx.MemcpyHtoD(dx, floatBytes(x)))
	must(t, ctx.MemcpyHtoD(dy, floatBytes(y)))

	s1, s2 := newStream(t, ctx), newStream(t, ctx)
	start, err := ctx.NewEvent(EventDefault)
	must(t, err)
	defer start.Destroy()
	end, err := ctx.NewEvent(EventBlockingSync)
	must(t, err)
	defer end.Destroy()
	done, err := ctx.NewEvent(EventDisableTiming)
	must(t, err)
	defer done.Destroy()

	// s1 runs the kernels; s2 copies the result only after done.
	l := fn.NewLauncher()
	defer l.Close()
	l.Uint32(n).Float32(a).Ptr(dx).Ptr(dy)
	must(t, start.Record(s1))
	for range reps {
		must(t, l.Launch(Dim3{X: n / 256}, Dim3{X: 256}, 0, s1))
	}
	must(t, end.Record(s1))
	must(t, done.Record(s1))
	must(t, s2.WaitEvent(done))
	must(t, s2.MemcpyDtoDAsync(dcopy, dy, 4*n))
	out := hostAlloc(t, ctx, 4*n)
	must(t, s2.MemcpyDtoHAsync(out, 0, dcopy, 4*n))
	must(t, s2.Synchronize())

	if ready, err := done.Query(); !ready || err != nil {
		t.Errorf("done.Query() after s2 waited on it = %v, %v", ready, err)
	}
	must(t, end.Synchronize())
	elapsed, err := start.Elapsed(end)
	if err != nil || elapsed <= 0 {
		t.Errorf("Elapsed = %v, %v; want > 0", elapsed, err)
	}
	if _, err := start.Elapsed(done); err == nil {
		t.Error("Elapsed to an event without timing succeeded")
	}
	got := unsafe.Slice((*float32)(out.Ptr()), n)
	checkSaxpy(t, got, x, y, a, reps)
}

func TestMemPoolAsyncAlloc(t *testing.T) {
	ctx := gpu(t)
	pool, err := ctx.Device().DefaultMemPool()
	if errors.Is(err, ErrNotSupported) {
		t.Skipf("device without memory pools: %v", err)
	}
	must(t, err)
	must(t, pool.SetReleaseThreshold(1<<30))
	if a, err := pool.Access(ctx.Device()); err != nil || a != AccessReadWrite {
		t.Errorf("own device's access to the pool = %v, %v; want read-write", a, err)
	}
	if v, err := pool.Attribute(PoolReleaseThreshold); err != nil || v != 1<<30 {
		t.Errorf("release threshold = %d, %v; want %d", v, err, 1<<30)
	}

	r := rand.New(rand.NewPCG(11, 12))
	const n = 8 << 20
	s := newStream(t, ctx)
	p, err := s.MemAllocAsync(n)
	must(t, err)
	data := randomBytes(r, n)
	in, out := hostAlloc(t, ctx, n), hostAlloc(t, ctx, n)
	copy(in.Bytes(), data)
	must(t, s.MemcpyHtoDAsync(p, in, 0, n))
	must(t, s.MemcpyDtoHAsync(out, 0, p, n))
	must(t, s.MemFreeAsync(p))
	must(t, s.Synchronize())
	equalBytes(t, "pool memory round trip", out.Bytes(), data)

	// The threshold keeps the freed block reserved past the synchronization.
	if v, err := pool.Attribute(PoolReservedMemCurrent); err != nil || v < n {
		t.Errorf("reserved after free = %d, %v; want >= %d", v, err, n)
	}
	if v, err := pool.Attribute(PoolReuseAllowOpportunistic); err != nil || v > 1 {
		t.Errorf("boolean attribute = %d, %v", v, err)
	}
	must(t, pool.TrimTo(0))
	if v, err := pool.Attribute(PoolUsedMemCurrent); err != nil || v != 0 {
		t.Errorf("used after free = %d, %v", v, err)
	}
}

func TestGraphReplay(t *testing.T) {
	ctx := gpu(t)
	fn, _ := saxpy(t)
	r := rand.New(rand.NewPCG(13, 14))
	const n, reps = 50_000, 100
	x, y := randomFloats(r, n), randomFloats(r, n)
	a := float32(r.NormFloat64())
	dx, dy, dcopy := alloc(t, ctx, 4*n), alloc(t, ctx, 4*n), alloc(t, ctx, 4*n)
	must(t, ctx.MemcpyHtoD(dx, floatBytes(x)))
	must(t, ctx.MemcpyHtoD(dy, floatBytes(y)))

	s := newStream(t, ctx)
	l := fn.NewLauncher()
	defer l.Close()
	must(t, s.BeginCapture(CaptureGlobal))
	launchErr := l.Uint32(n).Float32(a).Ptr(dx).Ptr(dy).Launch(Dim3{X: (n + 127) / 128}, Dim3{X: 128}, 0, s)
	copyErr := s.MemcpyDtoDAsync(dcopy, dy, 4*n)
	g, err := s.EndCapture()
	must(t, launchErr)
	must(t, copyErr)
	must(t, err)
	defer g.Destroy()
	exec, err := g.Instantiate()
	must(t, err)
	defer exec.Destroy()

	for range reps {
		must(t, exec.Launch(s))
	}
	must(t, s.Synchronize())
	got, copied := make([]float32, n), make([]float32, n)
	must(t, ctx.MemcpyDtoH(floatBytes(got), dy))
	must(t, ctx.MemcpyDtoH(floatBytes(copied), dcopy))
	checkSaxpy(t, got, x, y, a, reps)
	equalBytes(t, "graph's copy node", floatBytes(copied), floatBytes(got))
}

func TestConcurrentStreams(t *testing.T) {
	ctx := gpu(t)
	fn, _ := saxpy(t)
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			if err := saxpyOnOwnStream(ctx, fn, g); err != nil {
				t.Errorf("goroutine %d: %v", g, err)
			}
		})
	}
	wg.Wait()
}

// saxpyOnOwnStream runs y = a*x + y on a stream of its own and checks it.
func saxpyOnOwnStream(ctx *Context, fn *Function, seed int) error {
	r := rand.New(rand.NewPCG(uint64(seed), 15))
	n := 1<<16 + seed
	x, y := randomFloats(r, n), randomFloats(r, n)
	a := float32(r.NormFloat64())
	s, err := ctx.NewStream(StreamNonBlocking, 0)
	if err != nil {
		return err
	}
	defer s.Destroy()
	host, err := ctx.HostAlloc(8*n, 0)
	if err != nil {
		return err
	}
	defer host.Free()
	copy(host.Bytes(), floatBytes(x))
	copy(host.Bytes()[4*n:], floatBytes(y))
	d, err := ctx.MemAlloc(8 * n)
	if err != nil {
		return err
	}
	defer ctx.MemFree(d)
	dx, dy := d, d+DevicePtr(4*n)
	l := fn.NewLauncher()
	defer l.Close()
	for _, err := range []error{
		s.MemcpyHtoDAsync(d, host, 0, 8*n),
		l.Uint32(uint32(n)).Float32(a).Ptr(dx).Ptr(dy).Launch(Dim3{X: uint32(n+255) / 256}, Dim3{X: 256}, 0, s),
		s.MemcpyDtoHAsync(host, 4*n, dy, 4*n),
		s.Synchronize(),
	} {
		if err != nil {
			return err
		}
	}
	got := unsafe.Slice((*float32)(unsafe.Add(host.Ptr(), 4*n)), n)
	for i := range got {
		want := float64(a)*float64(x[i]) + float64(y[i])
		if math.Abs(float64(got[i])-want) > 1e-6*(math.Abs(float64(a)*float64(x[i]))+math.Abs(float64(y[i]))+1e-3) {
			return errors.New("y[" + strconv.Itoa(i) + "] = " + strconv.FormatFloat(float64(got[i]), 'g', -1, 32) +
				", want " + strconv.FormatFloat(want, 'g', -1, 64))
		}
	}
	return nil
}

func TestOutOfMemory(t *testing.T) {
	ctx := gpu(t)
	total, err := ctx.Device().TotalMem()
	must(t, err)
	n := total + 1<<30
	_, err = ctx.MemAlloc(n)
	if !errors.Is(err, ErrOutOfMemory) {
		t.Fatalf("MemAlloc(%d) = %v, want ErrOutOfMemory", n, err)
	}
	if !strings.Contains(err.Error(), strconv.Itoa(n)) {
		t.Errorf("the error does not say how much was asked: %v", err)
	}
	p, err := ctx.MemAlloc(1 << 20)
	must(t, err)
	must(t, ctx.MemFree(p))
}

func TestLaunchAllocatesNothing(t *testing.T) {
	ctx := gpu(t)
	fn, empty := saxpy(t)
	d := alloc(t, ctx, 4*1024)
	s := newStream(t, ctx)
	l := fn.NewLauncher()
	defer l.Close()
	allocs := testing.AllocsPerRun(200, func() {
		err := l.Reset().Uint32(1024).Float32(0.5).Ptr(d).Ptr(d).Launch(Dim3{X: 4}, Dim3{X: 256}, 0, s)
		if err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("a launch allocates %v times, want 0", allocs)
	}
	e := empty.NewLauncher()
	defer e.Close()
	if allocs := testing.AllocsPerRun(200, func() { _ = e.Launch(Dim3{X: 1}, Dim3{X: 1}, 0, s) }); allocs != 0 {
		t.Errorf("an empty-kernel launch allocates %v times, want 0", allocs)
	}
	if allocs := testing.AllocsPerRun(200, func() { _ = ctx.Do(func() error { return nil }) }); allocs != 0 {
		t.Errorf("Context.Do allocates %v times, want 0", allocs)
	}
	must(t, s.Synchronize())
}

func TestDestroyedObjects(t *testing.T) {
	ctx := gpu(t)
	s, err := ctx.NewStream(StreamDefault, 0)
	must(t, err)
	must(t, s.Destroy())
	if err := s.Synchronize(); err == nil {
		t.Error("Synchronize on a destroyed stream succeeded")
	}
	if err := ctx.DefaultStream().Destroy(); err == nil {
		t.Error("the NULL stream was destroyed")
	}
	h, err := ctx.HostAlloc(64, HostAllocPortable)
	must(t, err)
	must(t, h.Free())
	if err := h.Free(); err == nil || h.Bytes() != nil {
		t.Error("a freed host buffer can be freed again or read")
	}
}

// currentIs checks, inside a Do of ctx, that the driver sees ctx current.
func currentIs(ctx *Context) error {
	var cur sym.CUcontext
	if err := check("cuCtxGetCurrent", sym.CuCtxGetCurrent(&cur)); err != nil {
		return err
	}
	var dev sym.CUdevice
	if err := check("cuCtxGetDevice", sym.CuCtxGetDevice(&dev)); err != nil {
		return err
	}
	if cur != ctx.handle || dev != ctx.dev.handle {
		return errors.New("wrong context current: got device " + strconv.Itoa(int(dev)) + ", want " + strconv.Itoa(ctx.dev.ordinal))
	}
	return nil
}

// churn runs Do on the contexts in turn from many goroutines that keep
// moving between OS threads, some of them leaving another context (or
// none) current on their thread, as foreign code would.
func churn(t *testing.T, ctxs []*Context) {
	var wg sync.WaitGroup
	for g := range 32 {
		wg.Go(func() {
			for i := range 200 {
				ctx := ctxs[(g+i)%len(ctxs)]
				switch i % 4 {
				case 0:
					runtime.Gosched()
				case 1:
					runtime.LockOSThread()
					sym.CuCtxSetCurrent(0) // foreign code unbinds this thread
					runtime.UnlockOSThread()
				case 2:
					runtime.LockOSThread() // Do inside a locked section keeps it locked
				}
				err := ctx.Do(func() error { runtime.Gosched(); return currentIs(ctx) })
				if i%4 == 2 {
					runtime.UnlockOSThread()
				}
				if err != nil {
					t.Errorf("goroutine %d, step %d: %v", g, i, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestContextDoUnderThreadChurn(t *testing.T) {
	churn(t, []*Context{gpu(t)})
}

// twoGPUs returns the primary contexts of devices 0 and 1, or skips: two
// devices are a need of these tests, not of the stack, so even
// CUGO_REQUIRE=cuda lets them skip.
func twoGPUs(t *testing.T) (*Context, *Context) {
	ctx0 := gpu(t)
	if n, err := DeviceCount(); err != nil || n < 2 {
		t.Skipf("needs two GPUs (found %d)", n)
	}
	dev1, err := DeviceGet(1)
	must(t, err)
	ctx1, err := dev1.PrimaryContext()
	must(t, err)
	t.Cleanup(func() { must(t, ctx1.Release()) })
	return ctx0, ctx1
}

func TestTwoDevicesUnderThreadChurn(t *testing.T) {
	ctx0, ctx1 := twoGPUs(t)
	churn(t, []*Context{ctx0, ctx1})

	// Memory on each device, from goroutines that alternate between them.
	r := rand.New(rand.NewPCG(16, 17))
	data := randomBytes(r, 1<<20)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			ctx := []*Context{ctx0, ctx1}[g%2]
			p, err := ctx.MemAlloc(len(data))
			if err != nil {
				t.Error(err)
				return
			}
			defer ctx.MemFree(p)
			runtime.Gosched()
			got := make([]byte, len(data))
			if err := ctx.MemcpyHtoD(p, data); err != nil {
				t.Error(err)
			} else if err := ctx.MemcpyDtoH(got, p); err != nil {
				t.Error(err)
			} else if ord, err := ctx.PointerGetAttribute(p, PointerDeviceOrdinal); err != nil || ord != ctx.dev.ordinal {
				t.Errorf("memory of device %d reports device %d, %v", ctx.dev.ordinal, ord, err)
			} else if string(got) != string(data) {
				t.Errorf("round trip on device %d differs", ctx.dev.ordinal)
			}
		})
	}
	wg.Wait()
}

func TestPeerAccess(t *testing.T) {
	ctx0, ctx1 := twoGPUs(t)
	r := rand.New(rand.NewPCG(18, 19))
	const n = 1 << 20
	data := randomBytes(r, n)
	src, dst := alloc(t, ctx0, n), alloc(t, ctx1, n)
	must(t, ctx0.MemcpyHtoD(src, data))

	can, err := ctx1.Device().CanAccessPeer(ctx0.Device())
	must(t, err)
	if can {
		must(t, ctx1.EnablePeerAccess(ctx0))
		must(t, ctx1.EnablePeerAccess(ctx0)) // already enabled: no error
		defer func() { must(t, ctx1.DisablePeerAccess(ctx0)) }()
	}
	s := newStream(t, ctx1)
	must(t, s.MemcpyPeerAsync(dst, ctx1, src, ctx0, n))
	must(t, s.Synchronize())
	got := make([]byte, n)
	must(t, ctx1.MemcpyDtoH(got, dst))
	equalBytes(t, "peer copy (peer access "+strconv.FormatBool(can)+")", got, data)
}

// TestMemPoolPeerAccess grants device 1 access to device 0's pool, copies
// pool memory across, and takes the access back.
func TestMemPoolPeerAccess(t *testing.T) {
	ctx0, ctx1 := twoGPUs(t)
	dev1 := ctx1.Device()
	if can, err := dev1.CanAccessPeer(ctx0.Device()); err != nil || !can {
		t.Skipf("device 1 cannot reach device 0 (%v)", err)
	}
	pool, err := ctx0.Device().DefaultMemPool()
	if errors.Is(err, ErrNotSupported) {
		t.Skipf("device without memory pools: %v", err)
	}
	must(t, err)
	if a, err := pool.Access(dev1); err != nil || a != AccessNone {
		t.Fatalf("device 1's access before granting = %v, %v; want none", a, err)
	}
	must(t, pool.SetAccess(dev1, AccessReadWrite))
	defer func() {
		must(t, pool.SetAccess(dev1, AccessNone))
		if a, err := pool.Access(dev1); err != nil || a != AccessNone {
			t.Errorf("device 1's access after revoking = %v, %v; want none", a, err)
		}
	}()
	if a, err := pool.Access(dev1); err != nil || a != AccessReadWrite {
		t.Fatalf("device 1's access after granting = %v, %v; want read-write", a, err)
	}

	r := rand.New(rand.NewPCG(20, 21))
	const n = 4 << 20
	data := randomBytes(r, n)
	s0, s1 := newStream(t, ctx0), newStream(t, ctx1)
	src, err := s0.MemAllocAsync(n)
	must(t, err)
	must(t, s0.Synchronize())
	must(t, ctx0.MemcpyHtoD(src, data))
	dst := alloc(t, ctx1, n)
	must(t, s1.MemcpyPeerAsync(dst, ctx1, src, ctx0, n))
	must(t, s1.Synchronize())
	got := make([]byte, n)
	must(t, ctx1.MemcpyDtoH(got, dst))
	equalBytes(t, "peer copy of pool memory", got, data)
	must(t, s0.MemFreeAsync(src))
	must(t, s0.Synchronize())
}
