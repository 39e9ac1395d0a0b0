// Package record writes a sanctions-check match a user confirmed into the
// case, as an existing sanction of the official: the dataset's record is
// archived as a new source, exactly as the dataset gives it, and the
// official's file gains an existing_sanctions entry whose evidence quotes
// that record, so validation proves every value written. The official's
// file is edited line by line (dossier/internal/yamledit): its comments,
// blank lines and key order stay as written.
package record

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/capture"
	"github.com/dossier-project/dossier/dossier/internal/replace"
	"github.com/dossier-project/dossier/dossier/internal/yamledit"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/dossier/sanctions"
	"gopkg.in/yaml.v3"
)

// Text is the wording and the rules of recording, from
// templates/text/sanctions.yaml (key "write").
type Text struct {
	// SourceType is the source type (vocabulary source_types) of an
	// archived dataset record.
	SourceType string `yaml:"source_type"`
	// Title, Notes and EvidenceNote take {dataset}, {entity}, {file},
	// {official}, {score} and {matched}.
	Title        string `yaml:"title"`
	Notes        string `yaml:"notes"`
	EvidenceNote string `yaml:"evidence_note"`
	// Regimes fill a recorded sanction's regime: a rule applies when the
	// record's authority contains one of its authority words and its
	// programme one of its programme words (case ignored). When no rule,
	// or more than one, applies, regime stays empty.
	Regimes []Rule `yaml:"regimes"`
}

// Rule ties a listing to a regime profile.
type Rule struct {
	Regime    string   `yaml:"regime"`
	Authority []string `yaml:"authority"`
	Programme []string `yaml:"programme"`
}

// Check reports what is missing from the text.
func (t *Text) Check(vocab dossier.Vocabulary) error {
	switch {
	case t.Title == "" || t.Notes == "" || t.EvidenceNote == "":
		return fmt.Errorf("write.title, write.notes and write.evidence_note are required")
	case vocab["source_types"] != nil && !vocab["source_types"].Has(t.SourceType):
		return fmt.Errorf("write.source_type %q is not a source type", t.SourceType)
	}
	for i, r := range t.Regimes {
		if !dossier.ValidID(r.Regime) || len(r.Authority) == 0 || len(r.Programme) == 0 {
			return fmt.Errorf("write.regimes[%d]: want a regime id, authority words and programme words", i)
		}
	}
	return nil
}

// Options say where the record comes from.
type Options struct {
	Dataset   string    // the dataset file, as named to the user
	Publisher string    // the dataset's publisher, when the user gives it
	Retrieved time.Time // when the dataset was obtained
	Text      *Text
	Vocab     dossier.Vocabulary
}

// Written is one thing done, or left undone, to a file.
type Written struct {
	File string
	What string
}

// Change is what a run wrote, so that it can be undone.
type Change struct {
	Written []Written
	created []string
	edited  map[string][]byte // file → its content before
}

