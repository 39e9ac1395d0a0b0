package dossier

import (
	"fmt"
	"os"
	"time"
)

// BuildDate is the date stamped into outputs: SOURCE_DATE_EPOCH when set,
// so that builds are reproducible on demand, otherwise the case's own date.
func BuildDate(c *Case) (time.Time, error) {
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		var secs int64
		if _, err := fmt.Sscan(v, &secs); err != nil || secs < 0 {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	return c.Date.First(), nil
}
