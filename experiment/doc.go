// Package experiment runs many simulations: policy comparisons on common
// random numbers and parameter sweeps over experimental designs. Runs are
// spread over a pool of workers; each run is a pure function of its job
// (parameters, policy, seed, replicate), so the results do not depend on the
// number of workers or the order in which runs finish.
package experiment
