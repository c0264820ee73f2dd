package sim

// The state of one resident slot (ODD 2). The residents of a run are one
// flat array of these records, so that a resident's month reads and writes
// one contiguous record through one pointer.

// monthly draw keys: the counter-based streams (see drawAt), in the
// order of resident.keys.
const (
	keyShock  = iota // purposeShock
	keyStep          // purposeStep
	keyExit          // purposeExit
	keyWork          // purposeWork
	keyDemand        // purposeDemand
	numKeys
)

// keyPurposes are the purposes of resident.keys, in order.
var keyPurposes = [numKeys]purpose{purposeShock, purposeStep, purposeExit, purposeWork, purposeDemand}

// contactState is what the allocation of contacts (ODD 7.4) reads and
// writes of a slot. It is kept out of the resident's record, in an array of
// its own, because a professional's round over the caseload visits slots
// far apart: a compact array keeps the round in the processor's caches at
// national scale. status and phase are copies of the record's, set with
// them (setStatus, enterPhases).
type contactState struct {
	sinceContact int16 // months since the last contact
	contactMonth int16 // month of the last contact; equal to the month means met this month; -1 before
	status       Status
	phase        int8
}

// maxMonth is the largest month count a record holds: the longest horizon
// (months, at most 1200) plus the longest spell on the benefit at arrival
// (180 months, initResidents). Months and counts of months are int16;
// TestMonthsFitRecord checks that maxMonth fits.
const maxMonth = 1200 + 180

// resident is the state of one resident slot, arrived or not. Fields are
// grouped by size so that the record has no padding inside.
type resident struct {
	trust, resistance, efficacy, pressure float64
	barrier                               [4]float64      // debts and finances, health, care at home, language
	durable                               [4]float64      // the part of each barrier that does not go away
	baseTrust                             float64         // the resident's own level that trust returns to
	baseResist                            float64         // ... resistance ...
	baseEfficacy                          float64         // ... self-efficacy ...
	benefitPaid                           float64         // benefit paid so far, euro
	hoursGot                              float64         // professional hours of contact received so far
	keys                                  [numKeys]uint64 // counter keys of the monthly draws

	neighbour int32 // neighbourhood
	block     int32 // block of the neighbourhood, for word of mouth
	owner     int32 // professional

	// Months and counts; months fit in int16 (see maxMonth).
	monthsOnRung int16 // months on the current rung
	monthsOnBen  int16 // months on the benefit in the current spell
	startOnBen   int16 // months on the benefit at arrival (0 for inflow)
	sinceExit    int16 // months since the last exit (or job loss)
	exitMonth    int16 // month of the last exit from the benefit; -1 before
	workExit     int16 // month of the last exit to work; -1 before
	firstContact int16 // month of the first contact (the individual intake); -1 before
	belowFor     int16 // checks in a row below the rung of the next phase's condition
	nSanctions   int16 // sanctions so far
	nExitWork    int16 // exits to work so far
	nExitNoWork  int16 // exits without work so far

	status       Status
	rung         int8
	ceiling      int8  // the highest rung the resident can reach
	kind         Kind  // the kind now
	startKind    Kind  // the kind at arrival
	sanctionLeft int8  // months the running sanction still cuts the benefit
	phase        int8  // index of the policy's phase the resident is in (7.17)
	route        Route // how the resident last left the benefit
	demanded     bool  // the current rung was entered as a tegenprestatie
	everUp       bool  // has stepped up at least once
	everContact  bool  // has been met at least once
	switched     bool  // has switched kind at least once
}
