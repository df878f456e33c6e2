package pgcluster

import "syscall"

// serverDiesWithParent reports whether the server is killed when the test
// process dies, however it dies.
const serverDiesWithParent = true

func dieWithParent(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
