package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// A spec file lists, one a line, the C prototypes a package binds, as the
// vendor header writes them, and the directives the generator needs:
//
//	# a comment
//	package cuda                          Go package of the generated file
//	library loader.CUDA                   Go expression(s) of the *loader.Spec to open, tried in order
//	resolver procAddress                  optional: func(*loader.Library) loader.Resolver, hand-written
//	type CUresult int32                   a C type and its Go representation
//	type CUstream handle                  an opaque pointer handle (uintptr)
//	@optional @export=cuX_v2 @hot CUresult cuX(CUstream hStream);
//
// @optional: the load succeeds without it and a call returns ErrNotSupported.
// @export=NAME: the exported symbol to resolve (a versioned ABI).
// @hot: also emit a variant taking a reused []uintptr, which allocates nothing.
type spec struct {
	pkg       string
	libraries []string
	resolver  string
	types     []typeDecl
	funcs     []*function
}

type typeDecl struct{ c, goRepr string }

type function struct {
	line     int
	proto    string // the prototype as written, for the header check
	name     string
	export   string
	optional bool
	hot      bool
	result   ctype
	params   []param
}

type param struct {
	name string
	typ  ctype
}

// ctype is a parsed C type: a base name, const-ness and pointer depth.
type ctype struct {
	base   string // "int", "unsigned int", "CUresult", "void", ...
	ptr    int
	const_ bool
}

func (t ctype) String() string {
	s := t.base
	if t.const_ {
		s = "const " + s
	}
	if t.ptr > 0 {
		s += " " + strings.Repeat("*", t.ptr)
	}
	return s
}

func parseSpec(r io.Reader) (*spec, error) {
	s := &spec{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		switch fields[0] {
		case "package":
			s.pkg = fields[1]
		case "library":
			s.libraries = fields[1:]
		case "resolver":
			s.resolver = fields[1]
		case "type":
			if len(fields) != 3 {
				return nil, fmt.Errorf("line %d: want 'type CNAME GOTYPE'", n)
			}
			s.types = append(s.types, typeDecl{fields[1], fields[2]})
		default:
			f, err := parseFunction(line)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			f.line = n
			s.funcs = append(s.funcs, f)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if s.pkg == "" || len(s.libraries) == 0 {
		return nil, fmt.Errorf("spec needs 'package' and 'library' lines")
	}
	return s, nil
}

func parseFunction(line string) (*function, error) {
	f := &function{}
	for strings.HasPrefix(line, "@") {
		tok, rest, _ := strings.Cut(line, " ")
		line = strings.TrimSpace(rest)
		switch {
		case tok == "@optional":
			f.optional = true
		case tok == "@hot":
			f.hot = true
		case strings.HasPrefix(tok, "@export="):
			f.export = strings.TrimPrefix(tok, "@export=")
		default:
			return nil, fmt.Errorf("unknown annotation %s", tok)
		}
	}
	f.proto = line
	name, params, err := splitPrototype(line)
	if err != nil {
		return nil, err
	}
	f.result, f.name = parseDecl(name)
	if f.name == "" {
		return nil, fmt.Errorf("no function name in %q", line)
	}
	for i, p := range params {
		t, n := parseDecl(p)
		if n == "" {
			n = fmt.Sprintf("arg%d", i)
		}
		f.params = append(f.params, param{name: n, typ: t})
	}
	return f, nil
}

// splitPrototype splits "R name(A a, B b);" into "R name" and ["A a","B b"].
func splitPrototype(line string) (string, []string, error) {
	line = strings.TrimSuffix(strings.TrimSpace(line), ";")
	open := strings.Index(line, "(")
	if open < 0 || !strings.HasSuffix(line, ")") {
		return "", nil, fmt.Errorf("not a prototype: %q", line)
	}
	head := strings.TrimSpace(line[:open])
	inner := strings.TrimSpace(line[open+1 : len(line)-1])
	if inner == "" || inner == "void" {
		return head, nil, nil
	}
	parts := strings.Split(inner, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return head, parts, nil
}

// callingConventions are macros vendor headers put between a result type
// and a name; they carry no type.
var callingConventions = map[string]bool{
	"CUDAAPI": true, "CUBLASAPI": true, "CUBLASWINAPI": true, "HIPBLAS_EXPORT": true,
	"HIPRTC_EXPORT": true, "extern": true, "__stdcall": true, "NVRTC_API": true,
	"__attribute__((deprecated))": true, "CUSOLVERAPI": true, "HIPSOLVER_EXPORT": true,
	"CUFFTAPI": true, "HIPFFT_EXPORT": true,
}

// parseDecl parses "const char **name" into its type and name. A lone type
// ("int *") has an empty name.
func parseDecl(decl string) (ctype, string) {
	decl = strings.ReplaceAll(decl, "*", " * ")
	var t ctype
	var words []string
	for _, w := range strings.Fields(decl) {
		switch {
		case w == "const":
			if t.ptr == 0 {
				t.const_ = true
			}
		case w == "*":
			t.ptr++
		case callingConventions[w] || strings.HasPrefix(w, "__attribute__"):
		case strings.HasSuffix(w, "[]"):
			// An array parameter ("const float* const Aarray[]") is a pointer.
			t.ptr++
			if w = strings.TrimSuffix(w, "[]"); w != "" {
				words = append(words, w)
			}
		default:
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return t, ""
	}
	// The last word is the name unless the words form a type alone
	// ("unsigned int" as an unnamed parameter).
	if len(words) > 1 && !isTypeWord(words[len(words)-1]) {
		t.base = strings.Join(words[:len(words)-1], " ")
		return t, words[len(words)-1]
	}
	t.base = strings.Join(words, " ")
	return t, ""
}

func isTypeWord(w string) bool {
	switch w {
	case "int", "long", "short", "char", "unsigned", "signed", "void", "float", "double":
		return true
	}
	return false
}
