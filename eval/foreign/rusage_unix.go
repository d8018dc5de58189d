//go:build unix && !darwin

package foreign

// rusageUnit is the unit of ru_maxrss: kilobytes on Linux and the BSDs.
const rusageUnit = 1024
