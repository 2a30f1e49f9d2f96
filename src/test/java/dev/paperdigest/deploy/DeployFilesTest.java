package dev.paperdigest.deploy;

import dev.paperdigest.admin.AdminPasswordConfigSource;
import dev.paperdigest.deploy.DeployFiles.Container;
import dev.paperdigest.deploy.DeployFiles.Probe;
import dev.paperdigest.deploy.DeployFiles.Runs;
import dev.paperdigest.deploy.DeployFiles.Setting;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The image, Compose, Kubernetes and systemd files of {@code deploy/} and {@code src/main/docker/}
 * give the service only settings it has, and probe it where it answers.
 */
@NoDatabase
class DeployFilesTest {

    /** Probes that never include the wellness checks, which must not take an instance out (README, "Watching it"). */
    static final Map<String, Set<String>> PROBE_PATHS = Map.of(
            "livenessProbe", Set.of("/q/health/live"),
            "readinessProbe", Set.of("/q/health/ready"),
            "startupProbe", Set.of("/q/health/started", "/q/health/live"),
            "healthcheck", Set.of("/q/health/ready", "/q/health/live"),
            "HEALTHCHECK", Set.of("/q/health/ready", "/q/health/live"));

    /** The variables the service's image reads itself (its run-java.sh), beside the service's settings. */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_APP_JAR", "LANGUAGE");

    /** System properties in JAVA_OPTS* that are no configuration key. */
    static final Set<String> SYSTEM_PROPERTIES = Set.of("java.util.logging.manager");

    /** What the PostgreSQL and Mailpit images read; nothing of the service belongs there. */
    static final Map<Runs, Set<String>> OTHER_VARIABLES = Map.of(
            Runs.POSTGRES, Set.of("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"),
            Runs.MAILPIT, Set.of());

    final DeployFiles files = DeployFiles.read();
    final QuarkusKeys quarkus = QuarkusKeys.onTheClasspath();
    final List<ServiceKeys.Key> serviceKeys = ServiceKeys.all();

    @Test
    void readsEveryFileAndItsReferencesHold() {
        assertNoProblems("files under deploy/ and src/main/docker/", List.copyOf(files.problems));
        assertTrue(
                files.containers.stream().anyMatch(c -> c.source().equals(DeployFiles.IMAGE.toString())),
                "no " + DeployFiles.IMAGE);
        assertTrue(files.compose != null, "no Compose file under deploy/");
        assertTrue(files.kustomization != null, "no kustomization.yaml under deploy/");
        assertTrue(
                files.containers.stream().anyMatch(c -> c.runs() == Runs.SERVICE_ON_HOST),
                "no systemd unit under deploy/");
    }

    @Test
    void everyVariableIsASettingOfWhatItIsGivenTo() {
        List<String> problems = new ArrayList<>();
        for (Container container : files.containers) {
            for (Setting setting : container.settings()) {
                problem(container.runs(), setting).ifPresent(p -> problems.add(setting.source() + ": " + p));
            }
        }
        assertNoProblems("variables", problems);
    }

    @Test
    void portsAndProbesPointAtTheServiceAndItsHealthChecks() {
        List<String> problems = new ArrayList<>();
        for (Container container : files.containers) {
            if (container.runs() != Runs.SERVICE_IMAGE) {
                continue;
            }
            int port = httpPort(container);
            container.ports().stream()
                    .filter(p -> p != port)
                    .forEach(p -> problems.add(
                            container.source() + ": opens port " + p + ", the service listens on " + port));
            if (container.ports().isEmpty()) {
                problems.add(container.source() + ": names no port (the service listens on " + port + ")");
            }
            if (container.probes().isEmpty()) {
                problems.add(container.source() + ": probes no health check");
            }
            for (Probe probe : container.probes()) {
                if (probe.port() != port) {
                    problems.add(probe.source() + ": the " + probe.kind() + " asks port " + probe.port()
                            + ", the service listens on " + port);
                }
                if (!PROBE_PATHS.get(probe.kind()).contains(probe.path())) {
                    problems.add(probe.source() + ": the " + probe.kind() + " asks " + probe.path() + ", not one of "
                            + PROBE_PATHS.get(probe.kind()) + " (/q/health and /q/health/well include warnings that"
                            + " must not take an instance out)");
                }
            }
        }
        for (Container container : files.containers) {
            if (isKubernetes(container)) {
                Set<String> kinds = container.probes().stream().map(Probe::kind).collect(Collectors.toSet());
                if (!kinds.containsAll(Set.of("startupProbe", "livenessProbe", "readinessProbe"))) {
                    problems.add(container.source() + ": has " + kinds
                            + ", not a startup, liveness and readiness probe each");
                }
            }
        }
        assertNoProblems("ports and probes", problems);
    }

