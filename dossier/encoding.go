package dossier

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// encodingIssue is the first byte of a file that is not UTF-8 text.
type encodingIssue struct {
	Offset int    // byte offset, from 0
	Line   int    // line of that byte, from 1
	What   string // what is wrong, in words
}

func (e *encodingIssue) String() string {
	return fmt.Sprintf("%s at byte %d (line %d)", e.What, e.Offset, e.Line)
}

// checkEncoding finds the first reason data is not UTF-8 text: a UTF-16 or
// UTF-32 byte-order mark or layout, a NUL byte, or an invalid UTF-8
// sequence. A UTF-8 byte-order mark is accepted. It returns nil for UTF-8
// text.
func checkEncoding(data []byte) *encodingIssue {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe, 0, 0}), bytes.HasPrefix(data, []byte{0, 0, 0xfe, 0xff}):
		return &encodingIssue{0, 1, "the file is UTF-32 (it starts with a UTF-32 byte-order mark), not UTF-8"}
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return &encodingIssue{0, 1, "the file is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8"}
	}
	nul := bytes.IndexByte(data, 0)
	if nul >= 0 && len(data) >= 2 && (data[0] == 0 || data[1] == 0) {
		return &encodingIssue{nul, 1, "the file looks like UTF-16 without a byte-order mark (every other byte is 0), not UTF-8"}
	}
	bad := -1
	if !utf8.Valid(data) {
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				bad = i
				break
			}
			i += size
		}
	}
	switch {
	case nul >= 0 && (bad < 0 || nul < bad):
		return &encodingIssue{nul, lineAt(data, nul), "a NUL byte (0x00), which text never holds"}
	case bad >= 0:
		return &encodingIssue{bad, lineAt(data, bad), fmt.Sprintf("byte 0x%02x, which is not valid UTF-8", data[bad])}
	}
	return nil
}

func lineAt(data []byte, offset int) int { return bytes.Count(data[:offset], []byte{'\n'}) + 1 }

// textEncodingProblem describes why an archived text is not UTF-8, or
// returns "".
func textEncodingProblem(data []byte) string {
	if e := checkEncoding(data); e != nil {
		return "is not UTF-8 text: " + e.String()
	}
	return ""
}
