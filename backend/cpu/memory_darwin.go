package cpu

import "golang.org/x/sys/unix"

// systemMemory is the machine's RAM.
func systemMemory() int64 {
	n, err := unix.SysctlUint64("hw.memsize")
	if err != nil {
		return 0
	}
	return int64(n)
}
