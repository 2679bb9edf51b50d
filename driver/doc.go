// Package driver is the Go API of the CUDA driver: devices, contexts,
// streams, events, memory, modules, launches and graphs, over the bindings
// of internal/sym/cuda (loaded at run time; no cgo).
//
// # Errors
//
// A failed driver call returns an *Error with the call, the code, and the
// driver's name and description of it: "cuda: cuMemAlloc:
// CUDA_ERROR_OUT_OF_MEMORY (2): out of memory". It is the error shape of
// every vendor binding in cugo. The common codes have sentinels, so
// errors.Is(err, driver.ErrOutOfMemory) works through any wrapping.
// Without the library, Init returns the loader's error (errors.Is(err, loader.ErrNotFound)); without a GPU,
// ErrNoDevice.
//
// # Threading model
//
// The driver keeps a current context per OS thread, and the Go scheduler
// moves goroutines between threads at any point. So every method here that
// depends on the current context runs through Context.Do: lock the
// goroutine to its thread, make the context current (cuCtxSetCurrent),
// make the call, unlock. That is correct however goroutines move and with
// any number of devices, and costs one extra C call and a thread lock, tens
// of nanoseconds (BenchmarkContextDo; against about a microsecond or more
// to hand work to a goroutine that owns a locked thread through a channel).
//
// Do always calls cuCtxSetCurrent. Asking first (cuCtxGetCurrent) and
// skipping the set when the context is already current would not be
// cheaper: through purego each C call costs about the same whatever it
// does, and the driver's set of the current context is a thread-local
// store. Restoring the previous context when Do returns would make nested
// Do calls of different contexts transparent, but costs two more C calls
// on every call that switches devices, for all code; so Do does not
// restore, and code inside a Do that makes raw calls after touching
// another context wraps them in a Do of their own (see Context.Do).
//
// Contexts are the devices' primary contexts (Device.PrimaryContext),
// shared with the CUDA runtime and libraries such as cuBLAS; one *Context
// per device serves every caller. Contexts, streams, events, modules and
// functions are safe for concurrent use. A Launcher, which reuses its
// parameter block, belongs to one goroutine at a time.
//
// # Memory
//
// Synchronous copies take Go memory ([]byte, or unsafe.Pointer and a
// length): the call returns once the host side may be reused. Asynchronous
// copies run after the call returns, so their host side must be
// page-locked memory that does not move or go away: a HostBuffer, from
// HostAlloc or HostRegister. Stream-ordered allocation (MemAllocAsync) uses
// the device's memory pool (Device.DefaultMemPool), where the device and
// driver have one.
//
// # Launches
//
// cuLaunchKernel reads an array of pointers to the parameters. A Launcher
// keeps both in pinned Go memory and reuses them, with the argument list of
// the call, so a launch allocates nothing and never hands C an unpinned Go
// pointer. Function.Launch is the convenient form for cold paths.
package driver
