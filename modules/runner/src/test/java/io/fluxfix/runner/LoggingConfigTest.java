package io.fluxfix.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;

/** The runner's logback.xml is the one in force, and it sends INFO and up to stderr. */
class LoggingConfigTest {

    @Test
    void rootLogsAtInfoToStderrWithoutConfigurationComplaints() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDERR"))
                .isInstanceOfSatisfying(ConsoleAppender.class,
                        appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("logback configuration warnings and errors")
                .noneMatch(status -> status.getEffectiveLevel() >= Status.WARN);
    }
}
