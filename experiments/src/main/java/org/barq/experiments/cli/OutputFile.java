package org.barq.experiments.cli;

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
}
