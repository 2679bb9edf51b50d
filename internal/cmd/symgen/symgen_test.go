package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseFunction(t *testing.T) {
	f, err := parseFunction("@optional @export=cuX_v2 CUresult cuX(const char **pStr, unsigned int Flags, void *p, CUstream);")
	require.NoError(t, err)
	require.True(t, f.optional)
	require.Equal(t, "cuX_v2", f.export)
	require.Equal(t, "cuX", f.name)
	require.Equal(t, "CUresult", f.result.String())
	got := []string{}
	for _, p := range f.params {
		got = append(got, p.typ.String()+"/"+p.name)
	}
	require.Equal(t, []string{"const char **/pStr", "unsigned int/Flags", "void */p", "CUstream/arg3"}, got)

	_, err = parseFunction("@bogus int f(int x);")
	require.ErrorContains(t, err, "unknown annotation")
	_, err = parseFunction("int f")
	require.ErrorContains(t, err, "not a prototype")
}

func TestUnknownTypeIsAnError(t *testing.T) {
	s, err := parseSpec(strings.NewReader("package p\nlibrary x\nCUresult cuInit(unsigned int Flags);\n"))
	require.NoError(t, err)
	_, err = newGenerator(s)
	require.ErrorContains(t, err, `unknown C type "CUresult"`)
}

const header = `
/* a comment with cuInit(int) inside */
#define cuMemAlloc cuMemAlloc_v2
typedef int CUresult;
#if defined(__CUDA_API_VERSION_INTERNAL)
CUresult CUDAAPI cuMemAlloc(unsigned int *dptr, unsigned int bytesize);
#endif
extern "C" {
CUresult CUDAAPI cuInit(unsigned int Flags);
CUresult CUDAAPI cuMemAlloc(CUdeviceptr *dptr,
                            size_t bytesize); // trailing comment
CUresult CUDAAPI cuWrong(int a);
}
`

func TestCheckHeader(t *testing.T) {
	spec := `package p
library x
CUresult cuInit(unsigned int Flags);
CUresult cuMemAlloc(CUdeviceptr *dptr, size_t bytesize);
CUresult cuWrong(long a);
CUresult cuAbsent(void);
`
	s, err := parseSpec(strings.NewReader(spec))
	require.NoError(t, err)
	problems := checkHeader(s, header)
	require.Len(t, problems, 2)
	require.Contains(t, problems[0], "cuWrong")
	require.Contains(t, problems[1], "cuAbsent: not declared")
}

// The committed generated files must be what the specs generate now.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	specs, err := filepath.Glob("../../sym/*/*.spec")
	require.NoError(t, err)
	specs = append(specs, "internal/libctest/libc.spec")
	require.NotEmpty(t, specs)
	for _, spec := range specs {
		dir := filepath.Dir(spec)
		out := filepath.Join(dir, "z"+strings.TrimSuffix(filepath.Base(spec), ".spec")+".go")
		if _, err := os.Stat(out); err != nil {
			t.Errorf("%s has no generated %s", spec, out)
			continue
		}
		require.NoError(t, run(spec, out, "", true), spec)
	}
}
