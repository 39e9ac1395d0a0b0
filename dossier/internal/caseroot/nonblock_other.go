//go:build !unix

package caseroot

// nonBlock is not needed where FIFOs cannot block an open.
const nonBlock = 0
