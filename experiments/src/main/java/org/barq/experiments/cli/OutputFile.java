package org.barq.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;
import picocli.CommandLine;

/**
 * The converter of an option naming a file that barq writes: an existing folder of that name is refused while the
 * command line is read, not after minutes of training or rounding, when the rename onto it would fail.
 */
final class OutputFile implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        if (value.isBlank()) {
            throw new CommandLine.TypeConversionException("an empty value names no file. Maybe a file name, as"
                    + " --help shows?");
        }
        Path path = Path.of(value);
        try {
            AtomicFiles.requireFileTarget(path);
        } catch (InvalidInputException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        return path;
    }

    /**
     * Refuses a command line whose outputs name one of its inputs, which writing would destroy (a model, a {@code csv:}
     * data set), or one another, so that the second would replace the first or fail after it was written.
     *
     * @return the check, to be given each path the command writes and reads, then {@link Paths#require()}
     */
    static Paths paths() {
        return new Paths();
    }

    /** The paths of one command line, in the order the options were declared; absent ones are null and skipped. */
    static final class Paths {
        private record Named(String option, Path path) {
        }

        private final List<Named> outputs = new ArrayList<>();
        private final List<Named> inputs = new ArrayList<>();

        /** @return this, with {@code path} written by {@code option} */
        Paths output(String option, Path path) {
            if (path != null) {
                outputs.add(new Named(option, path));
            }
            return this;
        }

        /** @return this, with {@code path} read by {@code option} */
        Paths input(String option, Path path) {
            if (path != null) {
                inputs.add(new Named(option, path));
            }
            return this;
        }

        /** @return this, with the file a {@code csv:} data set spec reads (other specs read no file of the user's) */
        Paths data(String option, String spec) {
            String s = spec == null ? "" : spec.strip();
            return s.startsWith("csv:") ? input(option + " " + s, Path.of(s.substring(4))) : this;
        }

        /** @throws InvalidInputException naming the first clash */
        void require() {
            for (int o = 0; o < outputs.size(); o++) {
                Named out = outputs.get(o);
                for (Named in : inputs) {
                    if (same(out.path(), in.path())) {
                        throw new InvalidInputException(out.option() + " " + out.path() + " is the " + in.option()
                                + " file, which writing it would replace. Maybe another name for " + out.option()
                                + "?");
                    }
                }
                for (Named earlier : outputs.subList(0, o)) {
                    if (same(out.path(), earlier.path())) {
                        throw new InvalidInputException(earlier.option() + " and " + out.option() + " both name "
                                + out.path() + ", so one would replace the other. Maybe another name for "
                                + out.option() + "?");
                    }
                }
            }
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // compared by name below
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
