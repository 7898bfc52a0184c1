package io.gpucloud.compute.server;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.common.messaging.OutboxWriter;
import io.gpucloud.common.messaging.contract.BuildSpec;
import io.gpucloud.common.messaging.contract.InstanceAction;
import io.gpucloud.common.messaging.contract.InstanceDeleted;
import io.gpucloud.compute.host.HostStates;
import io.gpucloud.common.messaging.contract.ScheduleInstance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, acting on and deleting servers. Every change of an instance and the message that carries it on
 * (ScheduleInstance, InstanceAction, InstanceDeleted) commit together through the outbox, so a broker outage
 * delays work but loses none. Actions lock the instance's row, as the event handlers do, so they never
 * interleave on one instance.
 */
@Service
public class ServerService {

    private static final Logger log = LoggerFactory.getLogger(ServerService.class);

    private final InstanceRepository instances;
    private final ServerCatalogs catalogs;
    private final OutboxWriter outbox;
    private final QuotaGate quotas;
    private final HostStates hosts;
    private final Clock clock;

    ServerService(InstanceRepository instances, ServerCatalogs catalogs, OutboxWriter outbox, QuotaGate quotas,
            HostStates hosts, Clock clock) {
        this.instances = requireNonNull(instances, "instances is null");
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Validates the request, stores the instances in BUILDING/scheduling and asks the scheduler to place each.
     * Nothing is stored when anything is wrong.
     */
    @Transactional
    public List<Instance> create(CreateServerRequest request, AuthContext caller) {
        FlavorSnapshot flavor = catalogs.flavor(request.flavorRef(), caller)
                .orElseThrow(() -> ApiException.badRequest("Flavor " + request.flavorRef() + " could not be found."));
        ServerCatalogs.ImageInfo image = catalogs.image(request.imageRef(), caller)
                .orElseThrow(() -> ApiException.badRequest("Image " + request.imageRef() + " could not be found."));
        if (flavor.disk() > 0 && image.minDiskGb() > flavor.disk()) {
            throw ApiException.badRequest("Flavor's disk is too small for requested image. Flavor disk is "
                    + flavor.disk() + " GB, minimum requested disk is " + image.minDiskGb() + " GB.");
        }
        if (image.minRamMb() > flavor.ram()) {
            throw ApiException.badRequest("Flavor's memory is too small for requested image.");
        }
        String publicKey = null;
        if (request.keyName() != null) {
            publicKey = catalogs.publicKey(request.keyName(), caller)
                    .orElseThrow(() -> ApiException.badRequest("Invalid key_name provided."));
        }
        if (request.availabilityZone() != null && !catalogs.availabilityZone(request.availabilityZone())) {
            throw ApiException.badRequest("The requested availability zone is not available");
        }
        quotas.reserve(caller.projectId(), flavor, request.count());

        Instant now = clock.instant();
        List<Instance> created = new ArrayList<>();
        for (int index = 1; index <= request.count(); index++) {
            String name = request.count() == 1 ? request.name() : request.name() + "-" + index;
            Instance instance = new Instance(UUID.randomUUID(), caller.projectId(), caller.userId(), name, flavor,
                    image.uuid(), request.keyName(), request.userData(), request.metadata(),
                    request.availabilityZone(), request.accessIpv4(), request.accessIpv6(), request.diskConfig(),
                    request.schedulerHints(), request.serverGroup().map(group -> group.uuid()).orElse(null),
                    Lifecycle.created(), null, List.of(), null, null, now, now, null, null);
            instances.insert(instance);
            outbox.appendCommand(ScheduleInstance.ROUTING_KEY, new ScheduleInstance(instance.uuid(),
                    caller.projectId(), caller.userId(), flavor.spec(), image.properties(), request.availabilityZone(),
                    request.schedulerHints(), request.serverGroup().orElse(null),
                    new BuildSpec(name, image.uuid(), request.keyName(), publicKey, request.userData(),
                            request.metadata())));
            created.add(instance);
        }
        log.info("created {} server(s) of flavor {} for project {}", created.size(), flavor.name(),
                caller.projectId());
        return created;
    }

    /** The instance if it exists, is not deleted and the caller may see it (its project, or any for an admin). */
    @Transactional(readOnly = true)
    public Optional<Instance> find(UUID uuid, AuthContext caller) {
        return instances.find(uuid).filter(instance -> !instance.deleted() && visibleTo(instance, caller));
    }

    @Transactional(readOnly = true)
    public List<Instance> list(ServerQuery query) {
        return instances.list(query);
    }

    @Transactional(readOnly = true)
    public List<InstanceRepository.Brief> listBrief(ServerQuery query) {
        return instances.listBrief(query);
    }

    @Transactional
    public Instance rename(UUID uuid, String name, AuthContext caller) {
        Instance instance = lockVisible(uuid, caller);
        Instance renamed = instance.withName(name, clock.instant());
        instances.update(renamed);
        return renamed;
    }

    @Transactional
    public void start(UUID uuid, AuthContext caller) {
        act(uuid, caller, InstanceAction.Action.START);
    }

    @Transactional
    public void stop(UUID uuid, AuthContext caller) {
        act(uuid, caller, InstanceAction.Action.STOP);
    }

    @Transactional
    public void reboot(UUID uuid, boolean hard, AuthContext caller) {
        act(uuid, caller, hard ? InstanceAction.Action.REBOOT_HARD : InstanceAction.Action.REBOOT_SOFT);
    }

    /**
     * Deletes the server: its host is told to delete the guest, and it is gone once the host says so; a server
     * that never got a host is gone at once, and so is one whose host is down (a local delete: the command waits
     * in the host's queue and the guest goes when the host is back). Either way the scheduler then releases its
     * claim.
     */
    @Transactional
    public void delete(UUID uuid, AuthContext caller) {
        Instance instance = lockVisible(uuid, caller);
        Lifecycle next = instance.lifecycle().delete(uuid);
        if (instance.host() == null) {
            finishDelete(instance.withLifecycle(next));
            return;
        }
        outbox.appendCommand(InstanceAction.routingKey(instance.host()),
                new InstanceAction(uuid, instance.host(), InstanceAction.Action.DELETE));
        if (hosts.isDown(instance.host())) {
            log.warn("host {} of server {} is down: deleted locally, the guest goes when the host is back",
                    instance.host(), uuid);
            finishDelete(instance.withLifecycle(next));
            return;
        }
        instances.update(instance.withLifecycle(next));
    }

    /**
     * Marks the instance deleted (its quota share is free from now: usage is counted from live instances) and has
     * the scheduler release what it holds.
     */
    void finishDelete(Instance instance) {
        Instance gone = instance.withLifecycle(instance.lifecycle().deleted()).deletedAt(clock.instant());
        instances.update(gone);
        outbox.appendEvent(InstanceDeleted.ROUTING_KEY, new InstanceDeleted(gone.uuid(), gone.projectId()));
        log.info("server {} deleted", gone.uuid());
    }

    private void act(UUID uuid, AuthContext caller, InstanceAction.Action action) {
        Instance instance = lockVisible(uuid, caller);
        Lifecycle lifecycle = instance.lifecycle();
        Lifecycle next = switch (action) {
            case START -> lifecycle.start(uuid);
            case STOP -> lifecycle.stop(uuid);
            case REBOOT_SOFT -> lifecycle.reboot(uuid, false);
            case REBOOT_HARD -> lifecycle.reboot(uuid, true);
            case DELETE -> throw new IllegalArgumentException("delete is not an action here");
        };
        if (instance.host() == null) {
            throw new InstanceStateConflictException("Instance " + uuid + " has no host to act on yet.");
        }
        instances.update(instance.withLifecycle(next));
        outbox.appendCommand(InstanceAction.routingKey(instance.host()), new InstanceAction(uuid, instance.host(),
                action));
    }

    private Instance lockVisible(UUID uuid, AuthContext caller) {
        return instances.findForUpdate(uuid).filter(instance -> !instance.deleted() && visibleTo(instance, caller))
                .orElseThrow(() -> ApiException.notFound("Instance " + uuid + " could not be found."));
    }

    static boolean visibleTo(Instance instance, AuthContext caller) {
        return caller.isAdmin() || instance.projectId().equals(caller.projectId());
    }
}
