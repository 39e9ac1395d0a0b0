package bundle

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// spool is the bundle PDF while it is being made: a temporary file that
// fpdf's output is written to and the incremental updates (attached
// files, original pages) are appended to, so that the PDF is never held
// in memory beside fpdf's own copy of it. Its name is removed at once
// where the system allows it (the open file stays readable), else by close.
type spool struct {
	f       *os.File
	size    int64
	removed bool // the file's name is gone already (Unix): nothing is left behind even if the process is killed
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "dossier-bundle-*.pdf")
	if err != nil {
		return nil, fmt.Errorf("bundle: a temporary file for the bundle PDF: %w", err)
	}
	return &spool{f: f, removed: os.Remove(f.Name()) == nil}, nil
}

// Write appends p.
func (s *spool) Write(p []byte) (int, error) {
	n, err := s.f.WriteAt(p, s.size)
	s.size += int64(n)
	return n, err
}

// ReadAt reads from the spool.
func (s *spool) ReadAt(p []byte, off int64) (int, error) { return s.f.ReadAt(p, off) }

// tail returns the last n bytes (all of them when the spool is shorter).
func (s *spool) tail(n int64) ([]byte, error) {
	off := max(0, s.size-n)
	b := make([]byte, s.size-off)
	_, err := s.f.ReadAt(b, off)
	return b, err
}

// reader reads the spool from its start.
func (s *spool) reader() *io.SectionReader { return io.NewSectionReader(s.f, 0, s.size) }

// writeTo copies the spool to w.
func (s *spool) writeTo(w io.Writer) error {
	_, err := io.Copy(w, bufio.NewReaderSize(s.reader(), 1<<20))
	return err
}

// close removes the temporary file.
func (s *spool) close() {
	if s == nil || s.f == nil {
		return
	}
	s.f.Close()
	if !s.removed {
		os.Remove(s.f.Name())
	}
	s.f = nil
}

// blob is the content of one file of the bundle: bytes, a string (an
// exhibit's text, used as the model holds it, without a copy) or the
// spooled PDF.
type blob struct {
	b []byte
	s string
	p *spool
}

func (b blob) size() int64 {
	switch {
	case b.p != nil:
		return b.p.size
	case b.b != nil:
		return int64(len(b.b))
	}
	return int64(len(b.s))
}

func (b blob) writeTo(w io.Writer) error {
	switch {
	case b.p != nil:
		return b.p.writeTo(w)
	case b.b != nil:
		_, err := w.Write(b.b)
		return err
	}
	_, err := io.WriteString(w, b.s)
	return err
}

// sum is the blob's sha256 in hex.
func (b blob) sum() (string, error) {
	h := sha256.New()
	if err := b.writeTo(h); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
