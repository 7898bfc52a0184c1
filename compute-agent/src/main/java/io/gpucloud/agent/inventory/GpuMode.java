package io.gpucloud.agent.inventory;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the operator offers one GPU: whole ({@code passthrough}, the default), as vGPU slices of one mediated
 * device type ({@code vgpu:<mdev type id>}) or as MIG slices of one profile backed by a mediated device type
 * ({@code mig:<profile>=<mdev type id>}, e.g. {@code mig:1g.10gb=nvidia-699}). Taking a GPU out of service is
 * separate from its mode (see {@link HostPlan}).
 *
 * @param mdevType the mediated device type slices are created from; empty for passthrough
 * @param migProfile the MIG profile name for {@link Kind#MIG}, e.g. {@code 1g.10gb}
 */
public record GpuMode(Kind kind, Optional<String> mdevType, Optional<String> migProfile) {

    public enum Kind { PASSTHROUGH, VGPU, MIG }

    public static final GpuMode PASSTHROUGH = new GpuMode(Kind.PASSTHROUGH, Optional.empty(), Optional.empty());

    private static final Pattern MIG = Pattern.compile("mig:([0-9]+g\\.[0-9]+gb(?:\\+me)?)=(\\S+)");
    private static final Pattern VGPU = Pattern.compile("vgpu:(\\S+)");

    public GpuMode {
        requireNonNull(kind, "kind is null");
        requireNonNull(mdevType, "mdevType is null");
        requireNonNull(migProfile, "migProfile is null");
        if ((kind == Kind.VGPU || kind == Kind.MIG) != mdevType.isPresent()) {
            throw new IllegalArgumentException(kind + " mode " + (mdevType.isPresent() ? "takes no" : "needs a")
                    + " mediated device type");
        }
        if ((kind == Kind.MIG) != migProfile.isPresent()) {
            throw new IllegalArgumentException("only MIG mode names a MIG profile");
        }
    }

    /** Parses the forms in the class comment; throws with the accepted forms on anything else. */
    public static GpuMode parse(String text) {
        String value = requireNonNull(text, "text is null").strip();
        if (value.equalsIgnoreCase("passthrough")) {
            return PASSTHROUGH;
        }
        Matcher vgpu = VGPU.matcher(value);
        if (vgpu.matches()) {
            return new GpuMode(Kind.VGPU, Optional.of(vgpu.group(1)), Optional.empty());
        }
        Matcher mig = MIG.matcher(value.toLowerCase(Locale.ROOT));
        if (mig.matches()) {
            return new GpuMode(Kind.MIG, Optional.of(value.substring(value.indexOf('=') + 1)),
                    Optional.of(mig.group(1)));
        }
        throw new IllegalArgumentException("Unknown GPU mode '" + text + "': expected passthrough, "
                + "vgpu:<mdev type id> or mig:<profile, e.g. 1g.10gb>=<mdev type id>");
    }

    /** The Placement resource class this mode offers: PGPU, VGPU or e.g. CUSTOM_MIG_1G_10GB. */
    public String resourceClass() {
        return switch (kind) {
            case PASSTHROUGH -> "PGPU";
            case VGPU -> "VGPU";
            case MIG -> "CUSTOM_MIG_" + migProfile.orElseThrow().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        };
    }
}
