package regime

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// languageRE is a loose BCP 47 tag: a language and optional subtags.
var languageRE = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// checker collects the problems of one decoded profile, each at the line
// of the YAML value it concerns.
type checker struct {
	file string
	root *yaml.Node
	errs []error
}

// at returns the line of the value at a path of keys and list indexes
// ("criteria", 2, "violations", 0), or of the deepest part that exists.
func (c *checker) at(keys ...any) int {
	n := c.root
	line := n.Line
	for _, k := range keys {
		var next *yaml.Node
		switch k := k.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == k {
						next = n.Content[i+1]
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && k < len(n.Content) {
				next = n.Content[k]
			}
		}
		if next == nil {
			return line
		}
		n, line = next, next.Line
	}
	return line
}

func (c *checker) errorf(line int, format string, args ...any) {
	c.errs = append(c.errs, &Error{File: c.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// need reports an empty required string field.
func (c *checker) need(value string, keys ...any) {
	if strings.TrimSpace(value) == "" {
		c.errorf(c.at(keys...), "%s is missing or empty", keyPath(keys))
	}
}

func keyPath(keys []any) string {
	var b strings.Builder
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(k)
		case int:
			b.WriteString("[" + strconv.Itoa(k) + "]")
		}
	}
	return b.String()
}

func (c *checker) profile(p *Profile, voc *vocabulary) {
	want := strings.TrimSuffix(path.Base(c.file), ".yaml")
	switch {
	case p.ID == "":
		c.errorf(c.at("id"), "id is missing; write id: %s", want)
	case p.ID != want:
		c.errorf(c.at("id"), "id %q does not match the file name; write id: %s", p.ID, want)
	}
	c.need(p.Name, "name")
	c.need(p.ShortName, "short_name")
	c.oneOf(p.Kind, Kinds, "kind")
	c.oneOf(p.Paper, Papers, "paper")
	if !languageRE.MatchString(p.Language) {
		c.errorf(c.at("language"), "language %q is not a BCP 47 tag such as en or en-GB", p.Language)
	}
	if len(p.Recipient) == 0 {
		c.errorf(c.at("recipient"), "recipient is missing: list the addressee's lines")
	}
	for i, line := range p.Recipient {
		c.need(line, "recipient", i)
	}
	if len(p.LegalBasis.Citations) == 0 {
		c.errorf(c.at("legal_basis"), "legal_basis.citations is missing: cite at least one instrument")
	}
	for i, cit := range p.LegalBasis.Citations {
		c.need(cit.Text, "legal_basis", "citations", i, "text")
		if cit.URL != "" && !strings.HasPrefix(cit.URL, "https://") && !strings.HasPrefix(cit.URL, "http://") {
			c.errorf(c.at("legal_basis", "citations", i, "url"), "url %q must start with https://", cit.URL)
		}
	}
	c.need(p.LegalBasis.Description, "legal_basis", "description")
	if p.Kind == "sanctions" {
		c.need(p.LegalBasis.EvidenceStandard, "legal_basis", "evidence_standard")
	}
	c.criteria(p, voc)
	c.elements(p)
	for kind, keys := range p.NotApplicable {
		c.kind(kind, voc, "not_applicable", kind)
		for i, k := range keys {
			if Element(k) == nil {
				c.errorf(c.at("not_applicable", kind, i), "%q is not an element (elements: %s)", k, strings.Join(ElementKeys(), ", "))
			}
		}
	}
	for kind, w := range p.KindWording {
		c.kind(kind, voc, "kind_wording", kind)
		for _, f := range []struct{ key, value string }{
			{"title", w.Title}, {"case_title", w.CaseTitle}, {"cover", w.Cover},
			{"introduction", w.Introduction}, {"request", w.Request}, {"case_request", w.CaseRequest},
		} {
			c.placeholders(f.value, "kind_wording", kind, f.key)
		}
	}
	for key, rule := range p.Sections {
		if !slices.Contains(SectionKeys, key) {
			c.errorf(c.at("sections", key), "%q is not a section (sections: %s)", key, strings.Join(SectionKeys, ", "))
		}
		if rule != SectionRequired && rule != SectionOptional {
			c.errorf(c.at("sections", key), "section %s is %q; write required (printed, marked not provided when empty) or optional (printed when filled)", key, rule)
		}
	}
	for key, h := range p.Headings {
		if !idRE.MatchString(strings.ReplaceAll(key, "_", "-")) {
			c.errorf(c.at("headings", key), "heading key %q is not a snake_case name", key)
		}
		c.need(h, "headings", key)
	}
	w := p.Wording
	for _, f := range []struct{ key, value string }{
		{"title", w.Title}, {"case_title", w.CaseTitle}, {"cover", w.Cover},
		{"introduction", w.Introduction}, {"request", w.Request}, {"case_request", w.CaseRequest},
	} {
		c.need(f.value, "wording", f.key)
		c.placeholders(f.value, "wording", f.key)
	}
}

func (c *checker) oneOf(value string, allowed []string, key string) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	c.errorf(c.at(key), "%s %q is not one of %s", key, value, strings.Join(allowed, ", "))
}

