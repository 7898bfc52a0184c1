package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Makes root disks: a qcow2 overlay over the base image, so a build copies nothing and the base stays shared. */
public final class QemuImg {

    private final ExternalCommand command;

    public QemuImg(ExternalCommand command) {
        this.command = requireNonNull(command, "command is null");
    }

    /**
     * {@code qemu-img create -f qcow2 -F qcow2 -b <base> <overlay> <size>G}.
     *
     * @param sizeGb the disk's virtual size; 0 keeps the base image's size (a flavor with no root disk size)
     */
    public void createOverlay(Path base, Path overlay, int sizeGb) {
        List<String> argv = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                base.toAbsolutePath().toString(), overlay.toAbsolutePath().toString()));
        if (sizeGb > 0) {
            argv.add(sizeGb + "G");
        }
        command.run(argv);
    }
}
