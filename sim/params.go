package sim

// Params holds every setting of a run. A scenario file sets them; the zero
// value is not useful, start from Defaults. Keys in scenario files are the
// yaml tags joined with dots, for example "trust.gain_per_contact".
type Params struct {
	Months         int                  `yaml:"months"`
	Population     PopulationParams     `yaml:"population"`
	Initial        InitialParams        `yaml:"initial"`
	Professionals  ProfessionalParams   `yaml:"professionals"`
	Places         PlaceParams          `yaml:"places"`
	Barriers       BarrierParams        `yaml:"barriers"`
	Attitudes      AttitudeParams       `yaml:"attitudes"`
	Trust          TrustParams          `yaml:"trust"`
	Resistance     ResistanceParams     `yaml:"resistance"`
	Ladder         LadderParams         `yaml:"ladder"`
	Efficacy       EfficacyParams       `yaml:"efficacy"`
	Pressure       PressureParams       `yaml:"pressure"`
	Exit           ExitParams           `yaml:"exit"`
	Sanction       SanctionParams       `yaml:"sanction"`
	Tegenprestatie TegenprestatieParams `yaml:"tegenprestatie"`
	Shocks         ShockParams          `yaml:"shocks"`
	Work           WorkParams           `yaml:"work"`
	Reentry        ReentryParams        `yaml:"reentry"`
	Levers         LeverParams          `yaml:"levers"`
	Costs          CostParams           `yaml:"costs"`
	// Policies holds regimes that the scenario sets for policies (keys
	// policies.NAME.SETTING), in place of the policies' own.
	Policies PolicySettings `yaml:"policies"`
}

// PopulationParams sets who lives where.
type PopulationParams struct {
	Residents      int     `yaml:"residents"`
	Neighbourhoods int     `yaml:"neighbourhoods"`
	BlockSize      int     `yaml:"block_size"`
	InflowPerMonth int     `yaml:"inflow_per_month"`
	ShareResistant float64 `yaml:"share_resistant"`
	ShareLongTerm  float64 `yaml:"share_long_term"`
	ShareLanguage  float64 `yaml:"share_language"`
	ShareCeiling3  float64 `yaml:"share_ceiling_3"`
	ShareCeiling4  float64 `yaml:"share_ceiling_4"`
	// KindToResistant and KindToSeeker are the resistance levels above
	// which a support-seeker counts as resistant, and below which a
	// resistant resident counts as a support-seeker again.
	KindToResistant float64 `yaml:"kind_to_resistant"`
	KindToSeeker    float64 `yaml:"kind_to_seeker"`
}

// KindParams is the starting profile of one kind of resident.
type KindParams struct {
	Trust      float64 `yaml:"trust"`
	Resistance float64 `yaml:"resistance"`
	Efficacy   float64 `yaml:"efficacy"`
	Barriers   float64 `yaml:"barriers"`
}

// InitialParams sets the state at month 0.
type InitialParams struct {
	Spread    float64    `yaml:"spread"`
	Seekers   KindParams `yaml:"support_seekers"`
	Resistant KindParams `yaml:"resistant"`
	Rung1     float64    `yaml:"rung_1"`
	Rung2     float64    `yaml:"rung_2"`
	Rung3     float64    `yaml:"rung_3"`
	Rung4     float64    `yaml:"rung_4"`
}

// ProfessionalParams describes the regisseurs of the neighbourhood teams.
type ProfessionalParams struct {
	Caseload       int     `yaml:"caseload"`
	HoursPerMonth  float64 `yaml:"hours_per_month"`
	CaseAdminHours float64 `yaml:"case_admin_hours"`
	FTEHours       float64 `yaml:"fte_hours"`
	JudgementNoise float64 `yaml:"judgement_noise"`
	BarrierSkill   float64 `yaml:"barrier_skill"`
}

// PlaceParams sets the participation places per neighbourhood.
type PlaceParams struct {
	Activity  int `yaml:"activity"`
	Volunteer int `yaml:"volunteer"`
}

// BarrierParams sets the durable part of each barrier: the share of a
// resident's barrier at arrival that neither support nor time removes
// (a chronic condition, age, a language learnt late, care that lasts).
type BarrierParams struct {
	DurableDebts    float64 `yaml:"durable_debts"`
	DurableHealth   float64 `yaml:"durable_health"`
	DurableCare     float64 `yaml:"durable_care"`
	DurableLanguage float64 `yaml:"durable_language"`
}

// AttitudeParams governs how trust, resistance and self-efficacy return
// towards each resident's own baseline.
type AttitudeParams struct {
	Reversion float64 `yaml:"reversion"`
}

// TrustParams governs mechanism 1.
type TrustParams struct {
	GainPerContact float64 `yaml:"gain_per_contact"`
	LossSanction   float64 `yaml:"loss_sanction"`
	LossIntrusion  float64 `yaml:"loss_intrusion"`
	WordOfMouth    float64 `yaml:"word_of_mouth"`
}

// ResistanceParams governs mechanism 2.
type ResistanceParams struct {
	GainOverload float64 `yaml:"gain_overload"`
	GainSanction float64 `yaml:"gain_sanction"`
	// GainThreat is the rise of resistance when a resident is held to the
	// obligations under a threat of a sanction, times the weight of the
	// sanction's probability and (1 - resistance) (ODD 7.5a).
	GainThreat float64 `yaml:"gain_threat"`
	FallTrust  float64 `yaml:"fall_trust"`
	TrustLevel float64 `yaml:"trust_threshold"`
	FallHeard  float64 `yaml:"fall_heard"`
}

