package capture

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Kind is the kind of file a source was captured as.
type Kind string

// The kinds of capture source add understands.
const (
	Text Kind = "text"
	HTML Kind = "html"
	PDF  Kind = "pdf"
)

// KindOf decides a file's kind: a .txt or .md file is text; otherwise its
// first bytes (a PDF's signature, an HTML page's opening tags), then its
// extension, decide.
func KindOf(name string, data []byte) Kind {
	ext := strings.ToLower(name[strings.LastIndexByte(name, '.')+1:])
	if ext == "txt" || ext == "md" {
		return Text
	}
	head := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 512)]))
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) || bytes.Contains(head, []byte("<head")) || bytes.Contains(head, []byte("<body")):
		return HTML
	}
	switch ext {
	case "html", "htm", "xhtml":
		return HTML
	case "pdf":
		return PDF
	}
	return Text
}

// ExtractHTML returns the readable text of an HTML page: one paragraph per
// line (blocks such as p, li, h1–h6, td and br end a line), white space
// collapsed within a line, scripts, styles and the document head left out.
// It uses golang.org/x/net/html, the Go project's own HTML5 parser, which
// parses real-world pages the way browsers do.
func ExtractHTML(data []byte) ([]byte, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Svg, atom.Iframe:
				return
			case atom.Br:
				flush()
				return
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(doc)
	flush()
	if len(paras) == 0 {
		return nil, errors.New("the page holds no text")
	}
	return []byte(strings.Join(paras, "\n\n") + "\n"), nil
}

var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Pre: true, atom.Dt: true, atom.Dd: true, atom.Figcaption: true, atom.Title: true,
	atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Main: true, atom.Aside: true, atom.Nav: true,
}

// ErrNoPDFTool is returned when pdftotext is not installed.
var ErrNoPDFTool = errors.New("pdftotext (Debian: apt-get install poppler-utils) is needed to extract a PDF's text; install it, or extract the text yourself and give it with --text FILE")

// ExtractPDF returns a PDF's text, extracted by pdftotext from poppler:
// the Go PDF libraries read text poorly (no reading order, broken
// ligatures and encodings), and a quote must match the text word for word.
func ExtractPDF(path string) ([]byte, error) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPDFTool
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, tool, "-enc", "UTF-8", "-nopgbrk", path, "-")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	if len(bytes.TrimSpace(out)) == 0 {
		return nil, errors.New("the PDF holds no text (a scan?); extract it by OCR and give it with --text FILE")
	}
	return out, nil
}

// checkText refuses text that is not UTF-8: quotes could not be found in it.
func checkText(data []byte) error {
	if !utf8.Valid(data) {
		return errors.New("the text is not UTF-8; convert it first (e.g. iconv -f WINDOWS-1251 -t UTF-8)")
	}
	return nil
}
