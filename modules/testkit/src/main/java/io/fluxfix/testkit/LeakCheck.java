package io.fluxfix.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tunes {@link LeakCheckExtension} for a test class or a single test method.
 *
 * <p>The annotation also registers the extension, so a module that does not enable JUnit's extension
 * auto-detection can opt a class in with {@code @LeakCheck} alone.
 *
 * <p>The nearest annotation (method, then class, then the classes a {@code @Nested} class sits in) decides
 * {@link #graceMillis()}, {@link #scope()} and {@link #allowDroppedSignals()}; {@link #allowThreads()} of every
 * level is added together.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LeakCheckExtension.class)
public @interface LeakCheck {

    /** Default of {@link #graceMillis()}. */
    long DEFAULT_GRACE_MILLIS = 5_000;

    /**
     * Names of threads this test may leave running, as globs in which {@code *} matches any run of characters
     * ({@code "venue-sim-*"}). Without a {@code *} a name must match exactly.
     */
    String[] allowThreads() default {};

    /**
     * How long threads and QuickFIX/J sessions that are still shutting down when the test ends may take to go
     * away before they count as leaked.
     */
    long graceMillis() default DEFAULT_GRACE_MILLIS;

    /** When resources are checked; see {@link Scope}. */
    Scope scope() default Scope.TEST;

    /**
     * Lets Reactor drop {@code onError}/{@code onNext} signals without failing the test. Only for tests that
     * provoke a drop on purpose and verify it themselves, e.g. with {@code StepVerifier...hasDroppedElements()}.
     */
    boolean allowDroppedSignals() default false;

    /** When the extension compares what is alive with what was alive before. */
    enum Scope {
        /**
         * After every test, against what was alive before that test; and after the class, against what was alive
         * before the class, so a resource opened in {@code @BeforeAll} must be closed by {@code @AfterAll}.
         */
        TEST,
        /**
         * Only after the class. For tests that share a resource one of them opens lazily, or that create
         * resources owned by a class-wide one; everything must still be closed by {@code @AfterAll}.
         */
        CLASS
    }
}
