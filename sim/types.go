package sim

// Status is where a resident stands with respect to the benefit.
type Status uint8

// The statuses of a resident.
const (
	NotArrived Status = iota // a future inflow slot, not yet on the benefit
	OnBenefit                // on the benefit, rungs 1-4, the team's case
	InWork                   // moved on to work: rung 5 (supported) or 6 (regular)
	LeftNoWork               // left the benefit without work
)

var statusNames = [...]string{"not-arrived", "on-benefit", "in-work", "left-without-work"}

func (s Status) String() string { return statusNames[s] }

// Kind is the recognisable kind of resident the field research describes.
// Residents move between kinds as their resistance changes.
type Kind uint8

// The kinds of resident.
const (
	SupportSeeker Kind = iota // does not believe in themself, wants support
	Resistant                 // long-term recipient with resistance
	NumKinds      = 2
)

var kindNames = [...]string{"support-seeker", "resistant"}

func (k Kind) String() string { return kindNames[k] }

// EventType is what happened to a resident in an event.
type EventType uint8

// The events recorded in the event log.
const (
	StepUp EventType = iota
	StepDown
	Sanctioned
	ExitToWork
	ExitWithoutWork
	Reentry
	Placed  // took a place on the rung the tegenprestatie demands
	Refused // refused the tegenprestatie
)

var eventNames = [...]string{"step-up", "step-down", "sanction", "exit-to-work", "exit-without-work", "re-entry", "tegenprestatie", "refusal"}

func (e EventType) String() string { return eventNames[e] }

// Event is one entry in the per-resident event log.
type Event struct {
	Month    int32
	Resident int32
	Kind     Kind      // the resident's kind at the time of the event
	Type     EventType // what happened
	Rung     int8      // the resident's rung after the event
}
