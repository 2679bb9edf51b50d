// Command cugo reports the GPU stack of this machine, runs an array
// workload end to end, and benchmarks the standard workloads.
//
//	cugo info [--json]                          libraries, versions, devices, and the backend in use
//	cugo demo [-n side] [-steps n]              an array workload, on the GPU or the CPU
//	cugo bench [--tsv] [--only names] [--size]  the standard workloads (bench/README.md)
//	cugo help <command>                         a command's flags
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

type command struct {
	name, args, summary string
	run                 func(args []string, stdout, stderr io.Writer) error
}

// commands is set in init: the commands' flag parsing reads it for their usage.
var commands []command

func init() {
	commands = []command{
		{"info", "[--json]", "which GPU libraries and devices this machine has, and which backend runs array operations", runInfo},
		{"demo", "[-n side] [-steps n]", "the main job: a 2-D heat-diffusion simulation on the GPU, or the CPU", runDemo},
		{"bench", "[--tsv] [--only names] [--size full|small]", "the standard workloads, timed (bench/README.md)", runBench},
		{"compile-probe", "", "", runCompileProbe}, // the fresh process of compile_cold/warm
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit status: 0, 1 when
// the command failed, 2 for a wrong command line.
func run(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 0:
		usage(stderr)
		return 2
	case args[0] == "-h" || args[0] == "--help" || args[0] == "help" && len(args) == 1:
		usage(stdout)
		return 0
	case args[0] == "help":
		return run([]string{args[1], "--help"}, stdout, stderr)
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "cugo: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	err := c.run(args[1:], stdout, stderr)
	var bad usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &bad):
		fmt.Fprintf(stderr, "cugo %s: %v\n", c.name, bad.err)
		commandUsage(stderr, bad.fs)
		return 2
	}
	fmt.Fprintf(stderr, "cugo %s: %v\n", c.name, err)
	return 1
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: cugo <command> [flags]")
	fmt.Fprintln(w)
	for _, c := range commands {
		if c.summary != "" {
			fmt.Fprintf(w, "  %-6s %s\n", c.name, c.summary)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `"cugo help <command>" or "cugo <command> --help" shows a command's flags.`)
}

// usageError is a wrong command line for a command's flags.
type usageError struct {
	fs  *flag.FlagSet
	err error
}

func (e usageError) Error() string { return e.err.Error() }

// newFlagSet returns the flags of a command, which parseFlags reports.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses a command's flags. -h or --help prints the command's
// usage to stdout and returns flag.ErrHelp; a wrong flag or a stray
// argument returns a usageError.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		commandUsage(stdout, fs)
		return err
	case err != nil:
		return usageError{fs, err}
	case fs.NArg() > 0:
		return usageError{fs, fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

func commandUsage(w io.Writer, fs *flag.FlagSet) {
	c := lookup(fs.Name())
	fmt.Fprintf(w, "usage: cugo %s %s\n\n%s\n\nflags:\n", c.name, c.args, c.summary)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}
