package org.barq.corrections;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.barq.api.correction.CorrectionFitter;
import org.barq.corrections.affine.AffineFitter;
import org.barq.corrections.cat.CatFitter;

/** Registers barq's logit corrections by name. Does no I/O and holds no conditionals. */
public final class CorrectionsModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, CorrectionFitter> fitters = MapBinder.newMapBinder(binder(), String.class,
                CorrectionFitter.class);
        fitters.addBinding(CatFitter.NAME).to(CatFitter.class);
        fitters.addBinding(AffineFitter.NAME).to(AffineFitter.class);
    }
}
