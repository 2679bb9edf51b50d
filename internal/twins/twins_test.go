// Package twins holds the check that cugo's CUDA bindings and their HIP
// twins keep one shape: the same exported names with the same signatures,
// except the vendor differences listed here with their reasons.
package twins

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A twin pair: a CUDA package, its HIP twin, the exported names only one
// of them has and the functions and methods whose signatures differ, each
// with the reason. A new vendor library adds its pair here.
type pair struct {
	cuda, hip  string
	onlyCUDA   map[string]string
	onlyHIP    map[string]string
	signatures map[string]string
}

// Reasons shared by many entries.
const (
	notBoundHIP = "not bound for HIP: no cugo code uses it on AMD GPUs yet"
)

var pairs = []pair{
	{cuda: "driver", hip: "hip",
		onlyCUDA: map[string]string{
			"CaptureMode":                        "HIP's BeginCapture has one mode in the calls cugo makes",
			"Context.DisablePeerAccess":          "peer copies are CUDA-only in cugo (backend.PeerCopier)",
			"Context.EnablePeerAccess":           "peer copies are CUDA-only in cugo (backend.PeerCopier)",
			"Device.CanAccessPeer":               "peer copies are CUDA-only in cugo (backend.PeerCopier)",
			"Stream.MemcpyPeerAsync":             "peer copies are CUDA-only in cugo (backend.PeerCopier)",
			"MemAccess":                          "stream-ordered pools are CUDA-only in cugo (HIP allocates behind the caching allocator)",
			"MemAccess.String":                   "stream-ordered pools are CUDA-only in cugo",
			"MemPool":                            "stream-ordered pools are CUDA-only in cugo",
			"MemPool.Access":                     "stream-ordered pools are CUDA-only in cugo",
			"MemPool.Attribute":                  "stream-ordered pools are CUDA-only in cugo",
			"MemPool.SetAccess":                  "stream-ordered pools are CUDA-only in cugo",
			"MemPool.SetReleaseThreshold":        "stream-ordered pools are CUDA-only in cugo",
			"MemPool.TrimTo":                     "stream-ordered pools are CUDA-only in cugo",
			"MemPoolAttribute":                   "stream-ordered pools are CUDA-only in cugo",
			"Device.DefaultMemPool":              "stream-ordered pools are CUDA-only in cugo",
			"Context.Handle":                     "a CUDA context is an object; HIP has a current device instead",
			"Context.Release":                    "a CUDA primary context is retained and released; HIP's device needs no release",
			"Context.MemcpyDtoH":                 "HIP copies host memory through the generic CopyDtoH[T]",
			"Context.MemcpyDtoHPtr":              "HIP copies host memory through the generic CopyDtoH[T]",
			"Context.MemcpyHtoD":                 "HIP copies host memory through the generic CopyHtoD[T]",
			"Context.MemcpyHtoDPtr":              "HIP copies host memory through the generic CopyHtoD[T]",
			"Stream.MemcpyDtoHAsync":             "HIP copies host memory through the generic CopyDtoHAsync[T]",
			"Stream.MemcpyHtoDAsync":             "HIP copies host memory through the generic CopyHtoDAsync[T]",
			"Context.Memcpy2D":                   notBoundHIP,
			"Stream.Memcpy2DAsync":               notBoundHIP,
			"Memcpy2D":                           notBoundHIP,
			"MemoryType":                         notBoundHIP,
			"Context.PointerGetAttribute":        notBoundHIP,
			"PointerAttribute":                   notBoundHIP,
			"Device.ComputeCapability":           "an AMD GPU is named by its gfx target: hip.Device.Arch",
			"Device.Properties":                  "the CUDA backend reads its device description in one call; HIP's Device has one method per property",
			"Properties":                         "the CUDA backend reads its device description in one call; HIP's Device has one method per property",
			"Device.UUID":                        notBoundHIP,
			"UUID":                               notBoundHIP,
			"UUID.String":                        notBoundHIP,
			"FuncAttribute":                      notBoundHIP,
			"Function.Attribute":                 notBoundHIP,
			"Function.Context":                   notBoundHIP,
			"Function.OccupancyMaxActiveBlocks":  notBoundHIP,
			"Function.SetMaxDynamicSharedMemory": notBoundHIP,
			"Function.Launch":                    notBoundHIP,
			"Launcher.Arg":                       notBoundHIP,
			"Launcher.Uintptr":                   notBoundHIP,
			"Module.Global":                      notBoundHIP,
			"Graph.Instantiate":                  "CUDA instantiates a captured graph into a GraphExec; hip.Graph instantiates at capture end and launches itself",
			"GraphExec":                          "CUDA instantiates a captured graph into a GraphExec; hip.Graph instantiates at capture end and launches itself",
			"GraphExec.Destroy":                  "CUDA instantiates a captured graph into a GraphExec; hip.Graph instantiates at capture end and launches itself",
			"GraphExec.Launch":                   "CUDA instantiates a captured graph into a GraphExec; hip.Graph instantiates at capture end and launches itself",
			"HostAllocFlags":                     "HIP's HostAlloc takes no flags in cugo (always portable)",
			"HostRegisterFlags":                  "HIP's HostRegister takes no flags in cugo",
			"HostBuffer.Len":                     notBoundHIP,
			"HostBuffer.Ptr":                     notBoundHIP,
		},
		onlyHIP: map[string]string{
			"Context.HostUnregister":     "HIP registers a Go slice and unregisters it by that slice; driver's HostRegister returns a HostBuffer whose Free unregisters",
			"CopyDtoH":                   "typed generic host copies; driver's take bytes (Context.MemcpyDtoH)",
			"CopyDtoHAsync":              "typed generic host copies; driver's take bytes (Stream.MemcpyDtoHAsync)",
			"CopyHtoD":                   "typed generic host copies; driver's take bytes (Context.MemcpyHtoD)",
			"CopyHtoDAsync":              "typed generic host copies; driver's take bytes (Stream.MemcpyHtoDAsync)",
			"Device.Arch":                "an AMD GPU is named by its gfx target; CUDA's by Device.ComputeCapability",
			"Device.ArchName":            "an AMD GPU is named by its gfx target; CUDA's by Device.ComputeCapability",
			"Device.MultiprocessorCount": "one method per property; CUDA reads them all with Device.Properties",
			"Device.WarpSize":            "one method per property (the wavefront is 32 or 64 on AMD); CUDA reads them with Device.Properties",
			"Graph.Launch":               "hip.Graph instantiates at capture end and launches itself; CUDA launches a GraphExec",
			"RuntimeVersion":             "HIP has a runtime library of its own; the CUDA driver API has only DriverVersion",
		},
		signatures: map[string]string{
			"Context.Device":       "driver.Device is a value (ordinal and CUdevice), hip.Device a pointer to its ordinal: not made one yet",
			"DeviceGet":            "driver.Device is a value (ordinal and CUdevice), hip.Device a pointer to its ordinal: not made one yet",
			"Context.HostAlloc":    "HIP's HostAlloc takes no flags in cugo (always portable)",
			"Context.HostRegister": "HIP registers a Go slice and unregisters it by that slice (Context.HostUnregister); driver's takes a pointer and flags and returns a HostBuffer",
			"Stream.BeginCapture":  "HIP's BeginCapture has one mode in the calls cugo makes",
		}},
	{cuda: "nvrtc", hip: "hiprtc",
		onlyCUDA: map[string]string{
			"Kernel":         "NVRTC's Kernel bundles compile, load and lookup for the driver; cugo's HIP backend does those steps itself",
			"PickTarget":     "NVRTC chooses between a CUBIN and PTX for the device; hiprtc always builds a code object for the gfx target",
			"SupportedArchs": "NVRTC lists its architectures; hiprtc has no such query",
		},
		onlyHIP: map[string]string{
			"TargetOption": "hiprtc names the gfx target as an --offload-arch option; NVRTC's target is Options.Target",
			"Targets":      "the gfx targets cugo compiles for; NVRTC asks SupportedArchs",
		}},
	{cuda: "libs/cublas", hip: "libs/hipblas",
		onlyCUDA: map[string]string{
			"Asum": notBoundHIP, "Axpy": notBoundHIP, "Copy": notBoundHIP, "Dot": notBoundHIP,
			"Dotc": notBoundHIP, "Iamax": notBoundHIP, "Nrm2": notBoundHIP, "Scal": notBoundHIP,
			"Swap": notBoundHIP, "Complex": "the constraint of Dotc, not bound for HIP",
			"Geam": notBoundHIP, "Gemv": notBoundHIP, "GemmBatched": notBoundHIP,
			"HgemmBatched": notBoundHIP, "HgemmStridedBatched": notBoundHIP,
			"ComputeType":           "hipBLAS's GemmEx always accumulates in float32 in cugo",
			"DataType.String":       notBoundHIP,
			"Handle.MathMode":       "cuBLAS's TF32 opt-in; hipBLAS has no math mode",
			"Handle.SetMathMode":    "cuBLAS's TF32 opt-in; hipBLAS has no math mode",
			"MathMode":              "cuBLAS's TF32 opt-in; hipBLAS has no math mode",
			"Handle.PointerMode":    "hipBLAS handles stay in host pointer mode in cugo",
			"Handle.SetPointerMode": "hipBLAS handles stay in host pointer mode in cugo",
			"PointerMode":           "hipBLAS handles stay in host pointer mode in cugo",
			"Handle.SetWorkspace":   notBoundHIP,
			"Version":               notBoundHIP,
			"MatinvBatched":         "cuBLAS's one-call inverse of matrices up to 32×32; hipBLAS has no such routine",
		},
		onlyHIP: map[string]string{
			"Real": "the constraint of GemmStridedBatched: hipBLAS's complex strided batched GEMMs are not bound (" + notBoundHIP + ")",
		},
		signatures: map[string]string{
			"GemmEx":               "hipBLAS's GemmEx always accumulates in float32 in cugo: no ComputeType",
			"GemmStridedBatchedEx": "hipBLAS's GemmEx always accumulates in float32 in cugo: no ComputeType",
			"GemmStridedBatched":   "over Real on HIP: hipBLAS's complex strided batched GEMMs are not bound (" + notBoundHIP + ")",
		}},
	{cuda: "libs/cusolver", hip: "libs/hipsolver",
		onlyCUDA: map[string]string{
			"Version":          "cuSOLVER reports its version (cusolverGetProperty); hipSOLVER has no call that does",
			"Geev":             "cuSOLVER's 64-bit Xgeev (CUDA 12.6+) is bound; hipSOLVER's is not (the GPU Eig runs on CUDA only)",
			"GeevBufferSize":   "cuSOLVER's 64-bit Xgeev (CUDA 12.6+) is bound; hipSOLVER's is not (the GPU Eig runs on CUDA only)",
			"Params":           "the parameter object of cuSOLVER's 64-bit API, which Geev takes",
			"Params.Close":     "the parameter object of cuSOLVER's 64-bit API, which Geev takes",
			"NewParams":        "the parameter object of cuSOLVER's 64-bit API, which Geev takes",
			"Xpotrf":           "cuSOLVER's 64-bit potrf, measured against the legacy one (knob linalg_potrf_64); hipSOLVER's is not bound",
			"XpotrfBufferSize": "cuSOLVER's 64-bit potrf, measured against the legacy one (knob linalg_potrf_64); hipSOLVER's is not bound",
		},
		onlyHIP: map[string]string{
			"GetrsBufferSize":        "hipSOLVER's getrs takes a workspace (rocSOLVER needs one); cuSOLVER's takes none",
			"PotrsBufferSize":        "hipSOLVER's potrs takes a workspace (rocSOLVER needs one); cuSOLVER's takes none",
			"PotrfBatchedBufferSize": "hipSOLVER's potrfBatched takes a workspace (rocSOLVER needs one); cuSOLVER's takes none",
		},
		signatures: map[string]string{
			"Getrf":           "hipSOLVER's getrf takes the workspace's length (lwork) too; cuSOLVER's takes the workspace alone",
			"Getrs":           "hipSOLVER's getrs takes a workspace and its length (GetrsBufferSize); cuSOLVER's takes none",
			"Potrs":           "hipSOLVER's potrs takes a workspace and its length (PotrsBufferSize); cuSOLVER's takes none",
			"PotrfBatched":    "hipSOLVER's potrfBatched takes a workspace and its length (PotrfBatchedBufferSize); cuSOLVER's takes none",
			"GesvdBufferSize": "hipSOLVER's gesvd_bufferSize takes the jobs (jobu, jobvt); cuSOLVER's sizes the workspace for every job",
		}},
	{cuda: "libs/cufft", hip: "libs/hipfft"},
}

