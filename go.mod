module github.com/dossier-project/dossier

go 1.26.8

require (
	github.com/go-fonts/dejavu v0.3.2
	github.com/go-pdf/fpdf v0.9.0
	github.com/spf13/pflag v1.1.0
	golang.org/x/text v0.43.0
	gopkg.in/yaml.v3 v3.0.1
)
