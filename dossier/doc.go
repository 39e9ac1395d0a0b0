// Package dossier is the model of a sanctions case and its rules: the types
// of case files, loading them from YAML with positions, validating them,
// linking every quote to its place in an archived source, and redacting the
// result for one audience.
//
// The pipeline is load → validate → link → redact → render. Renderers live
// in sub-packages and consume only the redacted model (see Redact).
package dossier
