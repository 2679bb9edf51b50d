package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/internal/gputest"
)

func TestInfoJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"info", "--json"}, &out, &errOut), errOut.String())
	var info Info
	require.NoError(t, json.Unmarshal(out.Bytes(), &info))
	var names []string
	for _, l := range info.Libraries {
		names = append(names, l.Name)
		if l.Found {
			require.NotEmpty(t, l.Path, l.Name)
		}
	}
	require.Equal(t, []string{"cuda", "nvrtc", "cublas", "cusolver", "hip", "hiprtc", "hipblas", "hipsolver"}, names)
	if gputest.Required("cuda") {
		require.NotEmpty(t, info.Devices, "CUGO_REQUIRE=cuda but info found no device: %v", info.NoGPU)
		require.True(t, strings.HasPrefix(info.Devices[0].Arch, "sm_"))
		require.Positive(t, info.Devices[0].MemoryBytes)
	}
	if len(info.Devices) == 0 {
		require.NotEmpty(t, info.NoGPU, "no device and no reason")
		require.Contains(t, out.String(), `"devices": []`, "no devices is [], not null")
	}
	require.NotEmpty(t, info.Default.Backend)
	require.NotEmpty(t, info.Default.Why)
	if os.Getenv("CUGO_BACKEND") == "" && len(info.Devices) == 0 {
		require.Equal(t, "cpu", info.Default.Backend)
		require.Len(t, info.Default.PassedOver, 2, "why cuda and hip were passed over")
	}
}

// TestInfoVersions: the CUDA toolkit libraries report the version their
// file is named after (libcusolver.so.11.4.1.48 is cuSOLVER 11.4.1), in
// the JSON as in the text.
func TestInfoVersions(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"info", "--json"}, &out, &errOut), errOut.String())
	var info Info
	require.NoError(t, json.Unmarshal(out.Bytes(), &info))
	out.Reset()
	require.Equal(t, 0, run([]string{"info"}, &out, &errOut), errOut.String())
	checked := 0
	for _, l := range info.Libraries {
		if !l.Found || (l.Name != "cublas" && l.Name != "cusolver") {
			continue
		}
		_, suffix, ok := strings.Cut(filepath.Base(l.Path), ".so.")
		if !ok || strings.Count(suffix, ".") < 2 {
			continue // a bare soname (libcusolver.so.11) or a DLL names no full version
		}
		require.Regexp(t, `^\d+\.\d+\.\d+$`, l.Version, l.Name)
		require.True(t, strings.HasPrefix(suffix+".", l.Version+"."), "%s %s from %s", l.Name, l.Version, l.Path)
		require.Regexp(t, `(?m)^  `+l.Name+` +`+regexp.QuoteMeta(l.Version)+` +`+regexp.QuoteMeta(l.Path)+`$`, out.String())
		checked++
	}
	if checked == 0 {
		t.Skip("neither cuBLAS nor cuSOLVER is installed under a versioned file name")
	}
}

// TestInfoTextColumns: versions and paths start in one column however long
// the names, and the paths tried for a missing library line up under them.
func TestInfoTextColumns(t *testing.T) {
	var out bytes.Buffer
	printInfo(&out, Info{Libraries: []Library{
		{Name: "cuda", Found: true, Version: "12.2", Path: "/lib/libcuda.so.1"},
		{Name: "hipsolver", Found: true, Version: "2.1.0", Path: "/opt/rocm/lib/libhipsolver.so.0"},
		{Name: "hipblas", Tried: []string{"libhipblas.so.2: not here", "/opt/rocm/lib/libhipblas.so.2: not here"}},
	}})
	want := "libraries:\n" +
		"  cuda      12.2       /lib/libcuda.so.1\n" +
		"  hipsolver 2.1.0      /opt/rocm/lib/libhipsolver.so.0\n" +
		"  hipblas   not found; tried:\n" +
		"              libhipblas.so.2: not here\n" +
		"              /opt/rocm/lib/libhipblas.so.2: not here\n"
	require.True(t, strings.HasPrefix(out.String(), want), "got:\n%s\nwant it to start with:\n%s", out.String(), want)
}

// TestInfoMissingLibrary: a library that was not found (hipBLAS, which
// Debian does not ship, on the CI machine) is listed with every path
// tried, in the text as in the JSON; the text says which backend runs.
func TestInfoMissingLibrary(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"info"}, &out, &errOut), errOut.String())
	text := out.String()
	var info Info
	out.Reset()
	require.Equal(t, 0, run([]string{"info", "--json"}, &out, &errOut))
	require.NoError(t, json.Unmarshal(out.Bytes(), &info))
	for _, l := range info.Libraries {
		if l.Found {
			require.Empty(t, l.Tried, l.Name)
			continue
		}
		require.NotEmpty(t, l.Tried, "%s: not found, and no path tried", l.Name)
		require.Regexp(t, l.Name+` +not found; tried:\n +\S+`, text)
		for _, tried := range l.Tried {
			require.Contains(t, text, tried)
		}
	}
	require.Contains(t, text, "array operations run on: ")
	require.Contains(t, text, "\n  why: ")
	require.NotContains(t, text, "hip: hip:")
	require.NotContains(t, text, "cuda: cuda:")
}

