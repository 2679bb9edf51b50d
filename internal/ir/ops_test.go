package ir

import (
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
)

func TestEveryOpHasASignature(t *testing.T) {
	seen := map[string]Op{}
	for op := range Op(255) {
		sig, ok := op.Sig()
		if op.Arity() < 0 {
			if s := op.String(); ok || !strings.HasPrefix(s, "Op(") {
				t.Errorf("non-op %d is named %q", op, s)
			}
			continue
		}
		if !ok {
			t.Errorf("op %d has no signature", op)
			continue
		}
		if other, dup := seen[sig.Name]; dup {
			t.Errorf("ops %d and %d are both named %q", other, op, sig.Name)
		}
		seen[sig.Name] = op
		if op > Cast && !op.IsRandom() && sig.Accepts == 0 { // random ops are typed by checkRandom
			t.Errorf("%v accepts no dtype", op)
		}
	}
	if Add.String() != "add" || FloorDiv.String() != "floor_divide" {
		t.Errorf("Add, FloorDiv named %q, %q", Add, FloorDiv)
	}
}

// Validate applies the table: each refusal here is a node the table rules out.
func TestValidateChecksTheTable(t *testing.T) {
	f, i8, b, c := dtype.Float64, dtype.Int8, dtype.Bool, dtype.Complex64
	bad := map[string]*Node{
		"sin of int8":           Apply(Sin, i8, In(0, i8)),
		"shift of float":        Apply(LeftShift, f, In(0, f), In(1, f)),
		"equal giving float":    Apply(Equal, f, In(0, f), In(1, f)),
		"abs of complex64":      Apply(Abs, c, In(0, c)),
		"mixed add":             Apply(Add, f, In(0, f), In(1, i8)),
		"where on int8":         Apply(Where, f, In(0, i8), In(1, f), In(1, f)),
		"logical_and of float":  Apply(LogicalAnd, b, In(0, f), In(1, f)),
		"frexp exponent as f64": Apply(FrexpExponent, f, In(0, f)),
		"gcd of floats":         Apply(Gcd, f, In(0, f), In(1, f)),
	}
	for name, n := range bad {
		k := &Kernel{Inputs: []dtype.DType{n.Args[0].DType, f}, Outputs: []*Node{n}}
		if len(n.Args) > 1 {
			k.Inputs = []dtype.DType{n.Args[0].DType, n.Args[1].DType}
		}
		if err := k.Validate(); err == nil {
			t.Errorf("%s: Validate accepted it", name)
		}
	}
	good := &Kernel{Inputs: []dtype.DType{c, f}, Outputs: []*Node{
		Apply(Abs, dtype.Float32, In(0, c)),
		Apply(FrexpExponent, dtype.Int32, In(1, f)),
		Apply(Less, b, In(1, f), In(1, f)),
	}}
	if err := good.Validate(); err != nil {
		t.Errorf("well-typed kernel: %v", err)
	}
}
