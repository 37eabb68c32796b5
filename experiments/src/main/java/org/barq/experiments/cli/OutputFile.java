package org.barq.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path path = Path.of(value);
        try {
            AtomicFiles.requireFileTarget(path);
        } catch (InvalidInputException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        return path;
    }

    /**
     * Refuses an output that names one of the command's inputs, which writing it would destroy.
     *
     * @param outOption the output's option, e.g. {@code --out}
     * @param out       the output, or null when not given
     * @param inOption  the input's option or parameter, e.g. {@code --model}
     * @param in        the input, or null when not given
     */
    static void requireNotInput(String outOption, Path out, String inOption, Path in) {
        if (out != null && in != null && same(out, in)) {
            throw new InvalidInputException(outOption + " " + out + " is the " + inOption + " file, which writing it"
                    + " would replace. Maybe another name for " + outOption + "?");
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
