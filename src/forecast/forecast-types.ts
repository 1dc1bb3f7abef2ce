/**
 * The rebill forecast's options and result (the JSON shape reports embed).
 * @module
 */

/** Options of {@link createForecast}. */
export interface ForecastOptions {
  /** The day the vendor imports, YYYY-MM-DD. */
  readonly importDate: string;
  /** Next bill dates within this many days after the import date are imminent (default 3). */
  readonly imminentDays?: number;
  /** A day with more rebills than this is a spike; default max(10, 3 × the median day). */
  readonly spikeThreshold?: number;
  /** MIDs of the assignment table; when given, subscriptions on other MIDs are a risk. */
  readonly knownMerchantIds?: readonly string[];
  /** Examples kept per risk (default 20). */
  readonly maxExamples?: number;
}

/** One subscription named in a risk list (legacy IDs; no card data). */
export interface ForecastExample {
  readonly customerId: string;
  readonly productId: string;
  readonly merchantId: string;
  readonly nextBillDate: string;
  readonly detail?: string;
}

/** A counted risk with a few examples. */
export interface ForecastRisk {
  readonly count: number;
  readonly examples: readonly ForecastExample[];
}

/** Rebills on one day or one MID. */
export interface ForecastBucket {
  readonly count: number;
  /** Expected rebill amount, two decimals. */
  readonly amount: string;
}

/** The forecast as reports show it (report.json "forecast"). */
export interface ForecastResult {
  readonly importDate: string;
  readonly imminentDays: number;
  readonly spikeThreshold: number;
  readonly activeSubscriptions: number;
  readonly expectedAmount: string;
  readonly byDay: readonly (ForecastBucket & { readonly date: string })[];
  readonly byMerchant: readonly (ForecastBucket & { readonly merchantId: string; readonly known: boolean })[];
  readonly risks: {
    readonly pastDue: ForecastRisk;
    readonly imminent: ForecastRisk;
    readonly expiringCards: ForecastRisk;
    readonly unknownMerchants: ForecastRisk;
    readonly spikes: readonly (ForecastBucket & { readonly date: string })[];
  };
}
