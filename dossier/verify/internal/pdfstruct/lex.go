package pdfstruct

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Name is a PDF name (/Type), without its slash.
type Name string

// Ref is an indirect reference (12 0 R); objects are found by number.
type Ref struct{ Num, Gen int64 }

// Dict is a PDF dictionary.
type Dict map[Name]any

// Array is a PDF array.
type Array []any

// String is a PDF string's bytes, escapes resolved.
type String []byte

// keyword is a bare word: obj, endobj, stream, R, true, null, trailer, …
type keyword string

type tokKind int

const (
	tEOF tokKind = iota
	tInt
	tReal
	tName
	tString
	tKeyword
	tDictOpen
	tDictClose
	tArrOpen
	tArrClose
)

type token struct {
	kind tokKind
	i    int64
	f    float64
	s    string // name or keyword
	b    []byte // string bytes
}

// lexer splits a PDF into tokens, reading a stream once; pos counts the
// bytes read.
type lexer struct {
	r    *bufio.Reader
	pos  int64
	back []token // pushed-back tokens, last first out
}

func newLexer(r io.Reader) *lexer { return &lexer{r: bufio.NewReaderSize(r, 64<<10)} }

var errLimit = errors.New("limit")

func (l *lexer) readByte() (byte, error) {
	c, err := l.r.ReadByte()
	if err == nil {
		l.pos++
	}
	return c, err
}

func (l *lexer) unreadByte() {
	if l.r.UnreadByte() == nil {
		l.pos--
	}
}

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) push(t token) { l.back = append(l.back, t) }

// next returns the next token; tEOF at the end of the input.
func (l *lexer) next() (token, error) {
	if n := len(l.back); n > 0 {
		t := l.back[n-1]
		l.back = l.back[:n-1]
		return t, nil
	}
	for {
		c, err := l.readByte()
		if err == io.EOF {
			return token{kind: tEOF}, nil
		}
		if err != nil {
			return token{}, err
		}
		switch {
		case isSpace(c):
			continue
		case c == '%':
			for {
				c, err := l.readByte()
				if err == io.EOF {
					return token{kind: tEOF}, nil
				}
				if err != nil {
					return token{}, err
				}
				if c == '\n' || c == '\r' {
					break
				}
			}
			continue
		case c == '(':
			b, err := l.literal()
			return token{kind: tString, b: b}, err
		case c == '<':
			d, err := l.readByte()
			if err != nil {
				return token{}, unexpectedEOF(err)
			}
			if d == '<' {
				return token{kind: tDictOpen}, nil
			}
			l.unreadByte()
			b, err := l.hex()
			return token{kind: tString, b: b}, err
		case c == '>':
			d, err := l.readByte()
			if err != nil || d != '>' {
				return token{}, fmt.Errorf("byte %d: a lone '>'", l.pos)
			}
			return token{kind: tDictClose}, nil
		case c == '[':
			return token{kind: tArrOpen}, nil
		case c == ']':
			return token{kind: tArrClose}, nil
		case c == '{' || c == '}' || c == ')':
			return token{kind: tKeyword, s: string(c)}, nil
		case c == '/':
			s, err := l.regular(nil)
			if err != nil {
				return token{}, err
			}
			return token{kind: tName, s: unescapeName(s)}, nil
		default:
			s, err := l.regular([]byte{c})
			if err != nil {
				return token{}, err
			}
			if c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' {
				if i, err := strconv.ParseInt(s, 10, 64); err == nil {
					return token{kind: tInt, i: i}, nil
				}
				if f, err := strconv.ParseFloat(s, 64); err == nil {
					return token{kind: tReal, f: f}, nil
				}
			}
			return token{kind: tKeyword, s: s}, nil
		}
	}
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// regular reads the rest of a run of regular characters.
func (l *lexer) regular(b []byte) (string, error) {
	for {
		c, err := l.readByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		if isSpace(c) || isDelim(c) {
			l.unreadByte()
			break
		}
		if len(b) >= MaxString {
			return "", fmt.Errorf("byte %d: a word longer than %d bytes: %w", l.pos, MaxString, errLimit)
		}
		b = append(b, c)
	}
	return string(b), nil
}

// unescapeName resolves #xx in a name.
func unescapeName(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}