// TestHelp: every command's --help (and -h, and "cugo help <command>")
// prints its usage with its flags to stdout and exits 0.
func TestHelp(t *testing.T) {
	flags := map[string][]string{"info": {"-json"}, "demo": {"-n", "-steps"}, "bench": {"-tsv", "-only", "-size"}}
	for name, want := range flags {
		for _, args := range [][]string{{name, "--help"}, {name, "-h"}, {"help", name}} {
			var out, errOut bytes.Buffer
			require.Equal(t, 0, run(args, &out, &errOut), "%v: %s", args, errOut.String())
			require.Contains(t, out.String(), "usage: cugo "+name+" ")
			for _, f := range want {
				require.Regexp(t, "(?m)^  "+f+"( |$)", out.String(), "%v", args)
			}
			require.Empty(t, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"help"}, &out, &errOut))
	require.Contains(t, out.String(), "usage: cugo <command>")
	out.Reset()
	require.Equal(t, 2, run(nil, &out, &errOut))
	require.Contains(t, errOut.String(), "usage: cugo <command>")
	errOut.Reset()
	require.Equal(t, 2, run([]string{"help", "frobnicate"}, &out, &errOut))
	require.Contains(t, errOut.String(), `unknown command "frobnicate"`)
}

func TestBadCommandLine(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"bench", "--frobnicate"}, "flag provided but not defined: -frobnicate"},
		{[]string{"bench", "--size", "huge"}, `--size "huge": want full or small`},
		{[]string{"info", "extra"}, `unexpected argument "extra"`},
		{[]string{"bench", "--only", "add_f32_64M,nope,also_nope"},
			"--only: unknown workload nope, also_nope; the workloads are: copy_f32_64M, add_f32_64M, "},
	} {
		var out, errOut bytes.Buffer
		require.Equal(t, 2, run(c.args, &out, &errOut), "%v", c.args)
		require.Contains(t, errOut.String(), c.want)
		require.Contains(t, errOut.String(), "usage: cugo "+c.args[0], "the usage follows the error")
		require.NotContains(t, out.String(), "\t", "nothing was run")
	}
}

// TestSizedNames: at --size small each name says the size the workload
// runs (no full-size token is left), and --only takes either name.
func TestSizedNames(t *testing.T) {
	small := &benchEnv{n: 1 << 20, side: 1024}
	full := &benchEnv{n: 1 << 26, side: 8192}
	want := map[string]string{
		// 2^20 elements for 2^26, sides of 1024 for 8192.
		"copy_f32_64M": "copy_f32_1M", "add_f32_64M": "add_f32_1M", "add_alloc_f32_64M": "add_alloc_f32_1M",
		"chain_f32_64M": "chain_f32_1M", "fused_f32_64M": "fused_f32_1M", "transpose_8192": "transpose_1024",
		"sum_f32_64M": "sum_f32_1M", "max_f32_64M": "max_f32_1M",
		"sum_axis0_8192": "sum_axis0_1024", "sum_axis1_8192": "sum_axis1_1024",
		"h2d_pinned_256MB": "h2d_pinned_4MB", "d2h_pinned_256MB": "d2h_pinned_4MB",
		"peer_copy_256MB": "peer_copy_4MB",
		// Fixed sizes at both.
		"small_add_1k": "small_add_1k", "small_alloc_add_1k": "small_alloc_add_1k",
		"small_expr_1k": "small_expr_1k", "compile_cold": "compile_cold", "compile_warm": "compile_warm",
		// Matrices of 512 and 256 (e.side/2 and /4).
		"sgemm_4096": "sgemm_512", "dgemm_4096": "dgemm_512", "hgemm_4096": "hgemm_512",
		"solve_f64_4096": "solve_f64_512", "cholesky_f64_4096": "cholesky_f64_512",
		"eigh_f32_2048": "eigh_f32_256", "svd_f32_2048": "svd_f32_256", "fft2_c64_4096": "fft2_c64_512",
		"rand_f32_64M": "rand_f32_1M", "randn_f32_64M": "randn_f32_1M",
		// 64 matrices of side e.side/16 at both sizes, under one name.
		"einsum_bmm_f32": "einsum_bmm_f32",
		// 2^18 elements (e.n/4) for 2^24: sorts, statistics, 1-D transforms.
		"sort_f32_16M": "sort_f32_256k", "argsort_f32_16M": "argsort_f32_256k",
		"unique_i32_16M": "unique_i32_256k", "median_f32_16M": "median_f32_256k",
		"histogram_f32_16M": "histogram_f32_256k", "fft_c64_16M": "fft_c64_256k",
		"rfft_f32_16M": "rfft_f32_256k",
		// user kernels
		"elementwise_kernel_f32_64M": "elementwise_kernel_f32_1M", "reduction_kernel_l2_f32_64M": "reduction_kernel_l2_f32_1M",
		"small_kernel_1k": "small_kernel_1k",
	}
	require.Len(t, workloads, len(want))
	for _, w := range workloads {
		require.Equal(t, w.name, full.sizedName(w.name))
		require.Contains(t, want, w.name, "say the small name of %s here", w.name)
		got := small.sizedName(w.name)
		require.Equal(t, want[w.name], got)
		require.NotRegexp(t, `_(64M|16M|256MB|8192|4096|2048)$`, got)
	}
	sel, err := selectWorkloads("sort_f32_16M, fft_c64_256k,eigh_f32_256,eigh_f32_2048", small)
	require.NoError(t, err)
	require.Equal(t, map[string]bool{"sort_f32_16M": true, "fft_c64_16M": true, "eigh_f32_2048": true}, sel)
	_, err = selectWorkloads("sort_f32_1M", small)
	require.ErrorContains(t, err, "unknown workload sort_f32_1M")
}

