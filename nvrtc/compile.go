package nvrtc

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cugo/cugo/internal/cstr"

	sym "github.com/cugo/cugo/internal/sym/nvrtc"
)

// Options says how to compile. NVRTC's time grows with what it parses, so
// nothing is added beyond the architecture flag: pass what a program needs.
type Options struct {
	Name            string            // program name, shown in the log (default "cugo.cu")
	Headers         map[string]string // in-memory headers for #include "name": name -> source
	Options         []string          // extra NVRTC flags, e.g. "-use_fast_math"
	NameExpressions []string          // e.g. "&scale<float>": instantiated, and their lowered names reported
	// Target is the architecture as compute capability times ten (80,
	// 90, 120); 0 leaves NVRTC's default. It sets -arch, so Options must
	// not set it too.
	Target int
	CUBIN  bool // compile Target to a CUBIN (-arch=sm_XY) rather than PTX (-arch=compute_XY)
	// Minimal passes -minimal where NVRTC has it (12.4 and later): NVRTC
	// then skips declaring the CUDA runtime's device API (textures,
	// cudaMalloc, launches from the device), which a kernel that uses none
	// of it does not need, and compiles small programs faster.
	Minimal bool
}

func (o *Options) name() string {
	if o.Name == "" {
		return "cugo.cu"
	}
	return o.Name
}

// arch is the -arch value, "" for NVRTC's default.
func (o *Options) arch() string {
	switch {
	case o.Target == 0:
		return ""
	case o.CUBIN:
		return fmt.Sprintf("sm_%d", o.Target)
	default:
		return fmt.Sprintf("compute_%d", o.Target)
	}
}

func (o *Options) validate() error {
	if o.Target < 0 {
		return fmt.Errorf("nvrtc: compile %s: negative Target %d", o.name(), o.Target)
	}
	if o.CUBIN && o.Target == 0 {
		return fmt.Errorf("nvrtc: compile %s: a CUBIN needs a Target architecture", o.name())
	}
	if o.Target != 0 {
		for _, opt := range o.Options {
			if strings.HasPrefix(opt, "-arch") || strings.HasPrefix(opt, "--gpu-architecture") {
				return fmt.Errorf("nvrtc: compile %s: option %q conflicts with Target %d", o.name(), opt, o.Target)
			}
		}
	}
	return nil
}

// flags is what nvrtcCompileProgram receives: -arch, -minimal where it
// applies, then the caller's options.
func (o *Options) flags() []string {
	var f []string
	if a := o.arch(); a != "" {
		f = append(f, "-arch="+a)
	}
	if o.Minimal && hasMinimal() {
		f = append(f, "-minimal")
	}
	return append(f, o.Options...)
}

// hasMinimal reports whether the loaded NVRTC knows -minimal (12.4+).
func hasMinimal() bool {
	major, minor, err := Version()
	return err == nil && (major > 12 || major == 12 && minor >= 4)
}

// Result is a compiled program.
type Result struct {
	// Code is the image as cuModuleLoadData takes it: a CUBIN (an ELF
	// file), or PTX text with its terminating NUL byte.
	Code         []byte
	CUBIN        bool
	Log          string            // NVRTC's messages (warnings); often empty
	LoweredNames map[string]string // name expression -> symbol to look up in the module
}

// NoContraction is the option that keeps NVRTC from fusing a*b+c into one
// fused multiply-add: NumPy's loops round a*b before adding, and so must
// cugo's kernels to give its answers.
const NoContraction = "-fmad=false"

// CompileError is a compile that failed: the log holds NVRTC's messages,
// "name(line): error: ..." with the source's line numbers.
type CompileError struct {
	Program string
	Options []string // the flags NVRTC received
	Log     string
	Err     *Error // the failed nvrtcCompileProgram call
}

func (e *CompileError) Error() string {
	return fmt.Sprintf("nvrtc: compiling %s (options %q) failed with %s:\n%s",
		e.Program, e.Options, e.Err.Name, e.Log)
}

