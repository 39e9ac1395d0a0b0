package bundle

import (
	"runtime/debug"
	"sync"
)

// layoutGC is the garbage collector's GOGC while a bundle is laid out and
// written. fpdf holds every page's content until it writes the file, so
// at size L most of the live heap is those pages (about 1 GB for 50,000
// pages): with Go's default (100) the heap grows to twice that before a
// collection, with 25 to a quarter more. The pages are byte slices, which
// the collector does not scan, so the extra collections cost little CPU.
const layoutGC = 25

var lowGC struct {
	sync.Mutex
	users int // renders running with it
	saved int // the setting before the first of them
}

// collectOften lowers GOGC to layoutGC, unless it is already lower or
// off, until the function it returns is called. Renders running at the
// same time share it; the last to finish restores the setting.
func collectOften() (restore func()) {
	lowGC.Lock()
	defer lowGC.Unlock()
	if lowGC.users == 0 {
		lowGC.saved = debug.SetGCPercent(layoutGC)
		if lowGC.saved < layoutGC { // lower already, or off (-1)
			debug.SetGCPercent(lowGC.saved)
		}
	}
	lowGC.users++
	return func() {
		lowGC.Lock()
		defer lowGC.Unlock()
		if lowGC.users--; lowGC.users == 0 {
			debug.SetGCPercent(lowGC.saved)
		}
	}
}