    @Test
    void theServiceNeverRunsAsRoot() {
        List<String> problems = new ArrayList<>();
        for (Container container : files.containers) {
            if (container.runs() == Runs.SERVICE_IMAGE || container.runs() == Runs.SERVICE_ON_HOST) {
                if (container.user() == null || Set.of("root", "0").contains(container.user())) {
                    problems.add(container.source() + ": runs as "
                            + (container.user() == null ? "whoever the image says" : container.user()));
                }
            }
        }
        assertNoProblems("users", problems);
    }

    @Test
    void theJvmOptionsOfTheImageAreKeptAndTheHeapFitsTheMemoryLimit() {
        Container image = image();
        List<String> imageOptions =
                DeployFiles.words(image.setting("JAVA_OPTS_APPEND").orElseThrow());
        List<String> problems = new ArrayList<>();
        for (Container container : files.containers) {
            Optional<String> options = container.setting("JAVA_OPTS_APPEND");
            if (container == image || options.isEmpty()) {
                continue;
            }
            List<String> words = DeployFiles.words(options.get());
            if (!words.containsAll(imageOptions)) {
                problems.add(container.source() + ": JAVA_OPTS_APPEND replaces the image's, and leaves out some of "
                        + imageOptions);
            }
            if (isKubernetes(container)) {
                long limit = kubernetesBytes(container
                        .definition()
                        .get("resources", "limits", "memory")
                        .text());
                Matcher heap = Pattern.compile("-Xmx(\\d+[kKmMgG]?)").matcher(options.get());
                if (!heap.find()) {
                    problems.add(container.source() + ": no -Xmx in JAVA_OPTS_APPEND");
                } else if (jvmBytes(heap.group(1)) > limit * 3 / 4) {
                    problems.add(container.source() + ": a heap of " + heap.group(1) + " leaves too little of the"
                            + " memory limit of " + limit / (1 << 20) + " MiB to the rest of the JVM (at most 3/4)");
                }
            }
        }
        assertNoProblems("JVM options", problems);
    }

    @Test
    void theKubernetesObjectsFitTogether() {
        List<String> problems = new ArrayList<>();
        kustomizationListsEveryFile(problems);
        for (Yaml object : files.kubernetesObjects) {
            String kind = object.get("kind").text();
            String name = object.get("metadata", "name").text();
            String where = object.file() + " (" + kind + " " + name + ")";
            switch (kind) {
                case "ConfigMap", "Secret" -> {
                    if (objects("Deployment").stream().noneMatch(d -> uses(d, kind, name))) {
                        problems.add(where + ": no container takes its keys");
                    }
                }
                case "Service" -> {
                    Optional<Yaml> pods = selected(object.get("spec", "selector"), where, problems);
                    for (Yaml port : object.get("spec", "ports").items()) {
                        String target = port.get("targetPort").text();
                        if (pods.isPresent() && !hasPort(pods.get(), target)) {
                            problems.add(where + ": targetPort " + target + " is no port of the containers");
                        }
                    }
                }
                case "PodDisruptionBudget" -> {
                    Optional<Yaml> pods = selected(object.get("spec", "selector", "matchLabels"), where, problems);
                    int replicas = pods.map(d ->
                                    Integer.parseInt(d.get("spec", "replicas").text()))
                            .orElse(0);
                    if (Integer.parseInt(object.get("spec", "minAvailable").text()) >= replicas) {
                        problems.add(where + ": minAvailable leaves no replica to evict out of " + replicas);
                    }
                }
                case "Ingress" -> ingressBackendsAreServices(object, where, problems);
                default -> {}
            }
        }
        for (Container container : files.containers) {
            Yaml definition = container.definition();
            if (isKubernetes(container)
                    && "true"
                            .equals(definition
                                    .get("securityContext", "readOnlyRootFilesystem")
                                    .text())
                    && definition.get("volumeMounts").items().stream()
                            .noneMatch(mount ->
                                    "/tmp".equals(mount.get("mountPath").text()))) {
                problems.add(container.source() + ": a read-only root file system without a volume at /tmp, where"
                        + " the service writes its temporary files");
            }
        }
        assertNoProblems("Kubernetes objects", problems);
    }

