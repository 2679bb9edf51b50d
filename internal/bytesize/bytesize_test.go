package bytesize

import "testing"

func TestFormat(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1.0 KiB", 1536: "1.5 KiB", 3435973837: "3.2 GiB", 80 << 30: "80.0 GiB", 3 << 40: "3.0 TiB", 1<<63 - 1: "8.0 EiB"} {
		if got := Format(n); got != want {
			t.Errorf("Format(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	for s, want := range map[string]int64{"1073741824": 1 << 30, "8G": 8 << 30, "8GiB": 8 << 30, "8gb": 8 << 30, " 512M ": 512 << 20, "1.5K": 1536, "2T": 2 << 40, "1e30": 1<<63 - 1} {
		got, err := Parse(s)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "G", "-1G", "0", "NaN", "inf", "12X", "1e400"} {
		if n, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) = %d, want an error", s, n)
		}
	}
}
