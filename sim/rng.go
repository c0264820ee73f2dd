package sim

import "math/rand/v2"

// purpose names what a random stream is used for. Streams are keyed by
// purpose so that a draw for one mechanism never shifts the draws of another.
// The purposes drawn at most once a month (shock, step, exit, work, demand) are
// counter-based (see drawAt); the others, drawn a varying number of
// times, are PCG streams.
type purpose uint64

const (
	purposeInit     purpose = iota + 1 // initial state of a resident
	purposeShock                       // life events: illness, debts, family trouble
	purposeStep                        // attempts to move up or fall down the ladder
	purposeExit                        // leaving the benefit without work
	purposeSanction                    // whether a sanction is imposed
	purposeJudge                       // a professional's error in judging load capacity
	purposeWork                        // moving on from supported to regular work; re-entry
	purposeDemand                      // whether a resident complies with the tegenprestatie
)

// goldenGamma is SplitMix64's increment, the odd integer nearest to
// 2^64 divided by the golden ratio.
const goldenGamma = 0x9e3779b97f4a7c15

// splitmix64 is the finaliser of Steele, Lea and Flood's SplitMix64; it
// turns a counter into a well-mixed 64-bit value.
func splitmix64(x uint64) uint64 {
	return mix64(x + goldenGamma)
}

// mix64 is splitmix64 without its increment.
func mix64(x uint64) uint64 {
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// streamSeed derives the two PCG seed words for one stream from its key.
func streamSeed(seed, replicate uint64, p purpose, index uint64) (uint64, uint64) {
	return slotSeed(streamPrefix(seed, replicate, p), index)
}

// streamPrefix is the part of a stream's key that all slots share: the
// seed words of the stream of slot index are slotSeed(prefix, index).
func streamPrefix(seed, replicate uint64, p purpose) uint64 {
	h := splitmix64(seed)
	h = splitmix64(h ^ replicate)
	return splitmix64(h ^ uint64(p))
}

// slotSeed derives the two PCG seed words of slot index's stream from the
// stream's prefix (streamPrefix).
func slotSeed(prefix, index uint64) (uint64, uint64) {
	h := splitmix64(prefix ^ index)
	return h, splitmix64(h ^ 0x5851f42d4c957f2d)
}

// seedStream resets s to the stream keyed by (seed, replicate, p, index).
func seedStream(s *rand.PCG, seed, replicate uint64, p purpose, index uint64) {
	s.Seed(streamSeed(seed, replicate, p, index))
}

// drawOffset is what the draws of month t add to their keys before mixing:
// SplitMix64's position t and its increment, (t + 1) × goldenGamma modulo
// 2^64. It is the same for every draw of a month, so the step computes it
// once a month (Model.offset).
func drawOffset(t int) uint64 {
	return uint64(t)*goldenGamma + goldenGamma
}

// drawAt returns the uniform of the month whose offset is given
// (drawOffset) of the counter-based stream with key k: SplitMix64 read at
// that month's position, its top 53 bits as a fraction in [0, 1). The
// draw depends on (key, month) alone and never on how many draws came
// before. The monthly purposes (shock, step, exit, work, demand) use it:
// every resident gets the same numbers in the same months under every
// policy, whatever happens to them.
func drawAt(k, offset uint64) float64 {
	return float64(mix64(k+offset)>>11) * 0x1p-53
}

// uniform returns a float64 in [0, 1) from s.
func uniform(s *rand.PCG) float64 {
	return float64(s.Uint64()>>11) * 0x1p-53
}
