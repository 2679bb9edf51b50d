// Package tune reads development-time tuning knobs from CUGO_TUNE
// ("name=value,name=value"), so that kernel variants can be measured side
// by side on one GPU machine without rebuilding. A knob that is not set
// takes its default; released code sets no knobs.
package tune

import (
	"os"
	"strconv"
	"strings"
	"sync"
)

var knobs = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for _, kv := range strings.Split(os.Getenv("CUGO_TUNE"), ",") {
		name, value, ok := strings.Cut(kv, "=")
		if n, err := strconv.Atoi(value); ok && err == nil {
			m[strings.TrimSpace(name)] = n
		}
	}
	return m
})

// Int is the knob name's value, or def when CUGO_TUNE does not set it.
func Int(name string, def int) int {
	if v, ok := knobs()[name]; ok {
		return v
	}
	return def
}
