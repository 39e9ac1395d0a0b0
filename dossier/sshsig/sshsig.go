// Package sshsig writes and checks detached signatures in the format of
// OpenSSH's "ssh-keygen -Y sign" (PROTOCOL.sshsig), and reads the
// allowed_signers files that "ssh-keygen -Y verify" takes, so that a
// bundle signed by dossier verifies with ssh-keygen and the other way round.
package sshsig

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/crypto/ssh"
)

const (
	magic      = "SSHSIG"
	version    = 1
	armorBegin = "-----BEGIN SSH SIGNATURE-----"
	armorEnd   = "-----END SSH SIGNATURE-----"
)

// Namespace is the one dossier signs in: ssh-keygen's for files.
const Namespace = "file"

// envelope is the signature blob.
type envelope struct {
	Magic     [6]byte
	Version   uint32
	PublicKey []byte
	Namespace string
	Reserved  string
	HashAlg   string
	Signature []byte
}

// signedData is what the key signs: the message's hash in its namespace.
type signedData struct {
	Magic     [6]byte
	Namespace string
	Reserved  string
	HashAlg   string
	Hash      []byte
}

func digest(alg string, message []byte) ([]byte, error) {
	switch alg {
	case "sha512":
		h := sha512.Sum512(message)
		return h[:], nil
	case "sha256":
		h := sha256.Sum256(message)
		return h[:], nil
	}
	return nil, fmt.Errorf("unsupported hash algorithm %q", alg)
}

func toSign(namespace, alg string, message []byte) ([]byte, error) {
	h, err := digest(alg, message)
	if err != nil {
		return nil, err
	}
	d := signedData{Namespace: namespace, HashAlg: alg, Hash: h}
	copy(d.Magic[:], magic)
	return ssh.Marshal(d), nil
}

// Sign signs message in namespace and returns the armored signature, as
// "ssh-keygen -Y sign -n NAMESPACE" writes it. RSA keys sign with
// rsa-sha2-512, as ssh-keygen does. Ed25519 and RSA signatures are
// deterministic, so a signed bundle stays reproducible.
func Sign(signer ssh.Signer, namespace string, message []byte) ([]byte, error) {
	data, err := toSign(namespace, "sha512", message)
	if err != nil {
		return nil, err
	}
	var sig *ssh.Signature
	if as, ok := signer.(ssh.AlgorithmSigner); ok && signer.PublicKey().Type() == ssh.KeyAlgoRSA {
		sig, err = as.SignWithAlgorithm(rand.Reader, data, ssh.KeyAlgoRSASHA512)
	} else {
		sig, err = signer.Sign(rand.Reader, data)
	}
	if err != nil {
		return nil, err
	}
	e := envelope{Version: version, PublicKey: signer.PublicKey().Marshal(), Namespace: namespace,
		HashAlg: "sha512", Signature: ssh.Marshal(sig)}
	copy(e.Magic[:], magic)
	return armor(ssh.Marshal(e)), nil
}

func armor(blob []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(blob)
	var b bytes.Buffer
	b.WriteString(armorBegin + "\n")
	for len(enc) > 70 {
		b.WriteString(enc[:70] + "\n")
		enc = enc[70:]
	}
	b.WriteString(enc + "\n" + armorEnd + "\n")
	return b.Bytes()
}

