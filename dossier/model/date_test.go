package model

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"2020", "2020", false},
		{"2020-02", "2020-02", false},
		{"2020-02-29", "2020-02-29", false},
		{"2021-02-29", "", true}, // not a leap year
		{"2020-13", "", true},
		{"+202", "", true}, // a sign is not a digit
		{"2020-+2", "", true},
		{"2020-02-+1", "", true},
		{"2020-00", "", true},
		{"2020-1-5", "", true},
		{"20-01-01", "", true},
		{"2020-01-01-01", "", true},
		{"March 2020", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, d, tt.want)
		}
	}
}

func TestDateBounds(t *testing.T) {
	d, _ := ParseDate("2020-02")
	if got := d.First().Format("2006-01-02"); got != "2020-02-01" {
		t.Errorf("First = %s", got)
	}
	if got := d.Last().Format("2006-01-02"); got != "2020-02-29" {
		t.Errorf("Last = %s", got)
	}
	y, _ := ParseDate("2019")
	if got := y.Last().Format("2006-01-02"); got != "2019-12-31" {
		t.Errorf("Last of a year = %s", got)
	}
}

func TestParseDateRange(t *testing.T) {
	tests := []struct {
		in      string
		isRange bool
		wantErr bool
	}{
		{"2020-07-30/2020-09-27", true, false},
		{"2020/2021-03", true, false},
		{"2020-05", false, false},
		{"2020-09-27/2020-07-30", false, true},
		{"2020-07/2020-07-15", true, false}, // overlapping partial dates are fine
		{"01/02/2020", false, true},
	}
	for _, tt := range tests {
		r, err := ParseDateRange(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDateRange(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil {
			if r.IsRange() != tt.isRange {
				t.Errorf("ParseDateRange(%q).IsRange() = %v", tt.in, r.IsRange())
			}
			if r.String() != tt.in {
				t.Errorf("round trip %q → %q", tt.in, r.String())
			}
		}
	}
}

func TestLinkableURL(t *testing.T) {
	for in, want := range map[string]bool{
		"https://example.org/a":   true,
		"http://example.org":      true,
		"HTTPS://EXAMPLE.ORG":     true,
		"mailto:desk@example.org": true,
		"javascript:alert(1)":     false,
		"JavaScript:alert(1)":     false,
		"file:///etc/passwd":      false,
		"data:text/html,<b>x</b>": false,
		"www.example.org":         false,
		"https:///no-host":        false,
		"mailto:":                 false,
		"":                        false,
	} {
		if got := LinkableURL(in); got != want {
			t.Errorf("LinkableURL(%q) = %v, want %v", in, got, want)
		}
	}
}
