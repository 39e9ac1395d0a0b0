package model

import (
	"fmt"
	"strings"
)

// ListSeparator joins several values in one table cell (CSV, XLSX).
const ListSeparator = "; "

// JoinList joins values for one table cell.
func JoinList(values []string) string { return strings.Join(values, ListSeparator) }

// ExcerptRefs writes excerpt numbers as table outputs cite them: "E3; E7".
func ExcerptRefs(nums []int) string {
	out := make([]string, len(nums))
	for i, n := range nums {
		out[i] = fmt.Sprintf("E%d", n)
	}
	return JoinList(out)
}

// AliasNames lists the names of aliases for one table cell.
func AliasNames(list []Alias) string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.Name
	}
	return JoinList(out)
}

// String describes a position in one line: "Title, Body (2019–2021)".
func (p Position) String() string {
	s := p.Title
	if p.Body != "" {
		s += ", " + p.Body
	}
	if !p.From.IsZero() || !p.To.IsZero() {
		s += fmt.Sprintf(" (%s–%s)", p.From, p.To)
	}
	return s
}
