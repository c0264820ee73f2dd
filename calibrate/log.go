package calibrate

import (
	"github.com/wijksim/wijksim/sim"
)

// Log is what the statistics read from one run: its event log and, for
// every resident slot, when the resident arrived on the benefit and how long
// they had then been on it.
//
// Every change of status is an event (exit to work, exit without work,
// re-entry), so the months each resident was at risk of leaving can be
// rebuilt from the log: an initial resident (Arrival 0) is on the benefit
// from the start and at risk from month 1; an inflow resident arriving in
// month a is at risk from month a (arrivals come before the residents'
// monthly step); a resident who leaves in month t was at risk in month t and
// not after; a resident who re-enters in month t is at risk again from month
// t+1, with a new spell that starts at a duration of 0 months.
type Log struct {
	// Months is the number of months simulated.
	Months int
	// Events is the event log, in the order the events happened.
	Events []sim.Event
	// Arrival is the month each resident slot arrived on the benefit: 0
	// for the residents at the start, later for inflow. A slot whose
	// arrival lies after Months has not arrived.
	Arrival []int
	// StartDuration is how long each resident had been on the benefit
	// when they arrived, in months (0 for inflow).
	StartDuration []int
	// AfterExit is what happened after the exits (the model's own counts).
	AfterExit *sim.AfterExit
	// Stats are the run's monthly statistics, month 0 first.
	Stats []sim.MonthStats
}

// LogOf returns the Log of a run that recorded its events
// (sim.Options{RecordEvents: true}). The event slice is the model's own.
func LogOf(m *sim.Model) *Log {
	n := m.Residents()
	l := &Log{Months: m.Month(), Events: m.Events(), Arrival: make([]int, n), StartDuration: make([]int, n), AfterExit: m.AfterExit(), Stats: m.Stats()}
	for i := 0; i < n; i++ {
		l.Arrival[i] = m.ArrivalMonth(i)
		l.StartDuration[i] = m.StartMonthsOnBenefit(i)
	}
	return l
}

// noExit marks a spell that was still running at the end of the run.
const noExit sim.EventType = 255

// spell is one uninterrupted stay on the benefit.
type spell struct {
	resident int
	// first and last are the first and last month at risk of leaving,
	// inclusive.
	first, last int
	// duration is the months on the benefit at the start of month first.
	duration int
	// exit is how the spell ended in month last, or noExit if it was
	// still running when the run ended.
	exit sim.EventType
	// sanctions are the months of the sanctions given in the spell, and
	// refusals the months in which the resident refused the tegenprestatie
	// and was not sanctioned for it.
	sanctions []int
	refusals  []int
}

// onAtEnd reports whether the resident was on the benefit at the end of
// month t in this spell.
func (s *spell) onAtEnd(t int) bool {
	if t < s.first-1 {
		return false
	}
	return t < s.last || (t == s.last && s.exit == noExit)
}

// durationAtEnd is the months on the benefit at the end of month t.
func (s *spell) durationAtEnd(t int) int { return s.duration + t - s.first + 1 }

// spells rebuilds every resident's stays on the benefit from the log, in
// resident order and, per resident, in time order. Spells without a month
// at risk (a re-entry in the last month) are left out.
func (l *Log) spells() []spell {
	n := len(l.Arrival)
	// Group the events by resident, keeping their order.
	count := make([]int, n+1)
	for _, e := range l.Events {
		if int(e.Resident) < n {
			count[e.Resident+1]++
		}
	}
	for i := 0; i < n; i++ {
		count[i+1] += count[i]
	}
	order := make([]int, len(l.Events))
	fill := append([]int(nil), count[:n]...)
	for k, e := range l.Events {
		if r := int(e.Resident); r < n {
			order[fill[r]] = k
			fill[r]++
		}
	}

	var out []spell
	for i := 0; i < n; i++ {
		a := l.Arrival[i]
		if a > l.Months {
			continue
		}
		cur := spell{resident: i, first: max(a, 1), duration: l.StartDuration[i]}
		open := true
		for _, k := range order[count[i]:count[i+1]] {
			e := l.Events[k]
			t := int(e.Month)
			switch e.Type {
			case sim.ExitToWork, sim.ExitWithoutWork, sim.ExitUnderPressure, sim.ExitAfterSanction:
				if open {
					cur.last, cur.exit = t, e.Type
					out = append(out, cur)
					open = false
				}
			case sim.Reentry:
				if !open {
					cur = spell{resident: i, first: t + 1}
					open = true
				}
			case sim.Sanctioned:
				if open {
					cur.sanctions = append(cur.sanctions, t)
					// A refusal followed by a sanction in the same month
					// was sanctioned: it is no reference.
					if n := len(cur.refusals); n > 0 && cur.refusals[n-1] == t {
						cur.refusals = cur.refusals[:n-1]
					}
				}
			case sim.Refused:
				if open {
					cur.refusals = append(cur.refusals, t)
				}
			}
		}
		if open {
			cur.last, cur.exit = l.Months, noExit
			if cur.first <= cur.last {
				out = append(out, cur)
			}
		}
	}
	return out
}
