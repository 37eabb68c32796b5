package org.barq.experiments.cli;

import picocli.CommandLine;

/** {@code --verbose}: stack traces on errors. Read by {@link ErrorHandler} from the parse result. */
final class VerboseOption {
    @CommandLine.Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;
}
