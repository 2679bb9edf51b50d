package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/driver"
)

// A workload this machine cannot run prints nothing and is no failure:
// peer_copy_256MB without two CUDA devices (a GPU machine with one, or
// the CPU).
func TestBenchPeerCopyNeedsTwoGPUs(t *testing.T) {
	if n, err := driver.DeviceCount(); err == nil && n >= 2 {
		t.Skipf("this machine has %d CUDA devices: the workload runs", n)
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"bench", "--tsv", "--size", "small", "--only", "peer_copy_256MB"}, &out, &errOut), errOut.String())
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		require.True(t, strings.HasPrefix(line, "#"), "printed %q", line)
	}
	require.Empty(t, errOut.String())
}
