//go:build unix && !darwin

package main

// rusageUnit is the unit of ru_maxrss: kilobytes on Linux and the BSDs.
const rusageUnit = 1024
