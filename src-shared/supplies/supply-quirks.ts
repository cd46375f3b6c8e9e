/**
 * Vendor deviations from RFC 3805 in the supplies table, as data. Device profiles
 * (resources/profiles/*.json) carry a `supplyQuirks` object of this shape; the supply
 * normaliser is the one place that interprets it.
 */
export interface SupplyQuirks {
  /**
   * The level column carries a vendor status code rather than a level when max is not a
   * positive capacity (Brother reports 0–3 there). Maps the code (as text) to a coarse
   * percentage, or null for "unknown".
   */
  levelCodes?: Record<string, number | null>;
  /**
   * Negative levels with a vendor meaning beyond RFC 3805's -1/-2/-3 (Ricoh: -100 means
   * "almost empty"). Maps the level (as text) to a coarse percentage, or null.
   */
  negativeLevels?: Record<string, number | null>;
  /** The level is a percentage whatever max and unit say (some Xerox models mix units). */
  levelIsPercent?: boolean;
}
