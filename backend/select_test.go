package backend

import (
	"errors"
	"testing"
)

type fakeBackend struct {
	Backend
	ordinal int
}

func TestOpenReturnsOneBackendPerDevice(t *testing.T) {
	opens := 0
	Register("fake-test", func(ordinal int) (Backend, error) {
		opens++
		if ordinal > 1 {
			return nil, errors.New("no such fake device")
		}
		return &fakeBackend{ordinal: ordinal}, nil
	})
	a, err := Open("fake-test", 0)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Open("fake-test", 0)
	c, _ := Open("fake-test", 1)
	if a != b || a == c || opens != 2 {
		t.Errorf("Open: same device gave %p and %p, other %p, %d opens", a, b, c, opens)
	}
	if _, err := Open("fake-test", 5); err == nil {
		t.Error("a failing opener gave no error")
	}
	if _, err := Open("no-such-kind", 0); err == nil {
		t.Error("an unknown kind opened")
	}
}
