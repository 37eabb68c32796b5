package org.barq.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The converter of an option naming a file that barq writes: an existing folder of that name is refused while the
 * command line is read, not after minutes of training or rounding, when the rename onto it would fail.
 */
final class OutputFile implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        Path path = Path.of(value);
        if (Files.isDirectory(path)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is a folder, and barq writes a file there."
                    + " Maybe a file name inside it (" + path.resolve("NAME") + ")?");
        }
        return path;
    }
}
