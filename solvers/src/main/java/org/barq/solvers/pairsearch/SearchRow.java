package org.barq.solvers.pairsearch;

/**
 * One row's variables as {@link RowSearch} moves them, indexed {@code 0 .. size() - 1} in column order. Deltas are
 * in units of {@code J}. A row remembers one state ({@link #mark}) and can go back to it ({@link #reset}): the
 * iterated search keeps the best state it has seen.
 */
interface SearchRow {
    /** @return the row's variables */
    int size();

    /** @return the input column of variable {@code i} */
    int column(int i);

    /** @return the row's variable on input column {@code c}, or -1 when that weight is fixed */
    int variableAt(int c);

    /** @return the change of {@code J} if variable {@code i} flips */
    double delta(int i);

    /**
     * @param deltaI {@link #delta}{@code (i)} in the current state, which a search scanning {@code i}'s neighbours
     *               has at hand
     * @param hij    {@code H} between the two variables' columns, which the neighbour table holds
     * @return the change of {@code J} if variables {@code i} and {@code j} flip together
     */
    double pairDelta(int i, double deltaI, int j, double hij);

    /** Flips variable {@code i}. */
    void flip(int i);

    /** Remembers the current state. */
    void mark();

    /** Returns to the state of the last {@link #mark}. */
    void reset();

    /** Leaves the objective holding this row's current state. */
    void finish();

    /**
     * @return whether a pair pass can afford every variable with its neighbours (pair deltas in O(1)), rather than
     *         only the variables whose single flips cost least
     */
    boolean cheapPairs();
}
