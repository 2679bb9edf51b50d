package cgen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// RenderC renders a user's elementwise kernel for layout l in vendor v's
// dialect. The body becomes the element function, called by the same
// loops as Render's kernels (16-byte vectors on the flat path, strided
// and tiled paths, 32- or 64-bit indices), so the parameters are those
// of an ir.Kernel with k's outputs, inputs and scalars, followed by one
// uint64 scalar per raw array: the address of its first element.
//
// Inside the body, each output is a reference to its element, each input
// its element's value, each scalar its value, each raw array a pointer
// (const for inputs), i the element's C-order index and _ind.size() the
// number of elements, both int64, as in CuPy.
func RenderC(k *ir.CKernel, l Layout, v Vendor) (*Source, error) {
	if k == nil {
		return nil, fmt.Errorf("cgen: render: nil kernel")
	}
	fail := func(err error) (*Source, error) { return nil, fmt.Errorf("cgen: render kernel %s: %w", k.Name, err) }
	if err := checkC(k); err != nil {
		return fail(err)
	}
	shape := &ir.Kernel{}
	for _, p := range k.Outputs {
		shape.Outputs = append(shape.Outputs, &ir.Node{Op: ir.Input, DType: p.DType})
	}
	for _, p := range k.Inputs {
		shape.Inputs = append(shape.Inputs, p.DType)
	}
	for _, p := range k.Scalars {
		shape.Scalars = append(shape.Scalars, p.DType)
	}
	for range k.Raw {
		shape.Scalars = append(shape.Scalars, dtype.Uint64)
	}
	if err := checkLayout(shape, l); err != nil {
		return fail(err)
	}
	if len(k.Outputs)+len(k.Inputs) == 0 && !l.Contiguous {
		return fail(fmt.Errorf("layout %v: a kernel that walks no array runs in the contiguous layout", l))
	}
	h := sha256.Sum256([]byte(k.Key() + "|" + l.String()))
	name := k.Name + "_" + hex.EncodeToString(h[:6])
	src := &Source{Entry: name, Vec: 1}
	src.addParams(shape, l)
	if src.ParamSize > maxParamBytes {
		return fail(fmt.Errorf("%d bytes of kernel parameters exceed %d", src.ParamSize, maxParamBytes))
	}
	m := newModule()
	g := &kernelGen{k: shape, l: l, name: name, counter: true, size: true, need: m.need,
		readsOut: readsOutputs(k.Body, k.Outputs)}
	for j := range k.Inputs {
		g.ins = append(g.ins, j)
	}
	for i := range shape.Scalars {
		g.scalars = append(g.scalars, i)
	}
	elem := userElem(k, name+"_elem")
	if k.LoopPrep != "" || k.AfterLoop != "" {
		g.prologue = userThread(k)
		g.epilogue = k.AfterLoop + "\n;\n"
		g.inline = func(args []string) string { return userBlock(k, args) }
		elem = ""
	}
	var text string
	text, src.Vec = g.loops()
	pre := ""
	if k.Preamble != "" {
		pre = k.Preamble + "\n"
	}
	m.add(name, pre+elem+text)
	src.Code = m.code(v)
	return src, nil
}

// userElem is the element function around k's body, its parameters in
// the order kernelGen.call passes them.
func userElem(k *ir.CKernel, name string) string {
	var params []string
	for _, p := range userParams(k) {
		params = append(params, p.typ+p.name)
	}
	var b strings.Builder
	b.WriteString(fn + "void " + name + "(" + strings.Join(params, ", ") + ") {\n")
	userScope(&b, k, true, "_n", func(j int) string { return "_raw_" + k.Raw[j].Name })
	b.WriteString(k.Body + "\n;\n}\n")
	return b.String()
}

