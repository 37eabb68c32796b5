package org.barq.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The converter of an option naming a folder that barq writes into: an existing file of that name is refused while
 * the command line is read, not after the work, when the first file written into it would fail.
 */
final class OutputFolder implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        Path path = Path.of(value);
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new CommandLine.TypeConversionException(path + " is a file, and barq writes a folder of files"
                    + " there. Maybe a new folder name?");
        }
        return path;
    }
}
