// Package twins holds the check that cugo's CUDA bindings and their HIP
// twins keep one shape: the same exported names, except the vendor
// differences listed here with their reasons.
package twins

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A twin pair: a CUDA package, its HIP twin, and the exported names only
// one of them has, each with the reason.
type pair struct {
	cuda, hip string
	onlyCUDA  map[string]string
	onlyHIP   map[string]string
}

var pairs = []pair{
	{cuda: "driver", hip: "hip", onlyCUDA: map[string]string{}, onlyHIP: map[string]string{}},
	{cuda: "nvrtc", hip: "hiprtc", onlyCUDA: map[string]string{}, onlyHIP: map[string]string{}},
	{cuda: "libs/cublas", hip: "libs/hipblas", onlyCUDA: map[string]string{}, onlyHIP: map[string]string{}},
}

// exported returns the exported functions, types and methods (as
// "Type.Method") declared in the non-test files of the package in dir.
func exported(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	names := map[string]bool{}
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
					names[d.Name.Name] = true
				} else if recv := receiverName(d.Recv.List[0].Type); ast.IsExported(recv) {
					names[recv+"."+d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() {
						names[ts.Name.Name] = true
					}
				}
			}
		}
	}
	return names
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
// lacks and the pair does not list it as a vendor difference, or when a
// listed difference is gone (so the list stays true).
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
	}
}

// compare reports the names of a missing from b that only does not list,
// and the listed names that are no longer a difference.
func compare(t *testing.T, aPkg, bPkg string, a, b map[string]bool, only map[string]string) {
	t.Helper()
	var missing []string
	for name := range a {
		if !b[name] && only[name] == "" {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	for _, name := range missing {
		t.Errorf("%s has %s but its twin %s does not: add it to %s, or list it as a vendor difference with the reason", aPkg, name, bPkg, bPkg)
	}
	for name := range only {
		if !a[name] || b[name] {
			t.Errorf("%s: %s is listed as only in %s, which is no longer true: remove it from the list", aPkg, name, aPkg)
		}
	}
}
