package loader_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/loader"
)

// The system C library is on every Linux and Windows machine, so the open
// and bind tests need no GPU stack; both export abs.
var libc = &loader.Spec{Name: "libc", Linux: []string{"libc.so.6"}, Windows: []string{"msvcrt.dll"}}

func needLibc(t *testing.T) {
	if len(libc.Names()) == 0 {
		t.Skipf("no C library is named for %s", runtime.GOOS)
	}
}

func linuxOnly(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the Debian vendor libraries are Linux-only")
	}
}

func TestNotFoundListsEveryPathTried(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CUGO_TEST_DIR", dir)
	spec := &loader.Spec{
		Name:     "bogus",
		Linux:    []string{"libcugo-bogus.so.2", "libcugo-bogus.so.1"},
		Windows:  []string{"cugo-bogus2.dll", "cugo-bogus1.dll"},
		Env:      []string{"CUGO_TEST_DIR", "CUGO_TEST_UNSET_DIR"},
		Subdirs:  []string{"", "lib"},
		Fallback: []string{"/opt/cugo-nowhere"},
	}
	_, err := loader.Open(spec)
	require.ErrorIs(t, err, loader.ErrNotFound)
	var nf *loader.NotFoundError
	require.ErrorAs(t, err, &nf)
	names := spec.Names()
	want := []string{
		filepath.Join(dir, names[0]), filepath.Join(dir, names[1]),
		filepath.Join(dir, "lib", names[0]), filepath.Join(dir, "lib", names[1]),
		names[0], names[1],
	}
	if runtime.GOOS != "windows" { // Fallback directories are Linux paths
		want = append(want, filepath.Join("/opt/cugo-nowhere", names[0]), filepath.Join("/opt/cugo-nowhere", names[1]))
	}
	var tried []string
	for _, a := range nf.Tried {
		tried = append(tried, a.Path)
		require.Error(t, a.Err)
		require.NotContains(t, a.Err.Error(), a.Path, "the reason repeats the path the error already names")
	}
	require.Equal(t, want, tried)
	for _, p := range want {
		require.Contains(t, err.Error(), p)
	}
}

func TestUserDirectoryComesFirst(t *testing.T) {
	needLibc(t)
	// The directory of the C library this process runs with (an arm64 one
	// under emulation): named by the user, it must win over the system search
	// that would find the same library by its bare name.
	sys, err := loader.Open(libc)
	require.NoError(t, err)
	file := sys.File()
	require.True(t, filepath.IsAbs(file), "the system resolved %s to %q", libc.Names()[0], file)
	t.Setenv("CUGO_TEST_DIR", filepath.Dir(file))
	spec := *libc
	spec.Env, spec.Subdirs = []string{"CUGO_TEST_DIR"}, []string{""}
	lib, err := loader.Open(&spec)
	require.NoError(t, err)
	require.Equal(t, filepath.Join(filepath.Dir(file), spec.Names()[0]), lib.Path)
}

// Where the CUDA driver is absent (no NVIDIA driver; an emulated platform),
// the error names every place searched, in order: the user's directory and
// its subdirectories, the system search, then Linux's install locations.
func TestMissingDriverListsWhereItLooked(t *testing.T) {
	name := map[string]string{"linux": "libcuda.so.1", "windows": "nvcuda.dll"}[runtime.GOOS]
	if name == "" {
		t.Skipf("no CUDA driver exists for %s", runtime.GOOS)
	}
	dir := t.TempDir()
	t.Setenv("CUGO_CUDA_PATH", dir)
	_, err := loader.Open(loader.CUDA)
	if err == nil {
		t.Skip("the CUDA driver is installed here")
	}
	var want []string
	for _, sub := range []string{"", "lib64", "lib", "bin", filepath.Join("lib", "x64")} {
		want = append(want, filepath.Join(dir, sub, name))
	}
	want = append(want, name)
	if runtime.GOOS == "linux" {
		want = append(want, "/usr/lib/wsl/lib/libcuda.so.1")
	}
	var nf *loader.NotFoundError
	require.ErrorAs(t, err, &nf)
	var tried []string
	for _, a := range nf.Tried {
		tried = append(tried, a.Path)
	}
	require.Equal(t, want, tried)
	require.Contains(t, strings.SplitN(err.Error(), "\n", 2)[0], "(tried "+strings.Join(want, ", ")+")")
}

