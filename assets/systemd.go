package assets

import _ "embed"

//go:embed systemd/triaged.service
var systemdUnit string

//go:embed systemd/triaged.env
var systemdEnv string

// SystemdUnit is the hardened systemd unit for triaged.
func SystemdUnit() string { return systemdUnit }

// SystemdEnvExample is the example EnvironmentFile the unit reads.
func SystemdEnvExample() string { return systemdEnv }