// literal reads a (string) after its opening parenthesis.
func (l *lexer) literal() ([]byte, error) {
	var b []byte
	depth := 1
	for {
		c, err := l.readByte()
		if err != nil {
			return nil, unexpectedEOF(err)
		}
		if len(b) >= MaxString {
			return nil, fmt.Errorf("byte %d: a string longer than %d bytes: %w", l.pos, MaxString, errLimit)
		}
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return b, nil
			}
		case '\\':
			e, err := l.readByte()
			if err != nil {
				return nil, unexpectedEOF(err)
			}
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if d, err := l.readByte(); err == nil && d != '\n' {
					l.unreadByte()
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2; k++ {
						d, err := l.readByte()
						if err != nil {
							return nil, unexpectedEOF(err)
						}
						if d < '0' || d > '7' {
							l.unreadByte()
							break
						}
						v = v*8 + int(d-'0')
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
}

// hex reads a <hex string> after its opening bracket.
func (l *lexer) hex() ([]byte, error) {
	var b []byte
	half := -1
	for {
		c, err := l.readByte()
		if err != nil {
			return nil, unexpectedEOF(err)
		}
		var v int
		switch {
		case c == '>':
			if half >= 0 {
				b = append(b, byte(half<<4))
			}
			return b, nil
		case isSpace(c):
			continue
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		default:
			return nil, fmt.Errorf("byte %d: %q in a hex string", l.pos, c)
		}
		if half < 0 {
			half = v
			continue
		}
		if len(b) >= MaxString {
			return nil, fmt.Errorf("byte %d: a string longer than %d bytes: %w", l.pos, MaxString, errLimit)
		}
		b = append(b, byte(half<<4|v))
		half = -1
	}
}

// value parses one value starting with token t; budget counts the tokens
// an object may still use.
func (l *lexer) value(t token, depth int, budget *int) (any, error) {
	*budget--
	if *budget < 0 {
		return nil, fmt.Errorf("byte %d: an object of more than %d tokens: %w", l.pos, MaxObjectTokens, errLimit)
	}
	if depth > MaxDepth {
		return nil, fmt.Errorf("byte %d: arrays and dictionaries nested more than %d deep: %w", l.pos, MaxDepth, errLimit)
	}
	switch t.kind {
	case tInt:
		// "12 0 R" is a reference.
		t2, err := l.next()
		if err != nil {
			return nil, err
		}
		if t2.kind == tInt {
			t3, err := l.next()
			if err != nil {
				return nil, err
			}
			if t3.kind == tKeyword && t3.s == "R" {
				return Ref{t.i, t2.i}, nil
			}
			l.push(t3)
		}
		l.push(t2)
		return t.i, nil
	case tReal:
		return t.f, nil
	case tName:
		return Name(t.s), nil
	case tString:
		return String(t.b), nil
	case tKeyword:
		switch t.s {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		return keyword(t.s), nil
	case tArrOpen:
		var a Array
		for {
			t, err := l.next()
			if err != nil {
				return nil, err
			}
			switch t.kind {
			case tArrClose:
				return a, nil
			case tEOF:
				return nil, fmt.Errorf("byte %d: an array is not closed: %w", l.pos, io.ErrUnexpectedEOF)
			}
			v, err := l.value(t, depth+1, budget)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case tDictOpen:
		d := Dict{}
		for {
			t, err := l.next()
			if err != nil {
				return nil, err
			}
			switch t.kind {
			case tDictClose:
				return d, nil
			case tEOF:
				return nil, fmt.Errorf("byte %d: a dictionary is not closed: %w", l.pos, io.ErrUnexpectedEOF)
			case tName:
			default:
				return nil, fmt.Errorf("byte %d: a dictionary key is not a name", l.pos)
			}
			vt, err := l.next()
			if err != nil {
				return nil, err
			}
			if vt.kind == tDictClose || vt.kind == tEOF {
				return nil, fmt.Errorf("byte %d: the dictionary key /%s has no value", l.pos, t.s)
			}
			v, err := l.value(vt, depth+1, budget)
			if err != nil {
				return nil, err
			}
			d[Name(t.s)] = v
		}
	case tEOF:
		return nil, fmt.Errorf("byte %d: %w", l.pos, io.ErrUnexpectedEOF)
	}
	return nil, fmt.Errorf("byte %d: unexpected %s", l.pos, describe(t))
}

func describe(t token) string {
	switch t.kind {
	case tDictClose:
		return "'>>'"
	case tArrClose:
		return "']'"
	}
	return "token"
}
