// Package bytesize writes and reads amounts of memory as people do:
// "80.0 GiB", "8G".
package bytesize

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Format writes n in the largest binary unit it reaches: "80.0 GiB".
func Format(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	v, u := float64(n)/1024, 0
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return fmt.Sprintf("%.1f %s", v, units[u])
}

// Parse reads a positive amount: bytes, or a number with a suffix K, M, G
// or T counting powers of 1024 ("8G", "8GiB" and "8GB" read alike; "1.5T"
// too). Amounts past the int64 range saturate.
func Parse(s string) (int64, error) {
	num := strings.TrimRight(strings.ToUpper(strings.TrimSpace(s)), "IB")
	shift := 0
	if i := len(num) - 1; i >= 0 && strings.IndexByte("KMGT", num[i]) >= 0 {
		shift = 10 * (strings.IndexByte("KMGT", num[i]) + 1)
		num = num[:i]
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return 0, errors.New("want a positive number of bytes, such as 8G or 1073741824")
	}
	v *= float64(int64(1) << shift)
	if v >= math.MaxInt64 {
		return math.MaxInt64, nil
	}
	return int64(v), nil
}
