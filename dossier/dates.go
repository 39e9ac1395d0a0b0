package dossier

import "github.com/dossier-project/dossier/dossier/model"

// Date and DateRange are the model's partial ISO 8601 dates; case files
// and outputs share them.
type (
	Date      = model.Date
	DateRange = model.DateRange
)

// ParseDate parses an ISO 8601 date of year, month or day precision.
func ParseDate(s string) (Date, error) { return model.ParseDate(s) }

// ParseDateRange parses a date or an ISO 8601 interval of two dates.
func ParseDateRange(s string) (DateRange, error) { return model.ParseDateRange(s) }
