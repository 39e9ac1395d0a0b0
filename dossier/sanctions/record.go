package sanctions

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// Confirmed is a match a user confirmed: an official of the report and a
// dataset entity, either the person or body that matched or one of its
// Sanctions.
type Confirmed struct {
	Official string // the official's id
	Entity   string // the dataset entity's id
}

// Confirmation is a confirmed match with what the dataset says of it.
type Confirmation struct {
	Confirmed
	Case  string // the official's case
	Match Match  // the official's match the entity is, or is a Sanction of
	// Listings are the match's Sanctions the confirmation records: all of
	// them when the matched entity was confirmed, the one otherwise.
	Listings []Listing
}

// Listing is one Sanction of a confirmed match, as the dataset has it.
type Listing struct {
	Sanction
	// Raw is the Sanction entity's JSON exactly as the dataset writes it:
	// its line, or the object nested in the matched entity's line.
	Raw []byte
	// Text is the record to archive: the Sanction's line (when it has one
	// of its own) and the matched entity's line, each as written, each
	// ending in a line end.
	Text []byte
	// Datasets are the dataset names the Sanction's line gives ("datasets",
	// as OpenSanctions writes them), if any.
	Datasets []string
}

// Quote returns the passage of the listing's JSON that gives property
// prop, exactly as written (`"program":["Global Magnitsky"]`), or "" when
// the entity has no such property. It is found in Text.
func (l *Listing) Quote(prop string) string {
	var e struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if json.Unmarshal(l.Raw, &e) != nil || len(e.Properties[prop]) == 0 {
		return ""
	}
	re, err := regexp.Compile(regexp.QuoteMeta(`"`+prop+`"`) + `\s*:\s*` + regexp.QuoteMeta(string(e.Properties[prop])))
	if err != nil {
		return ""
	}
	return string(re.Find(l.Raw))
}

// ConfirmError is a confirmation that does not fit the report or the
// dataset: an unknown official, an entity the dataset lacks or that is no
// match of the official.
type ConfirmError struct{ Msg string }

// Error returns the message, which names the --write pair it is about.
func (e *ConfirmError) Error() string { return e.Msg }

// Confirm checks each confirmation against the report rep of a Check of
// the same dataset (the entity must be a match of the official, or a
// Sanction of one) and reads from the dataset, in one more pass, the
// lines each records.
func Confirm(dataset io.ReadSeeker, rep *Report, cs []Confirmed, maxLine int) ([]Confirmation, error) {
	if maxLine <= 0 {
		maxLine = 16 << 20
	}
	var out []Confirmation
	want := map[string]bool{}
	var officialIDs []string
	for _, o := range rep.Officials {
		officialIDs = append(officialIDs, o.ID)
	}
	for _, c := range cs {
		var or *OfficialReport
		for i := range rep.Officials {
			if rep.Officials[i].ID == c.Official {
				or = &rep.Officials[i]
			}
		}
		if or == nil {
			return nil, &ConfirmError{fmt.Sprintf("--write %s=%s: no official %q in the case (its officials: %s)", c.Official, c.Entity, c.Official, strings.Join(officialIDs, ", "))}
		}
		conf := Confirmation{Confirmed: c, Case: or.Case}
		found := false
		for _, m := range or.Matches {
			if m.EntityID == c.Entity {
				conf.Match, conf.Listings, found = m, listings(m.Sanctions), true
				break
			}
			for _, s := range m.Sanctions {
				if s.ID == c.Entity {
					conf.Match, conf.Listings, found = m, listings([]Sanction{s}), true
				}
			}
		}
		want[c.Entity] = true
		if found {
			want[conf.Match.EntityID] = true
			for _, l := range conf.Listings {
				want[l.ID] = true
			}
		}
		out = append(out, conf)
	}
	if _, err := dataset.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	lines, err := linesOf(dataset, want, maxLine)
	if err != nil {
		return nil, err
	}
	for i := range out {
		c := &out[i]
		if c.Match.EntityID == "" {
			l, ok := lines[c.Entity]
			if !ok {
				return nil, &ConfirmError{fmt.Sprintf("--write %s=%s: the dataset has no entity %q", c.Official, c.Entity, c.Entity)}
			}
			return nil, &ConfirmError{fmt.Sprintf("--write %s=%s: entity %q (%s, line %d) is not a probable match of %s, nor a Sanction of one, at threshold %.2f; give the id of a match or of one of its Sanctions as the report lists them",
				c.Official, c.Entity, c.Entity, l.schema, l.n, c.Official, rep.Threshold)}
		}
		if len(c.Listings) == 0 {
			return nil, &ConfirmError{fmt.Sprintf("--write %s=%s: the dataset gives no Sanction of %q; there is no listing to record", c.Official, c.Entity, c.Match.EntityID)}
		}
		person := lines[c.Match.EntityID]
		for j := range c.Listings {
			l := &c.Listings[j]
			own, ok := lines[l.ID]
			switch {
			case ok && own.schema == "Sanction":
				l.Raw = own.text
				l.Datasets = own.datasets
				l.Text = append(append(append(append([]byte{}, own.text...), '\n'), person.text...), '\n')
			default: // nested in the matched entity's line
				l.Raw = nested(person.text, l.ID)
				l.Datasets = person.datasets
				l.Text = append(append([]byte{}, person.text...), '\n')
			}
			if l.Raw == nil {
				return nil, &ConfirmError{fmt.Sprintf("--write %s=%s: Sanction %q was not found again in the dataset; has the file changed during the check?", c.Official, c.Entity, l.ID)}
			}
		}
	}
	return out, nil
}

func listings(ss []Sanction) []Listing {
	out := make([]Listing, len(ss))
	for i, s := range ss {
		out[i] = Listing{Sanction: s}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// rawLine is an entity's line as written.
type rawLine struct {
	n        int
	schema   string
	text     []byte
	datasets []string
}

// linesOf returns the lines of the entities whose ids are wanted.
func linesOf(r io.Reader, want map[string]bool, maxLine int) (map[string]rawLine, error) {
	out := map[string]rawLine{}
	err := eachLine(r, maxLine, func(n int, line []byte) error {
		hit := false
		for id := range want {
			if bytes.Contains(line, []byte(id)) {
				hit = true
				break
			}
		}
		if !hit {
			return nil
		}
		e, err := parse(n, line)
		if err != nil || e == nil || !want[e.ID] {
			return err
		}
		var extra struct {
			Datasets []string `json:"datasets"`
		}
		json.Unmarshal(line, &extra)
		if _, dup := out[e.ID]; !dup {
			out[e.ID] = rawLine{n: n, schema: e.Schema, text: append([]byte{}, line...), datasets: extra.Datasets}
		}
		return nil
	})
	return out, err
}

// nested returns the raw JSON of the Sanction id nested in an entity's
// "sanctions" property, as written, or nil.
func nested(line []byte, id string) []byte {
	var e struct {
		Properties struct {
			Sanctions []json.RawMessage `json:"sanctions"`
		} `json:"properties"`
	}
	if json.Unmarshal(line, &e) != nil {
		return nil
	}
	for _, raw := range e.Properties.Sanctions {
		var s struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(raw, &s) == nil && s.ID == id {
			return raw
		}
	}
	return nil
}
