// Package sensitivity estimates which parameters matter for an outcome:
// Morris elementary effects (mu*, mu, sigma) on one-at-a-time trajectories,
// and Sobol first-order and total-order indices from Saltelli's sampling
// scheme with Jansen's estimators. Confidence intervals come from a seeded
// bootstrap. The package works on a unit hypercube and plain float64 outputs:
// it knows nothing of the model, so its estimators can be checked on
// functions with known answers.
package sensitivity
