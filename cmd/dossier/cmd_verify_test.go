package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVerifyExitCodes(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-q", "-o", out, "--format", "bundle", filepath.Join("..", "..", "cases", "kazakhstan")}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	zip := filepath.Join(out, "kazakhstan", "kazakhstan-bundle-public.zip")
	verify := func(args ...string) (int, string) {
		stdout.Reset()
		stderr.Reset()
		code := run(append([]string{"verify"}, args...), &stdout, &stderr)
		return code, stdout.String() + stderr.String()
	}
	if code, msg := verify(zip); code != exitOK || !strings.Contains(msg, "intact") || !strings.Contains(msg, "Unsigned") {
		t.Errorf("intact bundle: exit %d: %s", code, msg)
	}
	if code, _ := verify(); code != exitUsage {
		t.Errorf("no argument: exit %d, want %d", code, exitUsage)
	}
	if code, _ := verify(zip, zip); code != exitUsage {
		t.Errorf("two arguments: exit %d, want %d", code, exitUsage)
	}
	// --sign with a key that is not a key, or without the bundle format.
	notKey := filepath.Join(t.TempDir(), "key")
	os.WriteFile(notKey, []byte("not a key"), 0o600)
	if code := run([]string{"build", "-q", "-o", out, "--format", "bundle", "--sign", notKey, filepath.Join("..", "..", "cases", "kazakhstan")}, &stdout, &stderr); code != exitInvalid || !strings.Contains(stderr.String(), "not an SSH private key") {
		t.Errorf("--sign with a bad key: exit %d: %s", code, stderr.String())
	}
	if code := run([]string{"build", "-q", "-o", out, "--format", "json", "--sign", notKey, filepath.Join("..", "..", "cases", "kazakhstan")}, &stdout, &stderr); code != exitUsage {
		t.Errorf("--sign without bundle: exit %d", code)
	}
	badAllowed := filepath.Join(t.TempDir(), "allowed")
	os.WriteFile(badAllowed, []byte("# nobody\n"), 0o644)
	if code, msg := verify("--allowed-signers", badAllowed, zip); code != exitUsage || !strings.Contains(msg, "lists no key") {
		t.Errorf("empty allowed signers: exit %d: %s", code, msg)
	}
	data, _ := os.ReadFile(zip)
	bad := filepath.Join(t.TempDir(), "bad.zip")
	os.WriteFile(bad, data[:len(data)/2], 0o644)
	if code, msg := verify(bad); code != exitInvalid || !strings.Contains(msg, "not a readable zip") {
		t.Errorf("truncated zip: exit %d: %s", code, msg)
	}
}
