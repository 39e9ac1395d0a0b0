package record

import (
	"io/fs"
	"testing"

	"github.com/dossier-project/dossier/dossier/sanctions"
	"github.com/dossier-project/dossier/templates"
	"gopkg.in/yaml.v3"
)

// TestRegimeOf: a regime is filled only when authority and programme both
// name it, per the shipped rules; anything else leaves it empty.
func TestRegimeOf(t *testing.T) {
	data, err := fs.ReadFile(templates.Embedded(), "text/sanctions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var text struct {
		Write Text `yaml:"write"`
	}
	if err := yaml.Unmarshal(data, &text); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ authority, program, want string }{
		{"Office of Foreign Assets Control", "Global Magnitsky", "us-glomag"},
		{"U.S. Department of the Treasury", "GLOMAG", "us-glomag"},
		{"Office of Foreign Assets Control", "Ukraine-/Russia-Related Sanctions", ""},
		{"Foreign, Commonwealth and Development Office", "Global Human Rights", "uk-ghr"},
		{"HM Treasury", "Global Anti-Corruption", "uk-gacr"},
		{"Council of the European Union", "EU Global Human Rights Sanctions Regime", "eu-ghrsr"},
		{"Global Affairs Canada", "Justice for Victims of Corrupt Foreign Officials Act", "ca-magnitsky"},
		{"National Security and Defense Council of Ukraine", "Global Human Rights", ""},
		{"", "Global Magnitsky", ""},
	}
	for _, tt := range tests {
		l := sanctions.Listing{Sanction: sanctions.Sanction{Authority: tt.authority, Program: tt.program}}
		if got := regimeOf(l, text.Write.Regimes); got != tt.want {
			t.Errorf("%s / %s: %q, want %q", tt.authority, tt.program, got, tt.want)
		}
	}
}

// TestFillOnePass: a value read from the dataset that looks like a
// placeholder is written as it is, not filled in turn.
func TestFillOnePass(t *testing.T) {
	got := fill(" {dataset} for {official} ", map[string]string{"dataset": "list {official}", "official": "k-kasymov"})
	if want := "list {official} for k-kasymov"; got != want {
		t.Errorf("fill: %q, want %q", got, want)
	}
}
