package org.barq.solvers;

import com.google.inject.Module;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds third-party solvers: every {@link SolverPlugin} that {@link ServiceLoader} sees on a class path. */
public final class SolverPlugins {
    private SolverPlugins() {
    }

    /**
     * @param loader where to look for {@code META-INF/services/org.barq.solvers.SolverPlugin}
     * @return the plug-ins' modules, ordered by plug-in class name so that start-up does not depend on class-path
     *         order
     */
    public static List<Module> modules(ClassLoader loader) {
        return ServiceLoader.load(SolverPlugin.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(p -> p.getClass().getName()))
                .map(SolverPlugin::module)
                .toList();
    }
}
