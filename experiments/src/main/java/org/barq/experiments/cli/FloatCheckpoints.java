package org.barq.experiments.cli;

import java.nio.file.Path;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;

/** Reads the float model that a command rounds or compares against; a rounded file there is a mistake, not input. */
final class FloatCheckpoints {
    private FloatCheckpoints() {
    }

    /**
     * A rounded checkpoint also runs as a float model (its weights are {@code scale * codes}), so rounding it again
     * would succeed and quietly measure everything against the wrong reference: the rounded model instead of the
     * float one it came from. Refused, naming the float file's recorded SHA-256 so the user can find it.
     *
     * @param file   the checkpoint
     * @param option the option that named it, for the message
     * @return the float checkpoint
     * @throws InvalidInputException when the file is malformed or holds a rounded model
     */
    static LoadedCheckpoint read(Path file, String option) {
        LoadedCheckpoint checkpoint = Checkpoints.read(file);
        if (checkpoint.isRounded()) {
            throw new InvalidInputException(option + " " + file + " is a rounded checkpoint ("
                    + checkpoint.metadata().getOrDefault(Checkpoints.BITS, "?") + " bits, solver "
                    + checkpoint.metadata().getOrDefault(Checkpoints.SOLVER, "?") + "), but " + option
                    + " takes a float model: barq rounds and measures against the float weights. Maybe pass the float"
                    + " checkpoint it was rounded from (SHA-256 "
                    + checkpoint.metadata().getOrDefault(Checkpoints.SOURCE_SHA256, "not recorded") + ")?");
        }
        return checkpoint;
    }
}
