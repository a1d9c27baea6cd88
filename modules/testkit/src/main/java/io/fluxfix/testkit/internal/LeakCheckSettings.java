package io.fluxfix.testkit.internal;

import io.fluxfix.testkit.LeakCheck;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link LeakCheck} annotations say for one test or one test class.
 *
 * @param grace               how long resources still shutting down may take
 * @param scope               when the test's resources are checked
 * @param allowDroppedSignals whether Reactor may drop signals
 * @param allowedThreads      thread name globs, from every level, as patterns
 */
public record LeakCheckSettings(Duration grace, LeakCheck.Scope scope, boolean allowDroppedSignals,
                                List<Pattern> allowedThreads) {

    /** Settings for a test method: its annotation, then its class's. */
    public static LeakCheckSettings forTest(ExtensionContext context) {
        List<LeakCheck> nearestFirst = new ArrayList<>();
        context.getTestMethod().flatMap(m -> find(m)).ifPresent(nearestFirst::add);
        nearestFirst.addAll(classAnnotations(context));
        return of(nearestFirst);
    }

    /** Settings for a test class: its annotation, then those of the classes a {@code @Nested} class sits in. */
    public static LeakCheckSettings forClass(ExtensionContext context) {
        return of(classAnnotations(context));
    }

    public boolean allowsThread(String name) {
        return allowedThreads.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** A glob in which {@code *} matches any run of characters, as a pattern for the whole name. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static LeakCheckSettings of(List<LeakCheck> nearestFirst) {
        List<Pattern> allowed = new ArrayList<>();
        nearestFirst.forEach(a -> List.of(a.allowThreads()).forEach(g -> allowed.add(glob(g))));
        if (nearestFirst.isEmpty()) {
            return new LeakCheckSettings(Duration.ofMillis(LeakCheck.DEFAULT_GRACE_MILLIS), LeakCheck.Scope.TEST,
                    false, List.copyOf(allowed));
        }
        LeakCheck nearest = nearestFirst.get(0);
        if (nearest.graceMillis() < 0) {
            throw new ExtensionConfigurationException("@LeakCheck(graceMillis) must not be negative");
        }
        return new LeakCheckSettings(Duration.ofMillis(nearest.graceMillis()), nearest.scope(),
                nearest.allowDroppedSignals(), List.copyOf(allowed));
    }

    private static List<LeakCheck> classAnnotations(ExtensionContext context) {
        List<LeakCheck> found = new ArrayList<>();
        Class<?> type = context.getTestClass().orElse(null);
        while (type != null) {
            find(type).ifPresent(found::add);
            // Only a @Nested (inner) class inherits from the class around it; a static nested class is its own test.
            type = Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
        }
        return found;
    }

    private static Optional<LeakCheck> find(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, LeakCheck.class);
    }
}
