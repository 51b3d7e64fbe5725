// The emulator's own clock. A non-zero offset shifts it away from the clients'
// clocks, so their Hawk timestamps look stale (for clock-skew tests).
export function createClock(offsetSec = 0) {
  let offset = Number(offsetSec) || 0;
  return {
    now: () => Date.now() + offset * 1000,
    offsetMs: () => offset * 1000,
    get offsetSec() { return offset; },
    set offsetSec(value) { offset = Number(value) || 0; },
  };
}
