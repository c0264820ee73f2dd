// Package policies reads wijksim's activation policies from YAML files: the
// five built-in policies, embedded in the binary (afstand,
// morele-verplichting, sanctie, maatwerk, nabijheid), and any policy a user
// writes.
//
// A policy file gives the policy's name, its label and one-line summary in
// Dutch and English, where it comes from in the sources, and either one
// regime (how the team meets residents) with its sanction rule, or a
// sequence of phases, each a regime and sanction rule with the condition
// for entering it. It may switch levers on for the whole run. docs/policies.md
// teaches how to write one; the model's side is sim.Policy.
//
// Files are read as strictly as scenario files (package scenarios, with
// the same internal/yamlcheck): an unknown key, a value of the wrong type
// or out of range, a missing setting and a second document are refused
// with an error naming the file, the line and column, the key and what is
// allowed. The built-in files are checked the same way when first used;
// their regimes are the defaults of the scenario keys
// policies.NAME.SETTING (see RegimeSpecs and scenarios.Specs).
//
// The package holds no mutable state: the built-in policies are read once
// and never change.
package policies
