//go:build !unix

package kernelcache

// openFlags: elsewhere readFile's Lstat and Stat checks do the work.
const openFlags = 0
