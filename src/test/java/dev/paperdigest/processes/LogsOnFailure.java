package dev.paperdigest.processes;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** When a test fails, prints the end of every service process's log: CI keeps only what was printed. */
final class LogsOnFailure implements TestWatcher {

    private static final int LINES = 120;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (ServiceProcess process : ServiceProcess.STARTED) {
            System.out.printf("%n---- last %d lines of %s ----%n%s%n", LINES, process.log, process.logTail(LINES));
        }
    }
}
