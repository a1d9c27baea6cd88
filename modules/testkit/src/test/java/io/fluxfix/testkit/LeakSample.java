package io.fluxfix.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Marks a sample test class that leaks on purpose. Samples are static nested classes, which Surefire's default
 * excludes ({@code **}{@code /*$*}) never run; this guard also keeps them disabled when an IDE or a package
 * scan finds them, since only {@link SampleRun} sets the parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIf("io.fluxfix.testkit.SampleRun#launchedBySampleRun")
@interface LeakSample {
}
