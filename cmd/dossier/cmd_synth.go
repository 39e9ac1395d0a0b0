package main

import (
	"fmt"
	"strings"

	"github.com/dossier-project/dossier/dossier/synth"
	"github.com/spf13/pflag"
)

type synthOptions struct {
	size                                string
	officials, victims, quotes, sources int
	seed                                uint64
}

func init() {
	register(&command{
		name:    "synth",
		summary: "write a synthetic case of any size, for benchmarks",
		usage:   "[flags] DIR",
		help: `Writes a synthetic case folder into DIR (which must not exist or be empty):
officials with positions and three allegations each, victims with one
event each, and long archived sources holding every quoted sentence. Names
mix Latin with diacritics and Cyrillic aliases. The case is valid by
construction (no error, no warning) and deterministic: the same size and
seed give the same bytes.

Sizes (officials / victims / quotes / sources of 20-100 KB):
  S  10 / 100 / 1,000 / 20
  M  100 / 2,000 / 10,000 / 200
  L  1,000 / 20,000 / 100,000 / 2,000
--officials, --victims, --quotes and --sources change one figure of the size.`,
		flags: func(fs *pflag.FlagSet) any {
			o := &synthOptions{}
			fs.StringVar(&o.size, "size", "S", "S, M or L")
			fs.IntVar(&o.officials, "officials", 0, "number of officials (default: the size's)")
			fs.IntVar(&o.victims, "victims", 0, "number of victims (default: the size's)")
			fs.IntVar(&o.quotes, "quotes", 0, "number of quotes (default: the size's)")
			fs.IntVar(&o.sources, "sources", 0, "number of sources (default: the size's)")
			fs.Uint64Var(&o.seed, "seed", 1, "seed of the generator")
			return o
		},
		run: runSynth,
	})
}

func runSynth(e *env, opts any, args []string) int {
	o := opts.(*synthOptions)
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "dossier synth: give one folder to write the case into")
		return exitUsage
	}
	size, ok := synth.Sizes[strings.ToUpper(o.size)]
	if !ok {
		fmt.Fprintf(e.stderr, "dossier synth: unknown size %q (sizes: S, M, L)\n", o.size)
		return exitUsage
	}
	for _, f := range []struct {
		v   int
		dst *int
	}{{o.officials, &size.Officials}, {o.victims, &size.Victims}, {o.quotes, &size.Quotes}, {o.sources, &size.Sources}} {
		if f.v > 0 {
			*f.dst = f.v
		}
	}
	if err := size.Check(); err != nil {
		fmt.Fprintf(e.stderr, "dossier synth: %v\n", err)
		return exitUsage
	}
	if err := synth.Write(args[0], size, o.seed); err != nil {
		fmt.Fprintf(e.stderr, "dossier synth: %v\n", err)
		return exitInvalid
	}
	fmt.Fprintf(e.stdout, "%s: %d officials, %d victims, %d quotes, %d sources\n", args[0], size.Officials, size.Victims, size.Quotes, size.Sources)
	return exitOK
}
