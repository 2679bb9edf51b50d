// Package hiprtc compiles HIP C++ to AMD GPU code objects at run time with
// hiprtc (libhiprtc on ROCm 6 and later, libamdhip64 on ROCm 5), loaded
// without cgo. It is the twin of package nvrtc (internal/twins checks
// it): Compile(src, Options) returns the code and the log, and a compile
// failure is a *CompileError carrying the log.
package hiprtc

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/cugo/cugo/internal/cstr"

	sym "github.com/cugo/cugo/internal/sym/hiprtc"
	"github.com/cugo/cugo/internal/vendorerr"
)

// Options of one compilation.
type Options struct {
	Name            string            // the program's file name in messages; "kernel.hip" if empty
	Headers         map[string]string // include name -> contents, served from memory
	Options         []string          // compiler options ("-O3", "-DN=4")
	NameExpressions []string          // C++ names ("scale<float>") whose lowered names to report
	// Target is the gfx target ("gfx90a", or a full target id like
	// "gfx90a:sramecc+:xnack-"); empty leaves hiprtc's default.
	Target string
}

// Result of a successful compilation.
type Result struct {
	// Code is the code object: a bare AMDGPU ELF (0x7f 'E' 'L' 'F',
	// e_machine EM_AMDGPU), not a clang offload bundle; hip's
	// Context.LoadModule loads it.
	Code         []byte
	Log          string            // warnings; usually empty
	LoweredNames map[string]string // name expression -> mangled name
}

// Error is a failed hiprtc call: the call, the hiprtcResult code and its
// name (hiprtcGetErrorString).
type Error = vendorerr.Error

// lib names the hiprtcResult codes.
var lib = &vendorerr.Library{
	Name: "hiprtc",
	Names: map[int32]string{
		1: "HIPRTC_ERROR_OUT_OF_MEMORY", 3: "HIPRTC_ERROR_INVALID_INPUT",
		5: "HIPRTC_ERROR_INVALID_OPTION", 6: "HIPRTC_ERROR_COMPILATION",
	},
	Describe: func(code int32) (name, msg string) {
		if _, err := sym.Load(); err != nil {
			return "", ""
		}
		return cstr.GoString(sym.HiprtcGetErrorString(sym.HiprtcResult(code))), ""
	},
}

// Sentinels for errors.Is: each matches every failed hiprtc call that
// returned its code.
var (
	ErrOutOfMemory  = lib.Sentinel(1)
	ErrInvalidValue = lib.Sentinel(3) // HIPRTC_ERROR_INVALID_INPUT
	ErrCompilation  = lib.Sentinel(6)
)

// NoContraction is the option that keeps hiprtc from fusing a*b+c into one
// fused multiply-add: NumPy's loops round a*b before adding, and so must
// cugo's kernels to give its answers.
const NoContraction = "-ffp-contract=off"

// CompileError is a program that did not compile; Log holds the
// compiler's diagnostics (file:line:column: error: ...).
type CompileError struct {
	Name string
	Log  string
	Err  *Error
}

func (e *CompileError) Error() string {
	return fmt.Sprintf("hiprtc: compiling %s failed:\n%s", e.Name, strings.TrimSpace(e.Log))
}

func (e *CompileError) Unwrap() error { return e.Err }

func check(call string, r sym.HiprtcResult) error { return lib.Check(call, int32(r)) }

// Version is hiprtc's own version (major, minor).
func Version() (major, minor int, err error) {
	if _, err := sym.Load(); err != nil {
		return 0, 0, err
	}
	var ma, mi int32
	if err := check("hiprtcVersion", sym.HiprtcVersion(&ma, &mi)); err != nil {
		return 0, 0, err
	}
	return int(ma), int(mi), nil
}

// TargetOption is the option that selects a gfx target: clang's
// --offload-arch, which every hiprtc since ROCm 5 takes (HIP 5.2 takes
// --gpu-architecture too, tested; it does not take -arch).
func TargetOption(target string) string { return "--offload-arch=" + target }

// compiling serialises compiles: hiprtc (seen with HIP 5.2) crashes when
// two programs compile at once in one process.
var compiling sync.Mutex

