package org.barq.report;

/** The report's section titles, shared by the HTML report, the summary, and the tests. */
final class SectionTitles {
    /** The run's provenance. */
    static final String PROVENANCE = "Provenance";
    /** Notes on unreadable inputs. */
    static final String NOTES = "Notes on the inputs";
    static final String MEMBERS = "Where the variants ran";
    /** The bits x solver tables. */
    static final String TABLES = "Metric by bits × solver";
    /** The lambda trade-off curves. */
    static final String LAMBDA = "Lambda trade-off curves";
    /** The boundary-gap comparison. */
    static final String BOUNDARY_GAP = "Does the boundary-gap term help?";
    /** The anytime curves. */
    static final String ANYTIME = "Anytime curves";
    /** The slice pictures. */
    static final String SLICES = "Slice pictures";
    /** The interpolation counts. */
    static final String INTERPOLATION = "Interpolation between adjacent levels";
    /** The stopping rule and the correlation. */
    static final String STOPPING = "Stopping rule and correlation";
    /** The reference claims. */
    static final String CLAIMS = "Reference claims (FORMULATION §7)";
    /** The resolved config. */
    static final String CONFIG = "Resolved config";
    /** What a section says when the run did not produce its input. */
    static final String NOT_RUN = "Not run";

    private SectionTitles() {
    }
}
