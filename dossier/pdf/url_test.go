package pdf_test

import (
	"bytes"
	"testing"
)

// TestOnlyWebAndMailLinks: a source URL of another scheme (javascript:,
// file:) is printed as text and never becomes a clickable link.
func TestOnlyWebAndMailLinks(t *testing.T) {
	d := synthetic()
	d.Sources[0].URL = "javascript:alert(document.domain)"
	d.Sources[0].ArchiveURL = "file:///etc/passwd"
	for name, data := range render(t, d, "uk-ghr") {
		for _, bad := range []string{"/URI (javascript", "/URI (file:"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s holds a link %s…", name, bad)
			}
		}
	}
	d.Sources[0].URL = "https://example.org/report"
	found := false
	for _, data := range render(t, d, "uk-ghr") {
		found = found || bytes.Contains(data, []byte("/URI (https://example.org/report)"))
	}
	if !found {
		t.Error("an https URL is no longer a link: the test cannot see links")
	}
}
