//go:build !linux && !darwin && !windows

package cpu

// systemMemory is unknown here: defaultLimit then uses its fallback.
func systemMemory() int64 { return 0 }
