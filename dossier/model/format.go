package model

import (
	"fmt"
	"net/url"
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

// AliasNames lists aliases for one table cell, each as Text writes it, so
// that a table says what a PDF says: an alias's note ("spelling used in
// one source") travels with it and an added spelling never reads as a
// sourced fact.
func AliasNames(list []Alias) string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.Text()
	}
	return JoinList(out)
}

// Text is an alias with its script and note: "Қайрат Қасымов (Cyrillic;
// Kazakh spelling)", or the name alone.
func (a Alias) Text() string {
	var extra []string
	if a.ScriptLabel != "" {
		extra = append(extra, a.ScriptLabel)
	} else if a.Script != "" {
		extra = append(extra, strings.ToUpper(a.Script[:1])+a.Script[1:])
	}
	if a.Note != "" {
		extra = append(extra, a.Note)
	}
	if len(extra) == 0 {
		return a.Name
	}
	return a.Name + " (" + strings.Join(extra, "; ") + ")"
}

// String describes a position in one line: "Title, Body (2019–2021)".
func (p Position) String() string {
	s := p.Title
	if p.Body != "" {
		s += ", " + p.Body
	}
	switch {
	case !p.From.IsZero() || !p.To.IsZero():
		s += fmt.Sprintf(" (%s–%s)", p.From, p.To)
	case !p.AsOf.IsZero():
		s += fmt.Sprintf(" (as of %s)", p.AsOf)
	}
	return s
}

// AccountKey names the account a source carries, for counting
// corroboration: two sources carry one account when they share an origin
// (government, ngo, …) and the body whose account it is (accountOf, else
// the publisher, compared without case or extra spaces). A source with
// neither body counts as its own account, under its id.
func AccountKey(id, origin, accountOf, publisher string) string {
	body := accountOf
	if strings.TrimSpace(body) == "" {
		body = publisher
	}
	body = strings.ToLower(strings.Join(strings.Fields(body), " "))
	if body == "" {
		return "source:" + id
	}
	return "account:" + origin + ":" + body
}

// LinkableURL reports whether a URL may become a clickable link in an
// output: only http and https addresses with a host, and mailto addresses.
// Anything else (javascript:, file:, data:, a bare "www.…") is printed as
// text, never linked.
func LinkableURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	}
	return false
}
