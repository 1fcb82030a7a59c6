// Type declarations of the Telltale browser SDK (dist/telltale.esm.js, and window.Telltale of
// dist/telltale.min.js). Documented in docs/embedding.md.

export interface TelltaleConfig {
  /** Base URL of the Telltale ingest gateway, e.g. "https://telltale.example.com"; batches go to `${endpoint}/v1/telemetry`. */
  endpoint: string;
  /** The site key the gateway issued for this site; sent as header X-Telltale-Site-Key. */
  siteKey: string;
  /** Session id your server started with the gateway's POST /v1/sessions (give its sessionToken too); default: the gateway starts one at the first batch, kept in sessionStorage for the tab. */
  sessionId?: string;
  /** The token the gateway issued for sessionId (rendered by your server); sent as header X-Telltale-Session. */
  sessionToken?: string;
  /** The authenticated user, if any; can be set later with setUserId. */
  userId?: string | null;
  /** The route reported with each batch, read when the batch is cut; default location.pathname. */
  route?: string | (() => string);
  /** Fraction of sessions collected, 0..1, drawn once per session id. Default 1. */
  sampleRate?: number;
  /** If true, nothing is collected, stored or sent until consent(true). Default false. */
  requireConsent?: boolean;
  /** Log batches, sends and swallowed errors to console.debug. Default false. */
  debug?: boolean;
  /** Milliseconds between batches while there is activity; at least 1000. Default 5000. */
  flushInterval?: number;
  /** Samples per track before a batch is cut early; at most 5000. Default 1000. */
  maxBatchSamples?: number;
  /** Batches kept while the gateway is unreachable; the oldest is dropped beyond it. Default 20. */
  maxQueuedBatches?: number;
  /** Attempts per batch (network errors, 5xx, 429) before it is dropped. Default 8. */
  maxAttempts?: number;
}

export interface TelltaleStats {
  /** Listening now (consent given, session sampled, not stopped). */
  active: boolean;
  /** Sequence number the next batch will carry; each page load (and each SDK start) counts from 0. */
  seq: number;
  /** Batches waiting to be sent. */
  queued: number;
  /** Batches given up: queue overflow, rejected by the gateway, or out of attempts. */
  dropped: number;
  /** Synthetic (isTrusted === false) input events seen; reported, never recorded as input. */
  untrustedEvents: number;
}

export interface Telltale {
  /** Gives (true) or withdraws (false) consent; withdrawing stops collection and discards what was not sent. */
  consent(granted: boolean): void;
  /** Sets or clears the authenticated user reported from the next batch on. */
  setUserId(userId: string | null): void;
  /** Cuts the open batch and sends it now. */
  flush(): void;
  /** Stops listening; what was already captured is still sent. */
  stop(): void;
  /** The session id, once collecting (null before consent or when not sampled); the gateway's id once its first batch was answered. */
  readonly sessionId: string | null;
  stats(): TelltaleStats;
}

/** Starts the SDK on this page. Never throws; returns a handle that does nothing if the config is invalid. */
export function init(config: TelltaleConfig): Telltale;

/** The SDK version. */
export const version: string;