// Verify checks an armored signature of message in namespace and returns
// the public key that made it. It does not say whether that key is
// trusted: see AllowedSigners.
func Verify(armored, message []byte, namespace string) (ssh.PublicKey, error) {
	s := strings.TrimSpace(string(armored))
	if !strings.HasPrefix(s, armorBegin) || !strings.HasSuffix(s, armorEnd) {
		return nil, errors.New("not an SSH signature (no BEGIN/END SSH SIGNATURE lines)")
	}
	body := strings.Join(strings.Fields(s[len(armorBegin):len(s)-len(armorEnd)]), "")
	blob, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		return nil, fmt.Errorf("the signature is not valid base64: %v", err)
	}
	var e envelope
	if err := ssh.Unmarshal(blob, &e); err != nil {
		return nil, fmt.Errorf("the signature is malformed: %v", err)
	}
	if string(e.Magic[:]) != magic || e.Version != version {
		return nil, fmt.Errorf("not an SSH signature of version %d", version)
	}
	if e.Namespace != namespace {
		return nil, fmt.Errorf("the signature is for namespace %q, not %q", e.Namespace, namespace)
	}
	pub, err := ssh.ParsePublicKey(e.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("the signature's public key: %v", err)
	}
	var sig ssh.Signature
	if err := ssh.Unmarshal(e.Signature, &sig); err != nil {
		return nil, fmt.Errorf("the signature is malformed: %v", err)
	}
	if pub.Type() == ssh.KeyAlgoRSA && sig.Format == ssh.KeyAlgoRSA {
		return nil, errors.New("RSA signatures with SHA-1 (ssh-rsa) are refused, as ssh-keygen refuses them")
	}
	data, err := toSign(namespace, e.HashAlg, message)
	if err != nil {
		return nil, err
	}
	if err := pub.Verify(data, &sig); err != nil {
		return nil, errors.New("the signature does not match: the signed file changed after signing, or was signed by another key")
	}
	return pub, nil
}

// LoadSigner reads an OpenSSH private key file (unencrypted).
func LoadSigner(path string) (ssh.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	signer, err := ssh.ParsePrivateKey(data)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		return nil, fmt.Errorf("%s is protected by a passphrase; dossier cannot ask for it: sign with a key without one, kept offline, or sign MANIFEST.sha256 yourself with ssh-keygen -Y sign -n file", path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not an SSH private key: %v", path, err)
	}
	return signer, nil
}

// AllowedSigner is one line of an allowed_signers file: who may sign,
// with which key, in which namespaces.
type AllowedSigner struct {
	Principals []string
	Namespaces []string // empty: any
	Key        ssh.PublicKey
	Line       int
}

// ParseAllowedSigners reads an allowed_signers file (ssh-keygen(1),
// "ALLOWED SIGNERS"): "principals [options] keytype base64-key [comment]".
// Lines with cert-authority or validity options are refused: dossier does
// not check certificates or dates.
func ParseAllowedSigners(data []byte) ([]AllowedSigner, error) {
	var out []AllowedSigner
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 3 {
			return nil, fmt.Errorf("line %d: want \"principals [options] keytype key\"", n)
		}
		s := AllowedSigner{Principals: strings.Split(fields[0], ","), Line: n}
		rest := fields[1:]
		if !isKeyType(rest[0]) {
			for _, opt := range strings.Split(rest[0], ",") {
				name, value, _ := strings.Cut(opt, "=")
				switch strings.ToLower(name) {
				case "namespaces":
					s.Namespaces = strings.Split(strings.Trim(value, `"`), ",")
				default:
					return nil, fmt.Errorf("line %d: option %q is not supported by dossier verify (use ssh-keygen -Y verify)", n, name)
				}
			}
			rest = rest[1:]
		}
		if len(rest) < 2 {
			return nil, fmt.Errorf("line %d: no key", n)
		}
		key, _, _, _, err := ssh.ParseAuthorizedKey([]byte(rest[0] + " " + rest[1]))
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		s.Key = key
		out = append(out, s)
	}
	return out, sc.Err()
}

func isKeyType(s string) bool {
	return strings.HasPrefix(s, "ssh-") || strings.HasPrefix(s, "ecdsa-") || strings.HasPrefix(s, "sk-")
}

// Allowed returns the signers whose key is key and who may sign in
// namespace.
func Allowed(list []AllowedSigner, key ssh.PublicKey, namespace string) []AllowedSigner {
	var out []AllowedSigner
	for _, s := range list {
		if !bytes.Equal(s.Key.Marshal(), key.Marshal()) {
			continue
		}
		ok := len(s.Namespaces) == 0
		for _, ns := range s.Namespaces {
			ok = ok || ns == namespace
		}
		if ok {
			out = append(out, s)
		}
	}
	return out
}
