// Package verify checks a received evidence bundle: every file against
// MANIFEST.sha256, manifest.json against MANIFEST.sha256, manifest.json's
// index against the bundle PDF's own pages, bookmarks and attached files
// (index.go), and every row of the cited-passages table against the
// exhibit text it points to.
//
// A bundle is read without extracting it: a zip's entries are streamed
// through sha256, so nothing is written anywhere, and hostile bundles
// (paths leaving the bundle, symbolic links, duplicate names, zip bombs,
// huge or deeply nested entries, a manifest naming files outside) are
// refused with a message before any file is read. See the limits in
// read.go.
package verify

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/sshsig"
	"golang.org/x/crypto/ssh"
)

// Problem is one way a bundle differs from its manifests.
type Problem struct {
	Kind    string // missing, altered, extra, manifest or passage
	File    string // the file concerned, relative to the bundle's root
	Message string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s: %s", p.Kind, p.File, p.Message) }

// Report is what Check found in one bundle.
type Report struct {
	Path     string // the zip or folder checked
	Root     string // the folder inside it that holds MANIFEST.sha256; "" at the top
	Files    int    // files listed in MANIFEST.sha256
	Passages int    // cited passages checked against their exhibits
	// Bookmarks counts the exhibits whose bookmark in the bundle PDF was
	// found and compared with manifest.json's index; Attached the files
	// attached to the PDF that match the files manifest.json lists.
	Bookmarks int
	Attached  int
	Problems  []Problem // empty when the bundle is intact
	// Signed says MANIFEST.sha256.sig is a valid signature of the
	// manifest, by the key whose fingerprint is Key; Signers are the
	// principals the allowed signers give that key, when they were given.
	Signed  bool
	Key     string
	Signers []string
}

// Options are what a check needs beyond the bundle.
type Options struct {
	// AllowedSigners, when not nil, are the keys trusted to sign: the
	// bundle must then be signed by one of them.
	AllowedSigners []sshsig.AllowedSigner
}

// OK reports whether the bundle is intact.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) add(kind, file, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{Kind: kind, File: file, Message: fmt.Sprintf(format, args...)})
}

// Check verifies a bundle zip, or a folder holding an unpacked bundle. The
// error is for a bundle that cannot be checked at all: unreadable, not a
// bundle, or refused as hostile (wrapping ErrHostile).
func Check(p string) (*Report, error) { return CheckWith(p, Options{}) }

// CheckWith is Check with options: the allowed signers.
func CheckWith(p string, o Options) (*Report, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	var a *archive
	var c io.Closer
	if info.IsDir() {
		a, c, err = readDir(p)
	} else {
		a, c, err = readZip(p)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	defer c.Close()
	r, err := check(a, o)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	r.Path = p
	return r, nil
}

// findRoot returns the folder holding MANIFEST.sha256: the top, or the one
// folder everything sits in.
func findRoot(a *archive) (string, error) {
	if _, ok := a.files[bundle.ManifestSums]; ok {
		return "", nil
	}
	tops := map[string]bool{}
	for _, n := range a.names {
		tops[strings.SplitN(n, "/", 2)[0]] = true
	}
	if len(tops) == 1 {
		for t := range tops {
			if _, ok := a.files[t+"/"+bundle.ManifestSums]; ok {
				return t + "/", nil
			}
		}
	}
	return "", fmt.Errorf("not a bundle: no %s at its top or in its single folder", bundle.ManifestSums)
}

// read returns a file's content, up to limit bytes.
func read(e *entry, limit int64) ([]byte, error) {
	if e.size > limit {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d this check reads", e.name, e.size, limit)
	}
	rc, err := e.open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s holds more than %d bytes", e.name, limit)
	}
	return data, nil
}

