//go:build !race

// Package race reports whether the race detector is on: its
// instrumentation allocates, so allocation counts are checked only
// without it.
package race

// Enabled is true in binaries built with -race.
const Enabled = false