// userBlock is k's body inlined where the loops call the element
// function with args, so that it sees the variables of k.LoopPrep: a
// block that takes the arguments into temporaries first (the
// parameters' names may be the kernel's own), then names them, in an
// inner block (a for statement's body may not redeclare its index i).
func userBlock(k *ir.CKernel, args []string) string {
	ps := userParams(k)
	var b strings.Builder
	b.WriteString("{{\n")
	for j, p := range ps {
		fmt.Fprintf(&b, "  %s_a%d = %s;\n", p.typ, j, args[j])
	}
	for j, p := range ps {
		fmt.Fprintf(&b, "  %s%s = _a%d;\n", p.typ, p.name, j)
	}
	userScope(&b, k, true, "_n", func(j int) string { return "_raw_" + k.Raw[j].Name })
	b.WriteString(k.Body + "\n;\n}}")
	return b.String()
}

// cDecl is a declaration's type (with its qualifiers and &) and name.
type cDecl struct{ typ, name string }

// userParams are the element function's parameters.
func userParams(k *ir.CKernel) []cDecl {
	var ps []cDecl
	for _, p := range k.Outputs {
		ps = append(ps, cDecl{storage(p.DType) + " &", p.Name})
	}
	for _, p := range k.Inputs {
		ps = append(ps, cDecl{"const " + userType(p.DType) + " ", p.Name})
	}
	for _, p := range k.Scalars {
		ps = append(ps, cDecl{"const " + userType(p.DType) + " ", p.Name})
	}
	for _, p := range k.Raw {
		ps = append(ps, cDecl{"const u64 ", "_raw_" + p.Name})
	}
	return append(ps, cDecl{"const u64 ", "_i"}, cDecl{"const u64 ", "_n"})
}

// userThread is the start of a kernel with per-thread code: the names
// the body sees that are not per element (placeholders, _ind, scalars,
// raw arrays, as CuPy's loop_prep sees them), then k.LoopPrep.
func userThread(k *ir.CKernel) string {
	var b strings.Builder
	userScope(&b, k, false, "n", func(j int) string { return "s" + strconv.Itoa(len(k.Scalars)+j) })
	for j, p := range k.Scalars {
		fmt.Fprintf(&b, "  const %[1]s %[2]s = (%[1]s)s%[3]d; (void)%[2]s;\n", userType(p.DType), p.Name, j)
	}
	b.WriteString(k.LoopPrep + "\n;\n")
	return b.String()
}

// userScope declares the type placeholders, the element index i if
// elem, _ind of n elements and the raw arrays, each at the address
// rawAt(its index) holds.
func userScope(b *strings.Builder, k *ir.CKernel, elem bool, n string, rawAt func(j int) string) {
	for _, t := range k.Types {
		fmt.Fprintf(b, "  typedef %s %s;\n", userType(t.DType), t.Name)
	}
	if elem {
		b.WriteString("  const i64 i = (i64)_i;\n")
	}
	fmt.Fprintf(b, "  const struct { i64 n; __device__ i64 size() const { return n; } } _ind = {(i64)%s};\n", n)
	for j, p := range k.Raw {
		c := "const "
		if p.Out {
			c = ""
		}
		fmt.Fprintf(b, "  %[1]s%[2]s *const %[3]s = (%[1]s%[2]s *)%[4]s;\n", c, userType(p.DType), p.Name, rawAt(j))
	}
	if elem {
		b.WriteString("  (void)i; (void)_ind;\n")
	} else {
		b.WriteString("  (void)_ind;\n")
	}
}

// userType is the C type a body sees for a dtype: bool as bool, the
// others as stored.
func userType(d dtype.DType) string {
	if d == dtype.Bool {
		return "bool"
	}
	return storage(d)
}

// UserDType reports whether user kernels take dtype d: bool, the
// integers, float32 and float64 (float16, bfloat16 and complex have no
// arithmetic C type without the vendors' headers).
func UserDType(d dtype.DType) bool {
	return d.Kind() == dtype.BoolKind || d.Kind() == dtype.IntKind || d.Kind() == dtype.UintKind ||
		d == dtype.Float32 || d == dtype.Float64
}

