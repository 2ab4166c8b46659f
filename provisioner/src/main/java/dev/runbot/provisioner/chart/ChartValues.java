package dev.runbot.provisioner.chart;

import dev.runbot.provisioner.config.Database;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentLabels;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes the chart values of one environment from server settings, the repository's
 * configuration and the {@code --set} overrides. Overrides are paths under {@code app}
 * ({@code replicas}, {@code env.FEATURE_FLAG}) and always plain strings; only {@code replicas}
 * is read as a number, because the quota is sized from it.
 *
 * <p>The namespace quota is the app's resources times its replicas, plus
 * {@code runbot.chart.database-cpu}/{@code -memory} per database, plus {@link #SEED_CPU}/{@link #SEED_MEMORY}
 * while a seed Job runs; the chart cannot add quantities itself.
 */
public final class ChartValues {

    /** CPU request of the seed Job, and of any container that names none. */
    static final String SEED_CPU = "100m";
    /** Memory request and limit of the seed Job, and of any container that names none. */
    static final String SEED_MEMORY = "128Mi";

    private static final int SCRIPT_NAME_MAX = 200;

    private ChartValues() {
    }

    public static Map<String, Object> of(RenderRequest request, ChartSettings settings) {
        Environment environment = request.environment();
        PreviewConfig config = request.config();
        Map<String, Object> app = app(environment, config);
        int replicas = replicas(app);
        app.put("replicas", replicas);

        List<Database> databases = List.copyOf(new LinkedHashSet<>(config.databases()));
        Optional<Database> primary = databases.stream().filter(Database::sql).findFirst();
        List<Map<String, Object>> scripts = primary.isPresent() ? scripts(request.seedScripts()) : List.of();

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("labels", EnvironmentLabels.labels(environment));
        values.put("annotations", EnvironmentLabels.annotations(environment));
        values.put("app", app);
        values.put("ingress", ingress(environment, settings));
        values.put("quota", quota(app, replicas, databases.size(), !scripts.isEmpty(), settings));
        values.put("limitRange", limitRange(app, !databases.isEmpty(), settings));
        values.put("networkPolicy", Map.of(
                "ingressNamespace", settings.ingressNamespace(),
                "observabilityNamespace", settings.observabilityNamespace()));
        values.put("databases", databases(request, databases, primary, settings));
        values.put("seed", Map.of(
                "scripts", scripts,
                "resources", Map.of("cpu", SEED_CPU, "memory", SEED_MEMORY)));
        return values;
    }

    private static Map<String, Object> app(Environment environment, PreviewConfig config) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("image", environment.image());
        app.put("port", config.port());
        app.put("healthPath", config.healthPath());
        app.put("replicas", 1);
        app.put("env", new TreeMap<>(config.env()));
        app.put("resources", Map.of("cpu", config.resources().cpu(), "memory", config.resources().memory()));
        environment.overrides().forEach((path, value) -> put(app, path, value));
        return app;
    }

    private static int replicas(Map<String, Object> app) {
        Object replicas = app.get("replicas");
        if (replicas instanceof Integer number) {
            return number;
        }
        String text = String.valueOf(replicas).trim();
        if (!text.matches("[0-9]{1,4}")) {
            throw new ChartRenderingException("--set replicas=\"" + replicas + "\" is not a whole number of replicas", null);
        }
        return Integer.parseInt(text);
    }

    private static Map<String, Object> ingress(Environment environment, ChartSettings settings) {
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("secretName", settings.tlsSecret() == null ? "" : settings.tlsSecret());
        tls.put("clusterIssuer", settings.clusterIssuer() == null ? "" : settings.clusterIssuer());
        return Map.of(
                "host", URI.create(environment.url()).getHost(),
                "className", settings.ingressClass(),
                "tls", tls);
    }

    private static Map<String, Object> quota(Map<String, Object> app, int replicas, int databases, boolean seed,
            ChartSettings settings) {
        long cpu = Quantities.millicores(appResource(app, "cpu"), "app.resources.cpu") * replicas
                + Quantities.millicores(settings.databaseCpu(), "runbot.chart.database-cpu") * databases
                + (seed ? Quantities.millicores(SEED_CPU, "seed cpu") : 0);
        long memory = Quantities.bytes(appResource(app, "memory"), "app.resources.memory") * replicas
                + Quantities.bytes(settings.databaseMemory(), "runbot.chart.database-memory") * databases
                + (seed ? Quantities.bytes(SEED_MEMORY, "seed memory") : 0);
        long storage = Quantities.bytes(settings.databaseStorage(), "runbot.chart.database-storage") * databases;
        Map<String, Object> quota = new LinkedHashMap<>();
        quota.put("cpu", Quantities.cpu(cpu));
        quota.put("memory", Quantities.bytes(memory));
        quota.put("persistentVolumeClaims", databases);
        quota.put("storage", Quantities.bytes(storage));
        return quota;
    }

    /** The largest container decides the per-container maximum; the defaults must fit under it too. */
    private static Map<String, Object> limitRange(Map<String, Object> app, boolean databases, ChartSettings settings) {
        long largest = Math.max(Quantities.bytes(appResource(app, "memory"), "app.resources.memory"),
                Quantities.bytes(SEED_MEMORY, "seed memory"));
        if (databases) {
            largest = Math.max(largest, Quantities.bytes(settings.databaseMemory(), "runbot.chart.database-memory"));
        }
        Map<String, Object> limitRange = new LinkedHashMap<>();
        limitRange.put("defaultCpu", SEED_CPU);
        limitRange.put("defaultMemory", SEED_MEMORY);
        limitRange.put("maxContainerMemory", Quantities.bytes(largest));
        limitRange.put("maxClaimStorage", Quantities.bytes(
                Quantities.bytes(settings.databaseStorage(), "runbot.chart.database-storage")));
        return limitRange;
    }

    private static Map<String, Object> databases(RenderRequest request, List<Database> enabled,
            Optional<Database> primary, ChartSettings settings) {
        Map<String, Object> databases = new LinkedHashMap<>();
        databases.put("resources", Map.of("cpu", settings.databaseCpu(), "memory", settings.databaseMemory()));
        databases.put("storage", Map.of(
                "size", settings.databaseStorage(),
                "className", settings.databaseStorageClass() == null ? "" : settings.databaseStorageClass()));
        databases.put("primary", primary.map(Database::key).orElse(""));
        for (Database database : Database.values()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("enabled", enabled.contains(database));
            values.put("image", switch (database) {
                case POSTGRES -> settings.postgresImage();
                case MARIADB -> settings.mariadbImage();
                case REDIS -> settings.redisImage();
            });
            if (enabled.contains(database)) {
                DatabaseCredentials credentials = request.credentials().get(database);
                if (credentials == null) {
                    throw new ChartRenderingException("rendering \"" + request.environment().name()
                            + "\" needs credentials for database \"" + database.key() + "\" and none were given", null);
                }
                if (database.sql()) {
                    values.put("database", credentials.database());
                }
                values.put("username", credentials.username());
                values.put("password", credentials.password());
            }
            databases.put(database.key(), values);
        }
        return databases;
    }

    /**
     * The seed scripts as ConfigMap entries named {@code 001-schema.sql}, {@code 002-data.sql}: the
     * number keeps their order (the Job runs them sorted by name) and two scripts of the same file
     * name in different folders apart.
     */
    private static List<Map<String, Object>> scripts(Map<String, String> seedScripts) {
        if (seedScripts.size() > 999) {
            throw new ChartRenderingException("a repository may seed with at most 999 scripts, this one names "
                    + seedScripts.size(), null);
        }
        List<Map<String, Object>> scripts = new ArrayList<>();
        int number = 0;
        for (Map.Entry<String, String> script : seedScripts.entrySet()) {
            number++;
            String name = String.format(Locale.ROOT, "%03d-%s", number, fileName(script.getKey()));
            scripts.add(Map.of("name", name, "sql", script.getValue()));
        }
        return scripts;
    }

    private static String fileName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "-");
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            name = "script.sql";
        }
        return name.length() > SCRIPT_NAME_MAX ? name.substring(name.length() - SCRIPT_NAME_MAX) : name;
    }

    private static String appResource(Map<String, Object> app, String key) {
        if (app.get("resources") instanceof Map<?, ?> resources && resources.get(key) instanceof String value) {
            return value;
        }
        throw new ChartRenderingException("app.resources." + key + " must be a quantity such as "
                + ("cpu".equals(key) ? "300m" : "512Mi") + ", the values hold " + app.get("resources"), null);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, String value) {
        String[] keys = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            Object child = node.get(keys[i]);
            if (!(child instanceof Map)) {
                child = new TreeMap<String, Object>();
                node.put(keys[i], child);
            } else {
                child = new TreeMap<>((Map<String, Object>) child);
                node.put(keys[i], child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(keys[keys.length - 1], value);
    }

    /**
     * Adds Kubernetes quantities the way the API server reads them, and writes sums in the form it
     * writes them back ({@code 1050m}, {@code 2}, {@code 1280Mi}, {@code 3Gi}), so what runbot
     * applies is what the cluster shows.
     */
    static final class Quantities {

        private static final Pattern CPU = Pattern.compile("([0-9]+)m|([0-9]+)(?:\\.([0-9]{1,3}))?");
        private static final Pattern BYTES = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?");
        private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        private static final String[] DECIMAL = {"k", "M", "G", "T", "P", "E"};

        private Quantities() {
        }

        static long millicores(String value, String what) {
            Matcher matcher = CPU.matcher(value == null ? "" : value.trim());
            if (!matcher.matches()) {
                throw new ChartRenderingException(what + " \"" + value
                        + "\" is not a CPU quantity such as 300m or 1.5", null);
            }
            if (matcher.group(1) != null) {
                return Long.parseLong(matcher.group(1));
            }
            String fraction = matcher.group(3) == null ? "" : matcher.group(3);
            return Long.parseLong(matcher.group(2)) * 1000
                    + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00").substring(0, 3)));
        }

        static long bytes(String value, String what) {
            Matcher matcher = BYTES.matcher(value == null ? "" : value.trim());
            if (!matcher.matches()) {
                throw new ChartRenderingException(what + " \"" + value
                        + "\" is not a quantity of bytes such as 512Mi or 1Gi", null);
            }
            BigDecimal number = new BigDecimal(matcher.group(1));
            String suffix = matcher.group(2);
            BigDecimal multiplier = BigDecimal.ONE;
            if (suffix != null) {
                int binary = List.of(BINARY).indexOf(suffix);
                multiplier = binary >= 0
                        ? BigDecimal.valueOf(1024).pow(binary + 1)
                        : BigDecimal.valueOf(1000).pow(List.of(DECIMAL).indexOf(suffix) + 1);
            }
            try {
                return number.multiply(multiplier).longValueExact();
            } catch (ArithmeticException notWhole) {
                throw new ChartRenderingException(what + " \"" + value + "\" is not a whole number of bytes", null);
            }
        }

        static String cpu(long millicores) {
            return millicores % 1000 == 0 ? Long.toString(millicores / 1000) : millicores + "m";
        }

        static String bytes(long bytes) {
            if (bytes == 0) {
                return "0";
            }
            for (int exponent = BINARY.length; exponent >= 1; exponent--) {
                long unit = 1L << (10 * exponent);
                if (bytes % unit == 0) {
                    return bytes / unit + BINARY[exponent - 1];
                }
            }
            for (int exponent = DECIMAL.length; exponent >= 1; exponent--) {
                long unit = (long) Math.pow(1000, exponent);
                if (bytes % unit == 0) {
                    return bytes / unit + DECIMAL[exponent - 1];
                }
            }
            return Long.toString(bytes);
        }
    }
}
