package cgen

import (
	"fmt"

	"github.com/cugo/cugo/internal/ir"
)

// RenderModule renders kernels ks, kernel i for layout ls[i], into one
// translation unit (one compile), each Source carrying the whole
// module's code: for tests that compile many kernels.
func RenderModule(ks []*ir.Kernel, ls []Layout, v Vendor) ([]*Source, error) {
	if len(ks) != len(ls) {
		return nil, fmt.Errorf("cgen: %d kernels and %d layouts", len(ks), len(ls))
	}
	units := make([]unit, len(ks))
	for i := range ks {
		units[i] = unit{ks[i], ls[i]}
	}
	return renderModule(units, v)
}
