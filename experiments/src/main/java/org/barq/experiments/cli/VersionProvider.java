package org.barq.experiments.cli;

import org.barq.experiments.provenance.BuildInfo;
import picocli.CommandLine;

/** {@code barq --version}: the project version, git commit where known, Java and OS. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo info = BuildInfo.current();
        return new String[] {"barq " + info.version() + " (" + info.commit() + ")",
            "Java " + info.java() + ", " + info.os()};
    }
}
