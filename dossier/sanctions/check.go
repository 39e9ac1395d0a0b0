// Package sanctions checks a case's officials against a sanctions dataset
// in FollowTheMoney JSON lines, the format OpenSanctions publishes (and
// dossier build --format ftm writes). It indexes the officials, not the
// dataset: the dataset is streamed line by line, so a file of gigabytes
// takes the memory of its longest line plus the matches found.
//
// Names and aliases are compared after the folding and transliteration
// the duplicate check uses (fold.NameWords); birth date, nationality and
// position, where both sides give them, raise or lower the score.
package sanctions

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
)

// Options tune a check.
type Options struct {
	// Threshold is the least score reported (default 0.7).
	Threshold float64
	// Limit is the most matches reported per official (default 10).
	Limit int
	// MaxLine is the longest line read, in bytes (default 16 MiB); a
	// longer line is an error, read no further than the limit.
	MaxLine int
	// Stopwords are words left out of names before comparing them
	// ("of", "the"), from the templates.
	Stopwords []string
}

// Report is the outcome of a check.
type Report struct {
	Entities  int              `json:"entities"` // entities read
	Threshold float64          `json:"threshold"`
	Officials []OfficialReport `json:"officials"`
}

// OfficialReport lists the probable matches of one official, best first.
type OfficialReport struct {
	Official
	Matches []Match `json:"matches"`
}

// Match is one entity of the dataset that probably is the official.
type Match struct {
	EntityID    string     `json:"entity_id"`
	Schema      string     `json:"schema"`
	Name        string     `json:"name"`         // the entity's name that matched
	MatchedName string     `json:"matched_name"` // the official's spelling it matched
	Score       float64    `json:"score"`
	Matched     []string   `json:"matched"`    // fields that agree: name, birth_date, nationality, position
	Conflicted  []string   `json:"conflicted"` // fields that disagree
	Topics      []string   `json:"topics"`     // the dataset's topics for the entity, e.g. "sanction"
	Sanctions   []Sanction `json:"sanctions"`
	line        int
}

// Sanction is a listing of the entity by an authority.
type Sanction struct {
	ID          string `json:"id"`
	Authority   string `json:"authority,omitempty"`
	Program     string `json:"program,omitempty"`
	Country     string `json:"country,omitempty"`
	StartDate   string `json:"start_date,omitempty"`
	EndDate     string `json:"end_date,omitempty"`
	ListingDate string `json:"listing_date,omitempty"`
	Reason      string `json:"reason,omitempty"`
	SourceURL   string `json:"source_url,omitempty"`
}

// InputError is a problem with the dataset, at a line.
type InputError struct {
	Line int
	Msg  string
}