// hash streams a file through sha256.
func hash(e *entry) (string, int64, error) {
	rc, err := e.open()
	if err != nil {
		return "", 0, err
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(rc, MaxFileSize+1))
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// ParseSums reads a MANIFEST.sha256: lines "<64 hex digits>  <name>" (or
// " *<name>", binary mode). Every name must stay inside the bundle.
func ParseSums(data []byte) (map[string]string, []string, error) {
	sums := map[string]string{}
	var order []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 4096), MaxNameLen+128)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		if len(line) < 67 || (line[64:66] != "  " && line[64:66] != " *") {
			return nil, nil, fmt.Errorf("%s:%d: not a \"<sha256>  <file>\" line", bundle.ManifestSums, n)
		}
		sum, name := strings.ToLower(line[:64]), line[66:]
		if _, err := hex.DecodeString(sum); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %q is not a sha256 in hex", bundle.ManifestSums, n, line[:64])
		}
		if err := checkName(name); err != nil {
			return nil, nil, fmt.Errorf("%s:%d names a file outside the bundle: %w", bundle.ManifestSums, n, err)
		}
		if _, dup := sums[name]; dup {
			return nil, nil, hostile("%s:%d lists %q a second time", bundle.ManifestSums, n, name)
		}
		if len(sums) >= MaxEntries {
			return nil, nil, hostile("%s lists more than %d files", bundle.ManifestSums, MaxEntries)
		}
		sums[name] = sum
		order = append(order, name)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, hostile("%s: %v", bundle.ManifestSums, err)
	}
	return sums, order, nil
}

