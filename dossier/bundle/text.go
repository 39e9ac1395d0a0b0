package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/dossier/regime"
	"gopkg.in/yaml.v3"
)

// TextFile is the templates file holding the bundle's wording.
const TextFile = "text/bundle.yaml"

// Text is the wording of the evidence bundle, from templates/text/bundle.yaml.
type Text struct {
	Text      map[string]string `yaml:"text"`
	Labels    map[string]string `yaml:"labels"`
	Audiences map[string]string `yaml:"audiences"`
}

// textKeys are the keys each section must hold; any other key is a typo.
var textKeys = map[string][]string{
	"text": {"title", "running_header", "cover_intro", "cover_verify", "withheld", "index", "index_intro",
		"exhibit", "exhibit_short", "cover", "passages", "passages_intro", "text_heading", "redacted", "not_redacted", "text_withheld",
		"no_passages", "source_withheld", "excerpt", "supports_allegation", "supports_position",
		"supports_document", "supports_identity", "supports_event", "supports_sanction", "supports_contrary", "supports_associate", "concerning",
		"supports_status", "supports_relationship", "supports_amount", "supports_proceeding", "supports_asset", "supports_flow",
		"capture_by", "translated_from", "original_withheld", "original_withheld_text_withheld", "original_withheld_names_withheld",
		"original_withheld_unchecked", "original_pages", "original_follows", "original_unreadable", "original_attached",
		"original_bookmark", "original_page", "original_attachment", "kind_pdf", "kind_image", "kind_html", "kind_text", "kind_other"},
	"labels": {"case", "country", "submitted_by", "date", "audience", "classification", "exhibits", "pages",
		"type", "publisher", "author", "published", "url", "archive_url", "retrieved", "language", "file",
		"sha256", "first_page", "exhibit", "paragraph", "page", "excerpt", "passage", "not_stated",
		"captured", "extent", "reprint_of", "translation", "original", "original_sha256"},
	"audiences": {"public", "partner", "internal"},
}

// LoadText reads and checks bundle.yaml from a templates file system.
func LoadText(fsys fs.FS) (*Text, error) {
	data, err := fs.ReadFile(fsys, TextFile)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", TextFile, err)
	}
	t := &Text{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(t); err != nil {
		return nil, fmt.Errorf("%s: %s", TextFile, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	sections := map[string]map[string]string{"text": t.Text, "labels": t.Labels, "audiences": t.Audiences}
	var errs []error
	for _, name := range []string{"text", "labels", "audiences"} {
		m := sections[name]
		want := map[string]bool{}
		for _, k := range textKeys[name] {
			want[k] = true
			if strings.TrimSpace(m[k]) == "" {
				errs = append(errs, fmt.Errorf("%s: %s.%s is missing or empty", TextFile, name, k))
			}
		}
		var extra []string
		for k := range m {
			if !want[k] {
				extra = append(extra, k)
			}
		}
		sort.Strings(extra)
		for _, k := range extra {
			errs = append(errs, fmt.Errorf("%s: unknown key %s.%s (keys: %s)", TextFile, name, k, strings.Join(textKeys[name], ", ")))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return t, nil
}

// x returns a text and l a label, each with {name} placeholders filled by pairs.
func (t *Text) x(key string, pairs ...string) string { return fill(t.Text[key], pairs...) }
func (t *Text) l(key string) string                  { return t.Labels[key] }

func fill(s string, pairs ...string) string {
	vars := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		vars[pairs[i]] = pairs[i+1]
	}
	return regime.Fill(s, vars)
}
