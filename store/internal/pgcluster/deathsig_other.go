//go:build !linux

package pgcluster

import "syscall"

// Only Linux has a parent-death signal: elsewhere a test binary killed
// before Main's Stop leaves its server running until it is stopped by hand.
const serverDiesWithParent = false

func dieWithParent(*syscall.SysProcAttr) {}
