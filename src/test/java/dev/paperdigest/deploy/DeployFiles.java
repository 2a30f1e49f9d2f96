package dev.paperdigest.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the files under {@code deploy/} and {@code src/main/docker/} run: every container (or systemd
 * service) with the variables it is given, the ports it opens and how its health is probed, read
 * from the files as Docker, Compose, Kubernetes and systemd read them.
 */
final class DeployFiles {

    static final Path DEPLOY = Path.of("deploy");
    static final Path DOCKER = Path.of("src", "main", "docker");
    static final Path IMAGE = DOCKER.resolve("Dockerfile.jvm");

    /** What a container runs, which decides the variables it may be given. */
    enum Runs {
        /** the service in its image (Dockerfile.jvm), started by the image's run-java.sh */
        SERVICE_IMAGE,
        /** the service as a systemd unit, on the machine's own Java */
        SERVICE_ON_HOST,
        POSTGRES,
        MAILPIT
    }

    /** An environment variable, and the file (and object) that sets it. */
    record Setting(String source, String name, String value) {}

    /** An HTTP health probe: readinessProbe, livenessProbe, startupProbe or a healthcheck. */
    record Probe(String source, String kind, String path, int port) {}

    /**
     * @param user who the process runs as, as the file says; null when it does not say
     * @param definition the YAML that defines it (a Compose service, a Kubernetes container), if any
     */
    record Container(
            String source,
            String name,
            Runs runs,
            List<Setting> settings,
            List<Integer> ports,
            List<Probe> probes,
            String user,
            Yaml definition) {

        Optional<String> setting(String variable) {
            return settings.stream()
                    .filter(s -> s.name().equals(variable))
                    .map(Setting::value)
                    .reduce((first, last) -> last);
        }
    }

    final List<Container> containers = new ArrayList<>();
    final List<Yaml> kubernetesObjects = new ArrayList<>();
    final List<Path> kubernetesFiles = new ArrayList<>();
    /** What does not hold together while reading: unknown files, names that point nowhere. */
    final Set<String> problems = new LinkedHashSet<>();

    Yaml kustomization;
    Path kustomizationFile;
    Yaml compose;
    private final List<Path> units = new ArrayList<>();
    private final List<Path> environmentFiles = new ArrayList<>();
    private final Set<Path> readEnvironmentFiles = new LinkedHashSet<>();

    private DeployFiles() {}

    static DeployFiles read() {
        DeployFiles files = new DeployFiles();
        for (Path file : filesUnder(DEPLOY, DOCKER)) {
            files.readFile(file);
        }
        files.kubernetesObjects.stream()
                .filter(o -> "Deployment".equals(o.get("kind").text()))
                .forEach(files::readDeployment);
        files.units.forEach(files::readUnit);
        files.environmentFiles.stream()
                .filter(file -> !files.readEnvironmentFiles.contains(file))
                .forEach(file ->
                        files.problems.add(file + ": no unit's EnvironmentFile= names it, so nothing reads it"));
        return files;
    }

    static List<Path> filesUnder(Path... folders) {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private void readFile(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            for (Yaml document : Yaml.documents(file)) {
                if (name.equals("kustomization.yaml")) {
                    kustomization = document;
                    kustomizationFile = file;
                } else if (document.get("services").exists()) {
                    compose = document;
                    readCompose(document);
                } else if (document.get("apiVersion").exists()
                        && document.get("kind").exists()) {
                    kubernetesObjects.add(document);
                    if (!kubernetesFiles.contains(file)) {
                        kubernetesFiles.add(file);
                    }
                } else {
                    problems.add(file + ": neither a Compose file, a kustomization nor a Kubernetes object");
                }
            }
        } else if (name.startsWith("Dockerfile")) {
            readDockerfile(file);
        } else if (name.endsWith(".service")) {
            units.add(file);
        } else if (name.endsWith(".env")) {
            environmentFiles.add(file);
        } else if (!name.endsWith(".md")) {
            problems.add(file + ": a file this test does not read, so nothing in it is checked");
        }
    }

    // ---- Dockerfile ------------------------------------------------------------------------------