    private void kustomizationListsEveryFile(List<String> problems) {
        Path folder = files.kustomizationFile.getParent();
        Set<String> listed = files.kustomization.get("resources").items().stream()
                .map(Yaml::text)
                .collect(Collectors.toSet());
        Set<String> present = files.kubernetesFiles.stream()
                .map(file -> folder.relativize(file).toString())
                .collect(Collectors.toSet());
        for (String resource : listed) {
            if (!present.contains(resource)) {
                problems.add(files.kustomizationFile + ": lists " + resource + ", no file of Kubernetes objects");
            }
        }
        for (String file : present) {
            if (!listed.contains(file)) {
                problems.add(folder.resolve(file) + ": not among the resources of " + files.kustomizationFile);
            }
        }
    }

    private Optional<Yaml> selected(Yaml selector, String where, List<String> problems) {
        Optional<Yaml> deployment =
                objects("Deployment").stream().filter(d -> selects(selector, d)).findFirst();
        if (deployment.isEmpty()) {
            problems.add(where + ": its selector " + selector.value() + " picks no Deployment's pods");
        }
        return deployment;
    }

    private void ingressBackendsAreServices(Yaml ingress, String where, List<String> problems) {
        for (Yaml rule : ingress.get("spec", "rules").items()) {
            for (Yaml path : rule.get("http", "paths").items()) {
                Yaml backend = path.get("backend", "service");
                String name = backend.get("name").text();
                String port = backend.get("port", "number").exists()
                        ? backend.get("port", "number").text()
                        : backend.get("port", "name").text();
                boolean served = files.kubernetesObject("Service", name)
                        .map(service -> service.get("spec", "ports").items().stream()
                                .anyMatch(p -> port.equals(p.get("port").text())
                                        || port.equals(p.get("name").text())))
                        .orElse(false);
                if (!served) {
                    problems.add(where + ": its backend " + name + ":" + port + " is no port of a Service");
                }
            }
        }
    }

