package main

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
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

// TestCuPyScriptSizedNames: cupy_ref.py names each workload at each size
// as cugo bench does. The script is loaded without running it, with
// stand-ins for CuPy and NumPy, so that any Python 3 will do.
func TestCuPyScriptSizedNames(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 here")
	}
	const load = `import runpy, sys
from unittest import mock
sys.modules["cupy"] = sys.modules["numpy"] = mock.MagicMock()
m = runpy.run_path("../../bench/cupy_ref.py", run_name="cupy_ref")
for size in ("full", "small"):
    env = m["Env"](size)
    for name, _, _ in m["WORKLOADS"]:
        print(size, name, env.sized_name(name))
`
	out, err := exec.Command(python, "-c", load).CombinedOutput()
	require.NoError(t, err, "%s", out)
	envs := map[string]*benchEnv{"full": {n: 1 << 26, side: 8192}, "small": {n: 1 << 20, side: 1024}}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.Len(t, lines, 2*(len(workloads)-1), "every workload but peer_copy_256MB at both sizes")
	for _, line := range lines {
		f := strings.Fields(line)
		require.Len(t, f, 3, line)
		require.Equal(t, envs[f[0]].sizedName(f[1]), f[2], "%s at size %s", f[1], f[0])
	}
}
