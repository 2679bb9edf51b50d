package cstr

import "testing"

func TestRoundTrip(t *testing.T) {
	for _, s := range []string{"", "a", "CUDA_ERROR_NO_DEVICE", "with spaces and ünicode"} {
		if got := GoString(New(s)); got != s {
			t.Errorf("GoString(New(%q)) = %q", s, got)
		}
	}
	if GoString(nil) != "" {
		t.Error("GoString(nil) is not empty")
	}
}

func TestFromBuffer(t *testing.T) {
	for _, c := range []struct {
		buf  []byte
		want string
	}{
		{[]byte("log\x00garbage"), "log"},
		{[]byte("no terminator"), "no terminator"},
		{[]byte{0}, ""},
		{nil, ""},
	} {
		if got := FromBuffer(c.buf); got != c.want {
			t.Errorf("FromBuffer(%q) = %q, want %q", c.buf, got, c.want)
		}
	}
}
