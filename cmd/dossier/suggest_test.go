package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestDidYouMean(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"valdate"}, `unknown command "valdate" (did you mean "validate"?)`},
		{[]string{"help", "biuld"}, `no command "biuld" (did you mean "build"?)`},
		{[]string{"validate", "--stric", baseCase}, "unknown flag: --stric (did you mean --strict?)"},
		{[]string{"build", "--regime", "eu-ghsr", baseCase}, `(did you mean "eu-ghrsr"?)`},
		{[]string{"new", "offical", "X"}, `no kind "offical" (did you mean "official"?)`},
		{[]string{"schema", "victm"}, `(did you mean "victim"?)`},
	}
	for _, tc := range tests {
		code, _, stderr := runCLI(t, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr lacks %q:\n%s", tc.args, code, tc.want, stderr)
		}
	}
}

// validate FILE.yaml validates the case that holds the file.
func TestValidateAFileOfTheCase(t *testing.T) {
	for _, f := range []string{"case.yaml", filepath.Join("victims", "jana-novak.yaml")} {
		code, _, stderr := runCLI(t, "validate", filepath.Join(baseCase, f))
		if code != exitOK || !strings.Contains(stderr, baseCase+": valid:") {
			t.Errorf("validate %s: exit %d\n%s", f, code, stderr)
		}
	}
}
