package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

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
