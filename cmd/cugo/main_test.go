package main

import (
	"bytes"
	"encoding/json"
	"os"
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
	require.Equal(t, []string{"cuda", "nvrtc", "cublas", "hip", "hiprtc", "hipblas"}, names)
	if gputest.Required("cuda") {
		require.NotEmpty(t, info.Devices, "CUGO_REQUIRE=cuda but info found no device: %v", info.NoGPU)
		require.True(t, strings.HasPrefix(info.Devices[0].Arch, "sm_"))
		require.Positive(t, info.Devices[0].MemoryBytes)
	}
	if len(info.Devices) == 0 {
		require.NotEmpty(t, info.NoGPU, "no device and no reason")
	}
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

func TestBenchTSV(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"bench", "--tsv", "--size", "small", "--only", "add_f32_64M,small_add_1k"}, &out, &errOut), errOut.String())
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
	require.Equal(t, []string{"add_f32_64M", "small_add_1k"}, names)
}
