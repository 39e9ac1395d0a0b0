// Package redact decides, once, what one audience of a case may see, and
// builds the model (dossier/model) that every renderer consumes.
//
// A person recorded under victims/ whose sensitivity the audience may not
// see is withheld. For each withheld person an Inventory of identifying
// terms is built once: names and aliases in every word order, name parts,
// joined forms ("ElenaSemenova"), ids, file names, the birth date as
// written in prose, and words the user declares identifying. The redactor
// replaces exactly these terms, in a folded view of every text (case,
// diacritics, compatibility forms, invisible characters, hyphenation,
// Cyrillic inflection, Persian and Arabic suffixes and letter variants),
// and the leak tests search outputs for exactly these terms, so the two
// cannot drift apart.
//
// The package does no I/O: the loader has read every file it needs.
package redact
