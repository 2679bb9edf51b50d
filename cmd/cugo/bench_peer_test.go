package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/backend"
)

// A workload this machine cannot run prints nothing and is no failure:
// peer_copy_256MB without two CUDA devices (a GPU machine with one, or
// the CPU).
func TestBenchPeerCopyNeedsTwoGPUs(t *testing.T) {
	if _, err := backend.Open("cuda", 1); err == nil {
		t.Skip("this machine has a second CUDA device: the workload runs")
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"bench", "--tsv", "--size", "small", "--only", "peer_copy_256MB"}, &out, &errOut), errOut.String())
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		require.True(t, strings.HasPrefix(line, "#"), "printed %q", line)
	}
	require.Empty(t, errOut.String())
}
