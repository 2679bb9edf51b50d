package driver

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/internal/gputest"
	sym "github.com/cugo/cugo/internal/sym/cuda"
	"github.com/cugo/cugo/loader"
)

// needLibrary skips where libcuda is not installed at all (it is on the CI
// and GPU machines: these tests run there, GPU or not).
func needLibrary(t *testing.T) {
	t.Helper()
	_, err := DriverVersion()
	gputest.NeedLibrary(t, err)
}

func TestInitWithoutDevice(t *testing.T) {
	needLibrary(t)
	err := Init()
	if err == nil {
		t.Skip("a CUDA device is present")
	}
	if !errors.Is(err, ErrNoDevice) {
		t.Fatalf("Init() = %v, want ErrNoDevice", err)
	}
	if !strings.Contains(err.Error(), "CUDA_ERROR_NO_DEVICE") || !strings.Contains(err.Error(), "cuInit") {
		t.Errorf("Init() error %q should name cuInit and CUDA_ERROR_NO_DEVICE", err)
	}
	if _, err := DeviceCount(); !errors.Is(err, ErrNoDevice) {
		t.Errorf("DeviceCount() = %v, want ErrNoDevice", err)
	}
	if _, err := DeviceGet(0); !errors.Is(err, ErrNoDevice) {
		t.Errorf("DeviceGet(0) = %v, want ErrNoDevice", err)
	}
}

func TestDriverVersion(t *testing.T) {
	needLibrary(t)
	v, err := DriverVersion()
	if err != nil || v.Major < 11 {
		t.Errorf("DriverVersion() = %v, %v; want CUDA 11 or later", v, err)
	}
	if got := decodeVersion(12020); got != (Version{12, 2, 0}) {
		t.Errorf("decodeVersion(12020) = %v, want 12.2.0", got)
	}
}

