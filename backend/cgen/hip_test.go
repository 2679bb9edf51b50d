//go:build linux

package cgen

import (
	"fmt"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/ebitengine/purego"

	"github.com/cugo/cugo/internal/gputest"
)

// A minimal hiprtc binding (HIP 5 carries hiprtc inside libamdhip64), so
// that the HIP flavour is compiled here too, for gfx90a.
var hiprtc struct {
	once    sync.Once
	err     error
	create  func(prog *uintptr, src, name string, n int32, headers, names unsafe.Pointer) int32
	compile func(prog uintptr, n int32, opts **byte) int32
	logSize func(prog uintptr, size *uintptr) int32
	log     func(prog uintptr, buf *byte) int32
	destroy func(prog *uintptr) int32
}

func loadHiprtc() error {
	hiprtc.once.Do(func() {
		var lib uintptr
		for _, name := range []string{"libhiprtc.so.7", "libhiprtc.so.6", "libamdhip64.so.5"} {
			if lib, hiprtc.err = purego.Dlopen(name, purego.RTLD_NOW|purego.RTLD_GLOBAL); hiprtc.err == nil {
				break
			}
		}
		if hiprtc.err != nil {
			return
		}
		if _, hiprtc.err = purego.Dlsym(lib, "hiprtcCreateProgram"); hiprtc.err != nil {
			return
		}
		purego.RegisterLibFunc(&hiprtc.create, lib, "hiprtcCreateProgram")
		purego.RegisterLibFunc(&hiprtc.compile, lib, "hiprtcCompileProgram")
		purego.RegisterLibFunc(&hiprtc.logSize, lib, "hiprtcGetProgramLogSize")
		purego.RegisterLibFunc(&hiprtc.log, lib, "hiprtcGetProgramLog")
		purego.RegisterLibFunc(&hiprtc.destroy, lib, "hiprtcDestroyProgram")
	})
	return hiprtc.err
}

func hipCompile(src, arch string) error {
	var prog uintptr
	if r := hiprtc.create(&prog, src, "cugo.hip", 0, nil, nil); r != 0 {
		return fmt.Errorf("hiprtcCreateProgram: %d", r)
	}
	defer hiprtc.destroy(&prog)
	opt := append([]byte("--offload-arch="+arch), 0)
	opts := []*byte{&opt[0]}
	if r := hiprtc.compile(prog, 1, &opts[0]); r != 0 {
		var n uintptr
		hiprtc.logSize(prog, &n)
		buf := make([]byte, n+1)
		hiprtc.log(prog, &buf[0])
		return fmt.Errorf("hiprtcCompileProgram: %d:\n%s", r, buf)
	}
	return nil
}

func TestHIPFlavourCompiles(t *testing.T) {
	gputest.Need(t, "hip", loadHiprtc())
	us := append(opKernels(), mixedKernels()...)
	t0 := time.Now()
	compileAll(t, us, 120, HIP, func(code string) error { return hipCompile(code, "gfx90a") })
	t.Logf("%d kernels compiled by hiprtc for gfx90a in %v", len(us), time.Since(t0))
}
