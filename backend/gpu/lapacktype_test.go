package gpu

import (
	"errors"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

func TestByLAPACKType(t *testing.T) {
	for dt, want := range map[dtype.DType]string{dtype.Float32: "S", dtype.Float64: "D", dtype.Complex64: "C", dtype.Complex128: "Z"} {
		if got, err := ByLAPACKType("lib", dt, "S", "D", "C", "Z"); got != want || err != nil {
			t.Errorf("ByLAPACKType(%v) = %q, %v; want %q", dt, got, err, want)
		}
	}
	for _, dt := range []dtype.DType{dtype.Float16, dtype.BFloat16, dtype.Int32, dtype.Bool} {
		got, err := ByLAPACKType("cusolver", dt, "S", "D", "C", "Z")
		if got != "" || !errors.Is(err, backend.ErrUnsupported) || !strings.HasPrefix(err.Error(), "cusolver: "+dt.String()) {
			t.Errorf("ByLAPACKType(%v) = %q, %v; want ErrUnsupported naming cusolver and the dtype", dt, got, err)
		}
	}
}
