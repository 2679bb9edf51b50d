package vendorerr

import (
	"errors"
	"fmt"
	"testing"
)

var (
	libA = &Library{Name: "a", Names: map[int32]string{2: "A_OUT_OF_MEMORY"}}
	libB = &Library{Name: "b", Names: map[int32]string{2: "B_OUT_OF_MEMORY"},
		Describe: func(code int32) (string, string) {
			if code == 2 {
				return "B_ERR_OOM", "out of memory"
			}
			return "", ""
		}}
	cause = errors.New("symbol missing")
)

func TestCheckSuccessIsNil(t *testing.T) {
	if err := libA.Check("aCall", 0); err != nil {
		t.Fatalf("Check(0) = %v, want nil", err)
	}
}

func TestIsMatchesLibraryAndCode(t *testing.T) {
	oomA, oomB := libA.Sentinel(2), libB.Sentinel(2)
	err := fmt.Errorf("wrapped: %w", libA.Check("aAlloc", 2))
	if !errors.Is(err, oomA) {
		t.Errorf("errors.Is(%v, a's sentinel) = false", err)
	}
	if errors.Is(err, oomB) {
		t.Errorf("an error of library a matches library b's sentinel with the same code")
	}
	if errors.Is(err, libA.Sentinel(3)) {
		t.Errorf("code 2 matches the sentinel of code 3")
	}
	var e *Error
	if !errors.As(err, &e) || e.Call != "aAlloc" || e.Code != 2 || e.Library != "a" {
		t.Errorf("errors.As gives %+v", e)
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		err  *Error
		want string
	}{
		{libA.New("aAlloc", 2), "a: aAlloc: A_OUT_OF_MEMORY (2)"},
		{libA.New("aAlloc", 9), "a: aAlloc: unknown status (9)"},
		{libB.New("bAlloc", 2), "b: bAlloc: B_ERR_OOM (2): out of memory"},
		{libB.New("bAlloc", 7), "b: bAlloc: unknown status (7)"},
		{libB.Sentinel(2), "b: B_OUT_OF_MEMORY (2)"},
		{libA.Errorf("aAlloc", 2, "n = %d < 0", -1), "a: aAlloc: A_OUT_OF_MEMORY (2): n = -1 < 0"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestWrapUnwraps(t *testing.T) {
	err := libA.Wrap("aOptional", 2, cause)
	if !errors.Is(err, cause) || !errors.Is(err, libA.Sentinel(2)) {
		t.Errorf("Wrap(..., cause) = %v: matches cause %v, sentinel %v", err, errors.Is(err, cause), errors.Is(err, libA.Sentinel(2)))
	}
}
