package ir

import (
	"strings"
	"testing"
)

func TestEveryOpHasAName(t *testing.T) {
	seen := map[string]Op{}
	for op := range Op(255) {
		if op.Arity() < 0 {
			if s := op.String(); !strings.HasPrefix(s, "Op(") {
				t.Errorf("non-op %d is named %q", op, s)
			}
			continue
		}
		s := op.String()
		if strings.HasPrefix(s, "Op(") {
			t.Errorf("op %d has no name", op)
		}
		if other, dup := seen[s]; dup {
			t.Errorf("ops %d and %d are both named %q", other, op, s)
		}
		seen[s] = op
	}
	if Add.String() != "add" || FloorDiv.String() != "floor_divide" {
		t.Errorf("Add, FloorDiv named %q, %q", Add, FloorDiv)
	}
}
