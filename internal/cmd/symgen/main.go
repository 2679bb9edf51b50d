// Command symgen turns a spec of C prototypes into a Go file of typed
// bindings resolved at run time (see spec.go for the format), and checks a
// spec against the vendor's real header.
//
//	symgen -spec cuda.spec -out zcuda.go          write the bindings
//	symgen -spec cuda.spec -out zcuda.go -verify  fail if zcuda.go is stale
//	symgen -spec cuda.spec -check cuda.h          compare every prototype with the header
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	specPath := flag.String("spec", "", "spec file")
	out := flag.String("out", "", "generated Go file")
	verify := flag.Bool("verify", false, "fail if -out differs from what the spec generates")
	header := flag.String("check", "", "vendor header to check the spec's prototypes against")
	flag.Parse()
	if err := run(*specPath, *out, *header, *verify); err != nil {
		fmt.Fprintln(os.Stderr, "symgen:", err)
		os.Exit(1)
	}
}

func run(specPath, out, header string, verify bool) error {
	f, err := os.Open(specPath)
	if err != nil {
		return err
	}
	defer f.Close()
	s, err := parseSpec(f)
	if err != nil {
		return fmt.Errorf("%s: %v", specPath, err)
	}
	if header != "" {
		src, err := os.ReadFile(header)
		if err != nil {
			return err
		}
		problems := checkHeader(s, string(src))
		for _, p := range problems {
			fmt.Println(p)
		}
		fmt.Printf("%s: %d prototypes checked against %s, %d mismatches\n", specPath, len(s.funcs), header, len(problems))
		if len(problems) > 0 {
			return fmt.Errorf("%d prototypes differ from %s", len(problems), header)
		}
		return nil
	}
	g, err := newGenerator(s)
	if err != nil {
		return fmt.Errorf("%s: %v", specPath, err)
	}
	code, err := g.generate(filepath.Base(specPath))
	if err != nil {
		return err
	}
	if verify {
		old, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		if !bytes.Equal(old, code) {
			return fmt.Errorf("%s is stale: run go generate", out)
		}
		return nil
	}
	return os.WriteFile(out, code, 0o644)
}
