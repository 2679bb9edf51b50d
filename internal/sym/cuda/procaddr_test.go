package cuda

import "testing"

func TestUnversioned(t *testing.T) {
	for in, want := range map[string]string{
		"cuMemAlloc_v2": "cuMemAlloc", "cuCtxCreate_v4": "cuCtxCreate", "cuInit": "cuInit",
		"cuGraphInstantiateWithFlags": "cuGraphInstantiateWithFlags", "cu_v": "cu_v", "cuX_vv2": "cuX_vv2",
	} {
		if got := unversioned(in); got != want {
			t.Errorf("unversioned(%q) = %q, want %q", in, got, want)
		}
	}
}
