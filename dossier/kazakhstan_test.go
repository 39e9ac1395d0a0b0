package dossier

import (
	"crypto/sha256"
	"encoding/hex"
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

// TestKazakhstanSourcesAreThePublishedTexts pins each archived source to
// the SHA-256 of the published text it was captured from, so that neither
// the text nor the hash recorded beside it can change together unnoticed.
func TestKazakhstanSourcesAreThePublishedTexts(t *testing.T) {
	published := map[string]string{
		"ep-2021-resolution-mfa-reaction.txt": "3043d10cf10a825a2b4935242c0a8da6c0c170f74f32a16086085ea9f7c94b06",
		"odf-2019-ep-resolution.txt":          "a46449bd63d729db3d5d2bb4655891591a2c7c2e7880f6d5aa8c7674777c335e",
		"meps-2020-letters-tokayev.txt":       "d446fedb95b50f7629c9b09f50a14a169ade302450816af31e27059b885963dc",
		"kibhr-2018-ep-visit-statement.txt":   "fc680ac800736851a7439b74fdabc58f1c32c4da8ee6c04241f5a45390fa50d0",
	}
	for archived, want := range published {
		data, err := os.ReadFile(filepath.Join("..", "cases", "kazakhstan", "sources", archived))
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != want {
			t.Errorf("%s is not the published text it was captured from (sha256 %x, want %s)", archived, sum, want)
		}
	}
}
