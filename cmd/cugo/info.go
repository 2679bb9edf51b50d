package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cugo/cugo/backend"
)

// Library is what info reports of one vendor library.
type Library struct {
	Name    string   `json:"name"`
	Found   bool     `json:"found"`
	Path    string   `json:"path,omitempty"`
	Version string   `json:"version,omitempty"`
	Tried   []string `json:"tried,omitempty"` // each path tried and why, when not found
}

// deviceReport is what info reports of one GPU.
type deviceReport struct {
	Backend        string `json:"backend"`
	Ordinal        int    `json:"ordinal"`
	Name           string `json:"name"`
	Arch           string `json:"arch"` // sm_90, gfx90a
	MemoryBytes    int64  `json:"memory_bytes"`
	Multiprocessor int    `json:"multiprocessors"`
}

// Choice is the backend that array operations use, and why.
type Choice struct {
	Backend    string   `json:"backend"` // "cuda:0", "cpu"...
	Name       string   `json:"name,omitempty"`
	Why        string   `json:"why"`
	PassedOver []string `json:"passed_over,omitempty"` // why each preferred backend did not open
}

// Info is the whole report.
type Info struct {
	Libraries     []Library      `json:"libraries"`
	DriverVersion string         `json:"cuda_driver_version,omitempty"`
	Devices       []deviceReport `json:"devices"`
	NoGPU         []string       `json:"no_gpu_reasons,omitempty"`
	Default       Choice         `json:"default"`
}

func runInfo(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("info")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parseFlags(fs, args, stdout); err != nil {
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

// maxDevices bounds the ordinals info tries of one kind.
const maxDevices = 64

// gatherInfo asks the backends what they found: their libraries, and the
// devices each kind opens.
func gatherInfo() Info {
	info := Info{Libraries: []Library{}, Devices: []deviceReport{}}
	for _, l := range backend.Libraries() {
		info.Libraries = append(info.Libraries, Library{Name: l.Name, Found: l.Found(), Path: l.Path, Version: l.Version, Tried: l.Tried})
		if l.Name == "cuda" {
			info.DriverVersion = l.Version
		}
	}
	for _, kind := range []string{"cuda", "hip"} {
		for ordinal := range maxDevices {
			b, err := backend.Open(kind, ordinal)
			if err != nil {
				if ordinal == 0 {
					info.NoGPU = append(info.NoGPU, firstLine(err))
				}
				break
			}
			d := b.Device()
			info.Devices = append(info.Devices, deviceReport{Backend: d.Kind, Ordinal: d.Ordinal, Name: d.Name, Arch: d.Arch,
				MemoryBytes: d.Memory, Multiprocessor: d.Units})
		}
	}
	info.Default = defaultChoice()
	return info
}

// defaultChoice says which backend backend.Default picks and why.
func defaultChoice() Choice {
	b, err := backend.Default()
	if err != nil {
		return Choice{Backend: "none", Why: firstLine(err)}
	}
	d := b.Device()
	c := Choice{Backend: fmt.Sprintf("%s:%d", d.Kind, d.Ordinal), Name: d.Name}
	if d.Kind == "cpu" {
		c.Backend = "cpu"
	}
	for _, err := range backend.Skipped() {
		c.PassedOver = append(c.PassedOver, firstLine(err))
	}
	if env := os.Getenv("CUGO_BACKEND"); env != "" {
		c.Why = "CUGO_BACKEND=" + env
	} else {
		c.Why = "the first backend that opens, in the order cuda, hip, cpu"
	}
	return c
}

func printInfo(w io.Writer, info Info) {
	fmt.Fprintln(w, "libraries:")
	width := 8 // the names' column, as wide as the longest name
	for _, l := range info.Libraries {
		width = max(width, len(l.Name))
	}
	for _, l := range info.Libraries {
		if l.Found {
			fmt.Fprintf(w, "  %-*s %-10s %s\n", width, l.Name, l.Version, l.Path)
			continue
		}
		fmt.Fprintf(w, "  %-*s not found; tried:\n", width, l.Name)
		for _, t := range l.Tried {
			fmt.Fprintf(w, "%*s%s\n", width+5, "", t)
		}
	}
	if info.DriverVersion != "" {
		fmt.Fprintf(w, "CUDA driver: %s\n", info.DriverVersion)
	}
	if len(info.Devices) == 0 {
		fmt.Fprintln(w, "no GPU found:")
		for _, why := range info.NoGPU {
			fmt.Fprintf(w, "  %s\n", why)
		}
	} else {
		fmt.Fprintln(w, "devices:")
		for _, d := range info.Devices {
			fmt.Fprintf(w, "  %s:%d  %s  %s  %.1f GiB  %d multiprocessors\n", d.Backend, d.Ordinal, d.Name, d.Arch,
				float64(d.MemoryBytes)/(1<<30), d.Multiprocessor)
		}
	}
	on := info.Default.Backend
	switch name := info.Default.Name; {
	case strings.HasPrefix(name, on): // "cpu (16 goroutines)"
		on = name
	case name != "":
		on += " (" + name + ")"
	}
	fmt.Fprintf(w, "array operations run on: %s\n  why: %s\n", on, info.Default.Why)
	if len(info.Devices) == 0 {
		return // the reasons are those printed above
	}
	for _, p := range info.Default.PassedOver {
		fmt.Fprintf(w, "  passed over: %s\n", p)
	}
}

// firstLine is the first line of err's message: the loader's errors list
// the paths tried on the lines after it.
func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