// checkC checks k's names and dtypes.
func checkC(k *ir.CKernel) error {
	if !IsIdent(k.Name) || strings.HasPrefix(k.Name, "_") {
		return fmt.Errorf("kernel name %q is not a C identifier", k.Name)
	}
	if len(k.Outputs) == 0 && !slices.ContainsFunc(k.Raw, func(p ir.CParam) bool { return p.Out }) {
		return fmt.Errorf("no output parameters") // the loop writes nothing
	}
	for _, tok := range cTokens(k.LoopPrep) {
		if generatedName(tok) {
			return fmt.Errorf("LoopPrep uses the name %s, which the kernel's loops take (%s, and out, in, a, b, c, q, r, s or t followed by digits)",
				tok, strings.Join(loopNames, ", "))
		}
	}
	seen := map[string]bool{}
	for _, ps := range [][]ir.CParam{k.Outputs, k.Inputs, k.Raw, k.Scalars, k.Types} {
		for _, p := range ps {
			switch {
			case !IsIdent(p.Name) || strings.HasPrefix(p.Name, "_") || p.Name == "i":
				return fmt.Errorf("parameter name %q is not a C identifier of its own (i and names starting with _ are taken)", p.Name)
			case seen[p.Name]:
				return fmt.Errorf("parameter name %q appears twice", p.Name)
			case !UserDType(p.DType):
				return fmt.Errorf("parameter %s: user kernels do not take %v (bool, integers, float32 and float64 only)", p.Name, p.DType)
			}
			seen[p.Name] = true
		}
	}
	return nil
}

// loopNames are the names the entry and its loops declare, in whose
// scope an inlined body runs: LoopPrep's variables of these names would
// be hidden from it.
var loopNames = []string{"n", "d", "i", "k", "v", "r", "c", "tid", "step", "nv", "rows", "cols", "tx", "ty"}

// generatedName reports whether identifier s may be a name of the
// generated kernel's.
func generatedName(s string) bool {
	if slices.Contains(loopNames, s) {
		return true
	}
	digits := strings.TrimRight(s, "0123456789")
	return digits != s && slices.Contains([]string{"out", "in", "a", "b", "c", "q", "r", "s", "t"}, digits)
}

// IsIdent reports whether s is a C identifier.
func IsIdent(s string) bool {
	for i, r := range s {
		ok := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return s != ""
}

// readsOutputs reports whether body may read an output, or leave it
// unwritten, rather than only assign it: the vector loop then loads the
// outputs before calling the element function. Only an assignment
// "name = ..." that starts a statement outside any block, the output's
// sole use, counts as not reading it; anything else is taken as a read.
func readsOutputs(body string, outs []ir.CParam) bool {
	toks := cTokens(body)
	assigned := map[string]bool{}
	for _, p := range outs {
		assigned[p.Name] = false
	}
	depth := 0
	for t, tok := range toks {
		switch tok {
		case "{", "(", "[":
			depth++
			continue
		case "}", ")", "]":
			depth--
			continue
		}
		if _, ok := assigned[tok]; !ok {
			continue
		}
		start := t == 0 || toks[t-1] == ";" || toks[t-1] == "}"
		if depth != 0 || !start || t+1 == len(toks) || toks[t+1] != "=" {
			return true
		}
		assigned[tok] = true
	}
	for _, a := range assigned {
		if !a {
			return true
		}
	}
	return false
}

// cTokens splits C source into identifiers, numbers and punctuation
// ("==" and "=" apart), dropping comments, string and character literals
// and preprocessor lines.
func cTokens(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(s[i:], "//") || c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return toks
			}
			i += end + 4
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			toks = append(toks, "lit")
			i = j + 1
		case c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'):
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '.' || (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		default:
			j := i + 1
			if j < len(s) && s[j] == '=' && strings.IndexByte("=!<>+-*/%&|^", c) >= 0 {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		}
	}
	return toks
}
