// Package sim is the wijksim agent-based model: residents on social
// assistance climbing (and falling down) the six-rung participation ladder,
// professionals with finite time, neighbourhoods with a limited number of
// participation places, and a municipality whose activation policy decides
// how residents are met.
//
// One run is a plain, synchronous function of (parameters, policy, seed,
// replicate). The package does no input or output, starts no goroutines and
// holds no global state. Residents are one flat array of records and
// the monthly step allocates nothing. Every random number comes from a
// stream keyed by (seed, replicate, purpose, resident), never by policy or
// parameter values, so two policies run on the same replicate meet the same
// people and the same shocks (common random numbers).
//
// The equations, parameters and their sources are documented in docs/ODD.md.
package sim
