// Command benchpeers times `triage scan` against the npm redactor
// redact-pii on the same generated clinic messages, each as a whole process
// (start-up, reading stdin, writing stdout included), and prints messages/s
// and CPU time for each, the ratio, each tool's start-up (the same on one
// message) and the load average. `make bench-peers` installs redact-pii into a
// temporary folder and runs it:
//
//	benchpeers -triage bin/triage -node-modules /tmp/x [-n 100000] [-runs 3] [-baseline old/triage]
//
// -baseline times a second triage binary in the same runs, for a
// before/after figure.
// The folder given by -node-modules must hold node_modules/redact-pii. The
// runs of the two tools alternate so that load from other processes on the
// machine falls on both alike; the median run of each is reported.
//
// With -gen it only writes the input to stdout.
package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/clinicwa/triage/cmd/internal/chatgen"
)

//go:embed redact-pii.js
var redactScript []byte

// seed fixes the generated messages, so figures from different days are
// measured on the same input.
const seed = 20261204

func main() {
	triage := flag.String("triage", "bin/triage", "the triage binary")
	nodeDir := flag.String("node-modules", "", "folder holding node_modules/redact-pii")
	n := flag.Int("n", 100000, "messages")
	runs := flag.Int("runs", 3, "runs of each tool (median reported)")
	gen := flag.Bool("gen", false, "only write the input JSON lines to stdout")
	baseline := flag.String("baseline", "", "another triage binary to time alongside (e.g. an older build)")
	flag.Parse()
	if *gen {
		if err := chatgen.WriteJSONL(os.Stdout, *n, seed); err != nil {
			fail(err)
		}
		return
	}
	if *nodeDir == "" {
		fail(errors.New("-node-modules is required (npm install --prefix DIR redact-pii)"))
	}
	if err := run(*triage, *baseline, *nodeDir, *n, *runs); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchpeers:", err)
	os.Exit(1)
}

type tool struct {
	name                string
	cmd                 []string
	wall, cpu           []time.Duration
	startWall, startCPU []time.Duration
}

func run(triage, baseline, nodeDir string, n, runs int) error {
	tmp, err := os.MkdirTemp("", "benchpeers")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	input := filepath.Join(tmp, "messages.jsonl")
	f, err := os.Create(input)
	if err != nil {
		return err
	}
	if err := chatgen.WriteJSONL(f, n, seed); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	// The script sits next to node_modules so require() finds redact-pii.
	script := filepath.Join(nodeDir, "redact-pii-stream.js")
	if err := os.WriteFile(script, redactScript, 0o644); err != nil {
		return err
	}
	triageAbs, err := filepath.Abs(triage)
	if err != nil {
		return err
	}
	tools := []*tool{
		{name: "triage scan", cmd: []string{triageAbs, "scan"}},
		{name: "redact-pii (node)", cmd: []string{"node", script}},
	}
	if baseline != "" {
		abs, err := filepath.Abs(baseline)
		if err != nil {
			return err
		}
		tools = append(tools, &tool{name: "baseline scan", cmd: []string{abs, "scan"}})
	}
	loadBefore := loadAvg()
	fmt.Printf("input: %d generated clinic messages (%s)\n", n, sizeOf(input))
	for r := range runs {
		for _, t := range tools {
			wall, cpu, err := timeRun(t.cmd, input, filepath.Join(tmp, "out.jsonl"), n)
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			t.wall = append(t.wall, wall)
			t.cpu = append(t.cpu, cpu)
			fmt.Printf("run %d  %-18s %7.3fs wall  %7.3fs cpu\n", r+1, t.name, wall.Seconds(), cpu.Seconds())
		}
	}
	// Start-up: each tool on one message, so a reader can tell the fixed
	// cost of a process from the cost per message.
	one := filepath.Join(tmp, "one.jsonl")
	if err := writeFirstLines(input, one, 1); err != nil {
		return err
	}
	const startRuns = 9
	for range startRuns {
		for _, t := range tools {
			wall, cpu, err := timeRun(t.cmd, one, filepath.Join(tmp, "out.jsonl"), 1)
			if err != nil {
				return fmt.Errorf("%s on one message: %w", t.name, err)
			}
			t.startWall = append(t.startWall, wall)
			t.startCPU = append(t.startCPU, cpu)
		}
	}
	var wallRates, cpuRates []float64
	for _, t := range tools {
		wall, cpu := median(t.wall), median(t.cpu)
		wallRates = append(wallRates, float64(n)/wall.Seconds())
		cpuRates = append(cpuRates, float64(n)/cpu.Seconds())
		fmt.Printf("%-18s %9.0f messages/s  (median of %d: %.3fs wall, %.3fs CPU; %.0f messages per CPU-second)\n",
			t.name, wallRates[len(wallRates)-1], runs, wall.Seconds(), cpu.Seconds(), cpuRates[len(cpuRates)-1])
		fmt.Printf("%-18s start-up on one message: %.1f ms wall, %.1f ms CPU (median of %d)\n",
			"", ms(median(t.startWall)), ms(median(t.startCPU)), startRuns)
	}
	fmt.Printf("ratio: triage scan is %.1fx redact-pii (wall time, whole processes)\n", wallRates[0]/wallRates[1])
	fmt.Printf("       %.1fx per CPU-second (the steadier figure when other work shares the cores)\n", cpuRates[0]/cpuRates[1])
	fmt.Printf("load average before / after: %s / %s (%d cores)\n", loadBefore, loadAvg(), runtime.NumCPU())
	return nil
}

// timeRun runs one tool as a whole process with the input file on stdin
// and checks that it wrote one line per message.
func timeRun(argv []string, input, output string, n int) (time.Duration, time.Duration, error) {
	in, err := os.Open(input)
	if err != nil {
		return 0, 0, err
	}
	defer in.Close()
	out, err := os.Create(output)
	if err != nil {
		return 0, 0, err
	}
	defer out.Close()
	var stderr bytes.Buffer
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, out, &stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("%v: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	lines, err := countLines(output)
	if err != nil {
		return 0, 0, err
	}
	if lines != n {
		return 0, 0, fmt.Errorf("wrote %d lines for %d messages", lines, n)
	}
	return wall, cpu, nil
}

func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	lines := 0
	buf := make([]byte, 1<<20)
	for {
		k, err := r.Read(buf)
		lines += bytes.Count(buf[:k], []byte{'\n'})
		if err == io.EOF {
			return lines, nil
		}
		if err != nil {
			return 0, err
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// writeFirstLines copies the first n lines of src to dst.
func writeFirstLines(src, dst string, n int) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	end := 0
	for range n {
		k := bytes.IndexByte(b[end:], '\n')
		if k < 0 {
			return fmt.Errorf("%s has fewer than %d lines", src, n)
		}
		end += k + 1
	}
	return os.WriteFile(dst, b[:end], 0o644)
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func sizeOf(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "?"
	}
	return fmt.Sprintf("%.1f MB", float64(st.Size())/1e6)
}

// loadAvg is the one-minute load average, so a reader can tell a figure
// taken on a busy machine.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}
