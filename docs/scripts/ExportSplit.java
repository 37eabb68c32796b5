import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.barq.api.data.Dataset;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.experiments.data.DatasetResolver;

/**
 * Writes one split of a barq study's data set as gzip IDX files, so that work outside barq sees exactly barq's
 * samples: a model trained elsewhere (train_given_mlp.py) on the training split never sees barq's calibration
 * samples, and a prototype (sign_gradient_pass.py) fits the calibration split. Run with the built jar on the class
 * path, from the repository's root:
 * <pre>
 * BARQ_DATA=../shared/data java -cp experiments/target/barq.jar docs/scripts/ExportSplit.java mnist 12000 0 train OUT
 * </pre>
 * (data set, calibration_max, split_seed, train or calibration, output folder: OUT/train-images-idx3-ubyte.gz and
 * OUT/train-labels-idx1-ubyte.gz, named like the shipped files whichever split they hold).
 */
public final class ExportSplit {
    public static void main(String[] args) throws IOException {
        if (args.length != 5 || !(args[3].equals("train") || args[3].equals("calibration"))) {
            System.err.println("usage: ExportSplit DATASET CALIBRATION_MAX SPLIT_SEED train|calibration OUT_FOLDER");
            System.exit(2);
        }
        Splits splits = new DatasetResolver(DatasetResolver.defaultDataDir()).resolve(args[0],
                SplitSpec.withCalibrationMax(Integer.parseInt(args[1])), Long.parseLong(args[2]));
        Dataset part = args[3].equals("train") ? splits.train() : splits.calibration();
        Path out = Path.of(args[4]);
        Files.createDirectories(out);
        int n = part.size();
        int d = part.dimension();
        int side = (int) Math.round(Math.sqrt(d));
        try (DataOutputStream images = gzip(out.resolve("train-images-idx3-ubyte.gz"));
             DataOutputStream labels = gzip(out.resolve("train-labels-idx1-ubyte.gz"))) {
            images.writeInt(0x803);
            images.writeInt(n);
            images.writeInt(side);
            images.writeInt(d / side);
            labels.writeInt(0x801);
            labels.writeInt(n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    images.writeByte(Math.round(part.feature(i, j)));
                }
                labels.writeByte(part.label(i));
            }
        }
        System.out.printf("wrote the %d %s samples of %s (train %d, calibration %d, test %d) to %s%n", n, args[3],
                args[0], splits.train().size(), splits.calibration().size(), splits.test().size(), out);
    }

    private static DataOutputStream gzip(Path file) throws IOException {
        return new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)));
    }
}
