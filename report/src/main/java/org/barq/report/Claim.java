package org.barq.report;

/**
 * A row of the reference-claims table (FORMULATION §7).
 *
 * @param claim     what the reference study claimed
 * @param reference its value
 * @param barq      this run's value, "n/a" when the run lacks it
 * @param note      where barq's value comes from
 */
record Claim(String claim, String reference, String barq, String note) {
}
