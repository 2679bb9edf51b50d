package kernel

import (
	"fmt"
	"strings"

	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
)

// param is one parameter of a list such as "float32 x, raw T y".
type param struct {
	name  string
	raw   bool
	dtype dtype.DType // 0 for a type placeholder
	typ   string      // the placeholder's name
}

// parseParams parses a parameter list: comma-separated "[raw] type name",
// the type a NumPy dtype name or a placeholder (any other identifier).
func parseParams(list string) ([]param, error) {
	var ps []param
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	for _, item := range strings.Split(list, ",") {
		f := strings.Fields(item)
		p := param{}
		if len(f) == 3 && f[0] == "raw" {
			p.raw, f = true, f[1:]
		}
		if len(f) != 2 || f[0] == "raw" {
			return nil, fmt.Errorf("parameter %q is not \"[raw] type name\"", strings.TrimSpace(item))
		}
		p.name = f[1]
		if d, err := dtype.Parse(f[0]); err == nil {
			p.dtype = d
		} else if cgen.IsIdent(f[0]) {
			p.typ = f[0]
		} else {
			return nil, fmt.Errorf("parameter %s: type %q is neither a dtype nor a placeholder", p.name, f[0])
		}
		if !cgen.IsIdent(p.name) {
			return nil, fmt.Errorf("parameter name %q is not an identifier", p.name)
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// scalarDType is the dtype of a Go scalar's own type: int and uint are
// 64-bit, as on every platform cugo runs on.
func scalarDType(v any) (dtype.DType, bool) {
	switch v.(type) {
	case int:
		return dtype.Int64, true
	case uint, uintptr:
		return dtype.Uint64, true
	}
	return dtype.OfValue(v)
}
