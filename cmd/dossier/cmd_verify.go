package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/dossier-project/dossier/dossier/sshsig"
	"github.com/dossier-project/dossier/dossier/verify"
	"github.com/spf13/pflag"
)

type verifyOptions struct {
	allowedSigners string
}

func init() {
	register(&command{
		name:    "verify",
		summary: "check a received evidence bundle against its manifest",
		usage:   "BUNDLE.zip|DIR",
		help: `Checks an evidence bundle made by 'dossier build --format bundle', as a zip
or as the folder it unpacks to: every file against MANIFEST.sha256,
manifest.json against MANIFEST.sha256, manifest.json's index against the
bundle PDF itself (its page count, each exhibit's bookmark and the page it
opens, the files attached to it, read without any external tool), and every
row of the cited-passages table against the exhibit text it points to. Each
missing, extra or altered file is named, and each exhibit whose bookmark or
attached text disagrees with the manifest.

The zip is never unpacked: its entries are read as streams. A bundle with
paths that leave it, symbolic links, duplicate names, entries nested too
deep or too large, a zip bomb, or a manifest naming files outside it is
refused.

Without dossier, "sha256sum -c MANIFEST.sha256" in the unpacked folder
checks the files too.

A bundle built with --sign carries MANIFEST.sha256.sig, a signature in
the format of "ssh-keygen -Y sign -n file". verify always checks that it
matches the manifest; with --allowed-signers FILE (ssh-keygen's
allowed_signers format: "principal key-type key") it also requires that the
bundle is signed by one of those keys, and names the signer. The same check
with OpenSSH, in the unpacked folder:
  ssh-keygen -Y verify -f FILE -I PRINCIPAL -n file -s MANIFEST.sha256.sig < MANIFEST.sha256

Exit status: 0 intact, 1 not intact or refused, 2 usage error.`,
		flags: func(fs *pflag.FlagSet) any {
			o := &verifyOptions{}
			fs.StringVar(&o.allowedSigners, "allowed-signers", "", "require a signature by a key this allowed_signers file lists")
			return o
		},
		run: runVerify,
	})
}

func runVerify(e *env, opts any, args []string) int {
	o := opts.(*verifyOptions)
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "dossier verify: name one bundle, a .zip file or an unpacked folder\nRun 'dossier help verify' for usage.")
		return exitUsage
	}
	var vo verify.Options
	if o.allowedSigners != "" {
		data, err := os.ReadFile(o.allowedSigners)
		if err != nil {
			fmt.Fprintf(e.stderr, "dossier verify: --allowed-signers: %v\n", err)
			return exitUsage
		}
		vo.AllowedSigners, err = sshsig.ParseAllowedSigners(data)
		if err == nil && len(vo.AllowedSigners) == 0 {
			err = errors.New("lists no key")
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "dossier verify: %s: %v\n", o.allowedSigners, err)
			return exitUsage
		}
	}
	r, err := verify.CheckWith(args[0], vo)
	if err != nil {
		if errors.Is(err, verify.ErrHostile) {
			fmt.Fprintf(e.stderr, "dossier verify: %v\nThe bundle was not unpacked and nothing was written; do not unpack it either.\n", err)
		} else {
			fmt.Fprintf(e.stderr, "dossier verify: %v\n", err)
		}
		return exitInvalid
	}
	if !r.OK() {
		fmt.Fprintf(e.stdout, "%s: NOT INTACT — %d problem(s):\n", r.Path, len(r.Problems))
		for _, p := range r.Problems {
			fmt.Fprintf(e.stdout, "  %-8s %s: %s\n", p.Kind, p.File, p.Message)
		}
		return exitInvalid
	}
	fmt.Fprintf(e.stdout, "%s: intact — %d files match MANIFEST.sha256; %d cited passages found in their exhibits; the PDF's bookmarks and attached files agree with the index (%d exhibits, %d files).\n", r.Path, r.Files, r.Passages, r.Bookmarks, r.Attached)
	switch {
	case !r.Signed:
		fmt.Fprintln(e.stdout, "Unsigned: this shows that nothing changed since the manifest was written, not who wrote it.")
	case len(r.Signers) > 0:
		fmt.Fprintf(e.stdout, "Signed by %s (key %s), as the allowed signers require.\n", strings.Join(r.Signers, ", "), r.Key)
	default:
		fmt.Fprintf(e.stdout, "Signed by key %s; give --allowed-signers to check whose key it is.\n", r.Key)
	}
	return exitOK
}
