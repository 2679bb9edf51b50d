package loader

// Where each vendor library is looked for. Names follow the vendors' own
// packaging: NVIDIA's sonames carry the major version (libnvrtc.so.11.2 for
// all of CUDA 11.2-11.8) and Windows DLLs carry it in the file name; ROCm's
// sonames follow the ROCm major (HIP 5 keeps hiprtc inside libamdhip64).

var cudaDirs = []string{"CUGO_CUDA_PATH", "CUDA_PATH"}
var cudaSubdirs = []string{"", "lib64", "lib", "bin", "lib/x64"}
var cudaFallback = []string{"/usr/local/cuda/lib64", "/usr/local/cuda/lib"}

// CUDA is the driver API library, installed with the NVIDIA driver.
var CUDA = &Spec{
	Name:     "cuda",
	Linux:    []string{"libcuda.so.1"},
	Windows:  []string{"nvcuda.dll"},
	Env:      []string{"CUGO_CUDA_PATH"},
	Subdirs:  cudaSubdirs,
	Fallback: []string{"/usr/lib/wsl/lib"}, // WSL2 puts the driver's libcuda here
}

// NVRTC is the run-time CUDA C++ compiler of the toolkit.
var NVRTC = &Spec{
	Name:     "nvrtc",
	Linux:    []string{"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2"},
	Windows:  []string{"nvrtc64_130_0.dll", "nvrtc64_120_0.dll", "nvrtc64_112_0.dll"},
	Env:      cudaDirs,
	Subdirs:  cudaSubdirs,
	Fallback: cudaFallback,
}

// CUBLAS is NVIDIA's BLAS.
var CUBLAS = &Spec{
	Name:     "cublas",
	Linux:    []string{"libcublas.so.13", "libcublas.so.12", "libcublas.so.11"},
	Windows:  []string{"cublas64_13.dll", "cublas64_12.dll", "cublas64_11.dll"},
	Env:      cudaDirs,
	Subdirs:  cudaSubdirs,
	Fallback: cudaFallback,
}

// CUFFT is NVIDIA's FFT library (soname 12 from CUDA 12, 11 in CUDA 12.0's
// early releases and 11.x, 10 in CUDA 10-11.x, as Debian packages it).
var CUFFT = &Spec{
	Name:     "cufft",
	Linux:    []string{"libcufft.so.12", "libcufft.so.11", "libcufft.so.10"},
	Windows:  []string{"cufft64_12.dll", "cufft64_11.dll", "cufft64_10.dll"},
	Env:      cudaDirs,
	Subdirs:  cudaSubdirs,
	Fallback: cudaFallback,
}

var rocmDirs = []string{"ROCM_PATH", "HIP_PATH"}
var rocmSubdirs = []string{"", "lib", "lib64", "bin"}
var rocmFallback = []string{"/opt/rocm/lib"}

// HIP is AMD's runtime (libamdhip64).
var HIP = &Spec{
	Name:     "hip",
	Linux:    []string{"libamdhip64.so.7", "libamdhip64.so.6", "libamdhip64.so.5"},
	Windows:  []string{"amdhip64_7.dll", "amdhip64_6.dll", "amdhip64.dll"},
	Env:      rocmDirs,
	Subdirs:  rocmSubdirs,
	Fallback: rocmFallback,
}

// HIPRTC is AMD's run-time compiler as a library of its own (ROCm 6 and
// later); with ROCm 5 the same symbols live in libamdhip64.
var HIPRTC = &Spec{
	Name:     "hiprtc",
	Linux:    []string{"libhiprtc.so.7", "libhiprtc.so.6"},
	Windows:  []string{"hiprtc0700.dll", "hiprtc0605.dll", "hiprtc0602.dll", "hiprtc0601.dll"},
	Env:      rocmDirs,
	Subdirs:  rocmSubdirs,
	Fallback: rocmFallback,
}

// HIPBLAS is AMD's BLAS front end (soname 3 in ROCm 7, 2 in ROCm 6, 0 in ROCm 5).
var HIPBLAS = &Spec{
	Name:     "hipblas",
	Linux:    []string{"libhipblas.so.3", "libhipblas.so.2", "libhipblas.so.1", "libhipblas.so.0"},
	Windows:  []string{"hipblas.dll"},
	Env:      rocmDirs,
	Subdirs:  rocmSubdirs,
	Fallback: rocmFallback,
}

// CUSOLVER is NVIDIA's dense and sparse solvers (soname 11 in CUDA 11 and
// 12, 12 in CUDA 13).
var CUSOLVER = &Spec{
	Name:     "cusolver",
	Linux:    []string{"libcusolver.so.12", "libcusolver.so.11"},
	Windows:  []string{"cusolver64_12.dll", "cusolver64_11.dll"},
	Env:      cudaDirs,
	Subdirs:  cudaSubdirs,
	Fallback: cudaFallback,
}

// HIPSOLVER is AMD's LAPACK front end (soname 1 in ROCm 7, 0 before).
var HIPSOLVER = &Spec{
	Name:     "hipsolver",
	Linux:    []string{"libhipsolver.so.1", "libhipsolver.so.0"},
	Windows:  []string{"hipsolver.dll"},
	Env:      rocmDirs,
	Subdirs:  rocmSubdirs,
	Fallback: rocmFallback,
}

// HIPFFT is AMD's FFT front end (soname 0 from ROCm 5 to 7).
var HIPFFT = &Spec{
	Name:     "hipfft",
	Linux:    []string{"libhipfft.so.1", "libhipfft.so.0"},
	Windows:  []string{"hipfft.dll"},
	Env:      rocmDirs,
	Subdirs:  rocmSubdirs,
	Fallback: rocmFallback,
}
