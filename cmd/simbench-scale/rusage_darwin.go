package main

// rusageUnit is the unit of ru_maxrss: bytes on Darwin.
const rusageUnit = 1
