package plots

import "image/color"

// SurvivalEvent is the event a survival curve waits for.
type SurvivalEvent string

// The events of the survival curves.
const (
	StepUp     SurvivalEvent = "step-up"
	ExitToWork SurvivalEvent = "exit-to-work"
)

// SurvivalChart holds a Kaplan-Meier curve per policy: the share of the
// residents on the benefit at month 0 who have not yet had the event.
type SurvivalChart struct {
	Event           SurvivalEvent
	Title, Subtitle string
	XLabel, YLabel  string
	// XMax is the longest horizon.
	XMax   float64
	Curves []SurvivalCurve
}

// SurvivalCurve is one policy's estimate, pooled over its runs.
type SurvivalCurve struct {
	Policy string
	Label  string
	Colour color.NRGBA
	Survival
}

// Name implements Chart.
func (s *SurvivalChart) Name() string { return "survival-" + string(s.Event) }

// Heading implements Chart.
func (s *SurvivalChart) Heading() string { return s.Title }

// BuildSurvival builds the curves of the time to event from res.Cohorts:
// every resident on the benefit at month 0 of every run of a policy is a
// subject, with the month of their first such event, or censored at the
// run's last month.
func BuildSurvival(res *Results, event SurvivalEvent, lang string) *SurvivalChart {
	s := &SurvivalChart{Event: event, Subtitle: tr("survival.note", lang), XLabel: tr("month", lang)}
	if event == StepUp {
		s.Title, s.YLabel = tr("survival.up", lang), tr("survival.up.y", lang)
	} else {
		s.Title, s.YLabel = tr("survival.work", lang), tr("survival.work.y", lang)
	}
	for _, pol := range res.Policies {
		var times []float64
		var events []bool
		for _, c := range res.Cohorts {
			if c.Policy != pol {
				continue
			}
			first := c.FirstStepUp
			if event == ExitToWork {
				first = c.FirstExitToWork
			}
			s.XMax = max(s.XMax, float64(c.Horizon))
			for id := range c.Residents {
				if m, ok := first[id]; ok {
					times, events = append(times, float64(m)), append(events, true)
				} else {
					times, events = append(times, float64(c.Horizon)), append(events, false)
				}
			}
		}
		if len(times) == 0 {
			continue
		}
		name, colour := policyStyle(pol, lang)
		s.Curves = append(s.Curves, SurvivalCurve{Policy: pol, Label: name, Colour: colour, Survival: KaplanMeier(times, events)})
	}
	return s
}
