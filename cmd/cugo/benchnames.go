package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// sizedName is a workload's name for the size of this run: the last part
// of a full-size name gives the size (2^26 or 2^24 elements as "64M" and
// "16M", "256MB", a side of "8192", or of "4096" and "2048" for the
// matrices), and at --size small it says the small size instead
// ("add_f32_1M", "sort_f32_256k", "transpose_1024", "sgemm_512",
// "eigh_f32_256"). Each size is a fixed fraction of e.n or e.side, the
// fraction the workloads use.
func (e *benchEnv) sizedName(name string) string {
	i := strings.LastIndexByte(name, '_')
	stem, size := name[:i+1], name[i+1:]
	switch size {
	case "64M":
		return stem + countLabel(e.n)
	case "16M":
		return stem + countLabel(e.n16M())
	case "256MB":
		return stem + strconv.Itoa(4*e.n>>20) + "MB"
	case "8192":
		return stem + strconv.Itoa(e.side)
	case "4096":
		return stem + strconv.Itoa(e.side/2)
	case "2048":
		return stem + strconv.Itoa(e.side/4)
	}
	return name
}

// countLabel writes n as the names do: 64M, 1M, 512k.
func countLabel(n int) string {
	if n >= 1<<20 {
		return strconv.Itoa(n>>20) + "M"
	}
	return strconv.Itoa(n>>10) + "k"
}

// selectWorkloads returns the workloads that --only names, by their
// full-size name or the name of this run's size; none means all. An
// unknown name is an error that lists the names.
func selectWorkloads(only string, e *benchEnv) (map[string]bool, error) {
	selected := map[string]bool{}
	var unknown []string
	for _, name := range strings.Split(only, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		i := slices.IndexFunc(workloads, func(w workload) bool { return w.name == name || e.sizedName(w.name) == name })
		if i < 0 {
			unknown = append(unknown, name)
			continue
		}
		selected[workloads[i].name] = true
	}
	if len(unknown) == 0 {
		return selected, nil
	}
	names := make([]string, len(workloads))
	for i, w := range workloads {
		names[i] = w.name
	}
	return nil, fmt.Errorf("--only: unknown workload %s; the workloads are: %s",
		strings.Join(unknown, ", "), strings.Join(names, ", "))
}

// isTerminal reports whether w is a terminal, where progress lines that
// rewrite themselves belong (not in a log or a pipe).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
