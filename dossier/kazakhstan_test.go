package dossier

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestKazakhstanCase checks the shipped case: a newcomer's first sight of
// dossier must validate with no errors, and only with the warnings its
// published sources cannot fix.
func TestKazakhstanCase(t *testing.T) {
	dir := filepath.Join("..", "cases", "kazakhstan")
	c, ds := Open(dir)
	if ds.Errors() > 0 {
		t.Fatalf("the shipped case must validate:\n%v", ds)
	}
	want := Stats{Officials: 10, Victims: 43, Sources: 4, Excerpts: 236, Allegations: 15}
	if got := c.Stats(); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	allowed := map[string]bool{"single-source": true, "victim-unmentioned": true}
	for _, d := range ds {
		if !allowed[d.Rule] {
			t.Errorf("unexpected warning: %v", d)
		}
	}
	for _, v := range c.Victims {
		if v.Sensitivity != "public" {
			t.Errorf("%s: everyone in the published sources is public, got %q", v.ID, v.Sensitivity)
		}
	}
	// One person, one file: the sources' two spellings are aliases.
	for id, alias := range map[string]string{"elena-semenova": "Elena Semyenova", "maks-bokayev": "Max Bokayev"} {
		found := false
		for _, v := range c.Victims {
			if v.ID == id && len(v.Aliases) > 0 && v.Aliases[0].Name == alias {
				found = true
			}
		}
		if !found {
			t.Errorf("%s should carry the alias %q", id, alias)
		}
	}
}

// TestKazakhstanSourcesAreTheSeeds checks that each archived source is the
// seed document byte for byte, when the seeds are beside the repository.
func TestKazakhstanSourcesAreTheSeeds(t *testing.T) {
	seeds := filepath.Join("..", "..", "shared", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skip("../shared/seeds is not beside the repository")
	}
	pairs := map[string]string{
		"ep-2021-resolution-mfa-reaction.txt": "000_ae67d40108068b2c.txt",
		"odf-2019-ep-resolution.txt":          "001_646c7ffae06ab45e.txt",
		"meps-2020-letters-tokayev.txt":       "002_c2e015b5830e80d6.txt",
		"kibhr-2018-ep-visit-statement.txt":   "003_fb1c1f76f9ae77d2.txt",
	}
	for archived, seed := range pairs {
		a, err1 := os.ReadFile(filepath.Join("..", "cases", "kazakhstan", "sources", archived))
		b, err2 := os.ReadFile(filepath.Join(seeds, seed))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the seed %s", archived, seed)
		}
	}
}
