package cgen

import (
	"testing"

	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// testModule is a kernel module to render and compile, named for messages.
type testModule struct {
	name   string
	render func() (string, error)
}

// compileModules renders each module and compiles the cuda ones with
// NVRTC and the hip ones with hiprtc for gfx90a; each vendor's subtest
// skips without its compiler.
func compileModules(t *testing.T, cuda, hip []testModule) {
	t.Run("cuda", func(t *testing.T) {
		kerneltest.NeedNVRTC(t)
		for _, m := range cuda {
			code, err := m.render()
			require.NoError(t, err, m.name)
			require.NoError(t, kerneltest.CompileCUDA(code), m.name)
		}
	})
	t.Run("hip", func(t *testing.T) {
		kerneltest.NeedHIPRTC(t)
		for _, m := range hip {
			code, err := m.render()
			require.NoError(t, err, m.name)
			_, err = kerneltest.HIP(code, "gfx90a")
			require.NoError(t, err, m.name)
		}
	})
}