func (e *InputError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

var (
	personSchemata       = map[string]bool{"Person": true, "LegalEntity": true}
	organisationSchemata = map[string]bool{"Organization": true, "PublicBody": true, "Company": true, "LegalEntity": true}
)

// Check reads the dataset and reports, per official, the entities that
// probably are them and who sanctioned those entities. It reads the
// dataset twice: once to match names, once more, only when something
// matched, to collect the Sanction entities that point at the matches
// (they may come before or after them).
func Check(dataset io.ReadSeeker, officials []Official, o Options) (*Report, error) {
	if o.Threshold <= 0 {
		o.Threshold = 0.7
	}
	if o.Limit <= 0 {
		o.Limit = 10
	}
	if o.MaxLine <= 0 {
		o.MaxLine = 16 << 20
	}
	ix := newIndex(officials, o.Stopwords)
	rep := &Report{Threshold: o.Threshold, Officials: make([]OfficialReport, len(officials))}
	for i, off := range officials {
		rep.Officials[i] = OfficialReport{Official: off, Matches: []Match{}}
	}
	matched := map[string][]*Match{} // entity id → its matches
	err := scan(dataset, o.MaxLine, runtime.GOMAXPROCS(0),
		func(n int, line []byte) (int, []found, error) { return matchLine(ix, o, n, line) },
		func(entities int, fs []found) {
			rep.Entities += entities
			for _, f := range fs {
				rep.Officials[f.official].Matches = keepBest(rep.Officials[f.official].Matches, f.match, o.Limit)
			}
		})
	if err != nil {
		return nil, err
	}
	for i := range rep.Officials {
		for j := range rep.Officials[i].Matches {
			m := &rep.Officials[i].Matches[j]
			m.Score = float64(int(m.Score*100+0.5)) / 100
			matched[m.EntityID] = append(matched[m.EntityID], m)
		}
	}
	if len(matched) == 0 {
		return rep, nil
	}
	if _, err := dataset.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	err = eachLine(dataset, o.MaxLine, func(n int, line []byte) error {
		if !bytes.Contains(line, []byte(`"Sanction"`)) {
			return nil
		}
		e, err := parse(n, line)
		if err != nil || e == nil || e.Schema != "Sanction" {
			return err
		}
		targets, err := e.strings("entity")
		if err != nil {
			return err
		}
		for _, t := range targets {
			if ms := matched[t]; ms != nil {
				s, err := e.sanction()
				if err != nil {
					return err
				}
				for _, m := range ms {
					m.Sanctions = append(m.Sanctions, s)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, ms := range matched {
		for _, m := range ms {
			sort.SliceStable(m.Sanctions, func(i, j int) bool { return m.Sanctions[i].ID < m.Sanctions[j].ID })
		}
	}
	return rep, nil
}

// found is a match of one official, from one line.
type found struct {
	official int
	match    Match
}

// matchLine parses one line and matches it against the officials. It
// returns 1 entity read (0 for a blank line) and what matched.
func matchLine(ix *index, o Options, n int, line []byte) (int, []found, error) {
	e, err := parse(n, line)
	if err != nil || e == nil {
		return 0, nil, err
	}
	org := organisationSchemata[e.Schema]
	person := personSchemata[e.Schema]
	if !person && !org {
		return 1, nil, nil
	}
	names, err := e.strings("name", "alias", "previousName")
	if err != nil {
		return 1, nil, err
	}
	var out []found
	var p *props
	for _, wantOrg := range []bool{false, true} {
		if wantOrg && !org || !wantOrg && !person {
			continue
		}
		for _, c := range ix.match(names, wantOrg) {
			if nameWeight*c.score+maxBoost < o.Threshold {
				continue
			}
			if p == nil {
				pp, err := e.props()
				if err != nil {
					return 1, nil, err
				}
				p = &pp
			}
			delta, fm, fc := ix.boost(c.official, *p)
			score := min(1, max(0, nameWeight*c.score+delta))
			if score < o.Threshold {
				continue
			}
			m := Match{EntityID: e.ID, Schema: e.Schema, Name: c.name, MatchedName: c.ownName, Score: score,
				Matched: append([]string{"name"}, fm...), Conflicted: fc, Topics: p.topics, Sanctions: p.nested, line: n}
			if m.Conflicted == nil {
				m.Conflicted = []string{}
			}
			if m.Topics == nil {
				m.Topics = []string{}
			}
			if m.Sanctions == nil {
				m.Sanctions = []Sanction{}
			}
			out = append(out, found{c.official, m})
		}
	}
	return 1, out, nil
}

// keepBest inserts m into list, kept sorted best first (then by line),
// and at most limit long. An entity already listed keeps its better match.
func keepBest(list []Match, m Match, limit int) []Match {
	for i := range list {
		if list[i].EntityID == m.EntityID {
			if m.Score <= list[i].Score {
				return list
			}
			list = append(list[:i], list[i+1:]...)
			break
		}
	}
	list = append(list, m)
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Score != list[j].Score {
			return list[i].Score > list[j].Score
		}
		return list[i].line < list[j].line
	})
	if len(list) > limit {
		list = list[:limit]
	}
	return list
}

// eachLine calls fn with each line of r (without its line end) and its
// number, reading no line past max bytes.
func eachLine(r io.Reader, maxLine int, fn func(n int, line []byte) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var long []byte
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long[:0], line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				if len(long) > maxLine {
					return &InputError{n, fmt.Sprintf("longer than %d bytes; an FtM entity is one line of JSON (is this file JSON lines?)", maxLine)}
				}
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if len(line) > maxLine {
			return &InputError{n, fmt.Sprintf("longer than %d bytes; an FtM entity is one line of JSON (is this file JSON lines?)", maxLine)}
		}
		if len(line) > 0 {
			if ferr := fn(n, bytes.TrimRight(line, "\r\n")); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// entity is one line of the dataset. Only the properties sanctions-check
// reads are kept; the others are checked as JSON and dropped. Values are
// strings, except the nested Sanction entities of OpenSanctions' nested
// exports, kept raw.
type entity struct {
	line       int
	ID         string `json:"id"`
	Schema     string `json:"schema"`
	Properties struct {
		Name         []string        `json:"name"`
		Alias        []string        `json:"alias"`
		PreviousName []string        `json:"previousName"`
		BirthDate    []string        `json:"birthDate"`
		Nationality  []string        `json:"nationality"`
		Citizenship  []string        `json:"citizenship"`
		Country      []string        `json:"country"`
		Jurisdiction []string        `json:"jurisdiction"`
		Position     []string        `json:"position"`
		Topics       []string        `json:"topics"`
		Sanctions    json.RawMessage `json:"sanctions"`
		Entity       []string        `json:"entity"`
		Authority    []string        `json:"authority"`
		Program      []string        `json:"program"`
		StartDate    []string        `json:"startDate"`
		EndDate      []string        `json:"endDate"`
		ListingDate  []string        `json:"listingDate"`
		Reason       []string        `json:"reason"`
		SourceURL    []string        `json:"sourceUrl"`
	} `json:"properties"`
}

// prop returns a property's raw value by its FtM name.
func (e *entity) prop(name string) []string {
	p := &e.Properties
	switch name {
	case "name":
		return p.Name
	case "alias":
		return p.Alias
	case "previousName":
		return p.PreviousName
	case "birthDate":
		return p.BirthDate
	case "nationality":
		return p.Nationality
	case "citizenship":
		return p.Citizenship
	case "country":
		return p.Country
	case "jurisdiction":
		return p.Jurisdiction
	case "position":
		return p.Position
	case "topics":
		return p.Topics
	case "entity":
		return p.Entity
	case "authority":
		return p.Authority
	case "program":
		return p.Program
	case "startDate":
		return p.StartDate
	case "endDate":
		return p.EndDate
	case "listingDate":
		return p.ListingDate
	case "reason":
		return p.Reason
	case "sourceUrl":
		return p.SourceURL
	}
	panic("sanctions: property " + name + " is not read")
}

// parse reads one line; a blank line gives nil.
func parse(n int, line []byte) (*entity, error) {
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, nil
	}
	e := &entity{line: n}
	if err := json.Unmarshal(line, e); err != nil {
		var typ *json.UnmarshalTypeError
		if prop, ok := strings.CutPrefix(fieldOf(err, &typ), "properties."); ok && e.ID != "" {
			return nil, &InputError{n, fmt.Sprintf("entity %q: property %s: a JSON %s where FtM has a list of strings", short(e.ID), prop, typ.Value)}
		}
		return nil, &InputError{n, describe(err)}
	}
	switch {
	case e.ID == "":
		return nil, &InputError{n, `no "id": each line must be an FtM entity {"id", "schema", "properties"}`}
	case e.Schema == "":
		return nil, &InputError{n, fmt.Sprintf(`entity %q has no "schema"`, short(e.ID))}
	}
	return e, nil
}

// fieldOf returns the field a type error is about, or "".
func fieldOf(err error, typ **json.UnmarshalTypeError) string {
	if errors.As(err, typ) {
		return (*typ).Field
	}
	return ""
}

// describe words a JSON error for a person reading the dataset.
func describe(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("not valid JSON at byte %d: %v", syn.Offset, err)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the line"
		}
		return fmt.Sprintf("%s is a JSON %s; an FtM entity has a string id and schema and properties mapping names to lists", field, typ.Value)
	}
	return "not valid JSON: " + err.Error()
}

// strings returns the values of properties.
func (e *entity) strings(props ...string) ([]string, error) {
	var out []string
	for _, p := range props {
		out = append(out, e.prop(p)...)
	}
	return out, nil
}

// props are the fields of a person or body that weigh on a match.
type props struct {
	birthDates, countries, positions, topics []string
	nested                                   []Sanction
}

func (e *entity) props() (props, error) {
	var p props
	var err error
	if p.birthDates, err = e.strings("birthDate"); err != nil {
		return p, err
	}
	if p.countries, err = e.strings("nationality", "citizenship", "country", "jurisdiction"); err != nil {
		return p, err
	}
	if p.positions, err = e.strings("position"); err != nil {
		return p, err
	}
	if p.topics, err = e.strings("topics"); err != nil {
		return p, err
	}
	// OpenSanctions' nested exports put the Sanction entities inside the
	// person's "sanctions" property.
	if raw := e.Properties.Sanctions; len(raw) > 0 {
		var nested []json.RawMessage
		if json.Unmarshal(raw, &nested) == nil {
			for _, v := range nested {
				if len(v) == 0 || v[0] != '{' {
					continue
				}
				var ne entity
				if err := json.Unmarshal(v, &ne); err != nil {
					return p, &InputError{e.line, fmt.Sprintf("entity %q: a nested sanction: %s", short(e.ID), describe(err))}
				}
				ne.line = e.line
				s, err := ne.sanction()
				if err != nil {
					return p, err
				}
				p.nested = append(p.nested, s)
			}
		}
	}
	return p, nil
}

// sanction reads a Sanction entity.
func (e *entity) sanction() (Sanction, error) {
	s := Sanction{ID: e.ID}
	for _, f := range []struct {
		prop string
		to   *string
	}{
		{"authority", &s.Authority}, {"program", &s.Program}, {"country", &s.Country},
		{"startDate", &s.StartDate}, {"endDate", &s.EndDate}, {"listingDate", &s.ListingDate},
		{"reason", &s.Reason}, {"sourceUrl", &s.SourceURL},
	} {
		vals, err := e.strings(f.prop)
		if err != nil {
			return s, err
		}
		*f.to = strings.Join(vals, "; ")
	}
	return s, nil
}

// short cuts a value quoted in an error message to a readable length.
func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
