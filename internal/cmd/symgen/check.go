package main

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	blockComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	lineComment  = regexp.MustCompile(`//[^\n]*`)
	directive    = regexp.MustCompile(`(?m)^[ \t]*#.*$`)
)

// checkHeader compares each spec prototype with the header's declarations
// of the same name (types only: parameter names carry no ABI). A header
// may declare a name several times (old ABIs under #if); one match suffices.
func checkHeader(s *spec, header string) []string {
	decls := headerDecls(header)
	var problems []string
	for _, f := range s.funcs {
		cands := decls[f.name]
		if len(cands) == 0 {
			problems = append(problems, fmt.Sprintf("line %d: %s: not declared in the header", f.line, f.name))
			continue
		}
		want := signature(f)
		ok := false
		for _, c := range cands {
			if signature(c) == want {
				ok = true
				break
			}
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("line %d: %s: spec %q, header %q", f.line, f.name, f.proto, cands[0].proto))
		}
	}
	return problems
}

// headerDecls finds every function declaration in a C header, by name.
func headerDecls(src string) map[string][]*function {
	src = blockComment.ReplaceAllString(src, " ")
	src = lineComment.ReplaceAllString(src, " ")
	src = directive.ReplaceAllString(src, " ")
	out := map[string][]*function{}
	for _, stmt := range strings.Split(src, ";") {
		stmt = strings.Join(strings.Fields(stmt), " ")
		// Drop anything before the last '{' or '}' (extern "C" blocks, struct bodies).
		if i := strings.LastIndexAny(stmt, "{}"); i >= 0 {
			stmt = strings.TrimSpace(stmt[i+1:])
		}
		if !strings.HasSuffix(stmt, ")") || strings.HasPrefix(stmt, "typedef") {
			continue
		}
		f, err := parseFunction(stmt + ";")
		if err != nil || f.name == "" || strings.ContainsAny(f.name, "()") {
			continue
		}
		out[f.name] = append(out[f.name], f)
	}
	return out
}

func signature(f *function) string {
	parts := []string{f.result.String()}
	for _, p := range f.params {
		parts = append(parts, p.typ.String())
	}
	return strings.Join(parts, "|")
}
