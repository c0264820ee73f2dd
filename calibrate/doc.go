// Package calibrate fits wijksim's parameters to empirical targets: figures
// from benefit statistics and from studies of sanctions, each with the
// statistic that computes its simulated counterpart from a run.
//
// A target file (YAML, see LoadTargets) lists the targets. Each target names
// a statistic kind and its settings, the observed value with a standard
// error (or a tolerance, for figures given without one) that weighs it, the
// policy and any parameter settings its runs need (an inflow of new
// recipients for a first-year exit share, say), and its source. The
// statistics are small pure functions of a run's event log and of when each
// resident arrived (Log): the share of an arrival cohort that leaves within
// k months, the yearly exit share of residents on the benefit for more than
// three years, the share of exits that are to work, the hazard ratio of an
// exit in the months after a sanction, and, from the model's counts of what
// followed each exit (sim.AfterExit), the share of exits to work in work or
// back on the benefit some months later and the share of exits back on the
// benefit within some months by route out.
//
// The objective (Problem) is the sum over targets of the squared
// standardised deviation (simulated - observed) / se, where the simulated
// value is the mean over R replicates with fixed seeds. Because every
// parameter vector is run on the same replicates (common random numbers),
// the objective is a deterministic function of the parameters; it is still
// piecewise constant and rough, which is why Fit uses the derivative-free
// Nelder-Mead simplex of gonum/optimize. Parameters are bounded; Fit
// searches an unbounded space mapped onto the bounds by a logistic
// transform, from several seeded starting points, and reports the estimates
// of every start, their mean and spread, the standard errors that the
// targets' se imply (TargetSE, the delta method), and the fit per target at
// the best estimate, with its simulation standard error, on the calibration
// replicates and on fresh ones.
//
// Two kinds of uncertainty are kept apart. The spread over starts, and over
// fits on other seeds, is that of the optimiser and of the simulation noise;
// TargetSE is that of the targets themselves, whose se are often
// tolerances. What the package deliberately does not do: it does not weigh
// targets by the simulation noise (that would reward noisy parameter
// values), and it never changes the model to reach a target: a target that
// no parameter value reaches shows up as a large standardised deviation, or
// as undefined.
package calibrate
