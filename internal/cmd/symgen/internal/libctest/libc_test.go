package libctest

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/loader"
)

func TestGeneratedBindings(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("libc.so.6 is Linux's")
	}
	_, err := Load()
	require.NoError(t, err)
	require.Equal(t, int32(7), Abs(-7))
	require.Equal(t, int64(1)<<40, Llabs(-(int64(1) << 40)), "64-bit argument and result")
	s := []byte("cugo\x00")
	require.Equal(t, uintptr(4), Strlen(&s[0]))
	require.Equal(t, 12.0, Ldexp(1.5, 3), "double by value goes through RegisterFunc")
	f := []byte("2.5\x00")
	require.Equal(t, float32(2.5), Strtof(&f[0], nil), "float result")
	_, err = Cugo_missing_optional(1)
	require.ErrorIs(t, err, loader.ErrNotSupported)
	require.Contains(t, err.Error(), "cugo_missing_optional")
}
