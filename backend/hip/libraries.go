package hip

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/hiprtc"
	"github.com/cugo/cugo/loader"
)

func init() { backend.RegisterLibraries("hip", libraries) }

// libraries reports the HIP runtime, hiprtc, hipBLAS and hipSOLVER as this
// machine has them. hipBLAS asks a handle (a device) for its version and
// hipSOLVER has no call for it, so they are listed without one.
func libraries() []backend.Library {
	rtcVersion := func() (string, error) {
		major, minor, err := hiprtc.Version()
		return fmt.Sprintf("%d.%d", major, minor), err
	}
	rtc := backend.FindLibrary(loader.HIPRTC, rtcVersion)
	if v, err := rtcVersion(); !rtc.Found() && err == nil {
		// ROCm 5 has hiprtc inside libamdhip64.
		rtc = backend.Library{Name: rtc.Name, Path: "(inside libamdhip64)", Version: v}
	}
	return []backend.Library{
		backend.FindLibrary(loader.HIP, func() (string, error) {
			v, err := hip.RuntimeVersion()
			return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch), err
		}),
		rtc,
		backend.FindLibrary(loader.HIPBLAS, nil),
		backend.FindLibrary(loader.HIPSOLVER, nil),
	}
}
