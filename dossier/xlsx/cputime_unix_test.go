//go:build unix

package xlsx_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) the process has used, the
// garbage collector's included: steadier than wall time on a shared
// machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
