package org.barq.experiments;

import com.google.inject.AbstractModule;
import org.barq.corrections.CorrectionsModule;
import org.barq.features.FeaturesModule;
import org.barq.solvers.SolversModule;

/**
 * The application's bindings: barq's own solvers, logit corrections and feature quantizers. Plug-in modules are added
 * beside it in {@code main}.
 */
public final class BarqModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new SolversModule());
        install(new CorrectionsModule());
        install(new FeaturesModule());
    }
}