// exported returns the exported functions, types and methods (as
// "Type.Method") declared in the non-test files of the package in dir, each
// with its signature (see signature; "" for a type).
func exported(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	names := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv == nil {
					names[d.Name.Name] = signature(fset, d.Type)
				} else if recv := receiverName(d.Recv.List[0].Type); ast.IsExported(recv) {
					names[recv+"."+d.Name.Name] = signature(fset, d.Type)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() {
						names[ts.Name.Name] = ""
					}
				}
			}
		}
	}
	return names
}

// signature writes a function's type parameters, parameters and results
// without their names, the CUDA runtime's package written as HIP's
// (driver.DevicePtr as hip.DevicePtr), so that twins compare equal:
// "[Elem] (*Handle, int, hip.DevicePtr) (int, error)".
func signature(fset *token.FileSet, f *ast.FuncType) string {
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "driver" {
				id.Name = "hip"
			}
		}
		return true
	})
	types := func(l *ast.FieldList) string {
		if l == nil {
			return ""
		}
		var b bytes.Buffer
		for i, field := range l.List {
			if i > 0 {
				b.WriteString(", ")
			}
			var typ bytes.Buffer
			if err := printer.Fprint(&typ, fset, field.Type); err != nil {
				panic(err)
			}
			for j := range max(1, len(field.Names)) {
				if j > 0 {
					b.WriteString(", ")
				}
				b.Write(typ.Bytes())
			}
		}
		return b.String()
	}
	return "[" + types(f.TypeParams) + "] (" + types(f.Params) + ") (" + types(f.Results) + ")"
}

