package org.barq.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverOptions;
import org.barq.solvers.plugin.ExamplePlugin;
import org.junit.jupiter.api.Test;

class SolverRegistryTest {
    private static final List<String> BUILT_IN = List.of("adaround", "coordinate-descent", "gptq", "greedy",
            "local-search", "nearest", "pair-search", "stochastic");

    private static SolverRegistry registry(List<Module> extra) {
        List<Module> modules = new ArrayList<>(extra);
        modules.add(new SolversModule());
        Injector injector = Guice.createInjector(modules);
        return injector.getInstance(SolverRegistry.class);
    }

    @Test
    void everyBuiltInSolverIsRegisteredUnderItsName() {
        SolverRegistry registry = registry(List.of());
        assertEquals(BUILT_IN, registry.all().stream().map(s -> s.descriptor().name()).toList());
        for (String name : BUILT_IN) {
            Solver solver = registry.get(name);
            assertEquals(name, solver.descriptor().name());
            assertTrue(!solver.descriptor().description().isBlank());
            SolverOptions defaults = SolverOptions.defaults(solver.descriptor());
            for (OptionSpec spec : solver.descriptor().options()) {
                assertTrue(!spec.description().isBlank(), name + " " + spec.name());
                assertEquals(spec.defaultValue(), defaults.getString(spec.name()));
            }
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> registry(List.of()).get("anneal"));
        assertTrue(e.getMessage().contains("'anneal'"), e.getMessage());
        assertTrue(e.getMessage().contains(String.join(", ", BUILT_IN)), e.getMessage());
        assertTrue(e.getMessage().contains("Maybe"), e.getMessage());
    }

    @Test
    void aPluginFoundByServiceLoaderAddsItsSolver() {
        List<Module> plugins = SolverPlugins.modules(getClass().getClassLoader());
        assertEquals(1, plugins.size());
        SolverRegistry registry = registry(plugins);
        assertEquals(ExamplePlugin.NAME, registry.get(ExamplePlugin.NAME).descriptor().name());
        assertEquals(BUILT_IN.size() + 1, registry.all().size());
        assertTrue(registry.get("greedy") != null);
    }
}
