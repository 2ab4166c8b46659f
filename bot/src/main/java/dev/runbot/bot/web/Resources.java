package dev.runbot.bot.web;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU and memory an environment's namespace requests, read back from the quota the
 * provisioner computes for it, so the dashboard prices exactly what the cluster is asked for.
 *
 * @param millicores  requested CPU in thousandths of a core
 * @param memoryBytes requested memory in bytes
 */
public record Resources(long millicores, long memoryBytes) {

    private static final Pattern CPU = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(m?)");
    private static final Pattern BYTES = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?");
    private static final String BINARY = "KiMiGiTiPiEi";
    private static final String DECIMAL = "kMGTPE";

    /** Reads Kubernetes quantities such as {@code 550m} and {@code 768Mi}, as the quota holds them. */
    public static Resources of(String cpu, String memory) {
        Matcher cores = CPU.matcher(cpu.strip());
        Matcher bytes = BYTES.matcher(memory.strip());
        if (!cores.matches() || !bytes.matches()) {
            throw new IllegalArgumentException("\"" + cpu + "\" / \"" + memory
                    + "\" are not a CPU and a memory quantity such as 550m and 768Mi");
        }
        BigDecimal millicores = new BigDecimal(cores.group(1))
                .multiply(cores.group(2).isEmpty() ? BigDecimal.valueOf(1000) : BigDecimal.ONE);
        BigDecimal multiplier = BigDecimal.ONE;
        String suffix = bytes.group(2);
        if (suffix != null) {
            multiplier = suffix.length() == 2
                    ? BigDecimal.valueOf(1024).pow(BINARY.indexOf(suffix) / 2 + 1)
                    : BigDecimal.valueOf(1000).pow(DECIMAL.indexOf(suffix) + 1);
        }
        return new Resources(millicores.longValue(), new BigDecimal(bytes.group(1)).multiply(multiplier).longValue());
    }

    /** How people read it: {@code 0.55 CPU, 768 MiB}. */
    public String label() {
        return BigDecimal.valueOf(millicores, 3).stripTrailingZeros().toPlainString() + " CPU, "
                + (memoryBytes >> 20) + " MiB";
    }
}
