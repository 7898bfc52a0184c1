package io.gpucloud.agent.instance;

import io.gpucloud.agent.domain.MediatedGpu;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.Device;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and removes mediated devices (vGPU / MIG slices) through libvirt's node-device API
 * ({@code virNodeDeviceCreateXML}, which uses mdevctl on the host), so they exist before a domain that names them
 * starts. Created devices are transient: they vanish on host reboot, and the agent recreates them on the next build.
 *
 * <p>libvirt's test driver can create only fibre-channel vHBAs (it answers {@code VIR_ERR_INTERNAL_ERROR "Device is
 * not a fibre channel HBA"}, found by trying), and hosts without mdev support answer "unsupported": in both cases
 * creation is skipped, since the domain can still be defined with the uuid.
 */
final class MediatedDevices {

    private static final Logger log = LoggerFactory.getLogger(MediatedDevices.class);

    /** Creates the device unless one with its uuid exists (a redelivered build). */
    void create(Connect connect, MediatedGpu mdev) throws LibvirtException {
        if (find(connect, mdev.uuid()) != null) {
            return;
        }
        String xml = "<device><parent>" + mdev.parent().libvirtNodeDeviceName() + "</parent>"
                + "<capability type='mdev'><type id='" + typeId(mdev) + "'/><uuid>" + mdev.uuid()
                + "</uuid></capability></device>";
        try {
            connect.deviceCreateXML(xml).free();
        } catch (LibvirtException e) {
            if (cannotCreate(connect, e)) {
                log.debug("libvirt {} creates no mediated devices ({}); {} is left to the domain", connect.getURI(),
                        LibvirtConnection.message(e), mdev.uuid());
                return;
            }
            throw e;
        }
    }

    /** Removes the device if it exists; nothing to do otherwise. */
    void remove(Connect connect, UUID uuid) throws LibvirtException {
        Device device = find(connect, uuid);
        if (device == null) {
            return;
        }
        try {
            device.destroy();
        } finally {
            device.free();
        }
    }

    private static Device find(Connect connect, UUID uuid) throws LibvirtException {
        String[] names;
        try {
            names = connect.listDevices("mdev");
        } catch (LibvirtException e) {
            if (unsupported(e)) {
                return null;
            }
            throw e;
        }
        // Names are mdev_<uuid with underscores>, followed by _<parent> since libvirt 7.8.
        String prefix = "mdev_" + uuid.toString().replace('-', '_');
        for (String name : names) {
            if (name.startsWith(prefix)) {
                return connect.deviceLookupByName(name);
            }
        }
        return null;
    }

    /** The type id goes into markup: only characters a kernel mdev type id has (nvidia-699) are accepted. */
    private static String typeId(MediatedGpu mdev) {
        if (!mdev.typeId().matches("[A-Za-z0-9_.:-]+")) {
            throw new IllegalArgumentException("not a mediated device type id: " + mdev.typeId());
        }
        return mdev.typeId();
    }

    private static boolean cannotCreate(Connect connect, LibvirtException e) throws LibvirtException {
        return unsupported(e) || "TEST".equals(connect.getType());
    }

    private static boolean unsupported(LibvirtException e) {
        ErrorNumber code = e.getError() == null ? null : e.getError().getCode();
        return code == ErrorNumber.VIR_ERR_NO_SUPPORT || code == ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED;
    }
}