func TestErrorNamesFromDriver(t *testing.T) {
	needLibrary(t)
	for _, c := range []struct {
		sentinel   *Error
		name, text string
	}{
		{ErrInvalidValue, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
		{ErrOutOfMemory, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"},
		{ErrNoDevice, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
		{ErrInvalidPTX, "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
		{ErrNotReady, "CUDA_ERROR_NOT_READY", "device not ready"},
		{ErrPeerAccessAlreadyEnabled, "CUDA_ERROR_PEER_ACCESS_ALREADY_ENABLED", ""},
		{ErrLaunchFailed, "CUDA_ERROR_LAUNCH_FAILED", ""},
		{ErrIllegalAddress, "CUDA_ERROR_ILLEGAL_ADDRESS", ""},
		{ErrNotSupported, "CUDA_ERROR_NOT_SUPPORTED", "operation not supported"},
	} {
		code := c.sentinel.Code
		err := check("cuTest", sym.CUresult(code))
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("check(%d) = %v, not an *Error", code, err)
		}
		if e.Name != c.name || (c.text != "" && e.Message != c.text) {
			t.Errorf("code %d: name %q message %q, want %q %q", code, e.Name, e.Message, c.name, c.text)
		}
		if want := fmt.Sprintf("cuda: cuTest: %s (%d): %s", e.Name, code, e.Message); err.Error() != want {
			t.Errorf("Error() = %q, want %q", err.Error(), want)
		}
		if c.sentinel.Name != c.name {
			t.Errorf("sentinel of code %d named %q, want %q", code, c.sentinel.Name, c.name)
		}
		if !errors.Is(fmt.Errorf("wrapped: %w", err), c.sentinel) {
			t.Errorf("errors.Is(wrapped error of code %d, its sentinel) is false", code)
		}
		if errors.Is(err, ErrUnknown) {
			t.Errorf("code %d matches ErrUnknown", code)
		}
	}
	if e := lib.New("cuTest", 123456); e.Name != "unknown status" {
		t.Errorf("unknown code named %q, want unknown status", e.Name)
	}
	if err := check("cuTest", 0); err != nil {
		t.Errorf("check(0) = %v, want nil", err)
	}
}

func TestMissingOptionalSymbolIsNotSupported(t *testing.T) {
	needLibrary(t)
	err := checkOptional("cuMemPoolTrimTo", 0, loader.NotSupported("cuda", "cuMemPoolTrimTo"))
	if !errors.Is(err, ErrNotSupported) || !errors.Is(err, loader.ErrNotSupported) {
		t.Errorf("checkOptional with a missing symbol = %v; want both ErrNotSupported and loader.ErrNotSupported", err)
	}
}

func TestUUIDString(t *testing.T) {
	u := UUID{0x5a, 0x8f, 0x1c, 0x02, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}
	if got, want := u.String(), "GPU-5a8f1c02-dead-beef-0123-456789abcdef"; got != want {
		t.Errorf("UUID.String() = %q, want %q", got, want)
	}
	if !uuidPattern.MatchString(UUID{}.String()) {
		t.Errorf("%q does not match %v", UUID{}.String(), uuidPattern)
	}
}

// The field offsets of CUDA_MEMCPY2D on 64-bit systems (cuda.h).
func TestMemcpy2DLayout(t *testing.T) {
	var m Memcpy2D
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"size", unsafe.Sizeof(m), 128},
		{"srcY", unsafe.Offsetof(m.SrcY), 8},
		{"srcMemoryType", unsafe.Offsetof(m.SrcMemoryType), 16},
		{"srcHost", unsafe.Offsetof(m.SrcHost), 24},
		{"srcDevice", unsafe.Offsetof(m.SrcDevice), 32},
		{"srcArray", unsafe.Offsetof(m.SrcArray), 40},
		{"srcPitch", unsafe.Offsetof(m.SrcPitch), 48},
		{"dstXInBytes", unsafe.Offsetof(m.DstXInBytes), 56},
		{"dstY", unsafe.Offsetof(m.DstY), 64},
		{"dstMemoryType", unsafe.Offsetof(m.DstMemoryType), 72},
		{"dstHost", unsafe.Offsetof(m.DstHost), 80},
		{"dstDevice", unsafe.Offsetof(m.DstDevice), 88},
		{"dstArray", unsafe.Offsetof(m.DstArray), 96},
		{"dstPitch", unsafe.Offsetof(m.DstPitch), 104},
		{"WidthInBytes", unsafe.Offsetof(m.WidthInBytes), 112},
		{"Height", unsafe.Offsetof(m.Height), 120},
	} {
		if c.got != c.want {
			t.Errorf("CUDA_MEMCPY2D %s at %d, want %d", c.name, c.got, c.want)
		}
	}
}

// The Launcher's parameter block, without a GPU: the slots hold the values'
// bits, the pointer array points at the slots, and growth keeps both.
func TestLauncherPacking(t *testing.T) {
	l := (&Function{name: "k", mod: &Module{}}).NewLauncher()
	defer l.Close()
	l.Reset().Uint32(7).Int32(-2).Float32(1.5).Float64(-0.25).Ptr(0xdead0000).Int64(-3).Uint64(1 << 40).Uintptr(99)
	want := []uint64{7, 0xfffffffe, uint64(math.Float32bits(1.5)), math.Float64bits(-0.25), 0xdead0000,
		uint64(math.MaxUint64 - 2), 1 << 40, 99}
	for i := range 40 { // past the initial 16 slots
		l.Arg(i)
		want = append(want, uint64(i))
	}
	if l.params.Len() != len(want) || l.err != nil {
		t.Fatalf("%d parameters (err %v), want %d", l.params.Len(), l.err, len(want))
	}
	params := unsafe.Slice((*unsafe.Pointer)(l.params.Params()), len(want))
	for i, w := range want {
		if got := *(*uint64)(params[i]); got != w {
			t.Errorf("parameter %d = %#x, want %#x", i, got, w)
		}
	}
	if l.Reset().Arg("text").err == nil {
		t.Error("a string parameter was accepted")
	}
	if err := l.Launch(Dim3{X: 1}, Dim3{X: 1}, 0, nil); err == nil || !strings.Contains(err.Error(), "string") {
		t.Errorf("Launch after a bad parameter = %v, want the parameter's error", err)
	}
}

func TestLaunchRejectsEmptyDims(t *testing.T) {
	ctx := &Context{}
	ctx.legacy = &Stream{ctx: ctx}
	l := (&Function{name: "k", mod: &Module{ctx: ctx}}).NewLauncher()
	defer l.Close()
	for _, d := range [][2]Dim3{{{}, {X: 1}}, {{X: 1}, {Y: 4}}} {
		if err := l.Launch(d[0], d[1], 0, nil); err == nil || !strings.Contains(err.Error(), "X = 0") {
			t.Errorf("Launch(%v, %v) = %v, want an X = 0 error", d[0], d[1], err)
		}
	}
	other := &Stream{ctx: &Context{}}
	if err := l.Launch(Dim3{X: 1}, Dim3{X: 1}, 0, other); err == nil || !strings.Contains(err.Error(), "another context") {
		t.Errorf("Launch on another context's stream = %v", err)
	}
}

func TestHostBufferRanges(t *testing.T) {
	mem := make([]byte, 64)
	h := &HostBuffer{p: unsafe.Pointer(&mem[0]), n: len(mem)}
	if p, err := h.span("op", 16, 48); err != nil || p != unsafe.Pointer(&mem[16]) {
		t.Errorf("span(16, 48) = %p, %v", p, err)
	}
	for _, r := range [][2]int{{-1, 4}, {0, 65}, {60, 8}, {0, -1}} {
		if _, err := h.span("op", r[0], r[1]); err == nil {
			t.Errorf("span(%d, %d) of a 64-byte buffer succeeded", r[0], r[1])
		}
	}
	if _, err := (*HostBuffer)(nil).span("op", 0, 0); err == nil {
		t.Error("span of a nil buffer succeeded")
	}
	if got := len(h.Bytes()); got != 64 {
		t.Errorf("Bytes() has %d bytes", got)
	}
}

var uuidPattern = regexp.MustCompile(`^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestNegativeSizesAreRejected(t *testing.T) {
	c := &Context{}
	s := &Stream{ctx: c}
	for name, err := range map[string]error{
		"MemsetD8":        c.MemsetD8(0, 1, -1),
		"MemsetD32Async":  s.MemsetD32Async(0, 1, -1),
		"MemcpyDtoD":      c.MemcpyDtoD(0, 0, -1),
		"MemcpyHtoDPtr":   c.MemcpyHtoDPtr(0, nil, -1),
		"MemcpyPeerAsync": s.MemcpyPeerAsync(0, c, 0, c, -1),
	} {
		if err == nil || !strings.Contains(err.Error(), "negative size") {
			t.Errorf("%s with size -1 = %v, want a negative-size error", name, err)
		}
	}
	if _, err := c.MemAlloc(0); err == nil {
		t.Error("MemAlloc(0) succeeded")
	}
}

func TestMemAccessString(t *testing.T) {
	for a, want := range map[MemAccess]string{AccessNone: "none", AccessRead: "read", AccessReadWrite: "read-write", 2: "MemAccess(2)"} {
		if got := a.String(); got != want {
			t.Errorf("%d: %q, want %q", int32(a), got, want)
		}
	}
}
