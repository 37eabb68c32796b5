package org.barq.experiments.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test that reads the real data sets ({@link SharedData}). The plain {@code mvn -B verify} excludes it, so
 * that a fresh clone passes its own tests; {@code mvn -B verify -Preal-data} runs only these.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealData.TAG)
public @interface RealData {
    /** The JUnit tag, named in the parent pom's surefire configuration. */
    String TAG = "real-data";
}