func receiverName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return receiverName(e.X)
	case *ast.IndexExpr:
		return receiverName(e.X)
	case *ast.Ident:
		return e.Name
	}
	return ""
}

// TestTwinsHaveOneShape fails when one twin has an exported name the other
// lacks, or a function or method whose parameters or results differ from
// its twin's, and the pair does not list it as a vendor difference; or
// when a listed difference is gone (so the lists stay true).
func TestTwinsHaveOneShape(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found from %s: %v", root, err)
	}
	for _, p := range pairs {
		c, h := exported(t, filepath.Join(root, p.cuda)), exported(t, filepath.Join(root, p.hip))
		compare(t, p.cuda, p.hip, c, h, p.onlyCUDA)
		compare(t, p.hip, p.cuda, h, c, p.onlyHIP)
		compareSignatures(t, p, c, h)
	}
}

// compare reports the names of a missing from b that only does not list,
// and the listed names that are no longer a difference.
func compare(t *testing.T, aPkg, bPkg string, a, b map[string]string, only map[string]string) {
	t.Helper()
	var missing []string
	for name := range a {
		if _, ok := b[name]; !ok && only[name] == "" {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	for _, name := range missing {
		t.Errorf("%s has %s but its twin %s does not: add it to %s, or list it as a vendor difference with the reason", aPkg, name, bPkg, bPkg)
	}
	for name := range only {
		_, inA := a[name]
		if _, inB := b[name]; !inA || inB {
			t.Errorf("%s: %s is listed as only in %s, which is no longer true: remove it from the list", aPkg, name, aPkg)
		}
	}
}

// compareSignatures reports the functions and methods of both twins whose
// signatures differ and p.signatures does not list, and the listed ones
// that no longer differ.
func compareSignatures(t *testing.T, p pair, c, h map[string]string) {
	t.Helper()
	var differ []string
	for name, sig := range c {
		if hsig, ok := h[name]; ok && hsig != sig && p.signatures[name] == "" {
			differ = append(differ, name)
		}
	}
	slices.Sort(differ)
	for _, name := range differ {
		t.Errorf("%s.%s is %s but %s.%s is %s: make them one, or list it in the pair's signatures with the reason (driver's types are written as hip's)", p.cuda, name, c[name], p.hip, name, h[name])
	}
	for name := range p.signatures {
		if hsig, ok := h[name]; !ok || hsig == c[name] {
			t.Errorf("%s and %s: %s is listed as differing in its signature, which is no longer true: remove it from the list", p.cuda, p.hip, name)
		}
	}
}