func check(a *archive, o Options) (*Report, error) {
	root, err := findRoot(a)
	if err != nil {
		return nil, err
	}
	r := &Report{Root: strings.TrimSuffix(root, "/")}
	files := map[string]*entry{}
	for _, n := range a.names {
		if !strings.HasPrefix(n, root) {
			r.add("extra", n, "lies outside the bundle's folder %s", root)
			continue
		}
		files[strings.TrimPrefix(n, root)] = a.files[n]
	}
	data, err := read(files[bundle.ManifestSums], maxManifestSz)
	if err != nil {
		return nil, err
	}
	sums, order, err := ParseSums(data)
	if err != nil {
		return nil, err
	}
	r.Files = len(order)
	checkSignature(r, files[SignatureFile], data, o)

	// manifest.json says which files hold cited passages: keep those in
	// memory while hashing.
	var m *bundle.Manifest
	keep := map[string][]byte{}
	if e := files[bundle.ManifestJSON]; e != nil && sums[bundle.ManifestJSON] != "" {
		data, err := read(e, MaxTextSize)
		if err != nil {
			r.add("manifest", bundle.ManifestJSON, "%v", err)
		} else if err := json.Unmarshal(data, &m); err != nil {
			r.add("manifest", bundle.ManifestJSON, "not readable: %v", err)
			m = nil
		} else {
			for _, p := range m.Passages {
				keep[p.File] = nil
			}
		}
	}
	seen := map[string]fileSum{}
	for _, name := range order {
		e := files[name]
		if e == nil {
			r.add("missing", name, "listed in %s but not in the bundle", bundle.ManifestSums)
			continue
		}
		var sum string
		var size int64
		if _, ok := keep[name]; ok {
			data, err := read(e, MaxTextSize)
			if err != nil {
				r.add("altered", name, "%v", err)
				continue
			}
			s := sha256.Sum256(data)
			sum, size, keep[name] = hex.EncodeToString(s[:]), int64(len(data)), data
		} else {
			if sum, size, err = hash(e); err != nil {
				r.add("altered", name, "cannot be read: %v", err)
				continue
			}
		}
		seen[name] = fileSum{sum, size}
		if sum != sums[name] {
			r.add("altered", name, "its sha256 is %s, %s records %s", sum, bundle.ManifestSums, sums[name])
			delete(keep, name)
		}
	}
	extra := []string{}
	for name := range files {
		if _, listed := sums[name]; !listed && name != bundle.ManifestSums && name != SignatureFile {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		r.add("extra", name, "in the bundle but not listed in %s", bundle.ManifestSums)
	}
	if sums[bundle.ManifestJSON] == "" {
		r.add("manifest", bundle.ManifestJSON, "not listed in %s", bundle.ManifestSums)
	} else if m != nil {
		checkManifest(r, m, sums, seen, keep)
		checkIndex(r, m, files)
	}
	return r, nil
}

// SignatureFile is where a signed bundle keeps its signature of
// MANIFEST.sha256; it is the one file the manifest cannot list.
const SignatureFile = bundle.ManifestSig

// maxSignature bounds the signature file read into memory.
const maxSignature = 64 << 10

// checkSignature checks MANIFEST.sha256.sig, when there is one, against
// the manifest, and its key against the allowed signers when given.
func checkSignature(r *Report, sig *entry, manifest []byte, o Options) {
	if sig == nil {
		if o.AllowedSigners != nil {
			r.add("signature", SignatureFile, "the bundle is unsigned, but --allowed-signers expects it to be signed")
		}
		return
	}
	data, err := read(sig, maxSignature)
	if err != nil {
		r.add("signature", SignatureFile, "%v", err)
		return
	}
	key, err := sshsig.Verify(data, manifest, sshsig.Namespace)
	if err != nil {
		r.add("signature", SignatureFile, "%v", err)
		return
	}
	r.Signed, r.Key = true, ssh.FingerprintSHA256(key)
	if o.AllowedSigners == nil {
		return
	}
	allowed := sshsig.Allowed(o.AllowedSigners, key, sshsig.Namespace)
	if len(allowed) == 0 {
		r.add("signature", SignatureFile, "signed by key %s, which the allowed signers do not list for namespace %q", r.Key, sshsig.Namespace)
		return
	}
	for _, s := range allowed {
		r.Signers = append(r.Signers, s.Principals...)
	}
}

// fileSum is what a file of the bundle turned out to be.
type fileSum struct {
	sum  string
	size int64
}

// checkManifest compares manifest.json with MANIFEST.sha256 and checks
// each cited passage against its exhibit's text.
func checkManifest(r *Report, m *bundle.Manifest, sums map[string]string, seen map[string]fileSum, texts map[string][]byte) {
	listed := map[string]bool{}
	disagree := 0
	for _, f := range m.Files {
		listed[f.File] = true
		s, ok := sums[f.File]
		switch {
		case !ok:
			r.add("manifest", f.File, "listed in %s but not in %s", bundle.ManifestJSON, bundle.ManifestSums)
			disagree++
		case s != strings.ToLower(f.SHA256):
			r.add("manifest", f.File, "%s and %s give different sha256", bundle.ManifestJSON, bundle.ManifestSums)
			disagree++
		case seen[f.File].sum == s && seen[f.File].size != f.Size:
			r.add("manifest", f.File, "%s gives %d bytes, the file has %d", bundle.ManifestJSON, f.Size, seen[f.File].size)
		}
	}
	var unlisted []string
	for name := range sums {
		if name != bundle.ManifestJSON && !listed[name] {
			unlisted = append(unlisted, name)
		}
	}
	sort.Strings(unlisted)
	for _, name := range unlisted {
		r.add("manifest", name, "listed in %s but not in %s", bundle.ManifestSums, bundle.ManifestJSON)
		disagree++
	}
	if disagree > 0 {
		// manifest.json matched its line in MANIFEST.sha256, so the two
		// were written together: one of them changed since.
		r.add("manifest", bundle.ManifestSums, "disagrees with %s on %d file(s): one of the two manifests was changed", bundle.ManifestJSON, disagree)
	}
	for _, e := range m.Exhibits {
		if e.TextWithheld && e.File == "" {
			continue // the bundle says its text is withheld from this audience
		}
		if !listed[e.File] {
			r.add("manifest", e.File, "exhibit %d's file is not among the bundle's files", e.Exhibit)
		}
	}
	paras := map[string][][2]int{}
	strays := map[string]int{}
	for _, p := range m.Passages {
		text, ok := texts[p.File]
		if !ok || text == nil {
			if _, known := sums[p.File]; !known {
				strays[p.File]++
			}
			continue // missing or altered: reported already
		}
		r.Passages++
		if p.Offset < 0 || p.Offset+len(p.Text) > len(text) || string(text[p.Offset:p.Offset+len(p.Text)]) != p.Text {
			r.add("passage", p.File, "excerpt %d: the cited passage is not at byte %d of exhibit %d", p.Excerpt, p.Offset, p.Exhibit)
			continue
		}
		if paras[p.File] == nil {
			paras[p.File] = bundle.Paragraphs(string(text))
		}
		if n := bundle.ParagraphAt(paras[p.File], p.Offset); n != p.Paragraph {
			r.add("passage", p.File, "excerpt %d: the passage begins in paragraph %d, the table says %d", p.Excerpt, n, p.Paragraph)
		}
	}
	names := make([]string, 0, len(strays))
	for name := range strays {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		r.add("passage", name, "%d cited passage(s) point into this file, which %s does not list", strays[name], bundle.ManifestSums)
	}
}
