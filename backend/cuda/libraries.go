package cuda

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/libs/cublas"
	"github.com/cugo/cugo/libs/cusolver"
	"github.com/cugo/cugo/loader"
	"github.com/cugo/cugo/nvrtc"
)

func init() { backend.RegisterLibraries("cuda", libraries) }

// libraries reports the driver, NVRTC, cuBLAS and cuSOLVER as this machine
// has them.
func libraries() []backend.Library {
	return []backend.Library{
		backend.FindLibrary(loader.CUDA, func() (string, error) {
			v, err := driver.DriverVersion()
			return fmt.Sprintf("%d.%d", v.Major, v.Minor), err
		}),
		backend.FindLibrary(loader.NVRTC, func() (string, error) {
			major, minor, err := nvrtc.Version()
			return fmt.Sprintf("%d.%d", major, minor), err
		}),
		backend.FindLibrary(loader.CUBLAS, func() (string, error) {
			major, minor, patch, err := cublas.Version()
			return fmt.Sprintf("%d.%d.%d", major, minor, patch), err
		}),
		backend.FindLibrary(loader.CUSOLVER, func() (string, error) {
			major, minor, patch, err := cusolver.Version()
			return fmt.Sprintf("%d.%d.%d", major, minor, patch), err
		}),
	}
}