    private static final Pattern URL =
            Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1)(?::(\\d+))?(/[^\\s\"'|&;]*)");

    private void readDockerfile(Path file) {
        List<Setting> settings = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        String user = null;
        for (String line : logicalLines(file)) {
            String[] instruction = line.split("\\s+", 2);
            String arguments = instruction.length > 1 ? instruction[1] : "";
            switch (instruction[0].toUpperCase()) {
                case "ENV" -> settings.addAll(dockerEnv(file.toString(), arguments));
                case "EXPOSE" -> {
                    for (String port : arguments.split("\\s+")) {
                        ports.add(Integer.parseInt(port.replaceAll("/.*", "")));
                    }
                }
                case "USER" -> user = arguments.trim();
                case "HEALTHCHECK" -> probes.addAll(probesIn(file.toString(), "HEALTHCHECK", arguments));
                default -> {}
            }
        }
        containers.add(new Container(
                file.toString(), "paper-digest", Runs.SERVICE_IMAGE, settings, ports, probes, user, null));
    }

    /** The instructions, continued lines joined and comments left out. */
    private static List<String> logicalLines(Path file) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String physical : readLines(file)) {
            if (physical.strip().startsWith("#")) {
                continue;
            }
            if (physical.endsWith("\\")) {
                line.append(physical, 0, physical.length() - 1).append(' ');
                continue;
            }
            line.append(physical);
            if (!line.toString().isBlank()) {
                lines.add(line.toString().strip());
            }
            line.setLength(0);
        }
        return lines;
    }

    /** {@code ENV A=1 B="two words"}, or the old {@code ENV A one value}. */
    private static List<Setting> dockerEnv(String source, String arguments) {
        List<String> words = words(arguments);
        if (!words.isEmpty() && !words.get(0).contains("=")) {
            return List.of(new Setting(
                    source,
                    words.get(0),
                    arguments.strip().substring(words.get(0).length()).strip()));
        }
        return assignments(source, words);
    }

    private static List<Setting> assignments(String source, List<String> words) {
        List<Setting> settings = new ArrayList<>();
        for (String word : words) {
            int equals = word.indexOf('=');
            settings.add(
                    equals < 0
                            ? new Setting(source, word, null)
                            : new Setting(source, word.substring(0, equals), word.substring(equals + 1)));
        }
        return settings;
    }

    /** Words split at blanks outside quotes, the quotes taken away. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static List<Probe> probesIn(String source, String kind, String command) {
        List<Probe> probes = new ArrayList<>();
        Matcher url = URL.matcher(command);
        while (url.find()) {
            int port = url.group(1) == null ? 80 : Integer.parseInt(url.group(1));
            probes.add(new Probe(source, kind, url.group(2), port));
        }
        return probes;
    }

    // ---- Compose ---------------------------------------------------------------------------------

    private void readCompose(Yaml file) {
        file.get("services").entries().forEach((name, service) -> {
            String source = file.file() + ", service " + name;
            Runs runs = composeRuns(service);
            if (runs == null) {
                problems.add(source + ": runs neither the service (src/main/docker/Dockerfile.jvm), PostgreSQL"
                        + " nor Mailpit, so its variables cannot be checked");
                return;
            }
            List<Setting> settings = new ArrayList<>();
            Yaml environment = service.get("environment");
            if (environment.value() instanceof List<?>) {
                settings.addAll(assignments(
                        source, environment.items().stream().map(Yaml::text).toList()));
            } else {
                environment
                        .entries()
                        .forEach((variable, value) -> settings.add(new Setting(source, variable, value.text())));
            }
            List<Integer> ports = new ArrayList<>();
            for (Yaml port : service.get("ports").items()) {
                String target = port.get("target").exists()
                        ? port.get("target").text()
                        : port.text().replaceAll(".*:", "");
                ports.add(Integer.parseInt(target.replaceAll("/.*", "")));
            }
            List<Probe> probes = probesIn(source, "healthcheck", composeCommand(service.get("healthcheck", "test")));
            String user = service.get("user").exists()
                    ? service.get("user").text()
                    : runs == Runs.SERVICE_IMAGE ? "the image's (" + IMAGE + ")" : null;
            containers.add(new Container(source, name, runs, settings, ports, probes, user, service));
        });
    }

    private static Runs composeRuns(Yaml service) {
        String image = service.get("image").exists() ? service.get("image").text() : "";
        String dockerfile = service.get("build", "dockerfile").text();
        if (dockerfile != null && Path.of(dockerfile).endsWith(IMAGE)) {
            return Runs.SERVICE_IMAGE;
        } else if (image.startsWith("postgres:")) {
            return Runs.POSTGRES;
        } else if (image.startsWith("axllent/mailpit:")) {
            return Runs.MAILPIT;
        }
        return null;
    }

    /** A healthcheck's test: {@code [CMD, curl, ...]}, {@code [CMD-SHELL, "..."]} or a string. */
    static String composeCommand(Yaml test) {
        if (!test.exists()) {
            return "";
        }
        List<String> words = test.items().stream().map(Yaml::text).toList();
        return words.isEmpty() ? test.text() : String.join(" ", words.subList(1, words.size()));
    }

    // ---- Kubernetes ------------------------------------------------------------------------------

    Optional<Yaml> kubernetesObject(String kind, String name) {
        return kubernetesObjects.stream()
                .filter(o -> kind.equals(o.get("kind").text())
                        && name.equals(o.get("metadata", "name").text()))
                .findFirst();
    }

    private void readDeployment(Yaml deployment) {
        Yaml pod = deployment.get("spec", "template", "spec");
        for (Yaml container : pod.get("containers").items()) {
            String name = container.get("name").text();
            String source = deployment.file() + " (Deployment "
                    + deployment.get("metadata", "name").text() + ", container " + name + ")";
            List<Setting> settings = new ArrayList<>();
            for (Yaml from : container.get("envFrom").items()) {
                settings.addAll(variablesOf(
                        source,
                        from.get("configMapRef").exists() ? "ConfigMap" : "Secret",
                        (from.get("configMapRef").exists() ? from.get("configMapRef") : from.get("secretRef"))
                                .get("name")
                                .text()));
            }
            for (Yaml variable : container.get("env").items()) {
                settings.add(new Setting(source, variable.get("name").text(), kubernetesValue(source, variable)));
            }
            List<Integer> ports = new ArrayList<>();
            Map<String, Integer> named = new LinkedHashMap<>();
            for (Yaml port : container.get("ports").items()) {
                ports.add(Integer.valueOf(port.get("containerPort").text()));
                named.put(
                        port.get("name").text(),
                        Integer.valueOf(port.get("containerPort").text()));
            }
            List<Probe> probes = new ArrayList<>();
            for (String kind : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Yaml httpGet = container.get(kind, "httpGet");
                if (httpGet.exists()) {
                    String port = httpGet.get("port").text();
                    Integer number = port.matches("\\d+") ? Integer.valueOf(port) : named.get(port);
                    if (number == null) {
                        problems.add(source + ": the " + kind + " asks port " + port
                                + ", which the container does not name");
                    } else {
                        probes.add(new Probe(source, kind, httpGet.get("path").text(), number));
                    }
                }
            }
            containers.add(new Container(
                    source,
                    name,
                    Runs.SERVICE_IMAGE,
                    settings,
                    ports,
                    probes,
                    kubernetesUser(pod, container),
                    container));
        }
    }

    /** Every key of a ConfigMap or Secret as a variable (envFrom). */
    private List<Setting> variablesOf(String user, String kind, String name) {
        Optional<Yaml> object = kubernetesObject(kind, name);
        if (object.isEmpty()) {
            problems.add(user + ": envFrom names " + kind + " " + name + ", which no file defines");
            return List.of();
        }
        List<Setting> settings = new ArrayList<>();
        String source = object.get().file() + " (" + kind + " " + name + ")";
        stringValues(object.get()).forEach((key, value) -> settings.add(new Setting(source, key, value)));
        return settings;
    }

    /** A ConfigMap's data, a Secret's stringData and (decoded) data; Kubernetes takes strings only. */
    Map<String, String> stringValues(Yaml object) {
        Map<String, String> values = new LinkedHashMap<>();
        String source = object.file() + " (" + object.get("kind").text() + " "
                + object.get("metadata", "name").text() + ")";
        for (String field : List.of("data", "stringData")) {
            object.get(field).entries().forEach((key, value) -> {
                if (!(value.value() instanceof String text)) {
                    problems.add(source + ": " + key + " is no string (" + value.text() + "): quote it");
                } else {
                    boolean encoded =
                            field.equals("data") && object.get("kind").text().equals("Secret");
                    values.put(
                            key, encoded ? new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8) : text);
                }
            });
        }
        return values;
    }

    private String kubernetesValue(String source, Yaml variable) {
        if (variable.get("value").exists()) {
            if (!(variable.get("value").value() instanceof String)) {
                problems.add(source + ": the value of " + variable.get("name").text() + " is no string: quote it");
            }
            return variable.get("value").text();
        }
        for (String kind : List.of("ConfigMap", "Secret")) {
            Yaml reference = variable.get("valueFrom", kind.equals("ConfigMap") ? "configMapKeyRef" : "secretKeyRef");
            if (reference.exists()) {
                String name = reference.get("name").text();
                String key = reference.get("key").text();
                Optional<String> value =
                        kubernetesObject(kind, name).map(o -> stringValues(o).get(key));
                if (value.isEmpty()) {
                    problems.add(source + ": " + variable.get("name").text() + " comes from key " + key + " of " + kind
                            + " " + name + ", which no file defines");
                }
                return value.orElse(null);
            }
        }
        return null;
    }

    /** "non-root" when Kubernetes refuses to start the container as root, null when nothing says. */
    private static String kubernetesUser(Yaml pod, Yaml container) {
        for (Yaml context : List.of(container.get("securityContext"), pod.get("securityContext"))) {
            if ("true".equals(context.get("runAsNonRoot").text())) {
                return context.get("runAsUser").exists()
                        ? context.get("runAsUser").text()
                        : "non-root";
            }
        }
        return null;
    }

    // ---- systemd ---------------------------------------------------------------------------------

    private void readUnit(Path unit) {
        List<Setting> settings = new ArrayList<>();
        String user = null;
        for (String line : readLines(unit)) {
            int equals = line.indexOf('=');
            if (line.startsWith("#") || equals < 0) {
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            switch (key) {
                case "User" -> user = value;
                case "Environment" -> settings.addAll(assignments(unit.toString(), words(value)));
                case "EnvironmentFile" -> settings.addAll(environmentFile(unit, value));
                default -> {}
            }
        }
        containers.add(new Container(
                unit.toString(),
                unit.getFileName().toString(),
                Runs.SERVICE_ON_HOST,
                settings,
                List.of(),
                List.of(),
                user,
                null));
    }

    /**
     * The example beside the unit for its {@code EnvironmentFile=}, by file name. A commented-out
     * {@code #KEY=value} line shows an option, so it is read as well.
     */
    private List<Setting> environmentFile(Path unit, String path) {
        String name = Path.of(path.replaceFirst("^-", "")).getFileName().toString();
        Optional<Path> example = environmentFiles.stream()
                .filter(file -> file.getFileName().toString().equals(name))
                .findFirst();
        if (example.isEmpty()) {
            problems.add(unit + ": EnvironmentFile=" + path + " has no example " + name + " beside it");
            return List.of();
        }
        readEnvironmentFiles.add(example.get());
        List<Setting> settings = new ArrayList<>();
        for (String line : readLines(example.get())) {
            Matcher assignment = ASSIGNMENT.matcher(line.strip());
            if (assignment.matches()) {
                String text = line.strip().replaceFirst("^#", "");
                int equals = text.indexOf('=');
                settings.add(new Setting(
                        example.get().toString(),
                        text.substring(0, equals),
                        String.join(" ", words(text.substring(equals + 1)))));
            } else if (!line.isBlank() && !line.strip().startsWith("#")) {
                problems.add(example.get() + ": \"" + line + "\" is no KEY=value line");
            }
        }
        return settings;
    }

    /** {@code KEY=value}, or {@code #KEY=value} (no blank after the #: prose is no option). */
    private static final Pattern ASSIGNMENT = Pattern.compile("^(?:[A-Za-z_][A-Za-z0-9_]*|#[A-Z][A-Z0-9_]*)=.*$");

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
