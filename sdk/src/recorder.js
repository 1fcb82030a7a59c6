// Builds wire-format v1 telemetry batches (docs/wire-format.md) from samples.

/** Wire limit `maxBatchSpanMillis`: no track time beyond this many ms after `startedAt`. */
export const MAX_SPAN_MS = 60000;
/** Wire limit `maxTrackLength`: samples per track. */
export const MAX_TRACK_SAMPLES = 5000;
/** Wire limit `maxCoordinate`: |x|, |y|, |dx|, |dy|, touch radius, in CSS px. */
export const MAX_COORDINATE = 100000;

/** Columns of each track after `t`, in wire order. Optional touch columns last. */
const COLUMNS = {
  mouse: ['x', 'y', 'kind'],
  keys: ['down', 'cls'],
  scroll: ['dx', 'dy'],
  touch: ['x', 'y', 'phase', 'radius', 'force']
};

const coordinate = (v) => {
  v = Math.round(v) || 0;
  return v > MAX_COORDINATE ? MAX_COORDINATE : v < -MAX_COORDINATE ? -MAX_COORDINATE : v;
};

/**
 * Accumulates samples into the open batch and cuts it, as a payload object, when a track is full,
 * the span limit would be passed, or on request. Batches open on their first sample, so an idle
 * page sends nothing.
 *
 * @param {object} o
 * @param {() => object} o.header   the fields before the tracks: sessionId, pageId, userId, route, userAgent, device
 * @param {(payload: object) => void} o.emit  receives each cut batch
 * @param {number} o.maxSamples     samples per track before a cut, at most MAX_TRACK_SAMPLES
 * @param {number} o.seq            sequence number of the next batch of the page instance
 */
export function createRecorder({ header, emit, maxSamples, seq }) {
  maxSamples = Math.min(MAX_TRACK_SAMPLES, Math.max(1, maxSamples | 0));
  let batch = null;

  function open(epoch) {
    batch = { startedAt: Math.floor(epoch), n: 0, tracks: {} };
  }

  function cut() {
    const b = batch;
    batch = null;
    if (!b || !b.n) return;
    const h = header();
    const p = { v: 1, sessionId: h.sessionId };
    if (h.userId != null) p.userId = h.userId;
    if (h.pageId) p.pageId = h.pageId;
    p.seq = seq++;
    p.startedAt = b.startedAt;
    p.sentAt = b.startedAt; // set again by the transport on every attempt
    p.route = h.route;
    p.userAgent = h.userAgent;
    p.device = h.device;
    for (const name in COLUMNS) {
      const tr = b.tracks[name];
      if (!tr) continue;
      // A browser that reports radius or force reports it on every touch; if any sample
      // lacks it, leave the column out rather than send a made-up value.
      if (name === 'touch') {
        for (const c of ['radius', 'force']) if (tr[c].some((v) => v == null)) delete tr[c];
      }
      p[name] = tr;
    }
    emit(p);
  }

  /** Adds one sample at `epoch` ms with `values` in COLUMNS order; returns nothing, never throws on bad numbers. */
  function add(name, epoch, values) {
    if (!batch) open(epoch);
    let tr = batch.tracks[name];
    let t = Math.round(epoch - batch.startedAt);
    if (tr && t < tr.t[tr.t.length - 1]) t = tr.t[tr.t.length - 1];
    if (t < 0) t = 0;
    if (t > MAX_SPAN_MS || (tr && tr.t.length >= maxSamples)) {
      cut();
      open(epoch);
      tr = null;
      t = 0;
    }
    if (!tr) {
      tr = batch.tracks[name] = { t: [] };
      for (const c of COLUMNS[name]) tr[c] = [];
    }
    tr.t.push(t);
    COLUMNS[name].forEach((c, i) => tr[c].push(values[i]));
    batch.n++;
  }

  return {
    add,
    cut,
    /** Number of samples in the open batch. */
    pending: () => (batch ? batch.n : 0),
    nextSeq: () => seq,
    coordinate
  };
}

export { coordinate };