// Compile compiles src. It is safe for concurrent use: compiles run one
// at a time.
func Compile(src string, opts Options) (*Result, error) {
	if _, err := sym.Load(); err != nil {
		return nil, err
	}
	compiling.Lock()
	defer compiling.Unlock()
	if opts.Target != "" {
		if err := checkTarget(opts.Target); err != nil {
			return nil, err
		}
	}
	name := opts.Name
	if name == "" {
		name = "kernel.hip"
	}
	var c cstrings
	includeNames := make([]string, 0, len(opts.Headers))
	for n := range opts.Headers {
		includeNames = append(includeNames, n)
	}
	sort.Strings(includeNames)
	headers := make([]*byte, len(includeNames))
	names := make([]*byte, len(includeNames))
	for i, n := range includeNames {
		headers[i], names[i] = c.add(opts.Headers[n]), c.add(n)
	}
	var prog sym.HiprtcProgram
	var hp, np **byte
	if len(headers) > 0 {
		hp, np = &headers[0], &names[0]
	}
	if err := check("hiprtcCreateProgram", sym.HiprtcCreateProgram(&prog, c.add(src), c.add(name), int32(len(headers)), hp, np)); err != nil {
		return nil, err
	}
	defer sym.HiprtcDestroyProgram(&prog)
	for _, e := range opts.NameExpressions {
		if err := check("hiprtcAddNameExpression", sym.HiprtcAddNameExpression(prog, c.add(e))); err != nil {
			return nil, fmt.Errorf("%w (name expression %q)", err, e)
		}
	}
	args := opts.Options
	if opts.Target != "" {

		args = append(append([]string(nil), args...), TargetOption(opts.Target))
	}
	cargs := make([]*byte, len(args))
	for i, a := range args {
		cargs[i] = c.add(a)
	}
	var ap **byte
	if len(cargs) > 0 {
		ap = &cargs[0]
	}
	compileErr := check("hiprtcCompileProgram", sym.HiprtcCompileProgram(prog, int32(len(cargs)), ap))
	runtime.KeepAlive(&c)
	log, err := programLog(prog)
	if err != nil {
		return nil, err
	}
	if compileErr != nil {
		var e *Error
		errors.As(compileErr, &e)
		if errors.Is(e, ErrCompilation) || log != "" {
			return nil, &CompileError{Name: name, Log: log, Err: e}
		}
		return nil, compileErr
	}
	res := &Result{Log: log}
	var size uintptr
	if err := check("hiprtcGetCodeSize", sym.HiprtcGetCodeSize(prog, &size)); err != nil {
		return nil, err
	}
	if size == 0 {
		return nil, fmt.Errorf("hiprtc: compiling %s produced no code", name)
	}
	res.Code = make([]byte, size)
	if err := check("hiprtcGetCode", sym.HiprtcGetCode(prog, &res.Code[0])); err != nil {
		return nil, err
	}
	if len(opts.NameExpressions) > 0 {
		res.LoweredNames = make(map[string]string, len(opts.NameExpressions))
		for _, e := range opts.NameExpressions {
			var lowered *byte
			if err := check("hiprtcGetLoweredName", sym.HiprtcGetLoweredName(prog, c.add(e), &lowered)); err != nil {
				return nil, fmt.Errorf("%w (name expression %q)", err, e)
			}
			res.LoweredNames[e] = cstr.GoString(lowered)
		}
	}
	runtime.KeepAlive(&c)
	return res, nil
}

func programLog(prog sym.HiprtcProgram) (string, error) {
	var size uintptr
	if err := check("hiprtcGetProgramLogSize", sym.HiprtcGetProgramLogSize(prog, &size)); err != nil {
		return "", err
	}
	if size <= 1 {
		return "", nil
	}
	buf := make([]byte, size)
	if err := check("hiprtcGetProgramLog", sym.HiprtcGetProgramLog(prog, &buf[0])); err != nil {
		return "", err
	}
	return cstr.FromBuffer(buf), nil
}

// cstrings keeps the NUL-terminated copies handed to C reachable.
type cstrings struct{ bufs [][]byte }

func (c *cstrings) add(s string) *byte {
	b := append([]byte(s), 0)
	c.bufs = append(c.bufs, b)
	return &b[0]
}

// ErrUnknownTarget is wrapped by the error of a Compile for a gfx target
// that the loaded hiprtc cannot generate code for.
var ErrUnknownTarget = errors.New("gfx target not supported by this hiprtc")

// Targets lists the gfx processors the loaded hiprtc can compile for.
func Targets() ([]string, error) { return sym.ISAs() }

// checkTarget refuses a target the code generator does not know, before
// hiprtc sees it: HIP 5.2's hiprtc aborts the process instead of failing.
// Where the list cannot be had, the target is passed on unchecked.
func checkTarget(target string) error {
	isas, err := sym.ISAs()
	if err != nil {
		return nil
	}
	proc, _, _ := strings.Cut(target, ":")
	for _, p := range isas {
		if p == proc {
			return nil
		}
	}
	return fmt.Errorf("hiprtc: target %q: %w (it knows %s)", target, ErrUnknownTarget, strings.Join(isas, " "))
}
