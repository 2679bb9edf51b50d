// Command cugo reports the GPU stack of this machine, runs an array
// workload end to end, and benchmarks the standard workloads.
//
//	cugo info [--json]     libraries, versions and devices
//	cugo demo              an array workload, on the GPU or the CPU
//	cugo bench [--tsv]     the standard workloads (../shared/bench/WORKLOADS.md)
package main

import (
	"fmt"
	"io"
	"os"
)

type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"info", "which GPU libraries and devices this machine has", runInfo},
	{"demo", "the main job: a 2-D heat-diffusion simulation on the GPU, or the CPU", runDemo},
	{"bench", "the standard workloads, timed (--tsv, --only, --size)", runBench},
	{"compile-probe", "", runCompileProbe}, // the fresh process of compile_cold/warm
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			if err := c.run(args[1:], stdout, stderr); err != nil {
				fmt.Fprintf(stderr, "cugo %s: %v\n", c.name, err)
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(stderr, "cugo: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: cugo <command> [flags]")
	for _, c := range commands {
		if c.summary != "" {
			fmt.Fprintf(w, "  %-6s %s\n", c.name, c.summary)
		}
	}
}
