package io.fluxfix.runner.run;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.List;

/**
 * The runner's Prometheus registry. Every FluxFix meter's name starts with {@code fluxfix.} (Prometheus:
 * {@code fluxfix_}): the modules' own meters already do (the sessions' {@code fluxfix.session.*}), and a
 * registry-level filter prefixes any other meter a module registers here, so no series escapes the prefix.
 * The JVM binders keep their standard names ({@code jvm_*}, {@code process_*}, {@code system_*}), which
 * dashboards expect.
 */
final class RunnerMeters implements AutoCloseable {

    static final String PREFIX = "fluxfix.";
    /** Standard binder families that keep their names. */
    static final List<String> STANDARD = List.of("jvm.", "process.", "system.");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    RunnerMeters() {
        registry.config().meterFilter(prefixFilter());
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    static MeterFilter prefixFilter() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName();
                if (name.startsWith(PREFIX) || STANDARD.stream().anyMatch(name::startsWith)) {
                    return id;
                }
                return id.withName(PREFIX + name);
            }
        };
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