    @Test
    void composeWiresTheReplicasToItsDatabaseAndMailCatcher() {
        List<String> problems = new ArrayList<>();
        Map<String, Container> services = files.containers.stream()
                .filter(c -> c.source().startsWith(files.compose.file() + ","))
                .collect(Collectors.toMap(Container::name, c -> c));
        for (Container service : services.values()) {
            if (service.runs() != Runs.SERVICE_IMAGE) {
                continue;
            }
            Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)")
                    .matcher(service.setting("QUARKUS_DATASOURCE_JDBC_URL").orElse(""));
            Container database = url.matches() ? services.get(url.group(1)) : null;
            if (database == null || database.runs() != Runs.POSTGRES) {
                problems.add(
                        service.source() + ": QUARKUS_DATASOURCE_JDBC_URL names no PostgreSQL service of the file");
            } else {
                String db = database.name();
                agree(
                        problems,
                        service,
                        "the JDBC URL's database",
                        url.group(3),
                        db + "'s POSTGRES_DB",
                        setting(database, "POSTGRES_DB"));
                agree(problems, service, "the JDBC URL's port", url.group(2), "PostgreSQL's", "5432");
                Map.of(
                                "QUARKUS_DATASOURCE_USERNAME",
                                "POSTGRES_USER",
                                "QUARKUS_DATASOURCE_PASSWORD",
                                "POSTGRES_PASSWORD")
                        .forEach((mine, theirs) -> agree(
                                problems,
                                service,
                                mine,
                                setting(service, mine),
                                db + "'s " + theirs,
                                setting(database, theirs)));
                agree(
                        problems,
                        service,
                        "depends_on." + db + ".condition",
                        service.definition().get("depends_on", db, "condition").text(),
                        "waiting for its healthcheck",
                        "service_healthy");
                if (!database.definition().get("healthcheck").exists()) {
                    problems.add(database.source() + ": no healthcheck, so service_healthy never comes");
                }
            }
            Container mail = services.get(service.setting("QUARKUS_MAILER_HOST").orElse(""));
            if (mail == null || mail.runs() != Runs.MAILPIT) {
                problems.add(service.source() + ": QUARKUS_MAILER_HOST names no Mailpit service of the file");
            } else {
                agree(
                        problems,
                        service,
                        "QUARKUS_MAILER_PORT",
                        setting(service, "QUARKUS_MAILER_PORT"),
                        "Mailpit's SMTP port",
                        "1025");
                agree(
                        problems,
                        service,
                        "QUARKUS_MAILER_MOCK",
                        setting(service, "QUARKUS_MAILER_MOCK"),
                        "sending to it",
                        "false");
            }
        }
        assertNoProblems("Compose file", problems);
    }

    /** Why a variable is no setting of what it is given to; empty when it is one. */
    Optional<String> problem(Runs runs, Setting setting) {
        String name = setting.name();
        if (runs == Runs.POSTGRES || runs == Runs.MAILPIT) {
            return OTHER_VARIABLES.get(runs).contains(name)
                    ? Optional.empty()
                    : Optional.of(
                            name + " is not among what the " + runs + " container reads: " + OTHER_VARIABLES.get(runs));
        }
        if (runs == Runs.SERVICE_IMAGE && IMAGE_VARIABLES.contains(name)) {
            return name.startsWith("JAVA_OPTS") ? systemPropertyProblem(name, setting.value()) : Optional.empty();
        }
        return serviceSettingProblem(name);
    }

    Optional<String> serviceSettingProblem(String name) {
        if (name.equals(AdminPasswordConfigSource.VARIABLE)) {
            return Optional.empty();
        }
        if (name.startsWith("DIGEST_")) {
            return serviceKeys.stream().anyMatch(key -> key.isSetBy(name))
                    ? Optional.empty()
                    : Optional.of(name
                            + " sets no digest.* key of the service (deploy/README.md, \"Configuration reference\")");
        }
        if (name.startsWith("QUARKUS_")) {
            return quarkusKeyProblem(name, quarkus.setBy(name));
        }
        return Optional.of(name + " is no setting of the service (DIGEST_*, QUARKUS_* or "
                + AdminPasswordConfigSource.VARIABLE + ")");
    }

    /** The {@code -Dkey=value} options in JAVA_OPTS*: keys read at run time, or a few JVM properties. */
    Optional<String> systemPropertyProblem(String variable, String options) {
        for (String option : DeployFiles.words(options)) {
            if (!option.startsWith("-D")) {
                continue;
            }
            String property = option.substring(2).replaceFirst("=.*", "");
            if (SYSTEM_PROPERTIES.contains(property)) {
                continue;
            }
            Optional<String> problem = property.startsWith("digest.")
                    ? serviceSettingProblem(ConfigNames.environmentVariable(property))
                            .map(why -> variable + ": -D" + property + ": " + why)
                    : quarkusKeyProblem(variable + ": -D" + property, quarkus.setByProperty(property));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** Why a Quarkus key, as a variable or a system property, is not to be set at run time; empty when it is. */
    private static Optional<String> quarkusKeyProblem(String spelling, Optional<QuarkusKeys.Key> key) {
        if (key.isEmpty()) {
            return Optional.of(spelling + " sets no configuration key of Quarkus or its extensions");
        } else if (key.get().deprecatedSince().isPresent()) {
            return Optional.of(spelling + " sets " + key.get().name() + ", deprecated since Quarkus "
                    + key.get().deprecatedSince().get());
        } else if (!key.get().atRunTime()) {
            return Optional.of(spelling + " sets " + key.get().name() + ", which is fixed when the application is"
                    + " built (" + key.get().phase() + "), not read at run time");
        }
        return Optional.empty();
    }

    /** The port the service listens on in the container: quarkus.http.port, as set there or by default. */
    int httpPort(Container container) {
        return Integer.parseInt(container
                .setting("QUARKUS_HTTP_PORT")
                .orElseGet(
                        () -> quarkus.named("quarkus.http.port").defaultValue().orElseThrow()));
    }

    private Container image() {
        return files.containers.stream()
                .filter(c -> c.source().equals(DeployFiles.IMAGE.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + DeployFiles.IMAGE));
    }

    private static boolean isKubernetes(Container container) {
        return container.source().contains("(Deployment ");
    }

    private List<Yaml> objects(String kind) {
        return files.kubernetesObjects.stream()
                .filter(o -> kind.equals(o.get("kind").text()))
                .toList();
    }

    private static boolean uses(Yaml deployment, String kind, String name) {
        String from = kind.equals("ConfigMap") ? "configMapRef" : "secretRef";
        String ref = kind.equals("ConfigMap") ? "configMapKeyRef" : "secretKeyRef";
        return deployment.get("spec", "template", "spec", "containers").items().stream()
                .anyMatch(c -> c.get("envFrom").items().stream()
                                .anyMatch(f -> name.equals(f.get(from, "name").text()))
                        || c.get("env").items().stream()
                                .anyMatch(e -> name.equals(
                                        e.get("valueFrom", ref, "name").text())));
    }

    private static boolean selects(Yaml selector, Yaml deployment) {
        Map<String, Yaml> labels =
                deployment.get("spec", "template", "metadata", "labels").entries();
        Map<String, Yaml> wanted = selector.entries();
        return !wanted.isEmpty()
                && wanted.entrySet().stream()
                        .allMatch(e -> labels.containsKey(e.getKey())
                                && e.getValue()
                                        .text()
                                        .equals(labels.get(e.getKey()).text()));
    }

    private static boolean hasPort(Yaml deployment, String port) {
        return deployment.get("spec", "template", "spec", "containers").items().stream()
                .flatMap(c -> c.get("ports").items().stream())
                .anyMatch(p -> port.equals(p.get("name").text())
                        || port.equals(p.get("containerPort").text()));
    }

    private static void agree(
            List<String> problems, Container service, String what, String actual, String whose, String expected) {
        if (expected == null || !expected.equals(actual)) {
            problems.add(service.source() + ": " + what + " is " + actual + ", " + whose + " is " + expected);
        }
    }

    private static String setting(Container container, String variable) {
        return container.setting(variable).orElse(null);
    }

    /** A JVM size: 512m, 1g (binary units). */
    static long jvmBytes(String size) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG]?)").matcher(size);
        assertTrue(m.matches(), "not a JVM size: " + size);
        String unit = m.group(2).toLowerCase();
        return Long.parseLong(m.group(1)) << (unit.isEmpty() ? 0 : 10 * ("kmg".indexOf(unit) + 1));
    }

    /** A Kubernetes memory quantity: 1536Mi, 2Gi, 1G, or bytes. */
    static long kubernetesBytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|M|G)?").matcher(quantity);
        assertTrue(m.matches(), "not a Kubernetes memory quantity: " + quantity + " (\"m\" means a thousandth)");
        long number = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> number << 10;
            case "Mi" -> number << 20;
            case "Gi" -> number << 30;
            case "k" -> number * 1_000;
            case "M" -> number * 1_000_000;
            case "G" -> number * 1_000_000_000;
            default -> number;
        };
    }

    static void assertNoProblems(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) with the " + what + ":\n  " + String.join("\n  ", problems));
        }
    }
}
