package regime

// ElementDef is one thing a recipient expects a submission to establish
// about an official: an identifier, a position, conduct within the
// criteria, corroboration.
type ElementDef struct {
	Key   string // used in profiles' required and recommended lists
	Label string // printed in readiness reports
	// PersonOnly elements do not apply to organisations.
	PersonOnly bool
}

// Elements lists every element readiness can check, in report order.
var Elements = []ElementDef{
	{"full_name", "Full name", false},
	{"aliases", "Other names, spellings and scripts", false},
	{"birth_date", "Date of birth", true},
	{"birth_place", "Place of birth", true},
	{"nationality", "Nationality", true},
	{"gender", "Gender", true},
	{"documents", "Identity documents", false},
	{"photo", "Photograph", true},
	{"position", "Position at the time of the conduct", false},
	{"identity_evidence", "Sources for identity or position", false},
	{"conduct", "Conduct meeting the criteria", false},
	{"corroboration", "Each allegation of conduct corroborated by two or more independent accounts", false},
	{"victims", "Victims identified", false},
	{"assets_in_jurisdiction", "Assets known in the recipient's jurisdiction", false},
	{"submitting_organisation", "Submitting organisation and its contact", false},
}

// Element returns the element with the given key, or nil.
func Element(key string) *ElementDef {
	for i := range Elements {
		if Elements[i].Key == key {
			return &Elements[i]
		}
	}
	return nil
}

// ElementKeys returns the keys of all elements, in report order.
func ElementKeys() []string {
	keys := make([]string, len(Elements))
	for i, e := range Elements {
		keys[i] = e.Key
	}
	return keys
}
