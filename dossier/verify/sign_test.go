package verify

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/build"
	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/sshsig"
	"golang.org/x/crypto/ssh"
)

func newSigner(t *testing.T) ssh.Signer {
	_, k, _ := ed25519.GenerateKey(rand.Reader)
	s, err := ssh.NewSignerFromKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func allowedFor(t *testing.T, principal string, s ssh.Signer) []sshsig.AllowedSigner {
	list, err := sshsig.ParseAllowedSigners([]byte(principal + " " + string(ssh.MarshalAuthorizedKey(s.PublicKey()))))
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestSignedBundle(t *testing.T) {
	key, other := newSigner(t), newSigner(t)
	out := t.TempDir()
	if _, err := build.Case(filepath.Join("..", "build", "testdata", "leak"), build.Options{
		OutDir: out, Formats: []string{"bundle"}, Audience: model.Public,
		SignManifest: func(m []byte) ([]byte, error) { return sshsig.Sign(key, sshsig.Namespace, m) },
	}); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(out, "leak", "leak-bundle-public.zip")
	problems := func(r *Report, err error) string {
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, p := range r.Problems {
			s = append(s, p.String())
		}
		return strings.Join(s, "\n")
	}

	r, err := CheckWith(zipPath, Options{AllowedSigners: allowedFor(t, "org@example", key)})
	if p := problems(r, err); p != "" || !r.Signed || strings.Join(r.Signers, ",") != "org@example" {
		t.Errorf("signed bundle: signed %v by %v: %s", r.Signed, r.Signers, p)
	}
	r, err = Check(zipPath)
	if p := problems(r, err); p != "" || !r.Signed || r.Key != ssh.FingerprintSHA256(key.PublicKey()) {
		t.Errorf("signed bundle without allowed signers: %s", p)
	}
	r, err = CheckWith(zipPath, Options{AllowedSigners: allowedFor(t, "someone@else", other)})
	if p := problems(r, err); !strings.Contains(p, "signature: "+SignatureFile+": signed by key") {
		t.Errorf("a key the allowed signers do not list: %q", p)
	}

	// The manifest changed after signing (and the files with it, so that
	// only the signature can tell).
	data, _ := os.ReadFile(zipPath)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		files[strings.TrimPrefix(f.Name, "leak-bundle-public/")] = b.Bytes()
	}
	sig := files[bundle.ManifestSig]
	delete(files, bundle.ManifestSig)
	delete(files, bundle.ManifestSums)
	files["exhibits/planted.txt"] = []byte("planted")
	files[bundle.ManifestSums] = bundle.Sums(files)
	files[bundle.ManifestSig] = sig
	dir := writeDir(t, files)
	r, err = CheckWith(dir, Options{AllowedSigners: allowedFor(t, "org@example", key)})
	if p := problems(r, err); !strings.Contains(p, "signature: "+SignatureFile+": the signature does not match") {
		t.Errorf("a manifest changed after signing: %q", p)
	}

	// An unsigned bundle, when a signature is required.
	r, err = CheckWith(writeDir(t, shippedFiles(t)), Options{AllowedSigners: allowedFor(t, "org@example", key)})
	if p := problems(r, err); !strings.Contains(p, "unsigned") {
		t.Errorf("unsigned bundle with allowed signers: %q", p)
	}
}
