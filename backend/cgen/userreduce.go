package cgen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// A user's reduction (ir.Reduction.C) renders through the reduction
// kernels of reduce.go with its own element map, fold, identity and
// final store: these functions replace preFunc, combFunc and final's
// cast.

// checkCReduction checks the names and dtypes of r's user C, if any.
func checkCReduction(r *ir.Reduction) error {
	c := r.C
	if c == nil {
		return nil
	}
	if len(c.Scalars) != len(r.Scalars) {
		return fmt.Errorf("%d scalar names for %d scalars", len(c.Scalars), len(r.Scalars))
	}
	k := &ir.CKernel{Name: c.Name, Inputs: append([]ir.CParam{c.In}, c.More...), Outputs: []ir.CParam{c.Out}, Scalars: c.Scalars, Types: c.Types}
	if err := checkC(k); err != nil {
		return err
	}
	for _, d := range r.Scalars {
		if !UserDType(d) {
			return fmt.Errorf("user reductions do not take %v scalars", d)
		}
	}
	switch {
	case !slices.EqualFunc(c.More, r.More, func(p ir.CParam, d dtype.DType) bool { return p.DType == d }):
		return fmt.Errorf("the user's inputs after the first are %v, the reduction's %v", c.More, r.More)
	case c.In.DType != r.Input || c.Out.DType != r.Out:
		return fmt.Errorf("the user's input and output are %v and %v, the reduction's %v and %v", c.In.DType, c.Out.DType, r.Input, r.Out)
	case !UserDType(r.Acc):
		return fmt.Errorf("user reductions do not accumulate in %v", r.Acc)
	case c.Map == "" || c.Reduce == "" || c.Identity == "":
		return fmt.Errorf("a user reduction needs map, reduce and identity expressions")
	}
	return nil
}

// userTypedefs declares the placeholders of a user's reduction.
func (g *reduceGen) userTypedefs() string {
	var b strings.Builder
	for _, t := range g.r.C.Types {
		fmt.Fprintf(&b, "  typedef %s %s;\n", userType(t.DType), t.Name)
	}
	return b.String()
}

// userPre is the map: the accumulator of an input element and the
// scalars, under the user's names.
func (g *reduceGen) userPre() string {
	c := g.r.C
	params := []string{"const " + storage(g.r.Input) + " _x0"}
	var b strings.Builder
	if c.Preamble != "" { // once per translation unit, which may hold several passes
		h := sha256.Sum256([]byte(c.Preamble))
		guard := "CUGO_PREAMBLE_" + hex.EncodeToString(h[:8])
		fmt.Fprintf(&b, "#ifndef %[1]s\n#define %[1]s\n%[2]s\n#endif\n", guard, c.Preamble)
	}
	body := g.userTypedefs() + fmt.Sprintf("  const %s %s = _x0;\n", userType(c.In.DType), c.In.Name)
	for k, p := range c.More {
		params = append(params, fmt.Sprintf("const %s _x%d", storage(p.DType), k+1))
		body += fmt.Sprintf("  const %s %s = _x%d;\n", userType(p.DType), p.Name, k+1)
	}
	for i, s := range c.Scalars {
		params = append(params, fmt.Sprintf("const %s _s%d", storage(s.DType), i))
		body += fmt.Sprintf("  const %s %s = _s%d;\n", userType(s.DType), s.Name, i)
	}
	fmt.Fprintf(&b, "%s%s %s_pre(%s) {\n%s  return (%s)(%s);\n}\n", fn, g.acc, g.name, strings.Join(params, ", "), body, g.acc, c.Map)
	return b.String()
}

// userComb is the identity and the fold of two accumulators a and b.
func (g *reduceGen) userComb() string {
	c, t := g.r.C, g.userTypedefs()
	return fmt.Sprintf("%[1]s%[2]s %[3]s_ident() {\n%[4]s  return (%[2]s)(%[5]s);\n}\n%[1]svoid %[3]s_comb(%[2]s &a, i64 &, const %[2]s b, const i64) {\n%[4]s  a = (%[2]s)(%[6]s);\n}\n",
		fn, g.acc, g.name, t, c.Identity, c.Reduce)
}

// userFinal runs the post-map statements, which set the output (a
// reference to dst under the user's name) from the folded a.
func (g *reduceGen) userFinal(indent, dst string) string {
	c := g.r.C
	return fmt.Sprintf("%s{\n%s  const %s a = v;\n  %s &%s = %s;\n%s;\n%s}\n",
		indent, g.userTypedefs(), g.acc, storage(g.r.Out), c.Out.Name, dst, c.Post, indent)
}
