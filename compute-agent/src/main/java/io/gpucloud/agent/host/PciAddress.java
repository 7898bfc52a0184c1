package io.gpucloud.agent.host;

import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PCI function address, written as Linux and libvirt write it: {@code 0000:3b:00.0}
 * (domain:bus:slot.function, lower-case hex).
 */
public record PciAddress(int domain, int bus, int slot, int function) implements Comparable<PciAddress> {

    // nvidia-smi writes an 8-digit domain ("00000000:3B:00.0"); lspci may leave the domain out ("3b:00.0").
    private static final Pattern TEXT = Pattern.compile(
            "(?:([0-9a-fA-F]{1,8}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\\.([0-7])");
    private static final Comparator<PciAddress> ORDER = Comparator.comparingInt(PciAddress::domain)
            .thenComparingInt(PciAddress::bus)
            .thenComparingInt(PciAddress::slot)
            .thenComparingInt(PciAddress::function);

    public PciAddress {
        check("domain", domain, 0xffff);
        check("bus", bus, 0xff);
        check("slot", slot, 0x1f);
        check("function", function, 0x7);
    }

    /** Parses {@code 0000:3b:00.0}, {@code 00000000:3B:00.0} (nvidia-smi) or {@code 3b:00.0} (domain 0). */
    public static PciAddress parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a PCI address: '" + text + "'");
        }
        long domain = m.group(1) == null ? 0 : Long.parseLong(m.group(1), 16);
        if (domain > 0xffff) {
            throw new IllegalArgumentException("PCI domain out of range in '" + text + "'");
        }
        return new PciAddress((int) domain, Integer.parseInt(m.group(2), 16), Integer.parseInt(m.group(3), 16),
                Integer.parseInt(m.group(4), 16));
    }

    /** The name libvirt gives the node device at this address, e.g. {@code pci_0000_3b_00_0}. */
    public String libvirtNodeDeviceName() {
        return String.format(Locale.ROOT, "pci_%04x_%02x_%02x_%x", domain, bus, slot, function);
    }

    @Override
    public int compareTo(PciAddress other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04x:%02x:%02x.%x", domain, bus, slot, function);
    }

    private static void check(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("PCI " + field + " out of range: " + value);
        }
    }
}