func TestBindRequiredAndOptional(t *testing.T) {
	needLibc(t)
	lib, err := loader.Open(libc)
	require.NoError(t, err)
	var abs, bogusOpt, bogusReq uintptr
	err = lib.Bind([]loader.Symbol{
		{Name: "abs", Required: true, Addr: &abs},
		{Name: "cugo_no_such_optional", Required: false, Addr: &bogusOpt},
	}, nil)
	require.NoError(t, err)
	require.NotZero(t, abs)
	require.Zero(t, bogusOpt)

	err = lib.Bind([]loader.Symbol{
		{Name: "abs", Required: true, Addr: &abs},
		{Name: "cugoMissing", Export: "cugoMissing_v2", Required: true, Addr: &bogusReq},
	}, nil)
	var ms *loader.MissingSymbolsError
	require.ErrorAs(t, err, &ms)
	require.Equal(t, []string{"cugoMissing_v2"}, ms.Names)
	require.Contains(t, err.Error(), "cugoMissing_v2")
}

func TestResolverIsAskedFirst(t *testing.T) {
	needLibc(t)
	lib, err := loader.Open(libc)
	require.NoError(t, err)
	var got uintptr
	err = lib.Bind([]loader.Symbol{{Name: "whatever", Required: true, Addr: &got}},
		func(name string) uintptr { return 42 })
	require.NoError(t, err)
	require.Equal(t, uintptr(42), got)
}

func TestNotSupportedError(t *testing.T) {
	err := loader.NotSupported("cuda", "cuMemAllocAsync")
	require.ErrorIs(t, err, loader.ErrNotSupported)
	require.Contains(t, err.Error(), "cuMemAllocAsync")
}

func TestLazyOpensOnceConcurrently(t *testing.T) {
	needLibc(t)
	z := &loader.Lazy{Spec: libc}
	libs := make(chan *loader.Library, 16)
	for range 16 {
		go func() {
			lib, err := z.Load()
			if err != nil {
				libs <- nil
				return
			}
			libs <- lib
		}()
	}
	first := <-libs
	require.NotNil(t, first)
	for range 15 {
		require.Same(t, first, <-libs)
	}
}

// The Debian packages that .ci/run installs (for linux/amd64): the real
// vendor libraries must load.
func TestVendorLibrariesLoad(t *testing.T) {
	linuxOnly(t)
	for _, spec := range []*loader.Spec{loader.CUDA, loader.NVRTC, loader.HIP} {
		t.Run(spec.Name, func(t *testing.T) {
			lib, err := loader.Open(spec)
			if err != nil && os.Getenv("CI") == "" {
				t.Skipf("not installed here (.ci/run installs it): %v", err)
			}
			require.NoError(t, err)
			require.True(t, strings.Contains(lib.File(), "/"), "resolved file %q", lib.File())
		})
	}
}

func TestOpenBoundTriesSpecsInOrder(t *testing.T) {
	needLibc(t)
	missing := &loader.Spec{Name: "missing", Linux: []string{"libcugo-missing.so.1"}, Windows: []string{"cugo-missing1.dll"}}
	var abs uintptr
	table := []loader.Symbol{{Name: "abs", Required: true, Addr: &abs}}
	lib, err := loader.OpenBound([]*loader.Spec{missing, libc}, table, nil)
	require.NoError(t, err)
	require.Equal(t, "libc", lib.Spec.Name)
	require.NotZero(t, abs)

	// When none binds, the first error is the answer.
	_, err = loader.OpenBound([]*loader.Spec{missing, libc}, []loader.Symbol{{Name: "cugo_absent", Required: true, Addr: &abs}}, nil)
	require.ErrorIs(t, err, loader.ErrNotFound)
}
