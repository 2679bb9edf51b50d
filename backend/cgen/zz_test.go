package cgen

import (
	"fmt"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

func TestZZRender(t *testing.T) {
	c := dtype.Complex64
	k := kernel([]dtype.DType{c}, nil, ir.Apply(ir.Arcsin, c, ir.In(0, c)))
	s, err := Render(k, Layout{Contiguous: true}, CUDA)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(s.Code)
}
