// Package buildinfo is what `--version` prints for the three binaries:
// the release version, the commit, the build date and the Go toolchain.
// `make release` sets Version, Commit and Date with -ldflags -X; a plain
// `go build` falls back to what the toolchain recorded from git.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Set at link time by `make release` (-X .../buildinfo.Version=…).
var (
	Version = "" // git describe, e.g. v1.4.0 or v1.4.0-3-gabc1234
	Commit  = "" // the full commit hash
	Date    = "" // the commit's date (RFC 3339), so rebuilds are identical
)

// Info is one binary's build.
type Info struct {
	Version, Commit, Date, Go, Platform string
	Modified                            bool // built from a tree with uncommitted changes
}

// Get reads the link-time values, filling gaps from the toolchain's
// build record.
func Get() Info {
	in := Info{Version: Version, Commit: Commit, Date: Date, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if in.Commit == "" {
					in.Commit = s.Value
				}
			case "vcs.time":
				if in.Date == "" {
					in.Date = s.Value
				}
			case "vcs.modified":
				in.Modified = s.Value == "true"
			}
		}
		if in.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			in.Version = bi.Main.Version
		}
	}
	if in.Version == "" {
		in.Version = "devel"
	}
	if in.Commit == "" {
		in.Commit = "unknown"
	}
	if in.Date == "" {
		in.Date = "unknown"
	}
	return in
}

// String is the `--version` text for program.
func (in Info) String(program string) string {
	commit := in.Commit
	if in.Modified {
		commit += " (modified)"
	}
	return fmt.Sprintf("%s %s\ncommit: %s\nbuilt:  %s\ngo:     %s %s\n", program, in.Version, commit, in.Date, in.Go, in.Platform)
}

// IsVersionFlag reports whether arg asks for the version.
func IsVersionFlag(arg string) bool {
	return arg == "--version" || arg == "-version" || arg == "version"
}
