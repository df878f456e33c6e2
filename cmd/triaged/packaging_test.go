package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/cmd/internal/clidoc/clidoctest"
)

func TestManAndCompletionsCoverEverySetting(t *testing.T) {
	doc := triagedDoc()
	clidoctest.CheckCoverage(t, doc)
	// Every setting's environment variable is in the man page too.
	var man bytes.Buffer
	if code, ok := runPackaging([]string{"man"}, &man, os.Stderr); !ok || code != 0 {
		t.Fatalf("triaged man: %d", code)
	}
	for _, st := range defineSettings().list {
		if !strings.Contains(man.String(), strings.ReplaceAll(st.env, "-", `\-`)) {
			t.Errorf("man page does not name %s", st.env)
		}
	}
}

func TestVersionNamesVersionCommitDateAndGo(t *testing.T) {
	var out bytes.Buffer
	if code, ok := runPackaging([]string{"--version"}, &out, os.Stderr); !ok || code != 0 {
		t.Fatalf("--version: %d %v", code, ok)
	}
	for _, want := range []string{"triaged ", "commit: ", "built: ", "go:     go1."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--version lacks %q:\n%s", want, out.String())
		}
	}
}

// unitSettings reads the [Service] keys of a unit (a key may repeat).
func unitSettings(unit string) map[string][]string {
	out := map[string][]string{}
	section := ""
	sc := bufio.NewScanner(strings.NewReader(unit))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			section = line
		case section == "[Service]":
			k, v, _ := strings.Cut(line, "=")
			out[k] = append(out[k], v)
		}
	}
	return out
}

func TestSystemdUnitIsHardened(t *testing.T) {
	var out bytes.Buffer
	if code, ok := runPackaging([]string{"systemd-unit"}, &out, os.Stderr); !ok || code != 0 || out.String() != assets.SystemdUnit() {
		t.Fatalf("triaged systemd-unit did not print the unit (%d)", code)
	}
	svc := unitSettings(out.String())
	for key, want := range map[string]string{
		"User": "triaged", "Group": "triaged", "NoNewPrivileges": "yes", "ProtectSystem": "strict",
		"ProtectHome": "yes", "PrivateTmp": "yes", "PrivateDevices": "yes", "StateDirectory": "triaged",
		"StateDirectoryMode": "0700", "UMask": "0077", "CapabilityBoundingSet": "", "AmbientCapabilities": "",
		"RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "SystemCallFilter": "@system-service",
		"SystemCallArchitectures": "native", "RestrictSUIDSGID": "yes", "LockPersonality": "yes",
		"MemoryDenyWriteExecute": "yes", "ProtectKernelTunables": "yes", "ProtectKernelModules": "yes",
		"ProtectControlGroups": "yes", "RestrictNamespaces": "yes", "EnvironmentFile": "/etc/triaged/triaged.env",
		"KillSignal": "SIGTERM",
	} {
		vals, ok := svc[key]
		if !ok {
			t.Errorf("the unit does not set %s", key)
			continue
		}
		if vals[0] != want {
			t.Errorf("%s=%q, want %q", key, vals[0], want)
		}
	}
	// The data folder the unit gives is the state directory.
	if !strings.Contains(out.String(), "Environment=TRIAGED_DATA=/var/lib/triaged") {
		t.Error("the unit does not point TRIAGED_DATA at its state directory")
	}

	// Every setting the example configuration names is a real one.
	known := map[string]bool{}
	for _, st := range defineSettings().list {
		known[st.env] = true
	}
	for _, line := range strings.Split(assets.SystemdEnvExample(), "\n") {
		line = strings.TrimPrefix(strings.TrimSpace(line), "#")
		if k, _, ok := strings.Cut(line, "="); ok && strings.HasPrefix(k, "TRIAGED_") && !known[k] {
			t.Errorf("example configuration sets %s, which triaged does not know", k)
		}
	}

	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed: the unit was checked for its hardening keys only")
	}
	// systemd-analyze checks that ExecStart exists: point it at a real
	// file, and the configuration files at real ones.
	dir := t.TempDir()
	bin := filepath.Join(dir, "triaged")
	os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o700)
	envFile := filepath.Join(dir, "triaged.env")
	os.WriteFile(envFile, []byte(assets.SystemdEnvExample()), 0o600)
	// The man page is installed with a release, not on the test machine,
	// and verify runs man(1) on the Documentation= line.
	unit := strings.NewReplacer("/usr/local/bin/triaged", bin, "/etc/triaged/triaged.env", envFile,
		"Documentation=man:triaged(8)\n", "").Replace(assets.SystemdUnit())
	unitPath := filepath.Join(dir, "triaged.service")
	os.WriteFile(unitPath, []byte(unit), 0o600)
	cmd := exec.Command(analyze, "verify", unitPath)
	res, err := cmd.CombinedOutput()
	// Lines about the test machine (no such user, no running systemd)
	// are not the unit's fault; anything naming the unit file is.
	var problems []string
	for _, l := range strings.Split(string(res), "\n") {
		if strings.Contains(l, "triaged.service") {
			problems = append(problems, l)
		}
	}
	if len(problems) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, strings.Join(problems, "\n"))
	}
	t.Logf("systemd-analyze verify: exit %v\n%s", err, res)
}
