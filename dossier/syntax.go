package dossier

import (
	"regexp"
	"strings"
)

// The YAML parser often reports a syntax error at the line where the
// enclosing block began rather than where the mistake is. syntaxCause looks
// for the mistakes authors make most, from the reported line on, and
// returns the line that holds one with a message and hint that name it.
// ok is false when none is found; the parser's own report then stands.

// A quoted value that ends before its line does: `summary: "he said "no""`.
var (
	earlyDouble = regexp.MustCompile(`^\s*(- +)?[^\s#"'][^:#]*:\s+"(?:[^"\\]|\\.)*"\s*[^\s#]`)
	earlySingle = regexp.MustCompile(`^\s*(- +)?[^\s#"'][^:#]*:\s+'(?:[^']|'')*'\s*[^\s#]`)
)

type syntaxFinding struct {
	line          int
	message, hint string
}

func syntaxCause(data []byte, reported int) (syntaxFinding, bool) {
	lines := strings.Split(string(data), "\n")
	from := max(reported-1, 0)
	// A tab in the indentation: YAML indents with spaces only.
	for i := from; i < len(lines); i++ {
		indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " \t"))]
		if strings.Contains(indent, "\t") {
			return syntaxFinding{i + 1, "a tab character indents this line", "YAML indents with spaces only: replace the tab with spaces"}, true
		}
	}
	for i := from; i < len(lines) && i <= from+2; i++ {
		switch {
		case earlyDouble.MatchString(lines[i]):
			return syntaxFinding{i + 1, "the quoted value ends early: it holds a double quote (\") of its own", `write a double quote inside "…" as \" (or enclose the value in single quotes instead)`}, true
		case earlySingle.MatchString(lines[i]):
			return syntaxFinding{i + 1, "the quoted value ends early: it holds a single quote (') of its own", `write a single quote inside '…' as '' (two single quotes), or enclose the value in double quotes instead`}, true
		}
	}
	if i, ok := misindented(lines); ok && i+1 >= reported {
		return syntaxFinding{i + 1, "this line is indented to no level of the lines above it", "line it up with the key it belongs with: keys of one mapping start in the same column"}, true
	}
	return syntaxFinding{}, false
}

// misindented returns the first line that is shallower than the line
// above without returning to the column of an enclosing mapping or list.
func misindented(lines []string) (int, bool) {
	levels := []int{0} // columns where the keys of open mappings start
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "---") {
			continue
		}
		col := len(l) - len(t)
		top := levels[len(levels)-1]
		switch {
		case col > top:
			// Deeper: a new level after a line that opens a block; otherwise
			// the continuation of a long value, which sets no level.
			if i > 0 && opensBlock(prevContent(lines, i)) {
				levels = append(levels, col)
			}
		case col < top:
			for len(levels) > 0 && levels[len(levels)-1] > col {
				levels = levels[:len(levels)-1]
			}
			if len(levels) == 0 || levels[len(levels)-1] != col {
				return i, true
			}
		}
		// A list item "- key: v" opens a mapping at the column after "- ".
		if strings.HasPrefix(t, "- ") {
			inner := strings.TrimLeft(t[2:], " ")
			if strings.Contains(inner, ":") {
				levels = append(levels, col+len(t)-len(inner))
			}
		}
	}
	return 0, false
}

func prevContent(lines []string, i int) string {
	for j := i - 1; j >= 0; j-- {
		t := strings.TrimSpace(lines[j])
		if t != "" && !strings.HasPrefix(t, "#") {
			return t
		}
	}
	return ""
}

// opensBlock reports whether a line ends with a key and no value, or
// with a block scalar indicator, so that deeper lines may follow.
func opensBlock(t string) bool {
	if i := strings.Index(t, " #"); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	return strings.HasSuffix(t, ":") || strings.HasSuffix(t, "|") || strings.HasSuffix(t, ">") ||
		strings.HasSuffix(t, "|-") || strings.HasSuffix(t, ">-") || strings.HasSuffix(t, "-") || t == "-"
}
