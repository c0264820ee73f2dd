package sim

// Status is where a resident stands with respect to the benefit.
type Status uint8

// The statuses of a resident.
const (
	NotArrived Status = iota // a future inflow slot, not yet on the benefit
	OnBenefit                // on the benefit, rungs 1-4, the team's case
	InWork                   // moved on to work: rung 5 (supported) or 6 (regular)
	LeftNoWork               // left the benefit without work
	OutOfWork                // lost the job found after the benefit; lives on other income
	numStatuses
)

var statusNames = [...]string{"not-arrived", "on-benefit", "in-work", "left-without-work", "out-of-work"}

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
	Placed            // took a place on the rung the tegenprestatie demands
	Refused           // refused the tegenprestatie
	ExitUnderPressure // left the benefit without work, giving it up under pressure
	ExitAfterSanction // left the benefit without work while a sanction ran (enforcement)
	JobLoss           // lost the job found after the benefit
	PhaseEntered      // entered the next phase of the policy (ODD 7.17)
)

var eventNames = [...]string{"step-up", "step-down", "sanction", "exit-to-work", "exit-without-work", "re-entry", "tegenprestatie", "refusal",
	"exit-under-pressure", "exit-after-sanction", "job-loss", "phase"}

// LeftWithoutWork reports whether e is an exit from the benefit without
// work, for any reason: ExitWithoutWork (other reasons: a partner's
// income, another benefit, moving), ExitUnderPressure or ExitAfterSanction.
func (e EventType) LeftWithoutWork() bool {
	return e == ExitWithoutWork || e == ExitUnderPressure || e == ExitAfterSanction
}

// Route is how a resident last left the benefit (ODD 7.13).
type Route uint8

// The routes out of the benefit.
const (
	RouteWork        Route = iota // to work
	RouteOther                    // without work, for other reasons
	RoutePressure                 // without work, giving the benefit up under pressure
	RouteEnforcement              // without work while a sanction ran
	NumRoutes        = 4
)

var routeNames = [...]string{"work", "other", "pressure", "enforcement"}

func (r Route) String() string { return routeNames[r] }

func (e EventType) String() string { return eventNames[e] }

// Event is one entry in the per-resident event log.
type Event struct {
	Month    int32
	Resident int32
	Kind     Kind      // the resident's kind at the time of the event
	Type     EventType // what happened
	Rung     int8      // the resident's rung after the event
}