func (c *checker) placeholders(s string, keys ...any) {
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		known := false
		for _, p := range Placeholders {
			known = known || m[1] == p
		}
		if !known {
			c.errorf(c.at(keys...), "unknown placeholder {%s} in %s (placeholders: {%s})", m[1], keyPath(keys), strings.Join(Placeholders, "}, {"))
		}
	}
}

// kind reports an official kind the vocabulary does not know.
func (c *checker) kind(kind string, voc *vocabulary, keys ...any) {
	if !voc.kinds[kind] {
		c.errorf(c.at(keys...), "%q is not an official kind (kinds: %s)", kind, strings.Join(sortedKeys(voc.kinds), ", "))
	}
}

func (c *checker) criteria(p *Profile, voc *vocabulary) {
	if len(p.Criteria) == 0 {
		c.errorf(c.at("criteria"), "criteria is missing: list the limbs of the regime's criteria")
	}
	ids := map[string]bool{}
	violations := voc.violations
	known := sortedKeys(violations)
	for i, cr := range p.Criteria {
		switch {
		case !idRE.MatchString(cr.ID):
			c.errorf(c.at("criteria", i, "id"), "criterion id %q is not a lowercase slug such as arbitrary-detention", cr.ID)
		case ids[cr.ID]:
			c.errorf(c.at("criteria", i, "id"), "criterion id %q is used twice", cr.ID)
		}
		ids[cr.ID] = true
		c.need(cr.Instrument, "criteria", i, "instrument")
		c.need(cr.Title, "criteria", i, "title")
		c.need(cr.Description, "criteria", i, "description")
		seen := map[string]bool{}
		for j, v := range cr.Violations {
			switch {
			case !violations[v]:
				c.errorf(c.at("criteria", i, "violations", j), "%q is not a violation type (types: %s)", v, strings.Join(known, ", "))
			case seen[v]:
				c.errorf(c.at("criteria", i, "violations", j), "%q is listed twice in criterion %s", v, cr.ID)
			}
			seen[v] = true
		}
		for _, list := range []struct {
			key   string
			roles []string
		}{{"roles", cr.Roles}, {"except_roles", cr.ExceptRoles}} {
			for j, r := range list.roles {
				if !voc.roles[r] {
					c.errorf(c.at("criteria", i, list.key, j), "%q is not a conduct role (roles: %s)", r, strings.Join(sortedKeys(voc.roles), ", "))
				}
			}
		}
		if len(cr.Roles) > 0 && len(cr.ExceptRoles) > 0 {
			c.errorf(c.at("criteria", i, "except_roles"), "criterion %s has both roles and except_roles: give the roles that fit, or those that do not", cr.ID)
		}
		for j, k := range cr.Kinds {
			c.kind(k, voc, "criteria", i, "kinds", j)
		}
	}
}

func (c *checker) elements(p *Profile) {
	level := map[string]string{}
	for _, list := range []struct {
		key   string
		items []string
	}{{"required", p.Required}, {"recommended", p.Recommended}} {
		for i, e := range list.items {
			if Element(e) == nil {
				c.errorf(c.at(list.key, i), "%q is not an element (elements: %s)", e, strings.Join(ElementKeys(), ", "))
				continue
			}
			if prev, dup := level[e]; dup {
				c.errorf(c.at(list.key, i), "%q is listed twice (already %s)", e, prev)
			}
			level[e] = list.key
		}
	}
	if len(p.Required) == 0 {
		c.errorf(c.at("required"), "required is missing: list the elements the recipient cannot do without")
	}
}
