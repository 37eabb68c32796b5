package org.barq.features;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.barq.api.features.FeatureQuantizerFactory;

/** Registers barq's input-feature quantizers by name. Does no I/O and holds no conditionals. */
public final class FeaturesModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, FeatureQuantizerFactory> quantizers = MapBinder.newMapBinder(binder(), String.class,
                FeatureQuantizerFactory.class);
        quantizers.addBinding(BinaryQuantizer.NAME).toInstance(NamedFactory.binary());
        quantizers.addBinding(TernaryQuantizer.NAME).toInstance(NamedFactory.ternary());
        quantizers.addBinding(UniformQuantizer.NAME).toInstance(NamedFactory.uniform());
        quantizers.addBinding(NamedFactory.QUANTILE).toInstance(NamedFactory.quantile());
        quantizers.addBinding(NamedFactory.BITWISE_FIXED).toInstance(NamedFactory.bitwiseFixed());
        quantizers.addBinding(NamedFactory.BITWISE).toInstance(NamedFactory.bitwise());
    }
}