// LadderParams governs mechanism 3 and falls from the ladder.
type LadderParams struct {
	Need2        float64 `yaml:"capacity_need_2"`
	Need3        float64 `yaml:"capacity_need_3"`
	Need4        float64 `yaml:"capacity_need_4"`
	Need5        float64 `yaml:"capacity_need_5"`
	SelfRate     float64 `yaml:"self_rate"`
	SupportRate  float64 `yaml:"support_rate"`
	DropRate     float64 `yaml:"drop_rate"`
	OverloadDrop float64 `yaml:"overload_drop"`
	WillingWidth float64 `yaml:"willingness_width"`
	ReadyMargin  float64 `yaml:"readiness_margin"`
}

// EfficacyParams governs mechanism 4.
type EfficacyParams struct {
	GainSuccess     float64 `yaml:"gain_success"`
	LossFailure     float64 `yaml:"loss_failure"`
	LossHumiliation float64 `yaml:"loss_humiliation"`
	LossSanction    float64 `yaml:"loss_sanction"`
	PeerSupport     float64 `yaml:"peer_support"`
}

// PressureParams governs perceived pressure (mechanism 5).
type PressureParams struct {
	PerContact  float64 `yaml:"per_contact"`
	PerControl  float64 `yaml:"per_control"`
	PerSanction float64 `yaml:"per_sanction"`
	Decay       float64 `yaml:"decay"`
}

// ExitParams governs leaving the benefit without work (mechanisms 5 and 6).
type ExitParams struct {
	BaseRate           float64 `yaml:"base_rate"`
	EarlyExcess        float64 `yaml:"early_excess"`
	PressureResistance float64 `yaml:"pressure_resistance"`
}

// TegenprestatieParams sets how often the tegenprestatie is assigned
// (ODD 7.5a).
type TegenprestatieParams struct {
	// AssignShare is the probability that a contact at which a resident
	// below the demanded rung agrees to meet the obligations ends with a
	// tegenprestatie assigned; at the other such contacts the resident
	// meets the other obligations (searching for work, keeping
	// appointments) and stays on the rung.
	AssignShare float64 `yaml:"assign_share"`
}

// SanctionParams sets what a sanction is (mechanism 6).
type SanctionParams struct {
	BenefitCut float64 `yaml:"benefit_cut"`
	Months     int     `yaml:"months"`
	Push       float64 `yaml:"push"`
	// ThreatCurvature is the curvature γ of the decision weight that a
	// resident gives a regime's sanction probability π: the threat adds
	// Push·w(π) to the willingness to comply, with Tversky and Kahneman's
	// w(π) = π^γ / (π^γ + (1-π)^γ)^(1/γ) (ODD 7.5a). At 1 the weight is π.
	ThreatCurvature      float64 `yaml:"threat_curvature"`
	MisfitMultiplier     float64 `yaml:"misfit_multiplier"`
	Hours                float64 `yaml:"hours"`
	RoleSeparationShield float64 `yaml:"role_separation_shield"`
	JobPush              float64 `yaml:"job_push"`
}

// ShockParams governs mechanism 9.
type ShockParams struct {
	Rate            float64 `yaml:"rate"`
	Size            float64 `yaml:"size"`
	BarrierRecovery float64 `yaml:"barrier_recovery"`
}

// WorkParams governs the step to paid work, lock-in on rung 4 (mechanism 7)
// and the loss of a job found after the benefit.
type WorkParams struct {
	JobDemand          float64 `yaml:"job_demand"`
	JobFinding         float64 `yaml:"job_finding"`
	LockIn             float64 `yaml:"lock_in"`
	LockInDemand       float64 `yaml:"lock_in_demanded"`
	ToRegular          float64 `yaml:"to_regular"`
	JobLoss            float64 `yaml:"job_loss"`
	JobLossEarlyExcess float64 `yaml:"job_loss_early_excess"`
}

// ReentryParams governs the return to the benefit after an exit (ODD 7.13):
// after losing the job found, and after leaving without work, more so for
// those pushed out (under pressure or while a sanction ran), and more so in
// the first months after the exit.
type ReentryParams struct {
	AfterJobLoss float64 `yaml:"after_job_loss"`
	NoWork       float64 `yaml:"no_work"`
	PushedFactor float64 `yaml:"pushed_factor"`
	EarlyExcess  float64 `yaml:"early_excess"`
}

// LeverParams are the settings that combine with any policy.
type LeverParams struct {
	RoleSeparation       bool    `yaml:"role_separation"`
	CollectiveShare      float64 `yaml:"collective_share"`
	PlacesPerFTE         float64 `yaml:"places_per_fte"`
	CollectiveRampMonths int     `yaml:"collective_ramp_months"`
	GroupTraining        bool    `yaml:"group_training"`
	GroupTrainingHours   float64 `yaml:"group_training_hours"`
	GroupTrainingMonths  int     `yaml:"group_training_months"`
	FieldWorkers         int     `yaml:"field_workers"`
	FieldWorkerJobs      float64 `yaml:"field_worker_jobs"`
	FieldWorkerRelief    float64 `yaml:"field_worker_relief"`
}

// CostParams are the prices used for the cost accounts, in euro.
type CostParams struct {
	BenefitPerMonth     float64 `yaml:"benefit_per_month"`
	SupportedWorkShare  float64 `yaml:"supported_work_share"`
	HourCost            float64 `yaml:"hour_cost"`
	PlacePerMonth       float64 `yaml:"place_per_month"`
	FieldWorkerPerMonth float64 `yaml:"field_worker_per_month"`
	// ElsewherePerMonth and ShiftedShare price a month out of work after
	// leaving the benefit in society's account: costs borne elsewhere
	// (debt assistance, health and care) and the share of the benefit
	// that is shifted to other benefits or to the household's lost
	// income rather than saved.
	ElsewherePerMonth float64 `yaml:"elsewhere_per_month"`
	ShiftedShare      float64 `yaml:"shifted_share"`
}
