package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/hiprtc"
	"github.com/cugo/cugo/libs/cublas"
	"github.com/cugo/cugo/loader"
	"github.com/cugo/cugo/nvrtc"
)

// Library is what info reports of one vendor library.
type Library struct {
	Name    string `json:"name"`
	Found   bool   `json:"found"`
	Path    string `json:"path,omitempty"`
	Version string `json:"version,omitempty"`
	Error   string `json:"error,omitempty"`
}

// Device is what info reports of one GPU.
type Device struct {
	Backend        string `json:"backend"`
	Ordinal        int    `json:"ordinal"`
	Name           string `json:"name"`
	Arch           string `json:"arch"` // sm_90, gfx90a
	MemoryBytes    int64  `json:"memory_bytes"`
	Multiprocessor int    `json:"multiprocessors"`
}

// Info is the whole report.
type Info struct {
	Libraries     []Library `json:"libraries"`
	DriverVersion string    `json:"cuda_driver_version,omitempty"`
	Devices       []Device  `json:"devices"`
	NoGPU         []string  `json:"no_gpu_reasons,omitempty"`
}

func runInfo(args []string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("info", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	info := gatherInfo()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(info)
	}
	printInfo(stdout, info)
	return nil
}

func gatherInfo() Info {
	var info Info
	versions := map[string]func() (string, error){
		"cuda": func() (string, error) {
			v, err := driver.DriverVersion()
			return fmt.Sprintf("%d.%d", v.Major, v.Minor), err
		},
		"nvrtc": func() (string, error) {
			major, minor, err := nvrtc.Version()
			return fmt.Sprintf("%d.%d", major, minor), err
		},
		"cublas": func() (string, error) {
			major, minor, patch, err := cublas.Version()
			return fmt.Sprintf("%d.%d.%d", major, minor, patch), err
		},
		"hip": func() (string, error) {
			v, err := hip.RuntimeVersion()
			return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch), err
		},
		"hiprtc": func() (string, error) {
			major, minor, err := hiprtc.Version()
			return fmt.Sprintf("%d.%d", major, minor), err
		},
	}
	for _, spec := range []*loader.Spec{loader.CUDA, loader.NVRTC, loader.CUBLAS, loader.HIP, loader.HIPRTC, loader.HIPBLAS} {
		l := Library{Name: spec.Name}
		lib, err := loader.Open(spec)
		switch {
		case err == nil:
			l.Found, l.Path = true, lib.File()
		case spec == loader.HIPRTC:
			// ROCm 5 has hiprtc inside libamdhip64.
			if _, _, verr := hiprtc.Version(); verr == nil {
				l.Found, l.Path = true, "(inside libamdhip64)"
			} else {
				l.Error = firstLine(err)
			}
		default:
			l.Error = firstLine(err)
		}
		if l.Found && versions[spec.Name] != nil {
			if v, err := versions[spec.Name](); err == nil {
				l.Version = v
			}
		}
		info.Libraries = append(info.Libraries, l)
	}
	if v, err := driver.DriverVersion(); err == nil {
		info.DriverVersion = fmt.Sprintf("%d.%d", v.Major, v.Minor)
	}
	cudaDevs, err := cudaDevices()
	if err != nil {
		info.NoGPU = append(info.NoGPU, "cuda: "+firstLine(err))
	}
	hipDevs, err := hipDevices()
	if err != nil {
		info.NoGPU = append(info.NoGPU, "hip: "+firstLine(err))
	}
	info.Devices = append(cudaDevs, hipDevs...)
	return info
}

func cudaDevices() ([]Device, error) {
	if err := driver.Init(); err != nil {
		return nil, err
	}
	n, err := driver.DeviceCount()
	if err != nil {
		return nil, err
	}
	var devs []Device
	for i := range n {
		d, err := driver.DeviceGet(i)
		if err != nil {
			return devs, err
		}
		p, err := d.Properties()
		if err != nil {
			return devs, err
		}
		devs = append(devs, Device{Backend: "cuda", Ordinal: i, Name: p.Name, Arch: fmt.Sprintf("sm_%d%d", p.Major, p.Minor),
			MemoryBytes: int64(p.TotalMem), Multiprocessor: p.MultiprocessorCount})
	}
	return devs, nil
}

func hipDevices() ([]Device, error) {
	if err := hip.Init(); err != nil {
		return nil, err
	}
	n, err := hip.DeviceCount()
	if err != nil {
		return nil, err
	}
	var devs []Device
	for i := range n {
		d, err := hip.DeviceGet(i)
		if err != nil {
			return devs, err
		}
		dev := Device{Backend: "hip", Ordinal: i}
		dev.Name, _ = d.Name()
		dev.Arch, _ = d.Arch()
		mem, _ := d.TotalMem()
		dev.MemoryBytes = int64(mem)
		dev.Multiprocessor, _ = d.MultiprocessorCount()
		devs = append(devs, dev)
	}
	return devs, nil
}

func printInfo(w io.Writer, info Info) {
	fmt.Fprintln(w, "libraries:")
	for _, l := range info.Libraries {
		if l.Found {
			fmt.Fprintf(w, "  %-8s %-10s %s\n", l.Name, l.Version, l.Path)
		} else {
			fmt.Fprintf(w, "  %-8s not found\n", l.Name)
		}
	}
	if info.DriverVersion != "" {
		fmt.Fprintf(w, "CUDA driver: %s\n", info.DriverVersion)
	}
	if len(info.Devices) == 0 {
		fmt.Fprintln(w, "no GPU found")
		for _, why := range info.NoGPU {
			fmt.Fprintf(w, "  %s\n", why)
		}
		return
	}
	fmt.Fprintln(w, "devices:")
	for _, d := range info.Devices {
		fmt.Fprintf(w, "  %s:%d  %s  %s  %.1f GiB  %d multiprocessors\n", d.Backend, d.Ordinal, d.Name, d.Arch,
			float64(d.MemoryBytes)/(1<<30), d.Multiprocessor)
	}
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
