// Deterministic randomness for the demo data, so seeded ids are the same on
// every start (stable links in the dashboard, stable expectations in tests).
export function createRandom(seed) {
  let a = seed >>> 0;
  // mulberry32: tiny, good enough for ids that only need to look random
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    // A "nice" v4 slugid: UUID version/variant bits set, first bit clear.
    slugid() {
      const bytes = Buffer.alloc(16);
      for (let i = 0; i < 16; i++) bytes[i] = Math.floor(next() * 256);
      bytes[6] = (bytes[6] & 0x0f) | 0x40;
      bytes[8] = (bytes[8] & 0x3f) | 0x80;
      bytes[0] &= 0x7f;
      return bytes.toString('base64url');
    },
    hex(length) {
      let out = '';
      while (out.length < length) out += Math.floor(next() * 16).toString(16);
      return out;
    },
  };
}
