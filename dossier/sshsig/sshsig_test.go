package sshsig

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

// newKey writes a fresh key of the given kind to dir and returns its
// signer and the private key file.
func newKey(t *testing.T, dir, name, kind string) (ssh.Signer, string) {
	t.Helper()
	var priv any
	switch kind {
	case "ed25519":
		_, k, _ := ed25519.GenerateKey(rand.Reader)
		priv = k
	case "rsa":
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		priv = k
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	signer, err := LoadSigner(file)
	if err != nil {
		t.Fatal(err)
	}
	return signer, file
}

func allowedLine(principal string, k ssh.PublicKey) string {
	return principal + " " + strings.TrimSpace(string(ssh.MarshalAuthorizedKey(k))) + "\n"
}

func TestSignVerify(t *testing.T) {
	dir := t.TempDir()
	msg := []byte("0123  MANIFEST line\n")
	for _, kind := range []string{"ed25519", "rsa"} {
		t.Run(kind, func(t *testing.T) {
			signer, _ := newKey(t, dir, kind, kind)
			other, _ := newKey(t, dir, kind+"-other", kind)
			sig, err := Sign(signer, Namespace, msg)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := Sign(signer, Namespace, msg)
			if !bytes.Equal(sig, again) {
				t.Error("signing twice gives two signatures: a signed bundle would not be reproducible")
			}
			key, err := Verify(sig, msg, Namespace)
			if err != nil || !bytes.Equal(key.Marshal(), signer.PublicKey().Marshal()) {
				t.Fatalf("verify: %v", err)
			}
			if _, err := Verify(sig, append(msg, 'x'), Namespace); err == nil {
				t.Error("a changed message verifies")
			}
			if _, err := Verify(sig, msg, "git"); err == nil {
				t.Error("another namespace verifies")
			}
			list, err := ParseAllowedSigners([]byte("# team\n" + allowedLine("a@x", other.PublicKey()) + "b@x,c@x namespaces=\"file\" " + strings.TrimSpace(string(ssh.MarshalAuthorizedKey(signer.PublicKey()))) + " comment\n"))
			if err != nil {
				t.Fatal(err)
			}
			if got := Allowed(list, key, Namespace); len(got) != 1 || strings.Join(got[0].Principals, ",") != "b@x,c@x" {
				t.Errorf("allowed = %+v", got)
			}
			if got := Allowed(list, key, "git"); len(got) != 0 {
				t.Error("a key allowed for namespace file only is allowed for git")
			}
		})
	}
}

func TestAllowedSignersRefusesWhatItCannotCheck(t *testing.T) {
	_, err := ParseAllowedSigners([]byte("a@x cert-authority ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n"))
	if err == nil || !strings.Contains(err.Error(), "not supported") {
		t.Errorf("got %v", err)
	}
}

// TestInteropWithSSHKeygen: what dossier signs, OpenSSH verifies, and the
// other way round; a changed manifest or another key fails both.
func TestInteropWithSSHKeygen(t *testing.T) {
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ssh-keygen is not installed (apt-get install openssh-client)")
		}
		t.Skip("ssh-keygen is not installed")
	}
	dir := t.TempDir()
	msg := []byte("deadbeef  exhibits/exhibit-01.txt\n")
	manifest := filepath.Join(dir, "MANIFEST.sha256")
	os.WriteFile(manifest, msg, 0o644)
	for _, kind := range []string{"ed25519", "rsa"} {
		t.Run(kind, func(t *testing.T) {
			signer, keyFile := newKey(t, dir, kind, kind)
			other, otherFile := newKey(t, dir, kind+"-other", kind)
			allowed := filepath.Join(dir, kind+"-allowed")
			os.WriteFile(allowed, []byte(allowedLine("signer@example.org", signer.PublicKey())), 0o644)
			keygenVerify := func(sig, data []byte) error {
				sigFile := filepath.Join(dir, "sig")
				os.WriteFile(sigFile, sig, 0o644)
				cmd := exec.Command("ssh-keygen", "-Y", "verify", "-f", allowed, "-I", "signer@example.org", "-n", "file", "-s", sigFile)
				cmd.Stdin = bytes.NewReader(data)
				out, err := cmd.CombinedOutput()
				if err != nil {
					return &exec.ExitError{Stderr: out}
				}
				return nil
			}
			ours, err := Sign(signer, Namespace, msg)
			if err != nil {
				t.Fatal(err)
			}
			if err := keygenVerify(ours, msg); err != nil {
				t.Errorf("ssh-keygen refuses dossier's signature: %s", err.(*exec.ExitError).Stderr)
			}
			if keygenVerify(ours, append(msg, 'x')) == nil {
				t.Error("ssh-keygen accepts a manifest changed after signing")
			}
			byOther, _ := Sign(other, Namespace, msg)
			if keygenVerify(byOther, msg) == nil {
				t.Error("ssh-keygen accepts another key's signature")
			}
			// OpenSSH signs, dossier verifies.
			for _, k := range []struct {
				file string
				want ssh.PublicKey
			}{{keyFile, signer.PublicKey()}, {otherFile, other.PublicKey()}} {
				os.Remove(manifest + ".sig")
				if out, err := exec.Command("ssh-keygen", "-Y", "sign", "-f", k.file, "-n", "file", manifest).CombinedOutput(); err != nil {
					t.Fatalf("ssh-keygen -Y sign: %v\n%s", err, out)
				}
				theirs, _ := os.ReadFile(manifest + ".sig")
				key, err := Verify(theirs, msg, Namespace)
				if err != nil || !bytes.Equal(key.Marshal(), k.want.Marshal()) {
					t.Errorf("dossier refuses ssh-keygen's signature: %v", err)
				}
				if _, err := Verify(theirs, append(msg, 'x'), Namespace); err == nil {
					t.Error("dossier accepts a manifest changed after ssh-keygen signed it")
				}
			}
		})
	}
}