// Undo removes the files created and restores the files edited.
func (ch *Change) Undo() error {
	var first error
	for path, data := range ch.edited {
		if err := replace.WriteFile(path, data); err != nil && first == nil {
			first = err
		}
	}
	for _, p := range ch.created {
		if err := os.Remove(p); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Record writes each listing of the confirmation into the case: a source
// per listing (reused when the case holds the same record already) and an
// existing_sanctions entry of the official. A listing the official already
// has (an entry quoting its source) is reported, not written again.
// Everything written is noted in ch; on an error the caller undoes it
// with ch.Undo.
func Record(c *dossier.Case, conf sanctions.Confirmation, o Options, ch *Change) (err error) {
	if ch.edited == nil {
		ch.edited = map[string][]byte{}
	}
	var off *dossier.Official
	for _, x := range c.Officials {
		if x.ID == conf.Official {
			off = x
		}
	}
	if off == nil {
		return fmt.Errorf("--write %s=%s: case %s has no official %q", conf.Official, conf.Entity, c.ID, conf.Official)
	}
	sources := map[string]*dossier.Source{}
	for _, s := range c.Sources {
		sources[s.ID] = s
	}
	recorded := map[string]bool{}
	for _, s := range off.ExistingSanctions {
		for _, e := range s.Evidence {
			recorded[e.SourceID] = true
		}
	}
	for _, l := range conf.Listings {
		id := SourceID(l.ID)
		if !dossier.ValidID(id) {
			return fmt.Errorf("--write %s=%s: Sanction %q gives no usable source id (%q); record it by hand", conf.Official, conf.Entity, l.ID, id)
		}
		txt := filepath.Join(c.Dir, "sources", id+".txt")
		if recorded[id] {
			ch.Written = append(ch.Written, Written{off.Path, fmt.Sprintf("Sanction %s is recorded already (source %s); left as is", l.ID, id)})
			continue
		}
		if l.Authority == "" || l.Program == "" {
			missing := "programme"
			if l.Authority == "" {
				missing = "authority"
			}
			return fmt.Errorf("--write %s=%s: Sanction %s gives no %s, which existing_sanctions requires; record it by hand from the authority's own publication",
				conf.Official, conf.Entity, l.ID, missing)
		}
		vars := map[string]string{"dataset": datasetName(l, o.Dataset), "entity": l.ID, "file": filepath.Base(o.Dataset),
			"official": off.ID, "score": fmt.Sprintf("%.2f", conf.Match.Score), "matched": strings.Join(conf.Match.Matched, ", ")}
		if s := sources[id]; s != nil {
			if !bytes.Equal(s.Text, l.Text) {
				return fmt.Errorf("--write %s=%s: %s holds another version of the record of Sanction %s; it is never overwritten: check the listing, then record it by hand, or remove the old source if nothing quotes it",
					conf.Official, conf.Entity, txt, l.ID)
			}
			ch.Written = append(ch.Written, Written{s.Path, "the same record is archived already; reused"})
		} else {
			res, err := capture.AddText(c.Dir, l.Text, capture.Options{
				ID: id, Title: fill(o.Text.Title, vars), Type: o.Text.SourceType, URL: firstOf(l.SourceURL),
				Retrieved: o.Retrieved, Publisher: o.Publisher, Notes: fill(o.Text.Notes, vars),
			}, o.Vocab)
			if err != nil {
				return fmt.Errorf("--write %s=%s: %w", conf.Official, conf.Entity, err)
			}
			ch.created = append(ch.created, res.Files...)
			ch.Written = append(ch.Written, Written{res.Files[0], fmt.Sprintf("the dataset's record of Sanction %s, as read (%d bytes)", l.ID, len(l.Text))},
				Written{res.Files[len(res.Files)-1], "its metadata and sha256 (source " + id + ")"})
		}
		item, fields := entry(l, id, fill(o.Text.EvidenceNote, vars), o.Text.Regimes)
		current, err := os.ReadFile(off.Path)
		if err != nil {
			return err
		}
		out, err := yamledit.AppendItem(current, "existing_sanctions", item)
		var at *yamledit.Error
		switch {
		case errors.As(err, &at):
			return fmt.Errorf("%s:%d:%d: %s", off.Path, at.Line, at.Column, at.Msg)
		case err != nil:
			return fmt.Errorf("%s: %w", off.Path, err)
		}
		if err := replace.WriteFile(off.Path, out); err != nil {
			return err
		}
		if _, ok := ch.edited[off.Path]; !ok {
			ch.edited[off.Path] = current // as it was before the first edit
		}
		ch.Written = append(ch.Written, Written{off.Path, fmt.Sprintf("existing_sanctions: %s, quoting source %s", strings.Join(fields, ", "), id)})
		recorded[id] = true
	}
	return nil
}

// SourceID is the id of the source that archives the record of a Sanction.
func SourceID(entity string) string {
	id := dossier.Slug("sanction " + entity)
	if len(id) > 60 {
		id = strings.TrimRight(id[:60], "-")
	}
	return id
}

// entry builds the existing_sanctions item: what the record says, each
// value with the passage of the record that gives it.
func entry(l sanctions.Listing, source, note string, rules []Rule) (*yaml.Node, []string) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v *yaml.Node) {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, v)
	}
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }
	fields := []string{"authority", "programme"}
	add("authority", str(l.Authority))
	add("programme", str(l.Program))
	if r := regimeOf(l, rules); r != "" {
		add("regime", str(r))
		fields = append(fields, "regime")
	}
	quotes := []string{l.Quote("authority"), l.Quote("program")}
	for _, p := range []struct{ prop, val string }{{"startDate", l.StartDate}, {"listingDate", l.ListingDate}} {
		if d, err := dossier.ParseDate(p.val); err == nil && p.val != "" {
			add("date", &yaml.Node{Kind: yaml.ScalarNode, Value: d.String()})
			fields = append(fields, "date")
			quotes = append(quotes, l.Quote(p.prop))
			break
		}
	}
	quotes = append(quotes, l.Quote("entity"))
	ev := &yaml.Node{Kind: yaml.SequenceNode}
	for i, q := range quotes {
		if len([]rune(q)) < dossier.MinQuoteLength {
			continue
		}
		item := &yaml.Node{Kind: yaml.MappingNode}
		item.Content = append(item.Content, str("source"), str(source), str("quote"), str(q))
		if i == 0 {
			item.Content = append(item.Content, str("note"), str(note))
		}
		ev.Content = append(ev.Content, item)
	}
	add("evidence", ev)
	return m, fields
}

// regimeOf returns the one regime whose rule the listing meets, or "".
func regimeOf(l sanctions.Listing, rules []Rule) string {
	auth, prog := strings.ToLower(l.Authority), strings.ToLower(l.Program)
	found := ""
	for _, r := range rules {
		if containsAny(auth, r.Authority) && containsAny(prog, r.Programme) {
			if found != "" && found != r.Regime {
				return ""
			}
			found = r.Regime
		}
	}
	return found
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// datasetName is the dataset the record says it is from, else the file's name.
func datasetName(l sanctions.Listing, file string) string {
	if len(l.Datasets) > 0 {
		return strings.Join(l.Datasets, ", ")
	}
	return filepath.Base(file)
}

func firstOf(joined string) string {
	first, _, _ := strings.Cut(joined, "; ")
	return first
}

// fill replaces the {name}s of a wording template in one pass (a value
// from the dataset that holds "{file}" stays as written).
func fill(s string, vars map[string]string) string {
	return strings.TrimSpace(regime.Fill(s, vars))
}
