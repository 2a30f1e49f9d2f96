package dev.paperdigest.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the suite-wide test resources for every {@code @QuarkusTest}. */
@QuarkusTestResource(SmtpServer.class)
@QuarkusTestResource(TestDatabase.class)
public final class SuiteResources {
    private SuiteResources() {}
}