func (e *CompileError) Unwrap() error { return e.Err }

// Compile compiles a CUDA C++ source. A source with errors returns a
// *CompileError carrying NVRTC's log.
func Compile(src string, opts Options) (*Result, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	if err := load(); err != nil {
		return nil, err
	}
	names := slices.Sorted(maps.Keys(opts.Headers))
	sources := make([]string, len(names))
	for i, n := range names {
		sources[i] = opts.Headers[n]
	}
	var prog sym.NvrtcProgram
	r := sym.NvrtcCreateProgram(&prog, cstr.New(src), cstr.New(opts.name()), int32(len(names)), cstrings(sources), cstrings(names))
	if err := check("nvrtcCreateProgram", r); err != nil {
		return nil, err
	}
	defer sym.NvrtcDestroyProgram(&prog)

	for _, expr := range opts.NameExpressions {
		if err := check("nvrtcAddNameExpression", sym.NvrtcAddNameExpression(prog, cstr.New(expr))); err != nil {
			return nil, fmt.Errorf("%w (name expression %q)", err, expr)
		}
	}
	flags := opts.flags()
	r = sym.NvrtcCompileProgram(prog, int32(len(flags)), cstrings(flags))
	log, err := programLog(prog)
	if err != nil {
		return nil, err
	}
	if r != 0 {
		return nil, &CompileError{Program: opts.name(), Options: flags, Log: log, Err: lib.New("nvrtcCompileProgram", int32(r))}
	}

	res := &Result{CUBIN: opts.CUBIN, Log: log}
	if opts.CUBIN {
		res.Code, err = cubin(prog)
	} else {
		res.Code, err = ptx(prog)
	}
	if err != nil {
		return nil, err
	}
	if len(opts.NameExpressions) > 0 {
		res.LoweredNames = make(map[string]string, len(opts.NameExpressions))
		for _, expr := range opts.NameExpressions {
			var lowered *byte
			if err := check("nvrtcGetLoweredName", sym.NvrtcGetLoweredName(prog, cstr.New(expr), &lowered)); err != nil {
				return nil, fmt.Errorf("%w (name expression %q)", err, expr)
			}
			res.LoweredNames[expr] = cstr.GoString(lowered)
		}
	}
	return res, nil
}

// programLog returns the log without its NUL and trailing newlines.
func programLog(prog sym.NvrtcProgram) (string, error) {
	var n uintptr
	if err := check("nvrtcGetProgramLogSize", sym.NvrtcGetProgramLogSize(prog, &n)); err != nil {
		return "", err
	}
	if n <= 1 {
		return "", nil
	}
	buf := make([]byte, n)
	if err := check("nvrtcGetProgramLog", sym.NvrtcGetProgramLog(prog, &buf[0])); err != nil {
		return "", err
	}
	return strings.TrimRight(string(buf), "\x00\n"), nil
}

func ptx(prog sym.NvrtcProgram) ([]byte, error) {
	var n uintptr
	if err := check("nvrtcGetPTXSize", sym.NvrtcGetPTXSize(prog, &n)); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("nvrtc: nvrtcGetPTXSize: no PTX was produced")
	}
	buf := make([]byte, n) // n counts the NUL
	if err := check("nvrtcGetPTX", sym.NvrtcGetPTX(prog, &buf[0])); err != nil {
		return nil, err
	}
	return buf, nil
}

func cubin(prog sym.NvrtcProgram) ([]byte, error) {
	var n uintptr
	r, err := sym.NvrtcGetCUBINSize(prog, &n)
	if err != nil {
		return nil, err
	}
	if err := check("nvrtcGetCUBINSize", r); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("nvrtc: nvrtcGetCUBINSize: no CUBIN was produced")
	}
	buf := make([]byte, n)
	r, err = sym.NvrtcGetCUBIN(prog, &buf[0])
	if err != nil {
		return nil, err
	}
	if err := check("nvrtcGetCUBIN", r); err != nil {
		return nil, err
	}
	return buf, nil
}
