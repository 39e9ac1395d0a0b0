package sanctions

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestScanReportsFirstErrorInFileOrder: each line here is a batch of its
// own; the first is slow to fail and the second fails at once, yet the
// error reported is the first line's, and nothing after it is collected.
func TestScanReportsFirstErrorInFileOrder(t *testing.T) {
	line := strings.Repeat("x", batchBytes+1)
	data := line + "\n" + line + "\n" + line + "\n"
	collected := 0
	err := scan(strings.NewReader(data), 4<<20, 2,
		func(n int, _ []byte) (int, []found, error) {
			switch n {
			case 1:
				time.Sleep(100 * time.Millisecond)
				return 0, nil, errors.New("first")
			case 2:
				return 0, nil, errors.New("second")
			}
			return 1, nil, nil
		},
		func(int, []found) { collected++ })
	if err == nil || err.Error() != "first" || collected != 0 {
		t.Errorf("err = %v, %d batches collected; want the first line's error and none", err, collected)
	}
}
