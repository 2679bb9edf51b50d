package backend

// HostMemory is implemented by backends whose buffers are ordinary host
// memory (the CPU backend), so that arrays can share memory with Go
// slices, as gonum's matrices, without a copy.
type HostMemory interface {
	// HostBytes returns the memory of buf itself, not a copy.
	HostBytes(buf Buffer) ([]byte, error)
	// WrapHost returns a buffer whose memory is mem, which must be 8-byte
	// aligned (as the memory of a []float64 is). Free of the buffer drops
	// the backend's reference; the memory stays the caller's.
	WrapHost(mem []byte) (Buffer, error)
}
