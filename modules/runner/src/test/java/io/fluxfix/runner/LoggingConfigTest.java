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

    /**
     * QuickFIX/J's ERROR for MINA's write to an already closed TLS socket (every logout) is dropped; any other
     * exception its handlers log, and that exception from anyone else, still shows.
     */
    @Test
    void aWriteToAClosedSocketAtLogoutIsNotAnErrorLineOtherErrorsAre() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.setContext(context);
        seen.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(seen);
        try {
            org.slf4j.Logger qfj = LoggerFactory.getLogger("quickfix.mina.initiator.InitiatorIoHandler");
            qfj.error("Socket (localhost/127.0.0.1:1234): ",
                    new org.apache.mina.core.write.WriteToClosedSessionException(new org.apache.mina.core.write.DefaultWriteRequest("close notice")));
            qfj.error("Socket exception (localhost/127.0.0.1:1234): ", new java.io.IOException("Connection reset"));
            LoggerFactory.getLogger("io.fluxfix.elsewhere").error("write after close",
                    new org.apache.mina.core.write.WriteToClosedSessionException(new org.apache.mina.core.write.DefaultWriteRequest("close notice")));
            assertThat(seen.list).extracting(e -> e.getLoggerName() + ": " + e.getThrowableProxy().getClassName())
                    .containsExactly("quickfix.mina.initiator.InitiatorIoHandler: java.io.IOException",
                            "io.fluxfix.elsewhere: org.apache.mina.core.write.WriteToClosedSessionException");
        } finally {
            root.detachAppender(seen);
        }
    }
}
