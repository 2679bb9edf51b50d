package main

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCuPyScriptHasOurWorkloads: bench/cupy_ref.py times every workload of
// cugo bench (but the peer copy, which CuPy's script has not), under the
// same name and in the same unit, so that compare.py can join them; and
// bench/README.md defines each.
func TestCuPyScriptHasOurWorkloads(t *testing.T) {
	script, err := os.ReadFile("../../bench/cupy_ref.py")
	require.NoError(t, err)
	readme, err := os.ReadFile("../../bench/README.md")
	require.NoError(t, err)
	theirs := map[string]string{}
	for _, m := range regexp.MustCompile(`\("([A-Za-z0-9_]+)", "([^"]+)", `).FindAllStringSubmatch(string(script), -1) {
		theirs[m[1]] = m[2]
	}
	require.NotEmpty(t, theirs)
	for _, w := range workloads {
		require.Contains(t, string(readme), "`"+w.name+"`", "bench/README.md does not define %s", w.name)
		if w.name == "peer_copy_256MB" {
			continue
		}
		require.Equal(t, w.unit, theirs[w.name], "%s in cupy_ref.py", w.name)
		delete(theirs, w.name)
	}
	require.Empty(t, theirs, "workloads of cupy_ref.py that cugo bench does not have")
}
