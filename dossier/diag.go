package dossier

import (
	"fmt"
	"sort"
)

// Pos is a place in a case file. Line and Column start at 1; zero means the
// position is unknown (for example, a diagnostic about a whole file).
type Pos struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// String formats the position as file:line:column, leaving out unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Severity says whether a diagnostic makes a case invalid.
type Severity string

// The severities of diagnostics.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// A Diagnostic is one finding about a case: where, how bad, which rule and
// what to do about it.
type Diagnostic struct {
	Pos
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
}

// String formats the diagnostic as "file:line:col: severity: message [rule]",
// followed by the hint on its own indented line.
func (d Diagnostic) String() string {
	s := fmt.Sprintf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.Rule)
	if d.Hint != "" {
		s += "\n    hint: " + d.Hint
	}
	return s
}

// Diagnostics is a list of findings.
type Diagnostics []Diagnostic

// Errors counts the diagnostics of severity Error.
func (ds Diagnostics) Errors() int { return ds.count(Error) }

// Warnings counts the diagnostics of severity Warning.
func (ds Diagnostics) Warnings() int { return ds.count(Warning) }

func (ds Diagnostics) count(s Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Sort orders diagnostics by file, line, column and rule, so output is
// stable whatever order the checks ran in.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
}

// diagSink collects diagnostics while a stage runs.
type diagSink struct{ list Diagnostics }

func (s *diagSink) add(sev Severity, p Pos, rule, hint, format string, args ...any) {
	s.list = append(s.list, Diagnostic{Pos: p, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...), Hint: hint})
}

func (s *diagSink) errorf(p Pos, rule, hint, format string, args ...any) {
	s.add(Error, p, rule, hint, format, args...)
}

func (s *diagSink) warnf(p Pos, rule, hint, format string, args ...any) {
	s.add(Warning, p, rule, hint, format, args...)
}
