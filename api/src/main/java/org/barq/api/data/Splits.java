package org.barq.api.data;

/**
 * The three disjoint splits of FORMULATION §1: {@code train} fits the float model, {@code calibration} is the only
 * data rounding may look at, {@code test} is held out for evaluation.
 *
 * @param train       fits the float model
 * @param calibration rounding, band selection and stopping
 * @param test        held-out evaluation only
 */
public record Splits(Dataset train, Dataset calibration, Dataset test) {

    /**
     * @param name {@code train}, {@code calibration} or {@code test}
     * @return that split
     */
    public Dataset named(String name) {
        return switch (name) {
            case "train" -> train;
            case "calibration" -> calibration;
            case "test" -> test;
            default -> throw new org.barq.api.InvalidInputException("unknown split '" + name
                    + "'. Maybe one of: train, calibration, test?");
        };
    }
}
