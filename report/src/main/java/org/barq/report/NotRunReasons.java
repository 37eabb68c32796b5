package org.barq.report;

import static org.barq.report.JsonValues.at;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Why a section of an optional stage has nothing to show: the run's resolved config switched the stage off, or the
 * stage was configured and its file is missing. Both files read alike, and only the first is the study's choice.
 */
final class NotRunReasons {
    private NotRunReasons() {
    }

    /** @return why the stopping section is empty */
    static String stopping(RunInputs inputs) {
        if (switchedOff(inputs, ReportKeys.CONFIG_STOPPING, ReportKeys.CONFIG_ENABLED)) {
            return offInConfig(ReportKeys.CONFIG_STOPPING + "." + ReportKeys.CONFIG_ENABLED + ": false");
        }
        return ReportKeys.STOPPING_FILE + (inputs.stoppingFound() ? " holds no stopping report." : " was not found.");
    }

    /** @return why the interpolation section is empty */
    static String interpolation(RunInputs inputs) {
        if (switchedOff(inputs, ReportKeys.CONFIG_INTERPOLATION, ReportKeys.CONFIG_ENABLED)) {
            return offInConfig(ReportKeys.CONFIG_INTERPOLATION + "." + ReportKeys.CONFIG_ENABLED + ": false");
        }
        JsonNode pairs = at(inputs.resolvedConfig(), ReportKeys.CONFIG_INTERPOLATION, ReportKeys.CONFIG_PAIRS);
        if (pairs.isArray() && pairs.isEmpty()) {
            return "the config names no pair of adjacent bit widths to interpolate between ("
                    + ReportKeys.CONFIG_INTERPOLATION + "." + ReportKeys.CONFIG_PAIRS + " is empty).";
        }
        return ReportKeys.INTERPOLATION_FILE + " was not found or holds no transition.";
    }

    /** @return why the slice pictures' section is empty */
    static String slices(RunInputs inputs) {
        if (switchedOff(inputs, ReportKeys.CONFIG_OUTPUTS, ReportKeys.CONFIG_PLOTS)) {
            return offInConfig(ReportKeys.CONFIG_OUTPUTS + "." + ReportKeys.CONFIG_PLOTS + ": false");
        }
        return ReportKeys.SLICES_FILE + (inputs.slicesFound() ? " lists no picture that could be read."
                : " was not found.");
    }

    /** @return whether the resolved config sets the switch to false; a run without a readable config says nothing */
    private static boolean switchedOff(RunInputs inputs, String section, String key) {
        JsonNode value = at(inputs.resolvedConfig(), section, key);
        return value.isBoolean() && !value.booleanValue();
    }

    private static String offInConfig(String setting) {
        return "switched off in the config (" + setting + ").";
    }
}