func TestInfoText(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"info"}, &out, &errOut))
	text := out.String()
	require.Contains(t, text, "libraries:")
	if os.Getenv("CI") != "" {
		// CI installs Debian's libcuda, NVRTC and HIP and has no GPU.
		require.Regexp(t, `cuda +\d+\.\d+ +/`, text)
		require.Regexp(t, `nvrtc +\d+\.\d+ +/`, text)
		require.Regexp(t, `hip +\d+\.\d+`, text)
		require.Regexp(t, `cusolver +\d+\.\d+\.\d+ +/`, text) // libcusolver11
		require.Contains(t, text, "no GPU found")
	}
}

func TestUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 2, run([]string{"frobnicate"}, &out, &errOut))
	require.Contains(t, errOut.String(), `unknown command "frobnicate"`)
}

// TestDiffuseMatchesReference checks the demo's simulation against the
// same stencil computed in float64 in plain Go.
func TestDiffuseMatchesReference(t *testing.T) {
	const side, steps, alpha = 24, 15, 0.2
	u, err := diffuse(array.DefaultDevice(), side, steps)
	require.NoError(t, err)
	got, err := array.ToSlice[float32](u)
	require.NoError(t, err)

	ref := make([]float64, side*side)
	for i := side * 3 / 8; i < side*5/8; i++ {
		for j := side * 3 / 8; j < side*5/8; j++ {
			ref[i*side+j] = 1
		}
	}
	next := make([]float64, side*side)
	for range steps {
		for i := 1; i < side-1; i++ {
			for j := 1; j < side-1; j++ {
				c := ref[i*side+j]
				lap := ref[(i-1)*side+j] + ref[(i+1)*side+j] + ref[i*side+j-1] + ref[i*side+j+1] - 4*c
				next[i*side+j] = c + alpha*lap
			}
		}
		ref, next = next, ref
	}
	for k := range ref {
		require.InDelta(t, ref[k], float64(got[k]), 1e-5, "element %d", k)
	}
}

func TestDemoRuns(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"demo", "-n", "64", "-steps", "5"}, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "64x64 float32 grid, 5 steps")
	require.Contains(t, out.String(), "temperature at the centre")
}

// TestBenchTSV runs two workloads at the small size, one named as at the
// full size and one as printed at the small one.
func TestBenchTSV(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"bench", "--tsv", "--size", "small", "--only", "add_f32_64M,small_add_1k,sum_axis1_1024"}, &out, &errOut), errOut.String())
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		require.Len(t, f, 3, line)
		v, err := strconv.ParseFloat(f[1], 64)
		require.NoError(t, err)
		require.Positive(t, v, line)
		names = append(names, f[0])
	}
	require.Equal(t, []string{"add_f32_1M", "sum_axis1_1024", "small_add_1k"}, names)
}

// TestBenchNoProgressInLogs: with stderr not a terminal the text output
// has no progress lines and no carriage returns.
func TestBenchNoProgressInLogs(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"bench", "--size", "small", "--only", "small_add_1k"}, &out, &errOut), errOut.String())
	require.Empty(t, errOut.String())
	require.NotContains(t, out.String(), "\r")
	require.Regexp(t, `(?m)^small_add_1k +\d+\.\d+ us$`, out.String())
}
