package hip

import (
	"errors"
	"strings"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/internal/gputest"
	sym "github.com/cugo/cugo/internal/sym/hip"
)

// needLib skips (or fails under CUGO_REQUIRE=hip) where libamdhip64 is absent.
func needLib(t *testing.T) {
	t.Helper()
	_, err := sym.Load()
	gputest.Need(t, "hip", err)
}

func TestLoadResolvesEverySymbol(t *testing.T) {
	needLib(t)
	lib, _ := sym.Load()
	t.Logf("HIP from %s", lib.File())
	for _, s := range sym.Symbols {
		switch {
		case *s.Addr == 0 && s.Required:
			t.Errorf("required %s unresolved", s.Name)
		case *s.Addr == 0:
			t.Logf("optional %s absent", s.Name)
		}
	}
	// One of the two device-properties exports must be there for ArchName.
	var r0600, r0000 uintptr
	for _, s := range sym.Symbols {
		switch s.Name {
		case "hipGetDevicePropertiesR0600":
			r0600 = *s.Addr
		case "hipGetDeviceProperties":
			r0000 = *s.Addr
		}
	}
	if r0600 == 0 && r0000 == 0 {
		t.Error("neither hipGetDevicePropertiesR0600 nor hipGetDeviceProperties is exported")
	}
}

// TestInitWithoutDevice runs where there is no AMD GPU: Init must answer
// ErrNoDevice, quickly, with a message that says so.
func TestInitWithoutDevice(t *testing.T) {
	needLib(t)
	err := Init()
	if err == nil {
		t.Skip("an AMD GPU is present")
	}
	if !errors.Is(err, ErrNoDevice) {
		t.Fatalf("Init() = %v, want ErrNoDevice", err)
	}
	if !strings.Contains(err.Error(), "no AMD GPU found") || !strings.Contains(err.Error(), "hipErrorNoDevice") {
		t.Fatalf("unclear message: %v", err)
	}
	if Init() != err {
		t.Fatal("second Init gave a different error")
	}
	if _, err := DeviceGet(0); !errors.Is(err, ErrNoDevice) {
		t.Fatalf("DeviceGet(0) = %v, want ErrNoDevice", err)
	}
	t.Log(err)
}

func TestErrorNamesFromRuntime(t *testing.T) {
	needLib(t)
	err := check("hipMalloc", 2)
	var e *Error
	if !errors.As(err, &e) || e.Name != "hipErrorOutOfMemory" || e.Message == "" {
		t.Fatalf("check(2) = %#v", err)
	}
	if !errors.Is(err, ErrOutOfMemory) || errors.Is(err, ErrNoDevice) {
		t.Fatalf("errors.Is on %v is wrong", err)
	}
	if !strings.HasPrefix(err.Error(), "hip: hipMalloc: hipErrorOutOfMemory (2): ") {
		t.Fatalf("Error() = %q", err.Error())
	}
	if check("hipFree", 0) != nil {
		t.Fatal("hipSuccess is an error")
	}
}

func TestVersions(t *testing.T) {
	if got := decodeVersion(50221153); got != (Version{5, 2, 21153}) {
		t.Fatalf("decodeVersion = %v", got)
	}
	needLib(t)
	rv, err := RuntimeVersion()
	if err != nil {
		t.Fatal(err)
	}
	if rv.Major < 5 {
		t.Fatalf("runtime version %v, want >= 5", rv)
	}
	dv, err := DriverVersion()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("HIP runtime %v, driver %v", rv, dv)
}

// The offsets of gcnArchName in hipDeviceProp_t, worked out by hand from
// the ROCm 5 (R0000) and ROCm 6 (R0600) headers: the Go mirrors must agree.
func TestPropsLayout(t *testing.T) {
	if off := unsafe.Offsetof(propsR0000{}.gcnArchName); off != 396 {
		t.Errorf("R0000 gcnArchName at %d, want 396", off)
	}
	if off := unsafe.Offsetof(propsR0600{}.gcnArchName); off != 1160 {
		t.Errorf("R0600 gcnArchName at %d, want 1160", off)
	}
	if off := unsafe.Offsetof(propsR0600{}.multiProcessorCount); off != 388 {
		t.Errorf("R0600 multiProcessorCount at %d, want 388", off)
	}
}

func fakeFunction() *Function {
	return &Function{module: &Module{handle: 1, ctx: &Context{device: &Device{}}}, name: "k"}
}

func TestLauncherPacksArguments(t *testing.T) {
	l := fakeFunction().NewLauncher()
	defer l.Close()
	l.Ptr(0xdeadbeef00).Int32(-3).Uint32(7).Float32(1.5).Float64(-2.25).Int64(-1 << 40)
	if l.err != nil || l.params.Len() != 6 {
		t.Fatalf("n=%d err=%v", l.params.Len(), l.err)
	}
	params := unsafe.Slice((*unsafe.Pointer)(l.params.Params()), 6)
	if v := *(*uint64)(params[0]); v != 0xdeadbeef00 {
		t.Errorf("ptr = %#x", v)
	}
	if v := *(*int32)(params[1]); v != -3 {
		t.Errorf("int32 = %d", v)
	}
	if v := *(*uint32)(params[2]); v != 7 {
		t.Errorf("uint32 = %d", v)
	}
	if v := *(*float32)(params[3]); v != 1.5 {
		t.Errorf("float32 = %v", v)
	}
	if v := *(*float64)(params[4]); v != -2.25 {
		t.Errorf("float64 = %v", v)
	}
	if v := *(*int64)(params[5]); v != -1<<40 {
		t.Errorf("int64 = %d", v)
	}
}

func TestClosedLauncherRefusesToLaunch(t *testing.T) {
	l := fakeFunction().NewLauncher()
	l.Close()
	if err := l.Launch(Dim3{1, 1, 1}, Dim3{1, 1, 1}, 0, nil); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Fatalf("Launch after Close = %v", err)
	}
}

func TestLauncherSettingArgumentsAllocatesNothing(t *testing.T) {
	l := fakeFunction().NewLauncher()
	allocs := testing.AllocsPerRun(1000, func() {
		l.Reset().Ptr(0x1000).Int32(5).Float32(2).Float64(3)
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per argument set", allocs)
	}
}
