package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date is known.
type Precision int

// The precisions of a date.
const (
	Year Precision = iota + 1
	Month
	Day
)

// A Date is an ISO 8601 calendar date that may be partial ("2020",
// "2020-02", "2020-02-25"). The zero Date means "not given".
type Date struct {
	Year, Month, Day int
	Precision        Precision
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.Precision == 0 }

// String formats the date in ISO 8601 at its own precision.
func (d Date) String() string {
	switch d.Precision {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// First returns the first day the date may stand for ("2020-02" → 1 Feb 2020).
func (d Date) First() time.Time {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Last returns the last day the date may stand for ("2020-02" → 29 Feb 2020).
func (d Date) Last() time.Time {
	switch d.Precision {
	case Year:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.First()
}

// ParseDate parses an ISO 8601 date of year, month or day precision.
// The error says what is wrong in words a case author understands.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("%q is not an ISO 8601 date (write YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	var nums [3]int
	for i, p := range parts {
		want := 2
		if i == 0 {
			want = 4
		}
		n, err := strconv.Atoi(p)
		if err != nil || len(p) != want || n < 0 || !allDigits(p) {
			return Date{}, fmt.Errorf("%q is not an ISO 8601 date (write YYYY, YYYY-MM or YYYY-MM-DD)", s)
		}
		nums[i] = n
	}
	d := Date{Year: nums[0], Month: nums[1], Day: nums[2], Precision: Precision(len(parts))}
	if d.Precision >= Month && (d.Month < 1 || d.Month > 12) {
		return Date{}, fmt.Errorf("%q has month %d; months run from 01 to 12", s, d.Month)
	}
	if d.Precision == Day {
		last := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d.Day < 1 || d.Day > last {
			return Date{}, fmt.Errorf("%q does not exist: %04d-%02d has %d days", s, d.Year, d.Month, last)
		}
	}
	return d, nil
}

// allDigits reports whether s is made of ASCII digits only: strconv.Atoi
// also takes a sign, and "+202" is not a year.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// A DateRange is a date or a span of two dates ("2020-07-30/2020-09-27").
// For a single date, End equals Start.
type DateRange struct {
	Start, End Date
}

// IsZero reports whether no date was given.
func (r DateRange) IsZero() bool { return r.Start.IsZero() }

// IsRange reports whether the value is a span rather than one date.
func (r DateRange) IsRange() bool { return r.Start != r.End }

// String formats the range as ISO 8601 ("2020", or "2020-07-30/2020-09-27").
func (r DateRange) String() string {
	if !r.IsRange() {
		return r.Start.String()
	}
	return r.Start.String() + "/" + r.End.String()
}

// ParseDateRange parses a date or an ISO 8601 interval of two dates.
func ParseDateRange(s string) (DateRange, error) {
	s = strings.TrimSpace(s)
	a, b, isRange := strings.Cut(s, "/")
	if isRange && strings.Contains(b, "/") {
		return DateRange{}, fmt.Errorf("%q is not an ISO 8601 date or range (write 2020-02-25, or 2020-07-30/2020-09-27)", s)
	}
	start, err := ParseDate(a)
	if err != nil {
		return DateRange{}, err
	}
	if !isRange {
		return DateRange{Start: start, End: start}, nil
	}
	end, err := ParseDate(b)
	if err != nil {
		return DateRange{}, err
	}
	if end.Last().Before(start.First()) {
		return DateRange{}, fmt.Errorf("range %q ends before it starts", s)
	}
	return DateRange{Start: start, End: end}, nil
}

// MarshalText writes the date in ISO 8601 ("2020-02"; "" when not given),
// so JSON carries the date as its author wrote it.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// MarshalText writes the range in ISO 8601 ("2020-07-30/2020-09-27").
func (r DateRange) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads an ISO 8601 date; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	*d = v
	return err
}

// UnmarshalText reads an ISO 8601 date or range; "" is the zero DateRange.
func (r *DateRange) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*r = DateRange{}
		return nil
	}
	v, err := ParseDateRange(string(b))
	*r = v
	return err
}
